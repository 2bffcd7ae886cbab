"""Candidate pairs from blocking keys, never from all pairs.

Two claims are compared only when they share a block: the same type family, the same entity key
(an actor, a place cell, or their own document) and the same time bucket. Blocks are a superset of
what the pair rules can accept (a claim's time window is widened by every tolerance the rules
allow, place cells by the largest place radius), so the result does not depend on where bucket
boundaries fall; only blocks larger than ``MAX_BLOCK`` are thinned (sorted neighbourhood), which
the stage reports.

Time buckets come in two sizes: a claim whose window spans at most ``FINE_SPAN`` days lives in
8-day buckets and also visits the 64-day buckets, a longer window lives in 64-day buckets only;
pairs are formed in a bucket between two residents or a resident and a visitor, so a day-level
claim meets a month-level one without every day-level claim meeting every other in 64 days.
Claims with no date and no publication date live in one timeless bucket per key.

For Dask: the (block, claim) rows below are the unit of partitioning. Shuffle them by block id,
generate and evaluate pairs per partition, and only the accepted pairs (a small edge list) come
back for the clustering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventbuilder.link.features import NO_DATE, ClaimFeatures
from eventbuilder.link.rules import (
    FALLBACK_DATE_LOOKBACK_DAYS,
    FAMILIES,
    MAX_LINKING_SPAN_DAYS,
    PRECISE_PLACE,
    PRECISIONS,
    UNDATED_WINDOW_DAYS,
)

FINE_BUCKET, COARSE_BUCKET, FINE_SPAN = 8, 64, 16
MAX_BLOCK = 400  # larger blocks pair each claim with its MAX_BLOCK nearest neighbours in date order
CELL_DEGREES = 1.0
CELL_MARGIN_KM = 35.0  # the largest radius at which a precise place can still be "the same place"
_KINDS = {"actor": 0, "country": 1, "cell": 2, "document": 3, "place_country": 4, "place_text": 5}
_LEVEL_FINE, _LEVEL_COARSE, _LEVEL_TIMELESS, _LEVEL_DOCUMENT = 0, 1, 2, 3
_BUCKET_OFFSET = 1 << 20


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (i < j, canonical indices) and how many blocks had to be thinned."""

    left: np.ndarray
    right: np.ndarray
    blocks: int
    thinned_blocks: int


def time_windows(f: ClaimFeatures) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each claim's matching window [lo, hi] in days, widened by every tolerance, and whether it
    is dated precisely enough to match across documents (else the publication window is used)."""
    tolerance = np.array([family.date_tolerance_days for family in FAMILIES] + [0])[f.family]
    dated = (f.date_lo != NO_DATE) & ((f.date_hi.astype(np.int64) - f.date_lo) < MAX_LINKING_SPAN_DAYS)
    widen = tolerance + FALLBACK_DATE_LOOKBACK_DAYS
    lo = np.where(dated, f.date_lo.astype(np.int64) - widen, f.published_day.astype(np.int64) - UNDATED_WINDOW_DAYS)
    hi = np.where(dated, f.date_hi.astype(np.int64) + widen, f.published_day.astype(np.int64) + UNDATED_WINDOW_DAYS)
    timeless = ~dated & (f.published_day == NO_DATE)
    return np.where(timeless, 0, lo), np.where(timeless, 0, hi), ~timeless


def candidate_pairs(f: ClaimFeatures) -> Candidates:
    """Every pair of claims that share a block, once, as canonical indices with left < right."""
    if f.n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, 0, 0)
    claim, entity = entity_keys(f)
    lo, hi, timed = time_windows(f)
    block, member, resident = _time_blocks(f, claim, entity, lo, hi, timed)
    return _pairs_in_blocks(block, member, resident, lo)


def entity_keys(f: ClaimFeatures) -> tuple[np.ndarray, np.ndarray]:
    """(claim, entity key) rows: actors, their countries, place cells, and the claim's document."""
    rows = np.arange(f.n)
    claims, keys = [], []

    def add(which: np.ndarray, codes: np.ndarray, kind: str) -> None:
        keep = codes >= 0
        claims.append(which[keep])
        keys.append(codes[keep].astype(np.int64) * 8 + _KINDS[kind])

    actors = np.concatenate([f.actor1[:, None], f.actor2[:, None], f.speaker[:, None], f.parties], axis=1)
    for column in range(actors.shape[1]):
        add(rows, actors[:, column], "actor")
        countries = np.where(actors[:, column] >= 0, f.key_country[np.maximum(actors[:, column], 0)], -1)
        add(rows, countries, "country")
    cell_rows, cells = _place_cells(f)
    add(cell_rows, cells, "cell")
    # the same phrase resolved to a city in one report and to its district in another
    add(rows, np.where(f.place_firm, f.place_text, -1).astype(np.int64), "place_text")
    add(rows, f.doc.astype(np.int64), "document")
    anonymous = (actors < 0).all(axis=1) & (f.precision > PRECISIONS.index(PRECISE_PLACE[-1]))
    add(rows[anonymous], np.where(f.place_country[anonymous] >= 0, f.place_country[anonymous], -1), "place_country")
    claim, key = np.concatenate(claims), np.concatenate(keys)
    unique = np.unique(claim * (int(key.max()) + 1) + key) if len(key) else np.zeros(0, dtype=np.int64)
    width = int(key.max()) + 1 if len(key) else 1
    return unique // width, unique % width


