"""Functions for one article at a time, shared by the CLI, notebooks and the benchmarks."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from eventbuilder.errors import ConfigError, InputError
from eventbuilder.ingest import discover, to_document
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions


def records_from_text(text: str, published: str | date | None = None) -> list[RawRecord]:
    """A plain article given as a string (cleaned like a .txt page)."""
    fields = {"text": text, "published": published.isoformat() if isinstance(published, date) else published}
    return [RawRecord("<stdin>", "json", fields=fields)]


def records_from_path(path: Path, published: str | None = None) -> list[RawRecord]:
    """Every record in one file, read by the same readers as a build; a rejected file raises."""
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    found = list(discover(path, BuildOptions()))
    rejects = [r for r in found if isinstance(r, Reject)]
    if rejects and len(rejects) == len(found):
        raise InputError(rejects[0].reason, f"{path}: {rejects[0].message}")
    return [dataclasses.replace(r, published_override=published) if published else r
            for r in found if isinstance(r, RawRecord)]


def records_from_jsonl(stream: TextIO) -> Iterator[RawRecord]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"stdin line {number} is not JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise ConfigError(f"stdin line {number} is not a JSON object")
        yield RawRecord("<stdin>", "json", line=number, fields=value)


def extract_records(records: Iterable[RawRecord], **options: Any) -> Iterator[tuple[Any, list[dict]]]:
    """(record id, claims rows) for each record, through the build's per-document pipeline and the
    link stage over that one article (so ``event_id`` links its claims of one event)."""
    from eventbuilder.analyse import analyse_document

    opts = BuildOptions(engine="serial", **options)
    for record in records:
        document = to_document(record, opts)
        record_id = (record.fields or {}).get("id", record.line)
        rows = analyse_document(document, opts)
        yield record_id, _with_events(rows, document)


def _with_events(rows: dict[str, list[dict]], document) -> list[dict]:
    """Claims rows with the ``event_id`` the link stage gives them within their article."""
    import pyarrow as pa

    from eventbuilder.link import link_claims
    from eventbuilder.schemas import load_schema, to_arrow
    from eventbuilder.tabulate.rows import document_row

    claims = rows["claims"]
    declared = load_schema("claims").arrow_schema()
    table = pa.Table.from_pylist(claims, schema=pa.schema([f for f in declared if f.name != "event_id"]))
    linked = link_claims(table, to_arrow("documents", [document_row(document)]), places=to_arrow("places", rows["places"]))
    return [{**row, "event_id": event_id} for row, event_id in zip(claims, linked.event_ids.to_pylist())]


def extract_text(text: str, published: str | date | None = None, **options: Any) -> list[dict]:
    """The claims-table rows of one plain-text article; offsets point into its cleaned text."""
    (_, rows), = extract_records(records_from_text(text, published), **options)
    return rows


def timex_objects(text: str, dct: date | None) -> list[dict]:
    """Temporal expressions as {start, end, text, type, value}, offsets into ``text`` as given."""
    from eventbuilder.analyse import parse
    from eventbuilder.resolve.dates import find_timexes

    doc = parse(text, BuildOptions().nlp_model)  # the build's own parse, entity fixes included
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in find_timexes(text, dct, doc)]


def place_objects(text: str) -> list[dict]:
    """Place mentions as {start, end, text, name, latitude, longitude, geonameid, country, feature, precision}."""
    from eventbuilder.analyse import parse
    from eventbuilder.resolve.places import geoparse

    doc = parse(text, BuildOptions().nlp_model)  # the build's own parse, entity fixes included
    out = []
    for m in geoparse(text, doc):
        place = m.place
        out.append({
            "start": m.start, "end": m.end, "text": m.text,
            "name": place.name if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "geonameid": place.place_id if place else None,
            "country": place.country if place else None,
            "feature": f"{place.feature_class}.{place.feature_code}" if place else None,
            "precision": place.precision if place else "none",
        })
    return out
