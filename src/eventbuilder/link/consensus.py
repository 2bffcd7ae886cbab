"""One row per event: the consensus of its reports and where they disagree.

Consensus rules (also in the codebook):
- ``event_type``: the type most of its claims have (ties: the earliest report's).
- representative claim (``summary``, ``plover_type``, ``cameo_root``): among claims of that type,
  an asserted one before a denied, planned or conditional one, then the most confident, then the
  most precisely dated, then the earliest report.
- ``status``: happened when any report asserts it, else denied when any denies it, else planned
  when any plans it, else hypothetical.
- dates: the reports with the best kind of date are used (a date in the sentence, asserted or
  denied; else a planned date; else the publication date of claims without one; else coarse
  dates). The consensus interval is the narrowest report all of them contain, else the interval
  they all share; when they share none, the interval most of them give (a ``date`` disagreement).
- actors: the doer and target named most often; ``participants``: every named party, most often first.
- place: the place named in the most evidence sentences (ties: the most precise), else the dateline
  place.
- quantity: in the unit class reported most often (troops, projectiles, people, dollars ...), the
  value the most documents report (each document counts once; ties: the lower median of the tied
  values); ``quantity_min``/``quantity_max`` span every report in that class.

Everything is computed with group-bys and sorts over all claims at once (no loop per event), and
list columns are built as Arrow list arrays from sorted values and offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.link.features import MODALITIES, NO_DATE, TYPES, ClaimFeatures, dense_codes
from eventbuilder.link.rules import FALLBACK_DATE_LOOKBACK_DAYS, FAMILIES, MAX_LINKING_SPAN_DAYS

_MODALITY_RANK = np.array([0, 2, 3, 1])  # asserted, planned, hypothetical, negated -> preference
_DOER_IDENTITY = [FAMILIES.index(f) for f in FAMILIES if f.identity in ("actors", "place")]
_FALLBACK = 3
_NEVER = np.iinfo(np.int64).max


@dataclass
class EventRows:
    """Scalar columns (one row per event, indexed by its first claim) and list columns (aligned)."""

    scalars: pd.DataFrame
    lists: dict[str, pa.Array]


def event_rows(f: ClaimFeatures, root: np.ndarray, sources: np.ndarray, source_names: list[str],
               doc_ids: list[str]) -> EventRows:
    roots = np.flatnonzero(np.bincount(root, minlength=len(root)) > 0) if len(root) else np.zeros(0, np.int64)
    position = np.searchsorted(roots, root)
    c = _claim_frame(f, position, sources)
    events = pd.DataFrame(index=pd.RangeIndex(len(roots)))
    events["root"] = roots
    lists: dict[str, pa.Array] = {}
    n = len(roots)
    _types(c, events, lists, n)
    _representative(c, events)
    _status(c, events, lists, n)
    _dates(c, events)
    _actors(f, c, events, lists, n)
    _place(f, c, events, lists, n)
    _quantity(c, events, lists, n)
    _counts(f, c, events, lists, n, source_names, doc_ids)
    flags = np.stack([events.pop(k).to_numpy(dtype=bool) for k in ("_q", "_d", "_p", "_a")], axis=1)
    rows, columns = np.nonzero(flags)
    names = np.array(["quantity", "date", "place", "actor"], dtype=object)
    lists["disagreements"] = _list_array(rows, names[columns], n)
    return EventRows(events, lists)


def _claim_frame(f: ClaimFeatures, position: np.ndarray, sources: np.ndarray) -> pd.DataFrame:
    span = np.where(f.date_lo == NO_DATE, 10**6, f.date_hi.astype(np.int64) - f.date_lo).astype(np.int32)
    confidence = np.asarray(pc.fill_null(f.claims.take("confidence", np.arange(f.n)), 0.0), dtype=np.float32)
    frame = pd.DataFrame({
        "event": position.astype(np.int32), "idx": np.arange(f.n, dtype=np.int32), "doc": f.doc,
        "type": f.type_code, "family": f.family, "modality": f.modality, "confidence": confidence, "span": span,
        "lo": f.date_lo, "hi": f.date_hi, "method": f.date_method, "actor1": f.actor1, "actor2": f.actor2,
        "place": f.place, "precision": f.precision, "place_firm": f.place_firm,
        "quantity": f.quantity, "unit_class": f.unit_class, "published": f.published_us,
        "source": sources.astype(np.int32),
        "relevant": f.relevant,
    })
    frame["tier"] = _date_tier(frame)
    return frame


def _date_tier(c: pd.DataFrame) -> np.ndarray:
    """0 a date in the sentence of an asserted or denied report, 1 of a planned one, 2 the
    publication date of a claim without one, 3 a coarse date, 9 none."""
    dated = c["lo"].to_numpy() != NO_DATE
    fine = c["span"].to_numpy() < MAX_LINKING_SPAN_DAYS
    fallback = c["method"].to_numpy() == _FALLBACK
    modality = c["modality"].to_numpy()
    factual = (modality == 0) | (modality == 3)
    return np.select([dated & fine & ~fallback & factual, dated & fine & ~fallback & (modality == 1),
                      dated & fine & fallback, dated], [0, 1, 2, 3], 9)


# ---------------------------------------------------------------- vectorised group helpers


def _list_array(position: np.ndarray, values, n: int) -> pa.ListArray:
    """A list per event from values already sorted by event position."""
    offsets = np.r_[0, np.cumsum(np.bincount(position, minlength=n))].astype(np.int32)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    elif not isinstance(values, pa.Array):
        is_text = isinstance(values, np.ndarray) and values.dtype.kind == "O"
        values = pa.array(values, type=pa.string() if is_text else None)
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def ranked(position: np.ndarray, codes: np.ndarray, order: str) -> tuple[np.ndarray, np.ndarray]:
    """Distinct non-negative codes per event, as (positions, codes) sorted by event and then by
    ``order``: ``frequency`` (most claims first, ties: first seen), ``first`` (first seen) or
    ``code`` (ascending)."""
    keep = codes >= 0
    position, codes, index = position[keep], codes[keep].astype(np.int64), np.flatnonzero(keep)
    if not len(codes):
        return position, codes
    key = position.astype(np.int64) * (int(codes.max()) + 1) + codes
    order_key = np.argsort(key, kind="stable")
    key_sorted = key[order_key]
    starts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    counts = np.diff(np.r_[starts, len(key_sorted)])
    first = np.minimum.reduceat(index[order_key], starts)
    pos, code = position[order_key][starts], codes[order_key][starts]
    sort = {"frequency": (first, -counts, pos), "first": (first, pos), "code": (code, pos)}[order]
    chosen = np.lexsort(sort)
    return pos[chosen], code[chosen]


def _mode(c: pd.DataFrame, column: str) -> pd.Series:
    """Per event, the value of ``column`` most claims give (ties: the earliest claim's), ignoring -1."""
    position, codes = ranked(c["event"].to_numpy(), c[column].to_numpy(), "frequency")
    first = np.r_[True, position[1:] != position[:-1]] if len(position) else np.zeros(0, bool)
    return pd.Series(codes[first], index=position[first])


def _first_by(c: pd.DataFrame, keys: list[str], ascending: list[bool]) -> pd.DataFrame:
    """The first claim of each event after sorting by ``keys`` (only the columns involved are
    sorted, with numpy)."""
    columns = [c[k].to_numpy() for k in keys]
    sort_keys = [col if up else -col.astype(np.float64) for col, up in zip(columns, ascending)]
    event = c["event"].to_numpy()
    order = np.lexsort([*reversed(sort_keys), event])
    first = order[np.r_[True, event[order][1:] != event[order][:-1]]] if len(order) else order
    return c.iloc[first]


# ---------------------------------------------------------------- columns


def _types(c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int) -> None:
    events["_type"] = _mode(c, "type").reindex(events.index).astype(np.int64)
    events["event_type"] = np.array(TYPES, dtype=object)[events["_type"].to_numpy()]
    position, codes = ranked(c["event"].to_numpy(), c["type"].to_numpy(), "frequency")
    lists["event_types"] = _list_array(position, np.array(TYPES, dtype=object)[codes], n)


def _representative(c: pd.DataFrame, events: pd.DataFrame) -> None:
    main = c["type"].to_numpy() == events["_type"].to_numpy()[c["event"].to_numpy()]
    keys = pd.DataFrame({"event": c["event"].to_numpy(), "main": main.astype(np.int8),
                         "rank": _MODALITY_RANK[c["modality"].to_numpy()], "confidence": c["confidence"].to_numpy(),
                         "tier": c["tier"].to_numpy(), "span": c["span"].to_numpy(), "idx": c["idx"].to_numpy()})
    best = _first_by(keys, ["main", "rank", "confidence", "tier", "span", "idx"], [False, True, False, True, True, True])
    events["_rep"] = best.set_index("event")["idx"].reindex(events.index)


def _status(c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int) -> None:
    present = np.bincount(c["event"].to_numpy() * 4 + c["modality"].to_numpy(), minlength=4 * n).reshape(n, 4) > 0
    events["status"] = np.select([present[:, 0], present[:, 3], present[:, 1]], ["happened", "denied", "planned"],
                                 "hypothetical")
    rows, modality = np.nonzero(present)
    lists["modalities"] = _list_array(rows, np.array(MODALITIES, dtype=object)[modality], n)
    stamp = c["published"].where(c["published"] != _NEVER)
    planned = stamp.where(c["modality"] == 1).groupby(c["event"]).min()
    asserted = stamp.where(c["modality"] == 0).groupby(c["event"]).min()
    events["announced_first"] = (planned < asserted).reindex(events.index).fillna(False).astype(bool)


def _dates(c: pd.DataFrame, events: pd.DataFrame) -> None:
    """Consensus interval: the narrowest report when every chosen report contains it, else the
    interval they all share, else the interval most of them give (a date disagreement)."""
    index = events.index
    best_tier = c.groupby("event")["tier"].min()
    chosen = c[(c["tier"].to_numpy() == best_tier.loc[c["event"]].to_numpy()) & (c["tier"] < 9)]
    lo_match = chosen["lo"].where(chosen["method"] != _FALLBACK, chosen["lo"] - FALLBACK_DATE_LOOKBACK_DAYS)
    shared_lo = lo_match.groupby(chosen["event"]).max().reindex(index)
    shared_hi = chosen.groupby("event")["hi"].min().reindex(index)
    agree = (shared_lo <= shared_hi).fillna(False).to_numpy()
    narrowest = _first_by(chosen, ["span", "idx"], [True, True]).set_index("event").reindex(index)
    counts = chosen.groupby(["event", "lo", "hi"]).agg(n=("idx", "size"), span=("span", "min"),
                                                        first=("idx", "min")).reset_index()
    popular = counts.sort_values(["event", "n", "span", "first"], ascending=[True, False, True, True])
    popular = popular.drop_duplicates("event").set_index("event").reindex(index)
    inside = agree & (narrowest["lo"] >= shared_lo).to_numpy() & (narrowest["hi"] <= shared_hi).to_numpy()
    events["date_start"] = np.select([inside, agree], [narrowest["lo"], shared_lo], popular["lo"])
    events["date_end"] = np.select([inside, agree], [narrowest["hi"], shared_hi], popular["hi"])
    events["_date_claim"] = np.select([inside, agree], [narrowest["idx"], -1], popular["first"])
    events["reported_date_min"] = chosen.groupby("event")["lo"].min().reindex(index)
    events["reported_date_max"] = chosen.groupby("event")["hi"].max().reindex(index)
    events["_d"] = ~agree & (best_tier.reindex(index) <= 1).to_numpy()


def _actors(f: ClaimFeatures, c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int) -> None:
    main = c[c["type"].to_numpy() == events["_type"].to_numpy()[c["event"].to_numpy()]]
    for role in ("actor1", "actor2"):
        events[f"_{role}"] = _mode(main, role).reindex(events.index).fillna(-1).astype(np.int64)
    names = np.array(f.key_names + [""], dtype=object)
    width = f.parties.shape[1]
    position, codes = ranked(np.repeat(c["event"].to_numpy(), width), f.parties.ravel(), "frequency")
    lists["participants"] = _list_array(position, names[codes], n)
    position, codes = ranked(c["event"].to_numpy(), f.actor1, "frequency")
    lists["actor1_names"] = _list_array(position, names[codes], n)
    # blame: reports of an attack or a deployment naming doers of different countries (or unrelated doers)
    doers = c[(c["actor1"] >= 0) & c["family"].isin(_DOER_IDENTITY)]
    country = f.key_country[doers["actor1"].to_numpy()]
    identity = np.where(country >= 0, country, -2 - doers["actor1"].to_numpy())
    distinct = pd.Series(identity, index=doers.index).groupby(doers["event"]).nunique()
    events["_a"] = (distinct.reindex(events.index).fillna(0) > 1).to_numpy()


def _place(f: ClaimFeatures, c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int) -> None:
    """The place most evidence sentences name; a disagreement when the sentences name two different
    places of the same precision (two cities, two regions)."""
    placed = c[c["place"] >= 0].assign(soft=lambda d: ~d["place_firm"])
    counts = placed.groupby(["event", "place"]).agg(
        n=("idx", "size"), soft=("soft", "min"), precision=("precision", "min"), first=("idx", "min")).reset_index()
    best = counts.sort_values(["event", "soft", "n", "precision", "first"],
                              ascending=[True, True, False, True, True]).drop_duplicates("event")
    events["_place_claim"] = best.set_index("event")["first"].reindex(events.index).fillna(-1).astype(np.int64)
    firm = placed[placed["place_firm"]]
    clash = (firm.groupby(["event", "precision"])["place"].nunique() > 1).groupby("event").any()
    events["_p"] = clash.reindex(events.index).fillna(False).astype(bool).to_numpy()
    firm_names = pc.if_else(pa.array(f.place_firm), f.claims.take("place_name", np.arange(f.n)),
                            pa.scalar(None, pa.string()))
    codes, uniques = pd.factorize(np.asarray(firm_names.to_pandas(), dtype=object), use_na_sentinel=True)
    position, chosen = ranked(c["event"].to_numpy(), codes, "frequency")
    lists["place_names"] = _list_array(position, np.asarray(uniques, dtype=object)[chosen], n)


def _quantity(c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int) -> None:
    counted = c[~np.isnan(c["quantity"].to_numpy()) & (c["unit_class"] >= 0)]
    unit = _mode(counted, "unit_class")
    counted = counted[counted["unit_class"].to_numpy() == unit.reindex(counted["event"]).to_numpy()]
    value_code = dense_codes(counted["quantity"].to_numpy())
    values = np.zeros(int(value_code.max()) + 1 if len(value_code) else 0)
    values[value_code] = counted["quantity"].to_numpy()
    # votes: documents giving each value; the most voted, ties: the lower median of the tied values
    per_doc = counted.assign(code=value_code).drop_duplicates(["event", "doc", "code"])
    votes = per_doc.groupby(["event", "code"]).size().rename("n").reset_index()
    tied = votes[votes["n"] == votes.groupby("event")["n"].transform("max")].sort_values(["event", "code"])
    starts = np.flatnonzero(np.r_[True, tied["event"].to_numpy()[1:] != tied["event"].to_numpy()[:-1]])
    sizes = np.diff(np.r_[starts, len(tied)])
    pick = tied.iloc[starts + (sizes - 1) // 2] if len(tied) else tied
    index = events.index
    events["quantity_value"] = pd.Series(values[pick["code"].to_numpy()], index=pick["event"].to_numpy()).reindex(index)
    grouped = counted.groupby("event")["quantity"]
    events["quantity_min"] = grouped.min().reindex(index)
    events["quantity_max"] = grouped.max().reindex(index)
    position, codes = ranked(counted["event"].to_numpy(), value_code, "code")
    lists["quantity_values"] = _list_array(position, values[codes].astype(float), n)
    events["_unit_claim"] = counted.groupby("event")["idx"].min().reindex(index).fillna(-1).astype(np.int64)
    events["_q"] = (events["quantity_min"] < events["quantity_max"]).fillna(False).to_numpy()


def _counts(f: ClaimFeatures, c: pd.DataFrame, events: pd.DataFrame, lists: dict, n: int,
            source_names: list[str], doc_ids: list[str]) -> None:
    position = c["event"].to_numpy()
    events["n_claims"] = np.bincount(position, minlength=n)
    doc_position, docs = ranked(position, c["doc"].to_numpy(), "first")
    events["n_documents"] = np.bincount(doc_position, minlength=n)
    source_position, source_codes = ranked(position, c["source"].to_numpy(), "code")
    unnamed = ranked(position[c["source"].to_numpy() < 0], c["doc"].to_numpy()[c["source"].to_numpy() < 0], "code")
    events["n_sources"] = np.bincount(source_position, minlength=n) + np.bincount(unnamed[0], minlength=n)
    stamp = c["published"].where(c["published"] != _NEVER)
    events["first_reported_us"] = stamp.groupby(c["event"]).min().reindex(events.index)
    events["last_reported_us"] = stamp.groupby(c["event"]).max().reindex(events.index)
    events["relevant"] = np.bincount(position, weights=c["relevant"].to_numpy(dtype=float), minlength=n) > 0
    lists["claim_ids"] = _list_array(position[np.argsort(position, kind="stable")],
                                     f.claims.take("claim_id", np.argsort(position, kind="stable")), n)
    lists["doc_ids"] = _list_array(doc_position, np.array(doc_ids, dtype=object)[docs], n)
    lists["sources"] = _list_array(source_position, np.array(source_names + [""], dtype=object)[source_codes], n)
