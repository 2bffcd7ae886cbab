"""Claims as columns of numbers: what the blocking, the pair rules and the consensus compare.

The claims table (any producer: a full build, an incremental one, a test) is put in the canonical
claim order (earliest published document first, then document id, position in the document, claim
id), so everything computed later depends on the claims, never on the order their rows arrived in.
Strings become integer codes (actors, places, documents) so that comparisons run vectorised over
millions of pairs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.link.rules import FAMILIES, FAMILY_OF_TYPE, PRECISIONS, UNIT_CLASSES

NO_DATE = np.iinfo(np.int32).min
MODALITIES = ("asserted", "planned", "hypothetical", "negated")
DATE_METHODS = ("explicit", "relative", "anchored", "publication_fallback", "none")
MAX_PARTIES = 8  # participants kept per claim for the overlap test (meetings rarely name more)
_COUNTRY_ID = re.compile(r"^[A-Z]{3}$")

# The claims columns the link stage reads; any other column is ignored.
CLAIM_COLUMNS = (
    "claim_id", "doc_id", "sentence_index", "char_start", "char_end", "evidence_text", "event_type", "plover_type",
    "cameo_root", "actor1_name", "actor1_text", "actor1_id", "actor1_country", "actor2_name", "actor2_id", "actor2_country",
    "participants", "speaker", "quote", "modality", "quantity_value", "quantity_unit", "date_start",
    "date_end", "date_granularity", "date_method", "date_text", "place_text", "place_name", "place_id", "latitude", "longitude",
    "place_country", "place_admin1", "geo_precision", "geo_centroid", "geo_method", "confidence",
)


@dataclass
class ClaimFeatures:
    """One entry per claim, in canonical order (``claims`` is the input table in that order;
    ``order[k]`` is the input row of canonical claim k)."""

    claims: pa.Table
    order: np.ndarray
    doc: np.ndarray  # int32 document code
    published_us: np.ndarray  # int64 microseconds since the epoch, or the int64 minimum
    published_day: np.ndarray  # int32 days since the epoch, or NO_DATE
    sentence: np.ndarray  # int32
    type_code: np.ndarray  # int8 index into EVENT_TYPES order of FAMILY_OF_TYPE
    family: np.ndarray  # int8 index into FAMILIES
    modality: np.ndarray  # int8 index into MODALITIES
    date_lo: np.ndarray  # int32 first day, NO_DATE when undated
    date_hi: np.ndarray  # int32 last day
    date_method: np.ndarray  # int8 index into DATE_METHODS
    night: np.ndarray  # bool: the date is a night ("overnight", "Saturday night"), which spans two days
    antecedent: np.ndarray  # int64: closest claim of the same family in an earlier sentence of the document, -1
    actor1: np.ndarray  # int32 actor key code, -1 none
    doer_named: np.ndarray  # bool: actor1 is named in the sentence (not carried over from an earlier attack)
    actor2: np.ndarray
    speaker: np.ndarray
    parties: np.ndarray  # (n, MAX_PARTIES) int32 actor key codes, -1 padded
    key_country: np.ndarray  # int32 per actor key: code of its country (-1 none)
    key_is_country: np.ndarray  # bool per actor key: the key is a state itself (ISO3)
    countries: list[str]  # ISO3 code per country code
    keys: list[str]  # actor key strings (ids, or "name:<folded name>")
    key_names: list[str]  # display name per key
    latitude: np.ndarray  # float64, NaN when no place
    longitude: np.ndarray
    precision: np.ndarray  # int8 index into PRECISIONS
    place: np.ndarray  # int32 place id code, -1 none
    place_text: np.ndarray  # int32 code of the place phrase as written (folded), -1 none
    sentence_place: np.ndarray  # int32 place code of the first place named in the evidence sentence, -1 none
    place_country: np.ndarray  # int32 country code, -1 none
    place_admin1: np.ndarray  # int32 (country, admin1) code, -1 none
    place_firm: np.ndarray  # bool: the place is in the evidence sentence (not a dateline fallback)
    quantity: np.ndarray  # float64, NaN none
    unit_class: np.ndarray  # int32 code of the unit class, -1 none
    relevant: np.ndarray  # bool

    @property
    def n(self) -> int:
        return len(self.doc)


TYPES = tuple(t for family in FAMILIES for t in family.types)
FAMILY_INDEX = np.array([FAMILIES.index(FAMILY_OF_TYPE[t]) for t in TYPES] + [-1])  # by type code; -1 unknown


def fold_name(text: str) -> str:
    """Case- and accent-free name with punctuation as spaces ("U.N." -> "un")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"(?<=\w)\.(?=\w)", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _normalise(claims: pa.Table) -> pa.Table:
    """The columns the stage reads, with their declared types (a table that went through pandas
    comes back with large strings, timestamps for dates, ...)."""
    from eventbuilder.schemas import load_schema

    declared = {c.name: c.arrow_type for c in load_schema("claims").columns}
    names = list(CLAIM_COLUMNS) + (["relevant"] if "relevant" in claims.column_names else [])
    return pa.table({n: pc.cast(claims[n], declared.get(n, pa.bool_())) for n in names})