def _place_cells(f: ClaimFeatures) -> tuple[np.ndarray, np.ndarray]:
    """Grid cells within CELL_MARGIN_KM of each precise place: two places close enough to be the
    same share at least one cell."""
    precise = (f.precision <= PRECISIONS.index(PRECISE_PLACE[-1])) & ~np.isnan(f.latitude)
    rows = np.nonzero(precise)[0]
    lat, lon = f.latitude[rows], f.longitude[rows]
    dlat = CELL_MARGIN_KM / 111.0
    dlon = CELL_MARGIN_KM / (111.0 * np.maximum(np.cos(np.radians(lat)), 0.05))
    out_rows, out_cells = [], []
    for sy in (-1, 1):
        for sx in (-1, 1):
            y = np.floor((lat + sy * dlat + 90) / CELL_DEGREES).astype(np.int64)
            x = np.floor(((lon + sx * dlon + 180) % 360) / CELL_DEGREES).astype(np.int64)
            out_rows.append(rows)
            out_cells.append(y * 1000 + x)
    if not rows.size:
        return rows, rows.astype(np.int64)
    both = np.unique(np.stack([np.concatenate(out_rows), np.concatenate(out_cells)]), axis=1)
    return both[0], both[1]


def _time_blocks(f: ClaimFeatures, claim: np.ndarray, entity: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                 timed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(block id, claim, resident?) rows: each entity row visits the time buckets of its window."""
    family = f.family[claim].astype(np.int64)
    base = (family * (int(entity.max()) + 1 if len(entity) else 1) + entity) * 4
    is_document = entity % 8 == _KINDS["document"]
    fine = timed[claim] & ((hi[claim] - lo[claim]) <= FINE_SPAN) & ~is_document
    coarse = timed[claim] & ~is_document
    parts = [
        _bucketed(base, claim, lo, hi, fine, FINE_BUCKET, _LEVEL_FINE, resident=fine),
        _bucketed(base, claim, lo, hi, coarse, COARSE_BUCKET, _LEVEL_COARSE, resident=coarse & ~fine),
    ]
    timeless = ~timed[claim] & ~is_document
    parts.append(((base * 4 + _LEVEL_TIMELESS) * _BUCKET_OFFSET * 2, claim, timeless, np.ones(len(claim), bool)))
    # every dated claim visits its keys' timeless bucket, where undated claims of the same key live
    parts.append(((base * 4 + _LEVEL_TIMELESS) * _BUCKET_OFFSET * 2, claim, np.zeros(len(claim), bool),
                  timed[claim] & ~is_document))
    parts.append(((base * 4 + _LEVEL_DOCUMENT) * _BUCKET_OFFSET * 2, claim, is_document, is_document))
    blocks, members, residents = [], [], []
    for block, member, resident, keep in parts:
        blocks.append(block[keep])
        members.append(member[keep])
        residents.append(resident[keep])
    return np.concatenate(blocks), np.concatenate(members), np.concatenate(residents)


def _bucketed(base, claim, lo, hi, keep, size, level, resident):
    """Rows for every bucket of ``size`` days that [lo, hi] touches."""
    first = np.floor_divide(lo[claim], size)
    count = np.where(keep, np.floor_divide(hi[claim], size) - first + 1, 0)
    index = np.repeat(np.arange(len(claim)), count)
    step = np.arange(len(index)) - np.repeat(np.cumsum(count) - count, count)
    bucket = first[index] + step + _BUCKET_OFFSET
    block = (base[index] * 4 + level) * _BUCKET_OFFSET * 2 + bucket
    return block, claim[index], resident[index], np.ones(len(index), bool)


def _pairs_in_blocks(block: np.ndarray, member: np.ndarray, resident: np.ndarray, lo: np.ndarray) -> Candidates:
    order = np.lexsort((member, block))
    block, member, resident = block[order], member[order], resident[order]
    starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    sizes = np.diff(np.r_[starts, len(block)])
    has_resident = np.add.reduceat(resident.astype(np.int64), starts) > 0 if len(starts) else np.zeros(0, bool)
    lefts, rights = [], []
    thinned = 0
    for size in np.unique(sizes[(sizes >= 2) & has_resident]):
        chosen = starts[(sizes == size) & has_resident]
        if size <= MAX_BLOCK:
            left, right = _all_pairs(chosen, int(size), member, resident)
        else:
            thinned += len(chosen)
            left, right = _neighbour_pairs(chosen, int(size), member, resident, lo)
        lefts.append(left)
        rights.append(right)
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, len(starts), thinned)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    low, high = np.minimum(left, right), np.maximum(left, right)
    keep = low != high
    width = int(high.max()) + 1 if len(high) else 1
    unique = np.unique(low[keep] * width + high[keep])
    return Candidates(unique // width, unique % width, len(starts), thinned)


def _all_pairs(starts: np.ndarray, size: int, member: np.ndarray, resident: np.ndarray):
    """All pairs inside blocks of one size, except visitor with visitor."""
    a, b = np.triu_indices(size, k=1)
    index = starts[:, None] + np.arange(size)[None, :]
    left, right = index[:, a].ravel(), index[:, b].ravel()
    keep = resident[left] | resident[right]
    return member[left[keep]], member[right[keep]]


def _neighbour_pairs(starts: np.ndarray, size: int, member: np.ndarray, resident: np.ndarray, lo: np.ndarray):
    """Oversized blocks: each claim with the next MAX_BLOCK claims in date order (sorted neighbourhood)."""
    index = starts[:, None] + np.arange(size)[None, :]
    order = np.argsort(lo[member[index]] * (len(lo) + 1) + member[index], axis=1, kind="stable")
    index = np.take_along_axis(index, order, axis=1)
    lefts, rights = [], []
    for offset in range(1, min(MAX_BLOCK, size - 1) + 1):
        left, right = index[:, :-offset].ravel(), index[:, offset:].ravel()
        keep = resident[left] | resident[right]
        lefts.append(member[left[keep]])
        rights.append(member[right[keep]])
    return np.concatenate(lefts), np.concatenate(rights)
