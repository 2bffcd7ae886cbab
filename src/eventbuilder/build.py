"""``build``: raw folder in, one new immutable version of every table out."""

from __future__ import annotations

import functools
import platform
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventbuilder import __version__
from eventbuilder.engines import make_engine
from eventbuilder.errors import ConfigError
from eventbuilder.incremental import ReusePlan, plan_reuse
from eventbuilder.ingest.discover import discover, input_files
from eventbuilder.ingest.published import parse_timestamp
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions
from eventbuilder.pipeline import RecordResult, process_record, reject_result
from eventbuilder.schemas import TABLES, load_schema, to_arrow
from eventbuilder.store.reuse import FINGERPRINTS, fingerprints_table
from eventbuilder.store.versions import VersionInfo, latest_version, publish_version, sha256_file
from eventbuilder.tabulate.rows import reject_row

# Tables made of per-document rows; the link stage makes the others from all claims at once.
ROW_TABLES = ("documents", "rejects", "claims", "places")


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote: the version and the accounting of every input record."""

    version: VersionInfo
    counts: dict[str, int]
    reject_reasons: dict[str, int]
    incremental: dict[str, Any] = field(default_factory=dict)  # mode, parent, records reused and analysed

    @property
    def ok(self) -> bool:
        return self.counts["input_records"] == self.counts["documents"] + self.counts["rejects"]


def build(raw: str | Path = "raw", out: str | Path = "outputs", options: BuildOptions | None = None,
          *, progress: bool = False, full: bool = False) -> BuildReport:
    """Build every record under ``raw`` into a new version under ``out``.

    Every input record ends up in ``documents`` or ``rejects`` (duplicates are rejects with
    reason ``duplicate``); the version appears atomically, and identical inputs give identical
    tables. Builds are incremental: records unchanged since the latest version (same record, same
    pipeline fingerprint) take their rows from it; ``full=True`` analyses every record again. Either
    way the tables are the same.
    """
    raw, out = Path(raw), Path(out)
    options = options or BuildOptions()
    _check_override(options)
    items = list(discover(raw, options))
    records = [item for item in items if isinstance(item, RawRecord)]
    if options.published and len(records) != 1:
        raise ConfigError(f"--published applies to a build of one article; {raw} holds {len(records)}")
    parent = latest_version(out)
    plan = plan_reuse(out, parent, records, options, full)
    results = _run(plan.to_analyse(records), options, progress)
    record_results = iter([plan.reused[i] if i in plan.reused else next(results) for i in range(len(records))])
    ordered = [reject_result(item) if isinstance(item, Reject) else next(record_results) for item in items]
    tables_rows, kept = _merge(ordered)
    documents = to_arrow("documents", tables_rows["documents"])
    linked = _link(tables_rows, documents, out, parent)
    tables = {name: to_arrow(name, tables_rows[name]) for name in ROW_TABLES if name != "documents"}
    tables = {"documents": documents, **tables, "events": linked.events, "event_links": linked.event_links,
              "event_redirects": linked.event_redirects}
    counts = _counts(ordered, tables)
    fingerprints, incremental = _fingerprints(plan, items, ordered, kept)
    manifest = {**_manifest(raw, options, counts, tables), "link": linked.stats, "incremental": incremental}
    version = publish_version(out, tables, manifest, _report_writer(options), side_tables=fingerprints)
    reasons = Counter(row["reason"] for row in tables_rows["rejects"])
    return BuildReport(version, counts, dict(sorted(reasons.items())), incremental)


def _report_writer(options: BuildOptions):
    """The report, written into the version before it is published (unless ``write_report`` is off)."""
    if not options.write_report:
        return None
    from eventbuilder.view import REPORT_FILE, write_report

    def write(folder: Path, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {"report": write_report(folder, manifest, folder / REPORT_FILE, options.report_max_events)}

    return write


def _check_override(options: BuildOptions) -> None:
    if options.published:
        try:
            parse_timestamp(options.published)
        except ValueError as exc:
            raise ConfigError(f"--published {options.published!r} is not a date (use YYYY-MM-DD)") from exc


def _run(records: list[RawRecord], options: BuildOptions, progress: bool) -> Iterator[RecordResult]:
    if options.extract_claims and records:
        from eventbuilder.nlp import check_pipeline
        from eventbuilder.resolve.places import load_gazetteer

        check_pipeline(options.nlp_model)
        load_gazetteer()  # builds the cache file once, here, rather than in every worker at once
    fn = functools.partial(process_record, options=options)
    with make_engine(options, len(records)) as engine:
        yield from _progress(engine.map(fn, records), len(records), progress)


def _progress(results: Iterable[RecordResult], total: int, enabled: bool) -> Iterable[RecordResult]:
    if not enabled or total < 2 or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return tqdm(results, total=total, unit="doc", desc="building", file=sys.stderr)


def _merge(results: list[RecordResult]) -> tuple[dict[str, list[dict[str, Any]]], list[bool]]:
    """Concatenate per-record rows in input order; a repeated document becomes a duplicate reject.
    Also says, per result, whether its document was kept (False for rejects and duplicates)."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in ROW_TABLES}
    kept: dict[str, str] = {}
    flags: list[bool] = []
    for result in results:
        flags.append(result.doc_id is not None and result.doc_id not in kept)
        if result.doc_id is not None and result.doc_id in kept:
            first = kept[result.doc_id]
            tables["rejects"].append(reject_row(Reject(
                result.source_path, result.line, "duplicate",
                f"same text as {first} (document {result.doc_id})", duplicate_of=result.doc_id)))
            continue
        if result.doc_id is not None:
            kept[result.doc_id] = result.source_path + (f"#{result.line}" if result.line else "")
        for name, rows in result.rows.items():
            tables[name].extend(rows)
    return tables, flags


