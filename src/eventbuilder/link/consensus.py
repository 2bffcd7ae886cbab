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
  dates). The consensus interval is the interval all of them share; when they share none, the
  interval most of them give (a ``date`` disagreement).
- actors: the doer and target named most often; ``participants``: every named party, most often first.
- place: the place named in the most evidence sentences (ties: the most precise), else the dateline
  place.
- quantity: in the unit class reported most often (troops, projectiles, people, dollars ...), the
  value the most documents report (each document counts once; ties: the lower median of the tied
  values); ``quantity_min``/``quantity_max`` span every report in that class.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.link.features import MODALITIES, NO_DATE, ClaimFeatures
from eventbuilder.link.rules import FALLBACK_DATE_LOOKBACK_DAYS, FAMILIES, MAX_LINKING_SPAN_DAYS

_MODALITY_RANK = np.array([0, 2, 3, 1])  # asserted, planned, hypothetical, negated -> preference
_PLACE_IDENTITY = {FAMILIES.index(f) for f in FAMILIES if f.identity in ("actors", "place")}
_FALLBACK = 3


def event_rows(f: ClaimFeatures, root: np.ndarray, sources: np.ndarray) -> pd.DataFrame:
    """The events table's columns (without ids) as a DataFrame indexed by group root."""
    c = _claim_frame(f, root, sources)
    events = pd.DataFrame(index=pd.Index(np.unique(root), name="root"))
    _types(c, events)
    _representative(c, events)
    _status(c, events)
    _dates(c, events)
    _actors(f, c, events)
    _place(c, events)
    _quantity(c, events)
    _counts(c, events)
    events["disagreements"] = [
        [name for name, flag in zip(("quantity", "date", "place", "actor"), flags) if flag]
        for flags in zip(events.pop("_q"), events.pop("_d"), events.pop("_p"), events.pop("_a"))]
    return events


