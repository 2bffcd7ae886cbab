"""``build``: raw folder in, one new immutable version of every table out."""

from __future__ import annotations

import collections
import functools
import itertools
import platform
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder import __version__
from eventbuilder.engines import make_engine
from eventbuilder.errors import ConfigError
from eventbuilder.fingerprint import record_fingerprint
from eventbuilder.incremental import Reused, ReusePlan, plan_reuse
from eventbuilder.ingest.discover import discover, input_files
from eventbuilder.ingest.published import parse_timestamp
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions
from eventbuilder.pipeline import RecordResult, process_records, reject_result
from eventbuilder.schemas import TABLES, load_schema
from eventbuilder.store.reuse import FINGERPRINTS, FINGERPRINTS_FILE, FingerprintWriter
from eventbuilder.store.stream import TableStream, row_groups
from eventbuilder.store.versions import VersionInfo, VersionWriter, latest_version, sha256_file
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
    way the tables are the same. Rows are written to Parquet as they arrive, in input order, so
    the main process holds one row group per table, not the corpus (the link stage reads the
    claims back).
    """
    raw, out = Path(raw), Path(out)
    options = options or BuildOptions()
    _check_override(options)
    items: Iterable[RawRecord | Reject] = discover(raw, options)
    n_items = None
    if options.published or raw.is_file():  # one file: count its records first
        items = list(items)
        n_items = sum(isinstance(item, RawRecord) for item in items)
        if options.published and n_items != 1:
            raise ConfigError(f"--published applies to a build of one article; {raw} holds {n_items}")
    parent = latest_version(out)
    plan = plan_reuse(out, parent, options, full)
    with VersionWriter(out) as writer:
        rows = _RowWriter(writer.work)
        try:
            for fingerprint, reused, result in _results(items, plan, options, progress, n_items):
                rows.add(fingerprint, reused, result)
            rows.close()
        except BaseException:
            rows.abort()
            raise
        linked = _link(writer.work, out, parent)
        for name, entry in rows.entries(linked.event_ids).items():
            writer.add_entry(name, entry)
        writer.add_side_entry(FINGERPRINTS, rows.fingerprints_entry)
        for name in ("events", "event_links", "event_redirects"):
            writer.add_table(name, getattr(linked, name))
        counts = {**rows.counts(), **{name: writer.files[name]["rows"] for name in TABLES
                                      if name not in ("documents", "rejects")}}
        incremental = plan.manifest(rows.documents_reused, rows.documents_analysed)
        manifest = {**_manifest(raw, options, counts, TABLES), "link": linked.stats, "incremental": incremental}
        version = writer.publish(manifest, _report_writer(options))
    return BuildReport(version, counts, dict(sorted(rows.reasons.items())), incremental)


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


# Records per engine task (at most): their texts are parsed together with nlp.pipe.
BATCH_RECORDS = 16
_ANALYSE = object()  # marks, in the queue of pending results, a record sent to the engine


def _results(items: Iterable[RawRecord | Reject], plan: ReusePlan, options: BuildOptions, progress: bool,
             n_items: int | None) -> Iterator[tuple[str | None, bool, RecordResult]]:
    """(record fingerprint, reused, result) for every input item, in input order.

    Rejects found while listing and reused records are ready at once; the others go to the engine,
    which returns them in order. A queue of what is pending keeps the two in input order while
    the engine keeps its window of records in flight; reused rows are read only when their turn
    comes, so the queue holds no rows.
    """
    pending: collections.deque = collections.deque()
    prepared = False

    def to_analyse() -> Iterator[RawRecord]:
        nonlocal prepared
        for item in items:
            if isinstance(item, Reject):
                pending.append((None, reject_result(item)))
                continue
            fingerprint = record_fingerprint(item)
            reused = plan.lookup(item, fingerprint)
            pending.append((fingerprint, _ANALYSE if reused is None else reused))
            if reused is None:
                if not prepared:
                    _prepare(options)
                    prepared = True
                yield item

    def ready() -> Iterator[tuple[str | None, bool, RecordResult]]:
        while pending and pending[0][1] is not _ANALYSE:
            fingerprint, value = pending.popleft()
            yield (fingerprint, True, value.result()) if isinstance(value, Reused) else (fingerprint, False, value)

    fn = functools.partial(process_records, options=options)
    with make_engine(options, n_items) as engine:
        results = (result for batch in engine.map(fn, _batches(to_analyse())) for result in batch)
        for result in _progress(results, progress):
            yield from ready()
            fingerprint, _ = pending.popleft()
            yield fingerprint, False, result
        yield from ready()


def _batches(records: Iterator[RawRecord], largest: int = BATCH_RECORDS) -> Iterator[list[RawRecord]]:
    """Records in consecutive batches (one engine task each) of 1, 2, 4, ... up to ``largest``:
    small first batches start every worker at once, later ones let ``nlp.pipe`` parse together."""
    size = 1
    while batch := list(itertools.islice(records, size)):
        yield batch
        size = min(size * 2, largest)


def _prepare(options: BuildOptions) -> None:
    """Check the model and build the gazetteer cache once, here, rather than in every worker at once."""
    if options.extract_claims:
        from eventbuilder.nlp import check_pipeline
        from eventbuilder.resolve.places import load_gazetteer

        check_pipeline(options.nlp_model)
        load_gazetteer()


def _progress(results: Iterable[RecordResult], enabled: bool) -> Iterable[RecordResult]:
    if not enabled or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return tqdm(results, unit="doc", desc="analysing", file=sys.stderr)


# Placeholder event id of claims rows until the link stage has run over all of them.
_UNLINKED = "unlinked"
_UNLINKED_CLAIMS = ".claims-unlinked.parquet"


def _with_event_id(claims: pa.Table) -> pa.Table:
    """A parent's claims rows (read without ``event_id``) in the declared column order, with the
    placeholder the link stage replaces."""
    declared = load_schema("claims").arrow_schema()
    placeholder = pa.array([_UNLINKED] * claims.num_rows, declared.field("event_id").type)
    return pa.Table.from_arrays([placeholder if f.name == "event_id" else claims[f.name] for f in declared],
                                schema=declared)


class _RowWriter:
    """Per-record rows streamed to the tables' files in input order; a repeated document becomes a
    duplicate reject. Claims go to a hidden file first: their event ids come from the link stage."""

    def __init__(self, work: Path):
        self.work = work
        self.streams = {name: TableStream(work / f"{name}.parquet", name) for name in ROW_TABLES if name != "claims"}
        self.streams["claims"] = TableStream(work / _UNLINKED_CLAIMS, "claims")
        self.fingerprints = FingerprintWriter(work / FINGERPRINTS_FILE)
        self.kept: dict[str, str] = {}  # doc_id -> where its first record is
        self.input_records = 0
        self.reasons: Counter = Counter()
        self.documents_reused = self.documents_analysed = 0
        self.closed: dict[str, dict[str, Any]] = {}
        self.fingerprints_entry: dict[str, Any] = {}

    def add(self, fingerprint: str | None, reused: bool, result: RecordResult) -> None:
        self.input_records += 1
        doc_id = result.doc_id
        if doc_id is not None and fingerprint is not None:
            self.fingerprints.add(fingerprint, doc_id, doc_id not in self.kept)
        if doc_id is not None and doc_id in self.kept:
            self._rejects([reject_row(Reject(result.source_path, result.line, "duplicate",
                                             f"same text as {self.kept[doc_id]} (document {doc_id})",
                                             duplicate_of=doc_id))])
            return
        if doc_id is not None:
            self.kept[doc_id] = result.source_path + (f"#{result.line}" if result.line else "")
            self.documents_reused += reused
            self.documents_analysed += not reused
        for name, rows in result.rows.items():
            if isinstance(rows, pa.Table):  # a parent's rows, kept in Arrow form
                self.streams[name].append_table(_with_event_id(rows) if name == "claims" else rows)
            elif name == "rejects":
                self._rejects(rows)
            elif name == "claims":
                self.streams[name].append([{**row, "event_id": _UNLINKED} for row in rows])
            else:
                self.streams[name].append(rows)

    def _rejects(self, rows: list[dict[str, Any]]) -> None:
        self.reasons.update(row["reason"] for row in rows)
        self.streams["rejects"].append(rows)

    def close(self) -> None:
        self.closed = {name: stream.close() for name, stream in self.streams.items()}
        self.fingerprints_entry = self.fingerprints.close()
        self.kept.clear()

    def abort(self) -> None:
        for stream in self.streams.values():
            stream.abort()
        self.fingerprints.abort()

    def entries(self, event_ids: pa.Array) -> dict[str, dict[str, Any]]:
        """Manifest entries of the row tables, once the claims have their event ids (written now)."""
        unlinked = self.work / _UNLINKED_CLAIMS
        claims = TableStream(self.work / "claims.parquet", "claims")
        offset = 0
        for group in row_groups(unlinked):
            ids = event_ids.slice(offset, group.num_rows)
            index = group.schema.get_field_index("event_id")
            claims.write_batch(group.set_column(index, group.schema.field(index), ids))
            offset += group.num_rows
        entry = claims.close()
        unlinked.unlink()
        return {name: entry if name == "claims" else self.closed[name] for name in ROW_TABLES}

    def counts(self) -> dict[str, int]:
        documents, rejects = self.closed["documents"]["rows"], self.closed["rejects"]["rows"]
        duplicates = self.reasons["duplicate"]
        return {"input_records": self.input_records, "documents": documents, "duplicates": duplicates,
                "rejects": rejects, "rejects_other_than_duplicates": rejects - duplicates}


# ------------------------------------------------------------------ link stage


def _link(work: Path, out: Path, parent: str | None):
    """The link stage over every claim of the build (read back from the work folder), against the
    parent version under ``out`` for stable event ids."""
    from eventbuilder.link import PreviousEvents, link_claims
    from eventbuilder.store.events import previous_events

    claims = pq.read_table(work / _UNLINKED_CLAIMS).drop_columns(["event_id"]).replace_schema_metadata(None)
    documents = pq.read_table(work / "documents.parquet", columns=["doc_id", "published_at", "source"])
    places = pq.read_table(work / "places.parquet", columns=["doc_id", "role", "place_id", "char_start"])
    previous = previous_events(out, parent) if parent is not None else PreviousEvents()
    result = link_claims(claims, documents, previous, places)
    result.stats["parent"] = previous.version
    return result


def _manifest(raw: Path, options: BuildOptions, counts: dict[str, int], tables: Iterable[str]) -> dict[str, Any]:
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
