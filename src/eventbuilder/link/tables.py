"""The link stage's output as Arrow tables: events, event_links, event_redirects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.errors import SchemaError
from eventbuilder.link.cluster import Clusters
from eventbuilder.link.consensus import event_rows
from eventbuilder.link.features import NO_DATE, CanonicalColumns, ClaimFeatures
from eventbuilder.link.ids import EventIds
from eventbuilder.link.pairs import (
    DATE_NEAR,
    DATE_OVERLAP,
    PLACE_INSIDE,
    PLACE_NEAR,
    PLACE_SAME,
    RULE_NAMES,
    PairEvaluation,
)
from eventbuilder.schemas import load_schema, validate_table


def _arrow(table: str, columns: dict[str, object]) -> pa.Table:
    schema = load_schema(table)
    arrays = {}
    for c in schema.columns:
        value = columns[c.name]
        try:
            arrays[c.name] = (value.cast(c.arrow_type) if isinstance(value, pa.Array)
                              else pa.array(value, type=c.arrow_type, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise SchemaError(table, f"column {c.name!r}: {exc}") from exc
    arrow = pa.Table.from_pydict(arrays, schema=schema.arrow_schema())
    validate_table(table, arrow)
    return arrow


def _take(t: CanonicalColumns, name: str, rows: np.ndarray) -> pa.Array:
    """Values of column ``name`` at canonical rows, null where the row is -1 or missing."""
    return t.take(name, np.nan_to_num(np.asarray(rows, dtype=float), nan=-1).astype(np.int64))


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
    rows = event_rows(f, clusters.root, sources, source_names, doc_ids)
    events, lists = rows.scalars, rows.lists
    roots = events["root"].to_numpy()
    t = f.claims
    rep = events["_rep"].to_numpy()
    place = events["_place_claim"].to_numpy()
    granularity = _take(t, "date_granularity", events["_date_claim"].to_numpy())
    start, end = _dates(events["date_start"]), _dates(events["date_end"])
    columns: dict[str, object] = {
        **lists,
        "event_id": ids.per_claim(roots),
        "event_type": events["event_type"].to_numpy(dtype=object),
        "plover_type": _take(t, "plover_type", rep),
        "cameo_root": _take(t, "cameo_root", rep),
        "status": events["status"].to_numpy(dtype=object),
        "announced_first": events["announced_first"].to_numpy(dtype=bool),
        "date_start": start, "date_end": end,
        "date_granularity": _granularities(granularity, start, end),
        "reported_date_min": _dates(events["reported_date_min"]),
        "reported_date_max": _dates(events["reported_date_max"]),
        **_actor_columns(f, events),
        **_place_columns(f, place),
        "quantity_value": events["quantity_value"].to_numpy(dtype=float),
        "quantity_min": events["quantity_min"].to_numpy(dtype=float),
        "quantity_max": events["quantity_max"].to_numpy(dtype=float),
        "quantity_unit": _take(t, "quantity_unit", events["_unit_claim"].to_numpy()),
        "n_claims": events["n_claims"].to_numpy().astype(np.int32),
        "n_documents": events["n_documents"].to_numpy().astype(np.int32),
        "n_sources": events["n_sources"].to_numpy().astype(np.int32),
        "first_reported_at": _stamps(events["first_reported_us"]),
        "last_reported_at": _stamps(events["last_reported_us"]),
        "summary": _take(t, "evidence_text", rep),
        "representative_claim_id": _take(t, "claim_id", rep),
        "relevant": events["relevant"].to_numpy(dtype=bool),
        "id_generation": ids.generations_of(roots),
    }
    # in the order of their first report (the canonical order of their first claim)
    return _arrow("events", columns)


def _granularities(claim_granularity: pa.Array, start: pa.Array, end: pa.Array) -> pa.Array:
    """The granularity of the claim whose interval is the consensus, else day or range; unknown
    for undated events."""
    shared = pc.if_else(pc.equal(start, end), "day", "range")
    return pc.if_else(pc.is_null(start), "unknown", pc.coalesce(claim_granularity, shared))


def _actor_columns(f: ClaimFeatures, events: pd.DataFrame) -> dict[str, np.ndarray]:
    names = np.array(f.key_names + [None], dtype=object)
    ids = np.array([None if k.startswith("name:") else k for k in f.keys] + [None], dtype=object)
    countries = np.array(f.countries + [None], dtype=object)
    out: dict[str, np.ndarray] = {}
    for role in ("actor1", "actor2"):
        codes = events[f"_{role}"].to_numpy()
        out[f"{role}_name"], out[f"{role}_id"] = names[codes], ids[codes]
        out[f"{role}_country"] = countries[f.key_country[codes]]
    return out


def _place_columns(f: ClaimFeatures, place: np.ndarray) -> dict[str, list]:
    t = f.claims
    precision = _take(t, "geo_precision", place)
    return {
        "place_name": _take(t, "place_name", place),
        "place_id": _take(t, "place_id", place),
        "latitude": _take(t, "latitude", place),
        "longitude": _take(t, "longitude", place),
        "place_country": _take(t, "place_country", place),
        "geo_precision": pc.fill_null(precision, "none"),
        "geo_centroid": _take(t, "geo_centroid", place),
    }


# ---------------------------------------------------------------- links


def links_table(f: ClaimFeatures, clusters: Clusters, pairs: PairEvaluation, event_ids: pa.Array) -> pa.Table:
    has = clusters.edge >= 0
    k = np.where(has, clusters.edge, 0)
    linked = np.where(has, clusters.parent, -1)
    claim_ids = f.claims.take("claim_id", np.arange(f.n))
    none = ~has if len(pairs.left) else np.ones(f.n, bool)

    def of_link(values: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
        chosen = values[k] if len(pairs.left) else np.zeros(f.n, dtype=values.dtype)
        return pa.array(chosen, mask=none if missing is None else (none | missing[k] if len(pairs.left) else none))

    rule_code = (np.where(has, pairs.rule[k].astype(np.int64) + 1, 0) if len(pairs.left)
                 else np.zeros(f.n, dtype=np.int64))
    rule = _choose(rule_code, ["new", *RULE_NAMES])
    same_doc = pa.array(f.doc == f.doc[np.maximum(linked, 0)], mask=~has)
    columns = {
        "claim_id": claim_ids,
        "event_id": event_ids,
        "doc_id": f.claims.take("doc_id", np.arange(f.n)),
        "rule": rule,
        "linked_to": _take(f.claims, "claim_id", linked),
        "score": of_link(pairs.score),
        "type_match": pc.if_else(pa.array(has), _choose(
            (f.type_code == f.type_code[np.maximum(linked, 0)]).astype(int), ["compatible", "same"]),
            pa.scalar(None, pa.string())),
        "date_overlap_days": of_link(pairs.date_overlap, pairs.date_overlap == NO_DATE),
        "actor_overlap": _shared_parties(f, linked),
        # the statement rule compares words; for other types the similarity is not computed (null)
        "distance_km": pc.round(of_link(pairs.distance_km, np.isnan(pairs.distance_km)), 1),
        "text_similarity": pc.round(of_link(pairs.text_similarity, np.isnan(pairs.text_similarity)), 3),
        "same_document": same_doc,
    }
    # in chunks of rows, so the intermediate string columns stay small
    step = 200_000
    columns["explanation"] = pa.chunked_array(
        [_explanations({name: _slice(columns[name], start, step) for name in _EXPLAINED}, pairs, k[start:start + step],
                       has[start:start + step]) for start in range(0, f.n, step)] or [pa.array([], pa.string())],
        type=pa.string()).combine_chunks()
    return _arrow("event_links", columns)


_EXPLAINED = ("same_document", "actor_overlap", "text_similarity", "type_match", "rule", "linked_to")


def _slice(values, start: int, length: int) -> pa.Array:
    array = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)
    part = array.slice(start, length)
    return part.combine_chunks() if isinstance(part, pa.ChunkedArray) else part


def _shared_parties(f: ClaimFeatures, linked: np.ndarray) -> pa.ListArray:
    """Names of the parties of each claim that the linked claim also names (a state matches its
    officials), in chunks of rows so the (rows x parties x parties) comparison stays small."""
    names = np.array(f.key_names + [""], dtype=object)
    rows_out, codes_out = [], []
    for start in range(0, f.n, 200_000):
        rows = np.arange(start, min(start + 200_000, f.n))
        other = linked[rows]
        a, b = f.parties[rows], f.parties[np.maximum(other, 0)]
        ca = np.where(a >= 0, f.key_country[np.maximum(a, 0)], -1)
        cb = np.where(b >= 0, f.key_country[np.maximum(b, 0)], -1)
        sa = (a >= 0) & f.key_is_country[np.maximum(a, 0)]
        sb = (b >= 0) & f.key_is_country[np.maximum(b, 0)]
        same = (a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)
        same |= (ca[:, :, None] == cb[:, None, :]) & (ca[:, :, None] >= 0) & (sa[:, :, None] | sb[:, None, :])
        matched = same.any(axis=2) & (other >= 0)[:, None]
        hit_rows, slots = np.nonzero(matched)
        rows_out.append(rows[hit_rows])
        codes_out.append(a[hit_rows, slots])
    rows_all = np.concatenate(rows_out) if rows_out else np.zeros(0, dtype=np.int64)
    codes_all = np.concatenate(codes_out) if codes_out else np.zeros(0, dtype=np.int32)
    offsets = np.r_[0, np.cumsum(np.bincount(rows_all, minlength=f.n))].astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(names[codes_all], type=pa.string()))


def _choose(codes: np.ndarray, words: list[str]) -> pa.Array:
    """``words[code]`` per row, as an Arrow string array built from a dictionary (no Python strings)."""
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(words)).cast(pa.string())


def _explanations(columns: dict, pairs: PairEvaluation, k: np.ndarray, has: np.ndarray) -> pa.Array:
    """The link in words, built column-wise: "same_actors: matched claim X in another article; same
    type; dates share 1 day; shared parties: Russia; same place"."""
    first = "first report of this event (earliest published, then earliest in its article)"
    if not has.any():
        return pa.array([first] * len(has), type=pa.string())
    relation = pairs.date_relation[k]
    overlap = pa.array(pairs.date_overlap[k].astype(np.int64))
    same_doc = pc.fill_null(columns["same_document"], False).to_numpy(zero_copy_only=False)
    where = _choose(same_doc.astype(int), [" in another article", " in the same article"])
    kind = np.select([relation == DATE_OVERLAP, relation == DATE_NEAR], [0, 1], 2)
    share = pc.binary_join_element_wise("dates share ", pc.cast(overlap, pa.string()),
                                        _choose((pairs.date_overlap[k] == 1).astype(int), [" days", " day"]), "")
    apart = pc.binary_join_element_wise("dates ", pc.cast(pc.subtract(1, overlap), pa.string()),
                                        " days apart, within tolerance", "")
    dates = pc.case_when(pc.make_struct(pa.array(kind == 0), pa.array(kind == 1)), share, apart,
                         pa.scalar("a date unknown"))
    place_kind = np.select([pairs.place_relation[k] == PLACE_SAME, pairs.place_relation[k] == PLACE_INSIDE,
                            pairs.place_relation[k] == PLACE_NEAR], [0, 1, 2], 3)
    place = _choose(place_kind, ["same place", "one place inside the other", "places near each other",
                                 "places not compared (unknown)"])
    parties = pc.if_else(pc.greater(pc.list_value_length(columns["actor_overlap"]), 0),
                         pc.binary_join_element_wise("; shared parties: ",
                                                     pc.binary_join(columns["actor_overlap"], ", "), ""), "")
    similarity = pc.if_else(pc.is_valid(columns["text_similarity"]),
                            pc.binary_join_element_wise("; text similarity ",
                                                        pc.cast(columns["text_similarity"], pa.string()), ""), "")
    typed = pc.if_else(pc.equal(columns["type_match"], "same"), "same type", "compatible type")
    text = pc.binary_join_element_wise(columns["rule"], ": matched claim ", columns["linked_to"], where, "; ", typed,
                                       "; ", dates, parties, "; ", place, similarity, "")
    return pc.if_else(pa.array(has), text, first)


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