def canonical_order(claims: pa.Table, documents: pa.Table) -> np.ndarray:
    """Row indices of ``claims`` in canonical order: earliest published document first (undated
    last), then document id, position in the document and claim id."""
    published = _published_us(claims, documents)
    keys = pa.table({"p": published, "d": claims["doc_id"], "s": claims["char_start"], "c": claims["claim_id"]})
    return pc.sort_indices(keys, sort_keys=[("p", "ascending"), ("d", "ascending"), ("s", "ascending"),
                                            ("c", "ascending")]).to_numpy()


def _published_us(claims: pa.Table, documents: pa.Table) -> np.ndarray:
    if documents.num_rows == 0 or "published_at" not in documents.column_names:
        return np.full(claims.num_rows, np.iinfo(np.int64).max, dtype=np.int64)
    stamps = pc.cast(documents["published_at"], pa.int64()).to_numpy(zero_copy_only=False)
    stamps = np.where(pc.is_null(documents["published_at"]).to_numpy(zero_copy_only=False),
                      np.iinfo(np.int64).max, stamps)
    where = pc.index_in(claims["doc_id"], value_set=documents["doc_id"]).to_numpy(zero_copy_only=False)
    found = ~np.isnan(where.astype(float)) if where.dtype == object else where >= 0
    out = np.full(claims.num_rows, np.iinfo(np.int64).max, dtype=np.int64)
    index = np.asarray(np.where(found, where, 0), dtype=np.int64)
    out[found] = stamps[index[found]]
    return out


def claim_features(claims: pa.Table, documents: pa.Table, places: pa.Table | None = None) -> ClaimFeatures:
    """Features of every claim, in canonical order; ``places`` (the places table, optional) tells
    which place each evidence sentence names even when the claim took none."""
    claims = _normalise(claims)
    order = canonical_order(claims, documents)
    claims = claims.take(pa.array(order, type=pa.int64()))
    published_us = _published_us(claims, documents)
    actors = _actor_keys(claims)
    place_fields = _places(claims, places)
    type_code = _lookup(claims["event_type"], TYPES)
    return ClaimFeatures(
        claims=claims,
        order=order,
        doc=_codes(claims["doc_id"]),
        published_us=published_us,
        published_day=_days_from_us(published_us),
        sentence=claims["sentence_index"].to_numpy().astype(np.int32),
        type_code=type_code.astype(np.int8),
        family=FAMILY_INDEX[type_code].astype(np.int8),
        modality=_lookup(claims["modality"], MODALITIES).astype(np.int8),
        date_lo=_days(claims["date_start"]),
        date_hi=_days(claims["date_end"]),
        date_method=_lookup(claims["date_method"], DATE_METHODS).astype(np.int8),
        night=pc.match_substring_regex(pc.fill_null(claims["date_text"], ""), r"(?i)\bnight|overnight").to_numpy(
            zero_copy_only=False),
        antecedent=_antecedents(claims, FAMILY_INDEX[type_code]),
        # "Two cruise missiles hit the port" takes its doer from the attack before it (actor1_text null)
        doer_named=~(pc.is_null(claims["actor1_text"]).to_numpy(zero_copy_only=False)
                     & pc.is_valid(claims["actor1_name"]).to_numpy(zero_copy_only=False)),
        **actors,
        **place_fields,
        quantity=_floats(claims["quantity_value"]),
        unit_class=_unit_classes(claims["quantity_unit"]),
        relevant=(_bools(claims["relevant"]) if "relevant" in claims.column_names
                  else np.ones(claims.num_rows, dtype=bool)),
    )


