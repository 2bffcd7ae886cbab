"""The link stage's output as Arrow tables: events, event_links, event_redirects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.errors import SchemaError
from eventbuilder.link.cluster import Clusters
from eventbuilder.link.consensus import event_rows
from eventbuilder.link.features import NO_DATE, ClaimFeatures
from eventbuilder.link.ids import EventIds
from eventbuilder.link.pairs import (
    DATE_NEAR,
    DATE_OVERLAP,
    PLACE_INSIDE,
    PLACE_NEAR,
    PLACE_SAME,
    RULE_NAMES,
    PairEvaluation,
    TextIndex,
)
from eventbuilder.schemas import load_schema, validate_table


def _arrow(table: str, columns: dict[str, object]) -> pa.Table:
    schema = load_schema(table)
    arrays = {}
    for c in schema.columns:
        try:
            arrays[c.name] = pa.array(columns[c.name], type=c.arrow_type, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise SchemaError(table, f"column {c.name!r}: {exc}") from exc
    arrow = pa.Table.from_pydict(arrays, schema=schema.arrow_schema())
    validate_table(table, arrow)
    return arrow


def _take(column: pa.ChunkedArray, rows: np.ndarray) -> list:
    """Values of ``column`` at canonical rows, None where the row is -1."""
    rows = np.nan_to_num(np.asarray(rows, dtype=float), nan=-1).astype(np.int64)
    values = column.take(pa.array(np.maximum(rows, 0))).to_pylist()
    return [v if r >= 0 else None for v, r in zip(values, rows.tolist())]


def _dates(days: pd.Series) -> pa.Array:
    values = days.to_numpy(dtype=float)
    missing = np.isnan(values) | (values == NO_DATE)
    return pa.array(np.where(missing, 0, values).astype(np.int32), mask=missing).cast(pa.date32())


def _stamps(us: pd.Series) -> pa.Array:
    values = us.to_numpy(dtype=float)
    missing = np.isnan(values)
    return pa.array(np.where(missing, 0, values).astype(np.int64), mask=missing).cast(pa.timestamp("us", tz="UTC"))


# ---------------------------------------------------------------- events


def events_table(f: ClaimFeatures, clusters: Clusters, ids: EventIds, sources: np.ndarray,
                 source_names: list[str], doc_ids: list[str]) -> pa.Table:
    events = event_rows(f, clusters.root, sources)
    roots = events.index.to_numpy()
    t = f.claims
    rep = events["_rep"].to_numpy()
    place = events["_place_claim"].to_numpy()
    date_claim = events["_date_claim"].to_numpy()
    granularity = _take(t["date_granularity"], date_claim)
    start, end = _dates(events["date_start"]), _dates(events["date_end"])
    columns: dict[str, object] = {
        "event_id": [ids.by_root[r] for r in roots],
        "event_type": events["event_type"].tolist(),
        "event_types": events["event_types"].tolist(),
        "plover_type": _take(t["plover_type"], rep),
        "cameo_root": _take(t["cameo_root"], rep),
        "status": events["status"].tolist(),
        "announced_first": events["announced_first"].tolist(),
        "modalities": events["modalities"].tolist(),
        "date_start": start, "date_end": end,
        "date_granularity": [_granularity(g, s, e) for g, s, e in zip(granularity, start.to_pylist(),
                                                                         end.to_pylist())],
        "reported_date_min": _dates(events["reported_date_min"]),
        "reported_date_max": _dates(events["reported_date_max"]),
        **_actor_columns(f, clusters.root, events),
        **_place_columns(f, clusters.root, place, events),
        "quantity_value": events["quantity_value"].tolist(),
        "quantity_min": events["quantity_min"].tolist(),
        "quantity_max": events["quantity_max"].tolist(),
        "quantity_unit": _take(t["quantity_unit"], events["_unit_claim"].to_numpy()),
        "quantity_values": events["quantity_values"].tolist(),
        "disagreements": events["disagreements"].tolist(),
        "n_claims": events["n_claims"].tolist(),
        "n_documents": events["n_documents"].tolist(),
        "n_sources": events["n_sources"].tolist(),
        **_membership(f, clusters.root, roots, sources, source_names, doc_ids),
        "first_reported_at": _stamps(events["first_reported_us"]),
        "last_reported_at": _stamps(events["last_reported_us"]),
        "summary": _take(t["evidence_text"], rep),
        "representative_claim_id": _take(t["claim_id"], rep),
        "relevant": events["relevant"].astype(bool).tolist(),
        "id_generation": [ids.generation_by_root[r] for r in roots],
    }
    return _sorted_events(_arrow("events", columns))


def _granularity(claim_granularity: str | None, start, end) -> str:
    if start is None:
        return "unknown"
    if claim_granularity is not None:
        return claim_granularity
    return "day" if start == end else "range"


def _actor_columns(f: ClaimFeatures, root: np.ndarray, events: pd.DataFrame) -> dict[str, list]:
    out: dict[str, list] = {}
    for role in ("actor1", "actor2"):
        codes = events[f"_{role}"].to_numpy()
        keys = [f.keys[k] if k >= 0 else None for k in codes]
        out[f"{role}_name"] = [f.key_names[k] if k >= 0 else None for k in codes]
        out[f"{role}_id"] = [k if k is not None and not k.startswith("name:") else None for k in keys]
        out[f"{role}_country"] = [f.countries[f.key_country[k]] if k >= 0 and f.key_country[k] >= 0 else None
                                  for k in codes]
    out["participants"] = events["participants"].tolist()
    out["actor1_names"] = _distinct_per_event(root, f.actor1, events.index.to_numpy(), lambda k: f.key_names[k])
    return out


def _distinct_per_event(root: np.ndarray, codes: np.ndarray, roots: np.ndarray, name) -> list[list[str]]:
    """Distinct codes per event, most frequent first (ties: first seen), as names."""
    frame = pd.DataFrame({"event": root, "code": codes, "idx": np.arange(len(codes))})
    frame = frame[frame["code"] >= 0]
    counts = frame.groupby(["event", "code"]).agg(n=("idx", "size"), first=("idx", "min")).reset_index()
    counts = counts.sort_values(["event", "n", "first"], ascending=[True, False, True])
    lists = counts.groupby("event")["code"].agg(lambda s: [name(int(k)) for k in s])
    return [lists.get(r, []) for r in roots]


def _place_columns(f: ClaimFeatures, root: np.ndarray, place: np.ndarray, events: pd.DataFrame) -> dict[str, list]:
    t = f.claims
    precision = _take(t["geo_precision"], place)
    names = t["place_name"].to_pylist()
    firm_names = np.array([n if firm and n else None for n, firm in zip(names, f.place_firm)], dtype=object)
    codes, uniques = pd.factorize(firm_names, use_na_sentinel=True)
    return {
        "place_name": _take(t["place_name"], place),
        "place_id": _take(t["place_id"], place),
        "latitude": _take(t["latitude"], place),
        "longitude": _take(t["longitude"], place),
        "place_country": _take(t["place_country"], place),
        "geo_precision": [p or "none" for p in precision],
        "geo_centroid": _take(t["geo_centroid"], place),
        "place_names": _distinct_per_event(root, codes.astype(np.int64), events.index.to_numpy(),
                                           lambda k: str(uniques[k])),
    }


def _membership(f: ClaimFeatures, root: np.ndarray, roots: np.ndarray, sources: np.ndarray,
                source_names: list[str], doc_ids: list[str]) -> dict[str, object]:
    """claim_ids (canonical order), doc_ids (first seen), sources (alphabetical) per event."""
    position = np.searchsorted(roots, root)
    order = np.lexsort((np.arange(len(root)), position))
    claim_ids = pc.take(f.claims["claim_id"], pa.array(order))
    per_event = np.bincount(position, minlength=len(roots))
    offsets = pa.array(np.r_[0, np.cumsum(per_event)].astype(np.int32))
    docs = pd.DataFrame({"event": position, "doc": f.doc, "idx": np.arange(len(root)), "source": sources})
    first_doc = docs.sort_values(["event", "idx"]).drop_duplicates(["event", "doc"])
    doc_lists = first_doc.groupby("event")["doc"].agg(lambda s: [doc_ids[d] for d in s])
    named = docs[docs["source"] >= 0].drop_duplicates(["event", "source"])
    source_lists = named.groupby("event")["source"].agg(lambda s: sorted(source_names[k] for k in s))
    return {
        "claim_ids": pa.ListArray.from_arrays(offsets, claim_ids.combine_chunks()
                                              if isinstance(claim_ids, pa.ChunkedArray) else claim_ids),
        "doc_ids": [doc_lists.get(k, []) for k in range(len(roots))],
        "sources": [source_lists.get(k, []) for k in range(len(roots))],
    }


def _sorted_events(table: pa.Table) -> pa.Table:
    """Chronological: consensus date (undated last), first report, id."""
    order = pc.sort_indices(table, options=pc.SortOptions(
        sort_keys=[("date_start", "ascending", "at_end"), ("first_reported_at", "ascending", "at_end"),
                   ("event_id", "ascending", "at_end")]))
    return table.take(order)


# ---------------------------------------------------------------- links


def links_table(f: ClaimFeatures, clusters: Clusters, pairs: PairEvaluation, event_ids: list[str],
                text: TextIndex) -> pa.Table:
    edge = clusters.edge
    has = edge >= 0
    k = np.where(has, edge, 0)
    claim_ids = f.claims["claim_id"].to_pylist()
    linked = np.where(has, clusters.parent, -1)
    sims = pairs.text_similarity[k].copy() if len(pairs.left) else np.full(f.n, np.nan)
    missing = has & np.isnan(sims)
    if missing.any():
        sims[missing], _, _ = text.similarity(np.flatnonzero(missing), linked[missing])
    overlap = np.where(pairs.date_overlap[k] == NO_DATE, np.nan, pairs.date_overlap[k]) if len(pairs.left) else (
        np.full(f.n, np.nan))
    rules = [RULE_NAMES[pairs.rule[e]] if e >= 0 else "new" for e in edge.tolist()]
    shared = _shared_parties(f, np.arange(f.n), linked)
    columns = {
        "claim_id": claim_ids,
        "event_id": event_ids,
        "doc_id": f.claims["doc_id"],
        "rule": rules,
        "linked_to": [claim_ids[p] if p >= 0 else None for p in linked.tolist()],
        "score": np.where(has, pairs.score[k] if len(pairs.left) else 0.0, np.nan),
        "type_match": [None if not h else ("same" if f.type_code[i] == f.type_code[p] else "compatible")
                       for i, (h, p) in enumerate(zip(has.tolist(), linked.tolist()))],
        "date_overlap_days": [None if not h or np.isnan(v) else int(v) for h, v in zip(has, overlap)],
        "actor_overlap": shared,
        "distance_km": [None if not h or np.isnan(d) else round(float(d), 1)
                        for h, d in zip(has, pairs.distance_km[k] if len(pairs.left) else np.full(f.n, np.nan))],
        "text_similarity": [None if not h else round(float(s), 3) for h, s in zip(has, sims)],
        "same_document": [None if not h else bool(f.doc[i] == f.doc[p])
                          for i, (h, p) in enumerate(zip(has.tolist(), linked.tolist()))],
    }
    columns["explanation"] = [_explain(f, i, columns, pairs, k[i] if has[i] else -1) for i in range(f.n)]
    return _arrow("event_links", columns)


def _shared_parties(f: ClaimFeatures, rows: np.ndarray, others: np.ndarray) -> list[list[str]]:
    """Names of the parties of each claim that the linked claim also names (a state matches its officials)."""
    out: list[list[str]] = [[] for _ in rows]
    valid = others >= 0
    if not valid.any():
        return out
    a, b = f.parties[rows[valid]], f.parties[others[valid]]
    ca = np.where(a >= 0, f.key_country[np.maximum(a, 0)], -1)
    cb = np.where(b >= 0, f.key_country[np.maximum(b, 0)], -1)
    sa = (a >= 0) & f.key_is_country[np.maximum(a, 0)]
    sb = (b >= 0) & f.key_is_country[np.maximum(b, 0)]
    same = (a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)
    state = (ca[:, :, None] == cb[:, None, :]) & (ca[:, :, None] >= 0) & (sa[:, :, None] | sb[:, None, :])
    matched = (same | state).any(axis=2)
    for slot, row in enumerate(np.flatnonzero(valid).tolist()):
        out[row] = [f.key_names[c] for c in a[slot][matched[slot]].tolist()]
    return out


def _explain(f: ClaimFeatures, i: int, columns: dict, pairs: PairEvaluation, k: int) -> str:
    if k < 0:
        return "first report of this event (earliest published, then earliest in its article)"
    rule = columns["rule"][i]
    parts = [f"{rule}: matched claim {columns['linked_to'][i]}"
             + (" in the same article" if columns["same_document"][i] else " in another article")]
    parts.append("same type" if columns["type_match"][i] == "same" else "compatible type")
    relation = int(pairs.date_relation[k])
    overlap = columns["date_overlap_days"][i]
    if relation == DATE_OVERLAP:
        parts.append(f"dates share {overlap} day{'s' if overlap != 1 else ''}")
    elif relation == DATE_NEAR:
        parts.append(f"dates {1 - overlap} day{'s' if 1 - overlap != 1 else ''} apart, within tolerance")
    else:
        parts.append("a date unknown")
    if columns["actor_overlap"][i]:
        parts.append("shared parties: " + ", ".join(columns["actor_overlap"][i]))
    place = {PLACE_SAME: "same place", PLACE_INSIDE: "one place inside the other",
             PLACE_NEAR: f"places {columns['distance_km'][i]} km apart"}.get(int(pairs.place_relation[k]))
    parts.append(place or "places not compared (unknown)")
    if columns["text_similarity"][i]:
        parts.append(f"text similarity {columns['text_similarity'][i]}")
    return "; ".join(parts)


# ---------------------------------------------------------------- redirects


def redirects_table(ids: EventIds) -> pa.Table:
    frame = ids.redirects
    return _arrow("event_redirects", {
        "event_id": frame["event_id"].astype(object).tolist(),
        "redirect_to": frame["redirect_to"].astype(object).tolist(),
        "reason": frame["reason"].astype(object).tolist(),
        "last_seen_version": [v if isinstance(v, str) else None for v in frame["last_seen_version"]],
        "generation": [int(v) for v in frame["generation"]],
        "n_claims": [int(v) for v in frame["n_claims"]],
    })