def _claim_frame(f: ClaimFeatures, root: np.ndarray, sources: np.ndarray) -> pd.DataFrame:
    t = f.claims
    span = np.where(f.date_lo == NO_DATE, 10**6, f.date_hi.astype(np.int64) - f.date_lo)
    frame = pd.DataFrame({
        "event": root, "idx": np.arange(f.n), "doc": f.doc, "type": f.type_code, "family": f.family,
        "modality": f.modality, "confidence": np.asarray(pc.fill_null(t["confidence"], 0.0)), "span": span,
        "lo": f.date_lo, "hi": f.date_hi, "method": f.date_method, "actor1": f.actor1, "actor2": f.actor2,
        "place": f.place, "precision": f.precision, "place_firm": f.place_firm, "admin1": f.place_admin1,
        "quantity": f.quantity, "unit_class": f.unit_class, "published": f.published_us, "source": sources,
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


def _first_by(c: pd.DataFrame, keys: list[str], ascending: list[bool]) -> pd.DataFrame:
    """The first claim of each event after sorting by ``keys``."""
    return c.sort_values(["event", *keys], ascending=[True, *ascending], kind="stable").drop_duplicates("event")


def _mode(c: pd.DataFrame, column: str) -> pd.Series:
    """Per event, the value of ``column`` most claims give (ties: the earliest claim's), ignoring -1."""
    present = c[c[column] >= 0]
    if present.empty:
        return pd.Series(dtype=np.int64)
    counts = present.groupby(["event", column], sort=False).agg(n=("idx", "size"), first=("idx", "min")).reset_index()
    best = counts.sort_values(["event", "n", "first"], ascending=[True, False, True]).drop_duplicates("event")
    return best.set_index("event")[column]


def _types(c: pd.DataFrame, events: pd.DataFrame) -> None:
    from eventbuilder.link.features import TYPES

    events["_type"] = _mode(c, "type").reindex(events.index).astype(np.int64)
    events["event_type"] = [TYPES[t] for t in events["_type"]]
    counts = c.groupby(["event", "type"], sort=False).agg(n=("idx", "size"), first=("idx", "min")).reset_index()
    counts = counts.sort_values(["event", "n", "first"], ascending=[True, False, True])
    events["event_types"] = counts.groupby("event", sort=False)["type"].agg(lambda s: [TYPES[t] for t in s])


def _representative(c: pd.DataFrame, events: pd.DataFrame) -> None:
    c = c.assign(rank=_MODALITY_RANK[c["modality"].to_numpy()], main=c["type"].to_numpy() == events.loc[
        c["event"], "_type"].to_numpy())
    best = _first_by(c, ["main", "rank", "confidence", "tier", "span", "idx"], [False, True, False, True, True, True])
    events["_rep"] = best.set_index("event")["idx"]


def _status(c: pd.DataFrame, events: pd.DataFrame) -> None:
    flags = pd.DataFrame({"event": c["event"]})
    for code, name in enumerate(MODALITIES):
        flags[name] = c["modality"].to_numpy() == code
    present = flags.groupby("event").any()
    events["status"] = np.select(
        [present["asserted"], present["negated"], present["planned"]], ["happened", "denied", "planned"],
        "hypothetical")
    events["modalities"] = [[m for m in MODALITIES if row[m]] for _, row in present.iterrows()]
    stamp = c["published"].where(c["published"] != np.iinfo(np.int64).max)
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


def _actors(f: ClaimFeatures, c: pd.DataFrame, events: pd.DataFrame) -> None:
    main = c[c["type"].to_numpy() == events.loc[c["event"], "_type"].to_numpy()]
    for role in ("actor1", "actor2"):
        events[f"_{role}"] = _mode(main, role).reindex(events.index).fillna(-1).astype(np.int64)
    parties = f.parties[c["idx"].to_numpy()]
    rows = np.repeat(np.arange(len(c)), parties.shape[1])
    flat = parties.ravel()
    keep = flat >= 0
    frame = pd.DataFrame({"event": c["event"].to_numpy()[rows[keep]], "key": flat[keep], "idx": rows[keep]})
    counts = frame.groupby(["event", "key"]).agg(n=("idx", "size"), first=("idx", "min")).reset_index()
    counts = counts.sort_values(["event", "n", "first"], ascending=[True, False, True])
    names = f.key_names
    events["participants"] = counts.groupby("event")["key"].agg(lambda s: [names[k] for k in s]).reindex(
        events.index)
    events["participants"] = [p if isinstance(p, list) else [] for p in events["participants"]]
    # blame: reports naming doers of different countries (or unrelated doers)
    doers = c[(c["actor1"] >= 0) & c["family"].isin(_PLACE_IDENTITY)]
    country = f.key_country[doers["actor1"].to_numpy()]
    identity = np.where(country >= 0, country, -2 - doers["actor1"].to_numpy())
    distinct = pd.Series(identity, index=doers.index).groupby(doers["event"]).nunique()
    events["_a"] = (distinct.reindex(events.index).fillna(0) > 1).to_numpy()


def _place(c: pd.DataFrame, events: pd.DataFrame) -> None:
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


def _quantity(c: pd.DataFrame, events: pd.DataFrame) -> None:
    counted = c[~np.isnan(c["quantity"].to_numpy()) & (c["unit_class"] >= 0)]
    unit = _mode(counted, "unit_class")
    counted = counted[counted["unit_class"].to_numpy() == unit.reindex(counted["event"]).to_numpy()]
    per_doc = counted.drop_duplicates(["event", "doc", "quantity"])
    votes = per_doc.groupby(["event", "quantity"]).size().rename("n").reset_index()
    top = votes.groupby("event")["n"].transform("max")
    tied = votes[votes["n"] == top].sort_values(["event", "quantity"])
    lower_median = tied.groupby("event")["quantity"].agg(lambda s: s.iloc[(len(s) - 1) // 2])
    grouped = counted.groupby("event")["quantity"]
    index = events.index
    events["quantity_value"] = lower_median.reindex(index)
    events["quantity_min"] = grouped.min().reindex(index)
    events["quantity_max"] = grouped.max().reindex(index)
    events["quantity_values"] = grouped.agg(lambda s: sorted(set(s))).reindex(index)
    events["quantity_values"] = [v if isinstance(v, list) else [] for v in events["quantity_values"]]
    events["_unit_claim"] = counted.groupby("event")["idx"].min().reindex(index).fillna(-1).astype(np.int64)
    events["_q"] = (events["quantity_min"] < events["quantity_max"]).fillna(False).to_numpy()


def _counts(c: pd.DataFrame, events: pd.DataFrame) -> None:
    grouped = c.groupby("event")
    events["n_claims"] = grouped.size()
    events["n_documents"] = grouped["doc"].nunique()
    named = c[c["source"] >= 0].groupby("event")["source"].nunique().reindex(events.index).fillna(0)
    unnamed = c[c["source"] < 0].groupby("event")["doc"].nunique().reindex(events.index).fillna(0)
    events["n_sources"] = (named + unnamed).astype(np.int64)
    stamp = c["published"].where(c["published"] != np.iinfo(np.int64).max)
    events["first_reported_us"] = stamp.groupby(c["event"]).min()
    events["last_reported_us"] = stamp.groupby(c["event"]).max()
    events["relevant"] = grouped["relevant"].any()


def list_column(values: pa.Array, parents: np.ndarray, n_groups: int) -> pa.ListArray:
    """A list per group from values already sorted by their group index ``parents``."""
    offsets = np.zeros(n_groups + 1, dtype=np.int32)
    np.add.at(offsets, parents + 1, 1)
    return pa.ListArray.from_arrays(pa.array(np.cumsum(offsets), type=pa.int32()), values)