def _counts(results: list[RecordResult], tables: dict[str, pa.Table]) -> dict[str, int]:
    duplicates = tables["rejects"]["reason"].to_pylist().count("duplicate")
    return {
        "input_records": len(results),
        "documents": tables["documents"].num_rows,
        "duplicates": duplicates,
        "rejects": tables["rejects"].num_rows,
        "rejects_other_than_duplicates": tables["rejects"].num_rows - duplicates,
        **{name: tables[name].num_rows for name in TABLES if name not in ("documents", "rejects")},
    }


# ------------------------------------------------------------------ link stage


def _link(rows: dict[str, list[dict[str, Any]]], documents: pa.Table, out: Path, parent: str | None):
    """The link stage over every claim of the build, against the parent version under ``out`` for
    stable event ids; each claims row gets its ``event_id``."""
    from eventbuilder.link import PreviousEvents, link_claims
    from eventbuilder.store.events import previous_events

    declared = load_schema("claims").arrow_schema()
    claims = pa.Table.from_pylist(rows["claims"], schema=pa.schema([f for f in declared if f.name != "event_id"]))
    previous = previous_events(out, parent) if parent is not None else PreviousEvents()
    result = link_claims(claims, documents, previous, to_arrow("places", rows["places"]))
    for row, event_id in zip(rows["claims"], result.event_ids.to_pylist()):
        row["event_id"] = event_id
    result.stats["parent"] = previous.version
    return result


def _fingerprints(plan: ReusePlan, items: list, ordered: list[RecordResult],
                  kept: list[bool]) -> tuple[dict[str, pa.Table], dict[str, Any]]:
    """The record fingerprints file of this version, and the manifest's ``incremental`` section."""
    entries, reused, analysed = [], 0, 0
    fingerprints = iter(enumerate(plan.fingerprints))
    for item, result, is_kept in zip(items, ordered, kept):
        if isinstance(item, Reject):
            continue
        index, fingerprint = next(fingerprints)
        if result.doc_id is None:
            continue  # rejected while reading: read again next time
        entries.append((fingerprint, result.doc_id, is_kept))
        if is_kept:
            reused += index in plan.reused
            analysed += index not in plan.reused
    return {FINGERPRINTS: fingerprints_table(entries)}, plan.manifest(reused, analysed)


def _manifest(raw: Path, options: BuildOptions, counts: dict[str, int], tables: dict) -> dict[str, Any]:
    inputs = [{"path": rel, "size": path.stat().st_size, "sha256": sha256_file(path)}
              for path, rel in input_files(raw)]
    return {
        "eventbuilder_version": __version__,
        "raw": str(raw),
        "options": options.to_manifest(),
        "inputs": inputs,
        "counts": counts,
        "tables": {name: {"schema_version": load_schema(name).version} for name in tables},
        "environment": _environment(options),
        "attribution": _attribution(),
    }


def _environment(options: BuildOptions) -> dict[str, Any]:
    import spacy

    env: dict[str, str | None] = {
        "python": platform.python_version(), "spacy": spacy.__version__, "nlp_model": options.nlp_model,
    }
    try:
        env["nlp_model_version"] = metadata.version(options.nlp_model.replace("_", "-"))
    except metadata.PackageNotFoundError:  # a user's own model folder; its name is recorded
        env["nlp_model_version"] = None
    return env


def _attribution() -> dict[str, Any]:
    from eventbuilder.resolve.places import GAZETTEER_ATTRIBUTION, gazetteer_info

    return {"geonames": GAZETTEER_ATTRIBUTION, "gazetteer": gazetteer_info()}