def _antecedents(claims: pa.Table, family: np.ndarray) -> np.ndarray:
    """For each claim, the last claim of its family in an earlier sentence of its document (-1)."""
    doc = _codes(claims["doc_id"]).astype(np.int64)
    sentence = claims["sentence_index"].to_numpy().astype(np.int64)
    start = claims["char_start"].to_numpy().astype(np.int64)
    order = np.lexsort((start, sentence, family, doc))
    group = np.stack([doc[order], family[order]])
    run = np.stack([doc[order], family[order], sentence[order]])
    new_group = np.r_[True, (group[:, 1:] != group[:, :-1]).any(axis=0)]
    new_run = np.r_[True, (run[:, 1:] != run[:, :-1]).any(axis=0)]
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(order)), 0))
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(len(order)), 0))
    previous = run_start - 1
    sorted_antecedent = np.where(previous >= group_start, order[np.maximum(previous, 0)], -1)
    out = np.full(len(order), -1, dtype=np.int64)
    out[order] = sorted_antecedent
    return out


# ---------------------------------------------------------------- column helpers


def _codes(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    codes, _ = pd.factorize(np.asarray(column.to_pandas(), dtype=object), use_na_sentinel=True)
    return codes.astype(np.int32)


def _lookup(column, names: tuple[str, ...]) -> np.ndarray:
    """Index of each value in ``names`` (-1 when absent)."""
    index = pc.index_in(column, value_set=pa.array(list(names))).to_numpy(zero_copy_only=False)
    return np.where(pd.isna(index), -1, index).astype(np.int64)


def _days(column: pa.ChunkedArray) -> np.ndarray:
    values = pc.cast(column, pa.int32()).to_numpy(zero_copy_only=False)
    return np.where(pd.isna(values), NO_DATE, values).astype(np.int32)


def _days_from_us(stamps: np.ndarray) -> np.ndarray:
    missing = stamps == np.iinfo(np.int64).max
    return np.where(missing, NO_DATE, stamps // 86_400_000_000).astype(np.int32)


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.cast(column, pa.float64()), float("nan")).to_numpy(zero_copy_only=False),
                      dtype=np.float64)


def _bools(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(column, True).to_numpy(zero_copy_only=False), dtype=bool)


def _unit_classes(column: pa.ChunkedArray) -> np.ndarray:
    units = np.asarray(column.to_pandas(), dtype=object)
    classes = [UNIT_CLASSES.get(u, u) if isinstance(u, str) else None for u in pd.unique(units)]
    mapping = dict(zip(pd.unique(units), classes))
    codes, _ = pd.factorize(np.array([mapping[u] for u in units], dtype=object), use_na_sentinel=True)
    return codes.astype(np.int32)


# ---------------------------------------------------------------- actors


