"""Candidate pairs from blocking keys, never from all pairs.

Two claims are compared only when they share a block: the same type family, the same key and the
same time bucket. The keys follow the rules (``pairs.py``), so that every pair a rule can link
shares a block, and are as narrow as the rules allow, so that busy actors ("Russia" in 2022) do not
make huge blocks:

- meetings and agreements: each pair of named parties; a report naming one party meets the reports
  naming it among others;
- speech: the speaker with each content word (a statement must share words with another to be the
  same);
- other types: the doer with the target; a report without a target meets the doer's reports;
  attacks and protests also by place cell (within 35 km) and by the place phrase as written;
- every claim: its own document (a report naming no one refers to an earlier one of its article).

A state matches its own officials ("Russia" and "Sergei Shoigu"): an official also *visits* its
state's key. Time buckets come in two sizes: a claim whose window (its dates widened by every
tolerance of the rules) spans at most ``FINE_SPAN`` days lives in 8-day buckets and visits the
64-day buckets; a longer window lives in 64-day buckets; claims with neither a date nor a
publication date live in one timeless bucket per key, which every dated claim visits. A pair is
formed in a block only when, for the key and for the time bucket, at least one of the two claims is
a resident, so two officials of one state, or two day-level reports in a 64-day bucket, are not
paired there. Blocks larger than ``MAX_BLOCK`` pair each claim with its ``MAX_BLOCK`` nearest
neighbours in date order (sorted neighbourhood); the stage reports how many.

For Dask: the (block, claim, roles) rows are the unit of partitioning. Shuffle them by block id,
generate and evaluate pairs per partition, and only the accepted pairs (a small edge list) come back
for the clustering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventbuilder.link.features import NO_DATE, ClaimFeatures, dense_codes, sorted_unique
from eventbuilder.link.rules import (
    FALLBACK_DATE_LOOKBACK_DAYS,
    FAMILIES,
    MAX_LINKING_SPAN_DAYS,
    PRECISE_PLACE,
    PRECISIONS,
    UNDATED_WINDOW_DAYS,
)
from eventbuilder.link.text import TextIndex

FINE_BUCKET, COARSE_BUCKET, FINE_SPAN = 8, 64, 16
MAX_BLOCK = 400
KEY_ROWS_PER_CHUNK = 400_000
MAX_WORDS = 60  # content words of a statement used as keys (a safety cap: sentences have fewer)
CELL_DEGREES = 1.0
CELL_MARGIN_KM = 35.0  # the largest radius at which a precise place can still be "the same place"
_IDENTITY = np.array([["participants", "speaker", "actors", "place"].index(f.identity) for f in FAMILIES])
_KIND = {"pair": 1, "party": 2, "speaker_word": 3, "doer_target": 4, "doer": 5, "cell": 6, "place_text": 7,
         "document": 8}
_TOKEN_BITS = 28
_LEVEL_FINE, _LEVEL_COARSE, _LEVEL_TIMELESS, _LEVEL_DOCUMENT = 0, 1, 2, 3
_BUCKET_OFFSET = 1 << 20


@dataclass(frozen=True)
class _BlockPairs:
    keys: np.ndarray  # sorted unique left * n + right
    blocks: int
    thinned_blocks: int


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (i < j, canonical indices) and how many blocks had to be thinned."""

    left: np.ndarray
    right: np.ndarray
    blocks: int
    thinned_blocks: int


@dataclass
class _Keys:
    """(claim, key, key resident?) rows."""

    claim: list[np.ndarray]
    key: list[np.ndarray]
    resident: list[np.ndarray]

    def add(self, claim: np.ndarray, kind: str, a: np.ndarray, b: np.ndarray | int, resident: np.ndarray | bool,
            where: np.ndarray) -> None:
        b = np.broadcast_to(np.asarray(b, dtype=np.int64), claim.shape)
        resident = np.broadcast_to(np.asarray(resident, dtype=bool), claim.shape)
        keep = where & (a >= 0) & (b >= 0)
        key = (np.int64(_KIND[kind]) << (2 * _TOKEN_BITS)) | (a[keep].astype(np.int64) << _TOKEN_BITS) | b[keep]
        self.claim.append(claim[keep])
        self.key.append(key)
        self.resident.append(resident[keep])


