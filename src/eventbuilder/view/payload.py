"""The data a report embeds: a version's events, their claims and documents, and its header.

Everything comes from the version's own files (tables and manifest). Tables are sent column by
column rather than row by row, repeated values once (``encode_columns``), which keeps the report
less than half the size of row-by-row JSON; the page turns them back into rows. Article text travels only as data: the page renders
it with ``textContent``.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventbuilder.view.basemap import BASEMAP_CREDIT
from eventbuilder.view.events import missing_event_columns, read_events

# Columns the report reads from claims and documents (other columns stay in the tables).
CLAIM_FIELDS = {
    "id": "claim_id", "doc": "doc_id", "ev": "evidence_text", "type": "event_type", "trig": "trigger",
    "mod": "modality", "a1": "actor1_name", "a2": "actor2_name", "spk": "speaker", "attr": "attributed_to",
    "attrt": "attribution_text", "qv": "quantity_value", "qlo": "quantity_low", "qhi": "quantity_high",
    "qunit": "quantity_unit", "qq": "quantity_qualifier", "qtext": "quantity_text", "dtext": "date_text",
    "start": "date_start", "end": "date_end", "place": "place_name", "prec": "geo_precision",
    "conf": "confidence",
}
EVENT_FIELDS = {
    "id": "event_id", "type": "event_type", "types": "event_types", "plover": "plover_type",
    "status": "status", "announced": "announced_first", "start": "date_start", "end": "date_end",
    "gran": "date_granularity", "rmin": "reported_date_min", "rmax": "reported_date_max",
    "a1": "actor1_name", "a1c": "actor1_country", "a2": "actor2_name", "a2c": "actor2_country",
    "parts": "participants", "place": "place_name", "pc": "place_country", "lat": "latitude",
    "lon": "longitude", "prec": "geo_precision", "centroid": "geo_centroid", "qv": "quantity_value",
    "qmin": "quantity_min", "qmax": "quantity_max", "qunit": "quantity_unit", "dis": "disagreements",
    "nc": "n_claims", "nd": "n_documents", "ns": "n_sources", "rel": "relevant",
}
DOCUMENT_FIELDS = {"id": "doc_id", "ext": "external_id", "title": "title", "source": "source", "url": "url",
                   "pub": "published_date", "pubsrc": "published_source"}
REJECTS_LISTED = 200  # the header lists this many rejects one by one (all are counted by reason)


def report_payload(folder: Path, manifest: dict[str, Any], max_events: int | None = None) -> dict[str, Any]:
    """The JSON-ready data of the report of the version in ``folder`` (published or being built)."""
    events, source = read_events(folder)
    total = events.num_rows
    if max_events is not None and total > max_events:
        events = _most_reported(events, max_events)
    events = events.sort_by([("date_start", "ascending"), ("event_id", "ascending")])
    claims = _claims_of(events, folder)
    claim_index = {claim_id: i for i, claim_id in enumerate(claims.column("claim_id").to_pylist())}
    documents = _documents_of(claims, folder)
    doc_index = {doc_id: i for i, doc_id in enumerate(documents.column("doc_id").to_pylist())}
    return {
        "meta": _meta(folder, manifest, source, total, events.num_rows),
        "events": encode_columns(_event_columns(events, claim_index, claims)),
        "claims": encode_columns(_claim_columns(claims, doc_index, _links(folder))),
        "docs": encode_columns(_columns(documents, DOCUMENT_FIELDS)),
    }


def _most_reported(events: pa.Table, limit: int) -> pa.Table:
    """The ``limit`` events with most sources, then most claims, then latest, then by id."""
    order = events.sort_by([("n_sources", "descending"), ("n_claims", "descending"),
                            ("date_start", "descending"), ("event_id", "ascending")])
    return order.slice(0, limit)


def _claims_of(events: pa.Table, folder: Path) -> pa.Table:
    claims = pq.read_table(folder / "claims.parquet")
    wanted = pa.array(pc.list_flatten(events.column("claim_ids")).to_pylist(), pa.string())
    claims = claims.filter(pc.is_in(claims.column("claim_id"), value_set=wanted))
    columns = list(CLAIM_FIELDS.values()) + (["relevant"] if "relevant" in claims.schema.names else [])
    return claims.sort_by([("doc_id", "ascending"), ("char_start", "ascending"), ("claim_id", "ascending")]
                          ).select(columns)


def _documents_of(claims: pa.Table, folder: Path) -> pa.Table:
    documents = pq.read_table(folder / "documents.parquet", columns=list(DOCUMENT_FIELDS.values()))
    used = pa.array(sorted(set(claims.column("doc_id").to_pylist())), pa.string())
    return documents.filter(pc.is_in(documents.column("doc_id"), value_set=used)).sort_by("doc_id")


def _links(folder: Path) -> dict[str, dict[str, Any]]:
    """How the link stage attached each claim to its event (rule, score, explanation), if recorded."""
    path = folder / "event_links.parquet"
    if not path.is_file():
        return {}
    names = [n for n in ("claim_id", "rule", "score", "explanation") if n in pq.read_schema(path).names]
    return {row["claim_id"]: row for row in pq.read_table(path, columns=names).to_pylist()}


def _event_columns(events: pa.Table, claim_index: dict[str, int], claims: pa.Table) -> dict[str, list]:
    out = _columns(events, EVENT_FIELDS)
    evidence = claims.column("evidence_text").to_pylist()
    ids = events.column("claim_ids").to_pylist()
    out["claims"] = [[claim_index[c] for c in claim_ids if c in claim_index] for claim_ids in ids]
    reps = [claim_index.get(c) for c in events.column("representative_claim_id").to_pylist()]
    out["rep"] = reps
    # The summary is the representative claim's evidence sentence; sent again only when it differs.
    out["summary"] = [None if rep is not None and evidence[rep] == summary else summary
                      for rep, summary in zip(reps, events.column("summary").to_pylist())]
    return out


def _claim_columns(claims: pa.Table, doc_index: dict[str, int], links: dict[str, dict]) -> dict[str, list]:
    out = _columns(claims, CLAIM_FIELDS)
    out["doc"] = [doc_index[d] for d in out["doc"]]
    out["hl"] = [trigger_spans(text, trigger) for text, trigger in zip(out["ev"], out["trig"])]
    out["rel"] = (claims.column("relevant").to_pylist() if "relevant" in claims.schema.names
                  else [None] * claims.num_rows)
    if links:
        out["rule"] = [links.get(c, {}).get("rule") for c in out["id"]]
        out["score"] = [_round(links.get(c, {}).get("score"), 3) for c in out["id"]]
        out["expl"] = [links.get(c, {}).get("explanation") for c in out["id"]]
    return out


def _columns(table: pa.Table, fields: dict[str, str]) -> dict[str, list]:
    return {key: [_json_value(v) for v in table.column(name).to_pylist()] for key, name in fields.items()}


def encode_columns(columns: dict[str, list]) -> dict[str, Any]:
    """Columns in their smallest form: ``{"c": value, "n": length}`` when every value is the
    same, ``{"d": distinct values, "i": indices}`` when values repeat (event types, actors, places,
    dates), else the plain list. The page decodes all three; repeated names are sent once."""
    return {key: _encode(values) for key, values in columns.items()}


def _encode(values: list) -> Any:
    if not values or any(isinstance(v, (list, dict)) for v in values):
        return values
    first = values[0]
    if all(v == first and type(v) is type(first) for v in values):
        return {"c": first, "n": len(values)}
    distinct: dict[Any, int] = {}
    for v in values:
        distinct.setdefault((type(v).__name__, v), len(distinct))
    if len(distinct) * 2 > len(values):
        return values
    return {"d": [v for _, v in distinct], "i": [distinct[(type(v).__name__, v)] for v in values]}


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return _round(value, 5)
    return value


def _round(value: float | None, digits: int) -> float | int | None:
    if value is None or value != value:  # NaN is not JSON
        return None
    rounded = round(value, digits)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def trigger_spans(evidence: str, trigger: str | None) -> list[list[int]]:
    """[start, end) offsets of the trigger's words in the evidence sentence, for highlighting.

    The claims table keeps the trigger as written but not its offset. The whole phrase is looked
    for first; a phrase split by other words ("establishing presence" in "establishing a
    presence") is found word by word, each after the previous one.
    """
    if not trigger:
        return []
    whole = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", evidence, re.IGNORECASE)
    if whole:
        return [[whole.start(), whole.end()]]
    spans: list[list[int]] = []
    position = 0
    for word in trigger.split():
        found = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE).search(evidence, position)
        if not found:
            return spans
        spans.append([found.start(), found.end()])
        position = found.end()
    return spans


def _meta(folder: Path, manifest: dict[str, Any], source: str, total: int, shown: int) -> dict[str, Any]:
    rejects = _rejects(folder)
    missing = missing_event_columns(pq.read_schema(folder / "events.parquet").names) if source == "events" else []
    inputs = manifest.get("inputs", [])
    return {
        "version": manifest.get("version"), "parent": manifest.get("parent"),
        "created_at": manifest.get("created_at"), "eventbuilder_version": manifest.get("eventbuilder_version"),
        "raw": manifest.get("raw"), "nlp_model": manifest.get("options", {}).get("nlp_model"),
        "counts": manifest.get("counts", {}),
        "input_files": len(inputs), "input_bytes": sum(int(i.get("size", 0)) for i in inputs),
        "rejects_by_reason": sorted(Counter(r["reason"] for r in rejects).items()),
        "rejects": rejects[:REJECTS_LISTED],
        "events_source": source, "events_total": total, "events_shown": shown, "events_missing_columns": missing,
        "credits": [manifest.get("attribution", {}).get("geonames"), BASEMAP_CREDIT],
    }


def _rejects(folder: Path) -> list[dict[str, Any]]:
    path = folder / "rejects.parquet"
    if not path.is_file():
        return []
    return pq.read_table(path, columns=["source_path", "line", "reason", "message"]).to_pylist()
