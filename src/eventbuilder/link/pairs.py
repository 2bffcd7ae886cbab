"""Pair rules: are two claims the same event, by which rule, and with what evidence.

Evaluated vectorised over arrays of canonical claim indices. A pair is one of
- ``CONFLICT``: something the rules say can never be one event (different days, different cities,
  different participants, a conditional and a fact, another speaker): the clustering never puts the
  two claims in one event, even through other claims;
- ``COMPATIBLE``: nothing contradicts, but nothing positive identifies them either;
- ``LINK``: a named rule (``rules.RULES``) says they report the same event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventbuilder.link.features import MODALITIES, NO_DATE, ClaimFeatures
from eventbuilder.link.rules import (
    ANAPHOR_MAX_SENTENCES,
    FALLBACK_DATE_LOOKBACK_DAYS,
    FAMILIES,
    MAX_LINKING_SPAN_DAYS,
    MODALITY_PAIRS,
    PLACE_RADIUS_KM,
    PRECISE_PLACE,
    PRECISIONS,
    RULES,
    STATEMENT_MIN_OVERLAP,
    STATEMENT_MIN_SHARED_WORDS,
    UNDATED_WINDOW_DAYS,
)
from eventbuilder.link.text import TextIndex

CONFLICT, COMPATIBLE, LINK = 0, 1, 2
RULE_NAMES = tuple(RULES)
DATE_UNKNOWN, DATE_CONFLICT, DATE_NEAR, DATE_OVERLAP = 0, 1, 2, 3
PLACE_UNKNOWN, PLACE_CONFLICT, PLACE_NEAR, PLACE_INSIDE, PLACE_SAME = 0, 1, 2, 3, 4
CHUNK = 400_000

_IDENTITY = np.array([["participants", "speaker", "actors", "place"].index(f.identity) for f in FAMILIES])
_TOLERANCE = np.array([f.date_tolerance_days for f in FAMILIES])
_MODALITY_OK = np.array([[frozenset((a, b)) in MODALITY_PAIRS for b in MODALITIES] for a in MODALITIES])
_RADIUS = np.array([PLACE_RADIUS_KM[p] for p in PRECISIONS])
_PRECISE = PRECISIONS.index(PRECISE_PLACE[-1])
_COUNTRY, _ADMIN1 = PRECISIONS.index("country"), PRECISIONS.index("admin1")
_FALLBACK = 3  # features.DATE_METHODS
_VIOLENCE = [f.name for f in FAMILIES].index("violence")


@dataclass
class PairEvaluation:
    """Decision and evidence for each pair (left[k], right[k])."""

    left: np.ndarray
    right: np.ndarray
    status: np.ndarray  # int8: CONFLICT, COMPATIBLE or LINK
    rule: np.ndarray  # int8 index into RULE_NAMES (-1 unless LINK)
    score: np.ndarray  # float64 in [0, 1]
    type_same: np.ndarray  # bool
    date_overlap: np.ndarray  # int32 days shared (negative: the gap), NO_DATE when a date is unknown
    date_relation: np.ndarray  # int8 DATE_*
    place_relation: np.ndarray  # int8 PLACE_*
    distance_km: np.ndarray  # float64, NaN when a place is unknown
    text_similarity: np.ndarray  # float64, NaN when not compared
    actor_matches: np.ndarray  # int32 number of shared parties
    actor_conflict: np.ndarray  # bool: the doers differ (tolerated by same_place_and_day)


def evaluate_pairs(f: ClaimFeatures, left: np.ndarray, right: np.ndarray, text: TextIndex, *,
                   dates: bool = True) -> PairEvaluation:
    """Decide every pair; chunked so memory stays bounded on millions of pairs. ``dates=False``
    treats every date as unknown (the clustering of large components checks dates separately)."""
    parts = [_evaluate(f, left[s:s + CHUNK], right[s:s + CHUNK], text, dates)
             for s in range(0, max(len(left), 1), CHUNK)]
    if len(parts) == 1:
        return parts[0]
    return PairEvaluation(*(np.concatenate([getattr(p, name) for p in parts])
                            for name in PairEvaluation.__dataclass_fields__))


def conflict_keys(f: ClaimFeatures, left: np.ndarray, right: np.ndarray, text: TextIndex) -> np.ndarray:
    """Keys (``left * n + right``) of the conflicting pairs only, evaluated chunk by chunk."""
    found = [np.zeros(0, dtype=np.int64)]
    for s in range(0, len(left), CHUNK):
        part = _evaluate(f, left[s:s + CHUNK], right[s:s + CHUNK], text, True)
        clash = part.status == CONFLICT
        found.append(np.minimum(part.left[clash], part.right[clash]).astype(np.int64) * max(f.n, 1)
                     + np.maximum(part.left[clash], part.right[clash]))
    return np.concatenate(found)


def evaluate_candidates(f: ClaimFeatures, left: np.ndarray, right: np.ndarray,
                        text: TextIndex) -> tuple[PairEvaluation, np.ndarray]:
    """Decide candidate pairs chunk by chunk, keeping the evidence of linked pairs and only the
    keys (``left * n + right``, sorted) of conflicting ones, so memory stays small."""
    from eventbuilder.link.features import sorted_unique

    links, conflicts = [], []
    for s in range(0, len(left), CHUNK):
        part = _evaluate(f, left[s:s + CHUNK], right[s:s + CHUNK], text, True)
        keep = part.status == LINK
        links.append(PairEvaluation(*(getattr(part, name)[keep] for name in PairEvaluation.__dataclass_fields__)))
        clash = part.status == CONFLICT
        conflicts.append(part.left[clash].astype(np.int64) * max(f.n, 1) + part.right[clash])
    if not links:
        empty = evaluate_pairs(f, left[:0], right[:0], text)
        return empty, np.zeros(0, dtype=np.int64)
    merged = PairEvaluation(*(np.concatenate([getattr(p, name) for p in links])
                              for name in PairEvaluation.__dataclass_fields__))
    return merged, sorted_unique(np.concatenate(conflicts))


def _evaluate(f: ClaimFeatures, i: np.ndarray, j: np.ndarray, text: TextIndex, dates: bool) -> PairEvaluation:
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    family = f.family[i].astype(np.int64)
    identity = _IDENTITY[family]
    same_doc = f.doc[i] == f.doc[j]
    overlap, date_relation, same_day = _dates(f, i, j, family, same_doc) if dates else (
        np.full(len(i), NO_DATE, dtype=np.int32), np.full(len(i), DATE_UNKNOWN, dtype=np.int8), np.zeros(len(i), bool))
    place_relation, distance, precise_both, precision_gap = _places(f, i, j)
    parties = _party_overlap(f, i, j)
    doer = _role_match(f, np.where(f.doer_named, f.actor1, -1), i, j)
    target = _role_match(f, f.actor2, i, j)
    speaker_i = np.where(f.speaker[i] >= 0, f.speaker[i], f.actor1[i])
    speaker_j = np.where(f.speaker[j] >= 0, f.speaker[j], f.actor1[j])
    speaker = _match(f, speaker_i, speaker_j)
    sims = np.full(len(i), np.nan)
    shared_words = np.zeros(len(i), dtype=np.int32)
    shorter = np.zeros(len(i), dtype=np.int32)
    wants_text = (identity == 1) & (date_relation >= DATE_NEAR) & (speaker == 1)
    if wants_text.any():
        sims[wants_text], shared_words[wants_text], shorter[wants_text] = text.similarity(i[wants_text], j[wants_text])

    modality_ok = _MODALITY_OK[f.modality[i], f.modality[j]]
    dated = date_relation >= DATE_NEAR
    anaphor = _anaphor(f, i, j, same_doc, parties) & (date_relation != DATE_CONFLICT) & (
        place_relation != PLACE_CONFLICT)

    # identity: participants
    need = np.where(parties.named_min >= 2, 2, 1)
    party_conflict = (parties.named_min >= 1) & (parties.overlap < need)
    party_link = (parties.named_min >= 1) & (parties.overlap >= need) & (dated | (parties.overlap >= 2) | same_doc)
    # identity: speaker
    speaker_conflict = speaker == -1
    # a short statement ("Putin said the talks had been constructive") may share a single word
    enough_words = (shared_words >= STATEMENT_MIN_SHARED_WORDS) | ((shared_words >= 1) & (shorter <= 3))
    statement_link = (speaker == 1) & dated & (sims >= STATEMENT_MIN_OVERLAP) & enough_words
    # identity: actors (and place)
    actor_conflict = (doer == -1) | (target == -1)
    strong_actors = (doer == 1) & (target == 1)
    # a doer carried over from the attack before is weak evidence: enough only on the same named day
    # ("after a short-range missile was fired late on Sunday" and "North Korea fired ... late on Sunday")
    carried = (doer == 0) & (_role_match(f, f.actor1, i, j) == 1) & same_day & (f.family[i] == _VIOLENCE)
    actors_link = (((doer == 1) & (dated | strong_actors | same_doc)) | carried) & ~actor_conflict
    # A state at war strikes many places a day: a state doer identifies an attack only with the same
    # target and places of one precision (a strike on Kyiv is not the barrage "across the country").
    state_doer = f.key_is_country[np.maximum(f.actor1[i], 0)] & ((doer == 1) | carried)
    firm_i, firm_j = f.place_firm[i], f.place_firm[j]
    same_firm_place = (place_relation == PLACE_SAME) & firm_i & firm_j
    unplaced = ~(firm_i & (f.precision[i] <= _PRECISE)) & ~(firm_j & (f.precision[j] <= _PRECISE))
    # a carried-over state doer is weaker still: with no place of its own in either report it would
    # join any strike of that day ("Explosions also shook Lviv" and the barrage "across the country")
    unplaced &= ~(carried & (doer != 1) & ~(firm_i & firm_j))
    # ... and a strike on a named town is not a report that names no town ("struck central Kyiv"
    # and "launched 84 cruise missiles at Ukrainian cities"), however the doer and target agree
    one_precise = (firm_i & (f.precision[i] <= _PRECISE)) != (firm_j & (f.precision[j] <= _PRECISE))
    place_actors_link = actors_link & (~state_doer | (
        (strong_actors | same_firm_place | unplaced) & ~precision_gap & ~one_precise))
    # without a date, one city is not enough (Brooklyn in 2011 and in 2013): the doer must match too
    place_day = (precise_both & (place_relation >= PLACE_NEAR) & (
        same_day | (date_relation == DATE_OVERLAP) | ((date_relation == DATE_UNKNOWN) & ~same_doc & (doer == 1))))

    # The extractor keeps one claim per event per sentence: two of one family are two events, unless
    # the same named doer does both ("stormed the towns and killed 1,200 people"); two different counts
    # of one thing in one sentence are two things ("launched 84 missiles ... shot down 43 of them").
    counts_differ = ((f.unit_class[i] == f.unit_class[j]) & (f.unit_class[i] >= 0)
                     & (f.quantity[i] != f.quantity[j]))
    same_sentence = same_doc & (f.sentence[i] == f.sentence[j]) & ((doer != 1) | counts_differ)
    conflict = (f.family[i] != f.family[j]) | ~modality_ok | (date_relation == DATE_CONFLICT) | (place_relation == PLACE_CONFLICT) | same_sentence
    conflict |= (identity == 0) & party_conflict
    conflict |= (identity == 1) & speaker_conflict
    conflict |= (identity == 2) & actor_conflict
    conflict |= (identity == 3) & actor_conflict & ~place_day

    rule = np.full(len(i), -1, dtype=np.int8)
    _assign(rule, anaphor, "same_document_reference")
    _assign(rule, (identity == 2) & actors_link, "same_actors")
    _assign(rule, (identity == 3) & place_actors_link, "same_actors")
    _assign(rule, (identity == 3) & place_day, "same_place_and_day")
    _assign(rule, (identity == 1) & statement_link, "same_statement")
    _assign(rule, (identity == 0) & party_link, "same_participants")
    planned = (f.modality[i] == 1) ^ (f.modality[j] == 1)
    happened = (f.modality[i] == 0) | (f.modality[j] == 0)
    _assign(rule, (rule >= 0) & planned & happened, "planned_then_happened")
    rule[conflict] = -1
    status = np.where(conflict, CONFLICT, np.where(rule >= 0, LINK, COMPATIBLE)).astype(np.int8)
    score = _score(f, i, j, same_day, date_relation, place_relation, parties.overlap, doer, target, sims, same_doc)
    return PairEvaluation(i, j, status, rule, score, f.type_code[i] == f.type_code[j], overlap, date_relation,
                          place_relation, distance, sims, parties.overlap.astype(np.int32),
                          (doer == -1) & (identity == 3))


def _anaphor(f: ClaimFeatures, i, j, same_doc, parties) -> np.ndarray:
    """A report naming no party ("Three people were killed") and the closest earlier report of its
    family in the same article, at most ANAPHOR_MAX_SENTENCES before it."""
    named_i, named_j = (f.parties[i] >= 0).any(axis=1), (f.parties[j] >= 0).any(axis=1)
    later_i = (f.sentence[i] > f.sentence[j]) & ~named_i
    later_j = (f.sentence[j] > f.sentence[i]) & ~named_j
    anaphor = np.where(later_i, i, j)
    antecedent = np.where(later_i, j, i)
    gap = np.abs(f.sentence[i] - f.sentence[j])
    candidate = same_doc & (later_i | later_j) & (gap <= ANAPHOR_MAX_SENTENCES)
    closest = f.antecedent[anaphor] == antecedent
    # "Explosions also shook Lviv" names a place of its own: it does not refer back to the Kyiv strike
    own = f.sentence_place[anaphor]
    elsewhere = (own >= 0) & (own != f.place[antecedent]) & (own != f.sentence_place[antecedent])
    del parties
    return candidate & closest & ~elsewhere


def _assign(rule: np.ndarray, where: np.ndarray, name: str) -> None:
    rule[where] = RULE_NAMES.index(name)


# ---------------------------------------------------------------- dates


def _dates(f: ClaimFeatures, i, j, family, same_doc):
    """(days shared or -gap, DATE_* relation, both the same single day) per pair."""
    lo_i, hi_i, known_i = match_intervals(f, i, same_doc)
    lo_j, hi_j, known_j = match_intervals(f, j, same_doc)
    overlap = np.minimum(hi_i, hi_j) - np.maximum(lo_i, lo_j) + 1
    tolerance = _TOLERANCE[family]
    relation = np.where(overlap >= 1, DATE_OVERLAP, np.where(1 - overlap <= tolerance, DATE_NEAR, DATE_CONFLICT))
    known = known_i & known_j
    relation = np.where(known, relation, _undated_relation(f, i, j, lo_i, hi_i, known_i, lo_j, hi_j, known_j))
    single = (f.date_lo[i] == f.date_hi[i]) & (f.date_lo[j] == f.date_hi[j])
    same_day = known & single & (f.date_lo[i] == f.date_lo[j]) & (f.date_method[i] != _FALLBACK) & (
        f.date_method[j] != _FALLBACK)
    return np.where(known, overlap, NO_DATE).astype(np.int32), relation.astype(np.int8), same_day


def match_intervals(f: ClaimFeatures, rows, same_doc):
    """First and last day each claim's date can match (fallback dates reach two days back, nights
    one day forward), and whether it is known (coarse dates count only inside one article)."""
    lo, hi = f.date_lo[rows].astype(np.int64), f.date_hi[rows].astype(np.int64)
    hi = hi + f.night[rows]  # "overnight" in Yemen is "early on Friday" in one report, Thursday in another
    known = f.date_lo[rows] != NO_DATE
    # coarse dates identify nothing across articles; inside one article they still separate
    known &= same_doc | ((hi - lo) < MAX_LINKING_SPAN_DAYS)
    lo = np.where(f.date_method[rows] == _FALLBACK, lo - FALLBACK_DATE_LOOKBACK_DAYS, lo)
    return lo, hi, known


def _undated_relation(f: ClaimFeatures, i, j, lo_i, hi_i, known_i, lo_j, hi_j, known_j):
    """An undated claim may only join reports near its article's publication date."""
    anchor_i = np.where(known_i, (lo_i + hi_i) // 2, f.published_day[i])
    anchor_j = np.where(known_j, (lo_j + hi_j) // 2, f.published_day[j])
    missing = ((~known_i) & (f.published_day[i] == NO_DATE)) | ((~known_j) & (f.published_day[j] == NO_DATE))
    far = np.abs(anchor_i.astype(np.int64) - anchor_j) > UNDATED_WINDOW_DAYS
    return np.where(~missing & far, DATE_CONFLICT, DATE_UNKNOWN)


# ---------------------------------------------------------------- places


def _places(f: ClaimFeatures, i, j):
    """(PLACE_* relation, distance in km, both precise and firm, one precise inside a coarse one) per pair.

    Only places named in the evidence sentence can contradict; a dateline or document fallback
    place supports a link when it agrees and is ignored when it does not.
    """
    distance = _haversine(f.latitude[i], f.longitude[i], f.latitude[j], f.longitude[j])
    known = ~np.isnan(distance)
    pi, pj = f.precision[i], f.precision[j]
    # the same phrase as written ("Tel Aviv") resolved to the city in one article and to its district
    # in another is the same place
    same_text = known & (f.place_text[i] == f.place_text[j]) & (f.place_text[i] >= 0) & (distance <= 300.0)
    pi = np.where(same_text, np.minimum(pi, pj), pi)
    pj = np.where(same_text, pi, pj)
    same = known & (((f.place[i] == f.place[j]) & (f.place[i] >= 0)) | (distance < 1.0) | same_text)
    country_inside = ((pi == _COUNTRY) | (pj == _COUNTRY)) & (f.place_country[i] == f.place_country[j]) & (
        f.place_country[i] >= 0)
    admin_inside = ((pi == _ADMIN1) | (pj == _ADMIN1)) & (f.place_admin1[i] == f.place_admin1[j]) & (
        f.place_admin1[i] >= 0)
    near = known & (distance <= _RADIUS[np.maximum(pi, pj)])
    firm = f.place_firm[i] & f.place_firm[j]
    relation = np.select([~known, same, known & (country_inside | admin_inside), near, firm],
                         [PLACE_UNKNOWN, PLACE_SAME, PLACE_INSIDE, PLACE_NEAR, PLACE_CONFLICT], PLACE_UNKNOWN)
    precise_both = firm & (pi <= _PRECISE) & (pj <= _PRECISE)
    precision_gap = firm & ((pi <= _PRECISE) != (pj <= _PRECISE)) & (relation == PLACE_INSIDE)
    return relation.astype(np.int8), distance, precise_both, precision_gap


def _haversine(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


# ---------------------------------------------------------------- actors


def _match(f: ClaimFeatures, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 when two actor keys are the same actor (or a state and one of its people), -1 when both are
    named and differ, 0 when either is missing."""
    both = (a >= 0) & (b >= 0)
    ka, kb = np.maximum(a, 0), np.maximum(b, 0)
    same = (a == b) | (f.key_is_country[ka] & (f.key_country[kb] == f.key_country[ka])) | (
        f.key_is_country[kb] & (f.key_country[ka] == f.key_country[kb]))
    same &= both & ((a == b) | (f.key_country[ka] >= 0))
    return np.where(~both, 0, np.where(same, 1, -1))


def _role_match(f: ClaimFeatures, role: np.ndarray, i, j) -> np.ndarray:
    return _match(f, role[i], role[j])


@dataclass
class _Parties:
    overlap: np.ndarray
    named_min: np.ndarray


def _party_overlap(f: ClaimFeatures, i, j) -> _Parties:
    """How many named parties two claims share (a state matches its own officials)."""
    pi, pj = f.parties[i], f.parties[j]
    valid_i, valid_j = pi >= 0, pj >= 0
    ci = np.where(valid_i, f.key_country[np.maximum(pi, 0)], -1)
    cj = np.where(valid_j, f.key_country[np.maximum(pj, 0)], -1)
    si = valid_i & f.key_is_country[np.maximum(pi, 0)]
    sj = valid_j & f.key_is_country[np.maximum(pj, 0)]
    same = (pi[:, :, None] == pj[:, None, :]) & valid_i[:, :, None]
    state = (ci[:, :, None] == cj[:, None, :]) & (ci[:, :, None] >= 0) & (si[:, :, None] | sj[:, None, :])
    matched = same | state
    overlap = np.minimum(matched.any(axis=2).sum(axis=1), matched.any(axis=1).sum(axis=1))
    return _Parties(overlap, np.minimum(valid_i.sum(axis=1), valid_j.sum(axis=1)))


# ---------------------------------------------------------------- score


def _score(f, i, j, same_day, date_relation, place_relation, overlap, doer, target, sims, same_doc) -> np.ndarray:
    """Strength of a link in [0, 1], used to order merges and shown to analysts."""
    score = 0.1 * (f.type_code[i] == f.type_code[j])
    score += np.select([same_day, date_relation == DATE_OVERLAP, date_relation == DATE_NEAR], [0.3, 0.2, 0.1], 0.0)
    actors = np.maximum(overlap, (doer == 1).astype(int) + (target == 1).astype(int))
    score += np.minimum(actors, 2) * 0.15
    score += np.select([place_relation == PLACE_SAME, place_relation == PLACE_INSIDE, place_relation == PLACE_NEAR],
                       [0.2, 0.12, 0.08], 0.0)
    score += 0.2 * np.nan_to_num(sims)
    score += 0.05 * same_doc - 0.01 * same_doc * np.minimum(np.abs(f.sentence[i] - f.sentence[j]), 5)
    return np.round(np.clip(score, 0.0, 1.0), 4)