def time_windows(f: ClaimFeatures) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each claim's matching window [lo, hi] in days, widened by every tolerance, and whether it
    has one (else it is timeless: no date and no publication date)."""
    tolerance = np.array([family.date_tolerance_days for family in FAMILIES] + [0])[f.family]
    dated = (f.date_lo != NO_DATE) & ((f.date_hi.astype(np.int64) - f.date_lo) < MAX_LINKING_SPAN_DAYS)
    widen = tolerance + FALLBACK_DATE_LOOKBACK_DAYS + 1
    lo = np.where(dated, f.date_lo.astype(np.int64) - widen, f.published_day.astype(np.int64) - UNDATED_WINDOW_DAYS)
    hi = np.where(dated, f.date_hi.astype(np.int64) + widen, f.published_day.astype(np.int64) + UNDATED_WINDOW_DAYS)
    timeless = ~dated & (f.published_day == NO_DATE)
    return np.where(timeless, 0, lo), np.where(timeless, 0, hi), ~timeless


def candidate_pairs(f: ClaimFeatures, text: TextIndex) -> Candidates:
    """Every pair of claims that share a block, once, as canonical indices with left < right.

    Families never share a block, so the work (and its memory) goes one family at a time."""
    empty = np.zeros(0, dtype=np.int32)
    if f.n < 2:
        return Candidates(empty, empty, 0, 0)
    lo, hi, timed = time_windows(f)
    found, blocks, thinned = [], 0, 0
    for code in range(len(FAMILIES)):
        rows = np.flatnonzero(f.family == code)
        if len(rows) < 2:
            continue
        claim, key, key_resident = blocking_keys(f, text, rows)
        dense = dense_codes(key)
        order = np.argsort(dense, kind="stable")
        is_document = ((key >> (2 * _TOKEN_BITS)) == _KIND["document"])[order]
        claim, key_resident, dense = claim[order], key_resident[order], dense[order]
        del key, order
        # keys never share a block: a few hundred thousand key rows at a time bound the memory
        for start, end in _key_chunks(dense, KEY_ROWS_PER_CHUNK):
            block, member, roles = _time_blocks(claim[start:end], dense[start:end], key_resident[start:end],
                                                is_document[start:end], lo, hi, timed)
            part = _pairs_in_blocks(block, member, roles, lo, f.n)
            del block, member, roles
            found.append(part.keys)
            blocks, thinned = blocks + part.blocks, thinned + part.thinned_blocks
    keys = np.sort(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return Candidates((keys // f.n).astype(np.int32), (keys % f.n).astype(np.int32), blocks, thinned)


# ---------------------------------------------------------------- keys


def _tokens(f: ClaimFeatures, actor: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The keys an actor is matched by: a state by its country; anyone else by itself (resident)
    and, as a visitor, by its state."""
    safe = np.maximum(actor, 0)
    country = np.where(actor >= 0, f.key_country[safe], -1)
    state = (actor >= 0) & f.key_is_country[safe]
    own = np.where(actor < 0, -1, np.where(state, 2 * country + 1, 2 * actor.astype(np.int64)))
    visit = np.where((actor >= 0) & ~state & (country >= 0), 2 * country + 1, -1)
    return [(own.astype(np.int64), np.ones(len(actor), bool)), (visit.astype(np.int64), np.zeros(len(actor), bool))]