def _actor_keys(claims: pa.Table) -> dict:
    """Actor keys (the actor id, else ``name:<folded name>``) for doer, target, speaker and parties.

    Participants and speakers are canonical names without ids: a name takes the id the doer and
    target columns give it elsewhere in the build ("Anders Fogh Rasmussen" -> person:anders-fogh-rasmussen).
    """
    ids, countries = _name_index(claims)
    names: dict[str, str] = {}

    def key_of(name: str | None, actor_id: str | None = None) -> str | None:
        if actor_id:
            return actor_id
        if not name:
            return None
        key = ids.get(name) or "name:" + fold_name(name)
        names.setdefault(key, name)
        return key

    a1 = _keys(claims["actor1_name"], claims["actor1_id"], key_of)
    inferred = (pc.is_null(claims["actor1_text"]).to_numpy(zero_copy_only=False)
                & pc.is_valid(claims["actor1_name"]).to_numpy(zero_copy_only=False))
    a2 = _keys(claims["actor2_name"], claims["actor2_id"], key_of)
    speaker = _keys(claims["speaker"], None, key_of)
    party_keys, party_rows = _party_keys(claims["participants"], key_of)
    vocabulary = pd.unique(np.concatenate([a1, a2, speaker, party_keys, np.array([None], dtype=object)]))
    vocabulary = [k for k in vocabulary if k is not None]
    code_of = {k: i for i, k in enumerate(vocabulary)}

    def encode(values: np.ndarray) -> np.ndarray:
        return np.array([code_of[v] if v is not None else -1 for v in values], dtype=np.int32)

    parties = np.full((claims.num_rows, MAX_PARTIES), -1, dtype=np.int32)
    _fill_parties(parties, party_rows, encode(party_keys))
    # a doer carried over from the attack before is not named by this report
    for codes in (np.where(inferred, -1, encode(a1)), encode(a2)):
        _add_party(parties, codes)
    country_names = sorted({c for c in countries.values() if c} | {k for k in vocabulary if _COUNTRY_ID.match(k)})
    country_code = {c: i for i, c in enumerate(country_names)}
    display = _display_names(claims, names)
    return {
        "actor1": encode(a1), "actor2": encode(a2), "speaker": encode(speaker), "parties": parties,
        # one sentinel entry after the keys, so that code -1 (no actor) indexes "no country"
        "key_country": np.array([country_code.get(k if _COUNTRY_ID.match(k) else countries.get(k), -1)
                                 for k in vocabulary] + [-1], dtype=np.int32),
        "key_is_country": np.array([bool(_COUNTRY_ID.match(k)) for k in vocabulary] + [False], dtype=bool),
        "countries": country_names, "keys": vocabulary, "key_names": [display.get(k, k) for k in vocabulary],
    }


def _name_index(claims: pa.Table) -> tuple[dict[str, str], dict[str, str]]:
    """name -> id and key -> country from the doer and target columns (the most frequent, then the
    smallest, so the mapping does not depend on row order)."""
    frame = pd.concat([
        pd.DataFrame({"name": claims[f"{r}_name"].to_pandas(), "id": claims[f"{r}_id"].to_pandas(),
                      "country": claims[f"{r}_country"].to_pandas()}) for r in ("actor1", "actor2")])
    frame = frame.astype(object).where(frame.notna(), None)
    ids: dict[str, str] = {}
    with_id = frame.dropna(subset=["name", "id"])
    if len(with_id):
        counts = with_id.groupby(["name", "id"]).size().reset_index(name="n")
        counts = counts.sort_values(["name", "n", "id"], ascending=[True, False, True])
        ids = dict(counts.drop_duplicates("name")[["name", "id"]].itertuples(index=False))
    countries: dict[str, str] = {}
    frame["key"] = [i if i else ("name:" + fold_name(n) if n else None) for n, i in zip(frame["name"], frame["id"])]
    with_country = frame.dropna(subset=["key", "country"])
    if len(with_country):
        counts = with_country.groupby(["key", "country"]).size().reset_index(name="n")
        counts = counts.sort_values(["key", "n", "country"], ascending=[True, False, True])
        countries = dict(counts.drop_duplicates("key")[["key", "country"]].itertuples(index=False))
    return ids, countries


def _keys(names: pa.ChunkedArray, actor_ids: pa.ChunkedArray | None, key_of) -> np.ndarray:
    name_list = names.to_pylist()
    id_list = actor_ids.to_pylist() if actor_ids is not None else [None] * len(name_list)
    cache: dict[tuple, str | None] = {}
    out = np.empty(len(name_list), dtype=object)
    for row, pair in enumerate(zip(name_list, id_list)):
        if pair not in cache:
            cache[pair] = key_of(pair[0], pair[1])
        out[row] = cache[pair]
    return out


def _party_keys(participants: pa.ChunkedArray, key_of) -> tuple[np.ndarray, np.ndarray]:
    flat = pc.list_flatten(participants).to_pylist()
    rows = pc.list_parent_indices(participants).to_numpy(zero_copy_only=False)
    cache: dict[str, str | None] = {}
    keys = np.empty(len(flat), dtype=object)
    for i, name in enumerate(flat):
        if name not in cache:
            cache[name] = key_of(name)
        keys[i] = cache[name]
    return keys, rows


