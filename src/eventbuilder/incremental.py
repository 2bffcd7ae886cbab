"""Incremental builds: which records a build analyses and which take their rows from the parent.

The parent is the latest version under the output root (the same version the link stage takes
its event ids from). Its rows are reused only when its pipeline fingerprint equals this build's
(see :mod:`eventbuilder.fingerprint`); then a record whose fingerprint the parent knows gets the
parent's rows for its document, and every other record is analysed. Records whose raw files are
gone are simply not among the inputs. The result is, table for table, what a full build on the
same parent gives (the test suite checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventbuilder.fingerprint import changed_components, pipeline_fingerprint
from eventbuilder.model import RawRecord
from eventbuilder.options import BuildOptions
from eventbuilder.pipeline import RecordResult
from eventbuilder.store.reuse import ParentRows
from eventbuilder.store.versions import resolve_version


@dataclass
class Reused:
    """A record whose rows come from the parent; read them with :meth:`result` when they are due."""

    source_path: str
    line: int | None
    doc_id: str
    kept: bool  # False: a duplicate of an earlier record, it needs no rows
    source: ParentRows

    def result(self) -> RecordResult:
        rows = self.source.rows(self.doc_id) if self.kept else {}
        return RecordResult(self.source_path, self.line, self.doc_id, rows)


@dataclass
class ReusePlan:
    """What a build takes from its parent, decided record by record in input order."""

    mode: str  # incremental | full
    reason: str
    parent: str | None
    pipeline: dict[str, Any]
    source: ParentRows | None = None
    records_reused: int = 0
    records_analysed: int = 0
    _seen: set[str] = field(default_factory=set)  # documents of reused records so far

    def lookup(self, record: RawRecord, fingerprint: str) -> Reused | None:
        """The parent's rows for this record, or None when it must be analysed. Call in input order."""
        known = self.source.entry(fingerprint) if self.source is not None else None
        reused = None
        if known is not None and self.source is not None:
            doc_id, kept = known
            if kept:
                reused = Reused(record.source_path, record.line, doc_id, True, self.source)
                self._seen.add(doc_id)
            elif doc_id in self._seen:
                # a duplicate of an earlier record: the build's merge rejects it, it needs no rows
                reused = Reused(record.source_path, record.line, doc_id, False, self.source)
        self.records_reused += reused is not None
        self.records_analysed += reused is None
        return reused

    def manifest(self, documents_reused: int, documents_analysed: int) -> dict[str, Any]:
        return {"mode": self.mode, "reason": self.reason, "parent": self.parent,
                "records_reused": self.records_reused, "records_analysed": self.records_analysed,
                "documents_reused": documents_reused, "documents_analysed": documents_analysed,
                "pipeline": self.pipeline}


def plan_reuse(out: Path, parent: str | None, options: BuildOptions, full: bool = False) -> ReusePlan:
    """What this build may reuse from ``parent`` (a version name under ``out``, or None)."""
    pipeline = pipeline_fingerprint(options)
    source, reason = _parent_rows(out, parent, pipeline, full)
    return ReusePlan("full" if source is None else "incremental", reason, parent, pipeline, source)


def _parent_rows(out: Path, parent: str | None, pipeline: dict[str, Any],
                 full: bool) -> tuple[ParentRows | None, str]:
    if full:
        return None, "full build requested"
    if parent is None:
        return None, "no parent version"
    info = resolve_version(out, parent)
    recorded = info.manifest.get("incremental", {}).get("pipeline")
    if recorded is None or not ParentRows.available(info.path):
        return None, f"parent {parent} has no record fingerprints"
    if recorded.get("digest") != pipeline["digest"]:
        return None, f"pipeline changed since {parent}: {', '.join(changed_components(recorded, pipeline))}"
    try:
        return ParentRows(info.path), f"unchanged records reuse {parent}'s rows"
    except (OSError, pa.ArrowException) as exc:  # a damaged parent: analyse everything rather than fail
        return None, f"parent {parent}'s record fingerprints are unreadable ({type(exc).__name__}: {exc})"
