"""The events a version holds, as the report and the notebook read them.

The link stage writes ``events.parquet`` (columns fixed by the contract between the link stage and
the report, ``EVENT_COLUMNS`` below). A version built before the link stage existed has claims
but no events; for it, :func:`provisional_events` derives one event per claim with the same
columns (documented in the codebook's notes and flagged ``events_source == "provisional"`` in the
report), so the views work on every version.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder.errors import StoreError
from eventbuilder.store.read import frame_from_arrow
from eventbuilder.store.versions import resolve_version

_STRINGS = pa.list_(pa.string())
_UTC = pa.timestamp("us", tz="UTC")

# The contract (columns the link stage writes and the views read); the link stage may add more.
EVENT_COLUMNS = pa.schema([
    ("event_id", pa.string()), ("event_type", pa.string()), ("event_types", _STRINGS),
    ("plover_type", pa.string()), ("cameo_root", pa.string()),
    ("status", pa.string()), ("announced_first", pa.bool_()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_granularity", pa.string()),
    ("reported_date_min", pa.date32()), ("reported_date_max", pa.date32()),
    ("actor1_name", pa.string()), ("actor1_id", pa.string()), ("actor1_country", pa.string()),
    ("actor2_name", pa.string()), ("actor2_id", pa.string()), ("actor2_country", pa.string()),
    ("participants", _STRINGS),
    ("place_name", pa.string()), ("place_id", pa.string()), ("latitude", pa.float64()),
    ("longitude", pa.float64()), ("place_country", pa.string()), ("geo_precision", pa.string()),
    ("geo_centroid", pa.bool_()),
    ("quantity_value", pa.float64()), ("quantity_min", pa.float64()), ("quantity_max", pa.float64()),
    ("quantity_unit", pa.string()),
    ("disagreements", _STRINGS),
    ("n_claims", pa.int32()), ("n_documents", pa.int32()), ("n_sources", pa.int32()),
    ("first_reported_at", _UTC), ("last_reported_at", _UTC),
    ("claim_ids", _STRINGS), ("summary", pa.string()), ("representative_claim_id", pa.string()),
    ("relevant", pa.bool_()),
])

ESSENTIAL_EVENT_COLUMNS = frozenset({"event_id", "event_type", "claim_ids"})

# A claim's modality says whether the event it reports happened; the event's status says the same.
STATUS_OF_MODALITY = {"asserted": "happened", "planned": "planned", "hypothetical": "hypothetical",
                      "negated": "denied"}


def read_events(folder: Path, every_column: bool = False) -> tuple[pa.Table, str]:
    """The events of the version in ``folder`` and where they came from: ``events`` (the link
    stage's table) or ``provisional`` (one per claim, for versions without it). The contract's
    columns only, unless ``every_column`` (then whatever the link stage wrote, ``relevant`` added
    when missing)."""
    path = folder / "events.parquet"
    if path.is_file() and every_column:
        table = pq.read_table(path)
        if "relevant" not in table.schema.names:
            table = table.append_column("relevant", pa.array([True] * table.num_rows, pa.bool_()))
        return table, "events"
    if path.is_file():
        return conform_events(pq.read_table(path)), "events"
    claims, documents = pq.read_table(folder / "claims.parquet"), pq.read_table(folder / "documents.parquet")
    return provisional_events(claims, documents), "provisional"


def missing_event_columns(names: list[str]) -> list[str]:
    """Contract columns an events table does not have (``relevant`` may come later)."""
    return [name for name in EVENT_COLUMNS.names if name not in names and name != "relevant"]


def conform_events(table: pa.Table) -> pa.Table:
    """The contract's columns of an events table, in the contract's order and types.

    ``relevant`` is true everywhere when the table predates relevance. Another missing column is
    filled with nulls (the report names it in its header) so that a table one column short still
    gets a report; without ``event_id``, ``event_type`` or ``claim_ids`` there is nothing to show.
    """
    missing = missing_event_columns(table.schema.names)
    essential = sorted(set(missing) & ESSENTIAL_EVENT_COLUMNS)
    if essential:
        raise StoreError(f"events table lacks the columns {essential} that the report needs")
    if "relevant" not in table.schema.names:
        table = table.append_column("relevant", pa.array([True] * table.num_rows, pa.bool_()))
    for name in missing:
        table = table.append_column(name, pa.nulls(table.num_rows, EVENT_COLUMNS.field(name).type))
    try:
        return table.select(EVENT_COLUMNS.names).cast(EVENT_COLUMNS)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise StoreError(f"events table does not match the columns the report reads: {exc}") from exc


def provisional_events(claims: pa.Table, documents: pa.Table) -> pa.Table:
    """One event per claim, with the contract's columns, for versions built before the link stage.

    Each event repeats its claim: same type, dates, actors, place and quantity (its range is the
    claim's own low-high), one claim, one document, one source, no disagreements; ``event_id`` is
    ``ev-`` plus 12 hex digits of a hash of the claim id; ``relevant`` is the claim's when the
    claims table has the column, else true.
    """
    docs = {d["doc_id"]: d for d in documents.select(["doc_id", "published_at"]).to_pylist()}
    has_relevant = "relevant" in claims.schema.names
    rows = [_event_of_claim(claim, docs[claim["doc_id"]]["published_at"], has_relevant)
            for claim in claims.to_pylist()]
    return pa.Table.from_pylist(rows, schema=EVENT_COLUMNS)


def _event_of_claim(claim: dict, published_at: datetime | None, has_relevant: bool) -> dict:
    value, low, high = claim["quantity_value"], claim["quantity_low"], claim["quantity_high"]
    return {
        "event_id": "ev-" + hashlib.sha256(f"provisional:{claim['claim_id']}".encode()).hexdigest()[:12],
        "event_type": claim["event_type"], "event_types": [claim["event_type"]],
        "plover_type": claim["plover_type"], "cameo_root": claim["cameo_root"],
        "status": STATUS_OF_MODALITY[claim["modality"]], "announced_first": False,
        "date_start": claim["date_start"], "date_end": claim["date_end"],
        "date_granularity": claim["date_granularity"],
        "reported_date_min": claim["date_start"], "reported_date_max": claim["date_end"],
        **{f"actor{n}_{field}": claim[f"actor{n}_{field}"] for n in (1, 2) for field in ("name", "id", "country")},
        "participants": claim["participants"],
        **{name: claim[name] for name in ("place_name", "place_id", "latitude", "longitude", "place_country",
                                          "geo_precision", "geo_centroid", "quantity_value", "quantity_unit")},
        "quantity_min": low if low is not None else value, "quantity_max": high if high is not None else value,
        "disagreements": [], "n_claims": 1, "n_documents": 1, "n_sources": 1,
        "first_reported_at": published_at, "last_reported_at": published_at,
        "claim_ids": [claim["claim_id"]], "summary": claim["evidence_text"],
        "representative_claim_id": claim["claim_id"],
        "relevant": bool(claim["relevant"]) if has_relevant and claim["relevant"] is not None else True,
    }


def load_events(version: str = "latest", root: str | Path = "outputs") -> pd.DataFrame:
    """The events of a version as a DataFrame (dtypes as :func:`eventbuilder.load`).

    The link stage's ``events`` table, every column, when the version has one; else one
    provisional event per claim with the contract's columns. ``df.attrs["events_source"]`` says
    which.
    """
    info = resolve_version(Path(root), version)
    table, source = read_events(info.path, every_column=True)
    frame = frame_from_arrow(table)
    frame.attrs["events_source"] = source
    return frame