def _fill_parties(parties: np.ndarray, rows: np.ndarray, codes: np.ndarray) -> None:
    filled = np.zeros(parties.shape[0], dtype=np.int64)
    for row, code in zip(rows, codes):
        if code >= 0 and filled[row] < MAX_PARTIES and code not in parties[row, : filled[row]]:
            parties[row, filled[row]] = code
            filled[row] += 1


def _add_party(parties: np.ndarray, codes: np.ndarray) -> None:
    """Doer and target are parties too (a meeting reported as "X met Y" has no participants list)."""
    present = codes >= 0
    already = (parties == codes[:, None]).any(axis=1)
    free = (parties < 0).argmax(axis=1)
    has_free = (parties < 0).any(axis=1)
    rows = np.nonzero(present & ~already & has_free)[0]
    parties[rows, free[rows]] = codes[rows]


def _display_names(claims: pa.Table, names: dict[str, str]) -> dict[str, str]:
    display = dict(names)
    for role in ("actor1", "actor2"):
        for actor_id, name in zip(claims[f"{role}_id"].to_pylist(), claims[f"{role}_name"].to_pylist()):
            if actor_id and name:
                display.setdefault(actor_id, name)
    return display


# ---------------------------------------------------------------- places


def _places(claims: pa.Table, places: pa.Table | None) -> dict:
    precision = _lookup(pc.fill_null(claims["geo_precision"], "none"), PRECISIONS).astype(np.int8)
    admin1 = pc.binary_join_element_wise(claims["place_country"], claims["place_admin1"], "/")
    place_codes, sentence_place = _place_codes(claims, places)
    return {
        "sentence_place": sentence_place,
        "latitude": _floats(claims["latitude"]),
        "longitude": _floats(claims["longitude"]),
        "precision": np.where(precision < 0, PRECISIONS.index("none"), precision).astype(np.int8),
        "place": place_codes,
        "place_text": _codes(pc.utf8_lower(claims["place_text"])),
        "place_country": _codes(claims["place_country"]),
        "place_admin1": _codes(admin1),
        "place_firm": pc.equal(pc.fill_null(claims["geo_method"], "none"), "sentence").to_numpy(zero_copy_only=False),
    }


def _place_codes(claims: pa.Table, places: pa.Table | None) -> tuple[np.ndarray, np.ndarray]:
    """Place id codes of the claims, and of the first resolved place mention inside each claim's
    evidence sentence (same coding), found by binary search over the mentions sorted by position."""
    claim_ids = np.asarray(claims["place_id"].to_pandas(), dtype=object)
    if places is None or places.num_rows == 0:
        return _codes(claims["place_id"]), np.full(claims.num_rows, -1, dtype=np.int32)
    resolved = places.filter(pc.and_(pc.equal(places["role"], "place"), pc.is_valid(places["place_id"])))
    mention_ids = np.asarray(resolved["place_id"].to_pandas(), dtype=object)
    codes, _ = pd.factorize(np.concatenate([claim_ids, mention_ids]), use_na_sentinel=True)
    claim_codes, mention_codes = codes[: len(claim_ids)], codes[len(claim_ids):]
    docs, _ = pd.factorize(np.concatenate([np.asarray(claims["doc_id"].to_pandas(), dtype=object),
                                           np.asarray(resolved["doc_id"].to_pandas(), dtype=object)]))
    shift = np.int64(1) << 32
    mention_key = docs[len(claim_ids):].astype(np.int64) * shift + resolved["char_start"].to_numpy().astype(np.int64)
    order = np.argsort(mention_key, kind="stable")
    mention_key, mention_codes = mention_key[order], mention_codes[order]
    claim_doc = docs[: len(claim_ids)].astype(np.int64) * shift
    first = np.searchsorted(mention_key, claim_doc + claims["char_start"].to_numpy().astype(np.int64))
    end = np.searchsorted(mention_key, claim_doc + claims["char_end"].to_numpy().astype(np.int64))
    found = first < end
    sentence = np.where(found, mention_codes[np.minimum(first, len(mention_codes) - 1)], -1) if len(
        mention_codes) else np.full(claims.num_rows, -1)
    return claim_codes.astype(np.int32), sentence.astype(np.int32)