def blocking_keys(f: ClaimFeatures, text: TextIndex, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(claim, key, resident?) rows for the claims ``rows`` (of one family), by its identity rule."""
    identity = int(_IDENTITY[f.family[rows[0]]]) if len(rows) else 0
    keys = _Keys([], [], [])
    if identity == 0:
        _party_keys(f, keys, rows)
    elif identity == 1:
        _speaker_keys(f, keys, rows, text)
    else:
        _doer_keys(f, keys, rows)
    if identity == 3:
        _place_keys(f, keys, rows)
    everywhere = np.ones(len(rows), bool)
    keys.add(rows, "document", f.doc[rows].astype(np.int64), 0, True, everywhere)
    claim, key, resident = (np.concatenate(x) for x in (keys.claim, keys.key, keys.resident))
    # a claim may reach one key both as a resident and as a visitor: keep the resident row
    order = np.lexsort((~resident, key, claim))
    claim, key, resident = claim[order], key[order], resident[order]
    first = np.r_[True, (claim[1:] != claim[:-1]) | (key[1:] != key[:-1])]
    return claim[first], key[first], resident[first]


def _party_keys(f: ClaimFeatures, keys: _Keys, rows: np.ndarray) -> None:
    parties = f.parties[rows, :4]
    where = np.ones(len(rows), bool)
    named = (parties >= 0).sum(axis=1)
    tokens = [_tokens(f, parties[:, k]) for k in range(parties.shape[1])]
    for p in range(parties.shape[1]):
        for q in range(p + 1, parties.shape[1]):
            for tp, rp in tokens[p]:
                for tq, rq in tokens[q]:
                    low, high = np.minimum(tp, tq), np.maximum(tp, tq)
                    keys.add(rows, "pair", np.where((tp < 0) | (tq < 0), -1, low), high, rp & rq, where)
    for p in range(parties.shape[1]):
        for token, _ in tokens[p]:
            keys.add(rows, "party", token, 0, named == 1, where)


def _speaker_keys(f: ClaimFeatures, keys: _Keys, rows: np.ndarray, text: TextIndex) -> None:
    speaker = np.where(f.speaker >= 0, f.speaker, f.actor1)
    claim, codes = text.word_codes(rows[speaker[rows] >= 0], MAX_WORDS)
    for token, resident in _tokens(f, speaker[claim]):
        keys.add(claim, "speaker_word", token, codes, resident, np.ones(len(claim), bool))


def _doer_keys(f: ClaimFeatures, keys: _Keys, rows: np.ndarray) -> None:
    # a carried-over doer counts on a day named in the sentence (see pairs: carried doers)
    day_named = (f.date_lo[rows] == f.date_hi[rows]) & (f.date_lo[rows] != NO_DATE) & (f.date_method[rows] != 3)
    doer = np.where(f.doer_named[rows] | day_named, f.actor1[rows], -1)
    has_target = f.actor2[rows] >= 0
    targets = _tokens(f, f.actor2[rows])
    where = np.ones(len(rows), bool)
    for token, resident in _tokens(f, doer):
        for target, target_resident in targets:
            keys.add(rows, "doer_target", token, target, resident & target_resident, where & has_target)
        keys.add(rows, "doer", token, 0, resident & ~has_target, where)


def _place_keys(f: ClaimFeatures, keys: _Keys, rows: np.ndarray) -> None:
    cell_rows, cells = _place_cells(f, rows)
    keys.add(cell_rows, "cell", cells, 0, True, np.ones(len(cell_rows), bool))
    # the same phrase resolved to a city in one report and to its district in another
    keys.add(rows, "place_text", np.where(f.place_firm[rows], f.place_text[rows], -1).astype(np.int64), 0, True,
             np.ones(len(rows), bool))


def _place_cells(f: ClaimFeatures, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Grid cells within CELL_MARGIN_KM of each precise firm place: two places close enough to be
    the same share at least one cell."""
    precise = ((f.precision[candidates] <= PRECISIONS.index(PRECISE_PLACE[-1])) & ~np.isnan(f.latitude[candidates])
               & f.place_firm[candidates])
    rows = candidates[precise]
    if not rows.size:
        return rows, rows.astype(np.int64)
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
    combined = sorted_unique(np.concatenate(out_rows).astype(np.int64) * 1_000_000 + np.concatenate(out_cells))
    return combined // 1_000_000, combined % 1_000_000


# ---------------------------------------------------------------- time buckets and pairs


def _key_chunks(dense: np.ndarray, size: int) -> list[tuple[int, int]]:
    """[start, end) ranges of rows sorted by key code, about ``size`` rows each, cut between keys."""
    bounds = [0]
    while bounds[-1] < len(dense):
        end = min(bounds[-1] + size, len(dense))
        if end < len(dense):
            end = int(np.searchsorted(dense, dense[end], side="left"))
            end = end if end > bounds[-1] else int(np.searchsorted(dense, dense[bounds[-1]], side="right"))
        bounds.append(end)
    return list(zip(bounds[:-1], bounds[1:]))


def _time_blocks(claim: np.ndarray, dense: np.ndarray, key_resident: np.ndarray, is_document: np.ndarray,
                 lo: np.ndarray, hi: np.ndarray, timed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(block id, claim, roles) rows: roles bit 1 = key resident, bit 2 = time resident. A claim
    visits the coarse or timeless buckets of a key only when some claim lives there."""
    dense = dense - dense[0] if len(dense) else dense
    base = dense * 4
    fine = timed[claim] & ((hi[claim] - lo[claim]) <= FINE_SPAN) & ~is_document
    coarse_resident = timed[claim] & ~fine & ~is_document
    timeless = ~timed[claim] & ~is_document
    lived = np.zeros(int(dense.max()) + 1 if len(dense) else 0, dtype=np.int8)
    lived[dense[coarse_resident]] |= 1
    lived[dense[timeless]] |= 2
    coarse = coarse_resident | (fine & ((lived[dense] & 1) > 0))
    visits_timeless = timed[claim] & ~is_document & ((lived[dense] & 2) > 0)
    ones = np.ones(len(claim), bool)
    member = claim.astype(np.int32)
    parts = [
        _bucketed(base, member, key_resident, lo, hi, fine, FINE_BUCKET, _LEVEL_FINE, fine),
        _bucketed(base, member, key_resident, lo, hi, coarse, COARSE_BUCKET, _LEVEL_COARSE, coarse_resident),
        # undated claims without a publication date live in the timeless bucket; dated ones visit it
        (_block(base, _LEVEL_TIMELESS, 0), member, key_resident, timeless, timeless),
        (_block(base, _LEVEL_TIMELESS, 0), member, key_resident, np.zeros(len(claim), bool), visits_timeless),
        (_block(base, _LEVEL_DOCUMENT, 0), member, key_resident, ones, is_document),
    ]
    blocks, members, roles = [], [], []
    for block, who, k_res, t_res, keep in parts:
        blocks.append(block[keep])
        members.append(who[keep])
        roles.append(k_res[keep].astype(np.int8) | (t_res[keep].astype(np.int8) << 1))
    return np.concatenate(blocks), np.concatenate(members), np.concatenate(roles)


def _block(base: np.ndarray, level: int, bucket) -> np.ndarray:
    return (base * 4 + level) * _BUCKET_OFFSET * 2 + bucket


def _bucketed(base, claim, key_resident, lo, hi, keep, size, level, time_resident):
    """Rows for every bucket of ``size`` days that [lo, hi] touches."""
    first = np.floor_divide(lo[claim], size)
    count = np.where(keep, np.floor_divide(hi[claim], size) - first + 1, 0)
    index = np.repeat(np.arange(len(claim)), count)
    step = np.arange(len(index)) - np.repeat(np.cumsum(count) - count, count)
    bucket = first[index] + step + _BUCKET_OFFSET
    return (_block(base[index], level, bucket), claim[index], key_resident[index], time_resident[index],
            np.ones(len(index), bool))


def _pairs_in_blocks(block: np.ndarray, member: np.ndarray, roles: np.ndarray, lo: np.ndarray, n: int) -> _BlockPairs:
    order = np.argsort(block, kind="stable")
    block, member, roles = block[order], member[order].astype(np.int32), roles[order]
    starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    del block, order
    sizes = np.diff(np.r_[starts, len(member)])
    found = []
    thinned = 0
    for size in np.unique(sizes[sizes >= 2]):
        chosen = starts[sizes == size]
        for chunk in range(0, len(chosen), max(1, 2_000_000 // (int(size) * int(size)))):
            part = chosen[chunk:chunk + max(1, 2_000_000 // (int(size) * int(size)))]
            if size <= MAX_BLOCK:
                left, right = _all_pairs(part, int(size), member, roles)
            else:
                thinned += len(part)
                left, right = _neighbour_pairs(part, int(size), member, roles, lo)
            low, high = np.minimum(left, right), np.maximum(left, right)
            keep = low != high
            found.append(low[keep].astype(np.int64) * n + high[keep])
    unique = sorted_unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return _BlockPairs(unique, len(starts), thinned)


def _allowed(roles: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """At least one resident of the key and at least one resident of the time bucket."""
    either = roles[left] | roles[right]
    return (either & 3) == 3


def _all_pairs(starts: np.ndarray, size: int, member: np.ndarray, roles: np.ndarray):
    a, b = np.triu_indices(size, k=1)
    index = starts[:, None] + np.arange(size)[None, :]
    left, right = index[:, a].ravel(), index[:, b].ravel()
    keep = _allowed(roles, left, right)
    return member[left[keep]], member[right[keep]]


def _neighbour_pairs(starts: np.ndarray, size: int, member: np.ndarray, roles: np.ndarray, lo: np.ndarray):
    """Oversized blocks: each claim with the next MAX_BLOCK claims in date order (sorted neighbourhood)."""
    index = starts[:, None] + np.arange(size)[None, :]
    order = np.argsort(lo[member[index]] * (len(lo) + 1) + member[index], axis=1, kind="stable")
    index = np.take_along_axis(index, order, axis=1)
    lefts, rights = [], []
    for offset in range(1, min(MAX_BLOCK, size - 1) + 1):
        left, right = index[:, :-offset].ravel(), index[:, offset:].ravel()
        keep = _allowed(roles, left, right)
        lefts.append(member[left[keep]])
        rights.append(member[right[keep]])
    return np.concatenate(lefts), np.concatenate(rights)
