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


class CanonicalColumns:
    """The input claims' columns seen in canonical order, without copying the table: a column is
    permuted when asked for (and kept), or only the rows asked for are taken."""

    def __init__(self, table: pa.Table, order: np.ndarray):
        self._table, self._order = table, order
        self._columns: dict[str, pa.Array] = {}

    @property
    def num_rows(self) -> int:
        return self._table.num_rows

    @property
    def column_names(self) -> list[str]:
        return self._table.column_names

    def __getitem__(self, name: str) -> pa.Array:
        if name not in self._columns:
            self._columns[name] = self._table[name].take(pa.array(self._order)).combine_chunks()
        return self._columns[name]

    def take(self, name: str, rows: np.ndarray) -> pa.Array:
        """Values at canonical ``rows``; null where a row is -1."""
        rows = np.asarray(rows, dtype=np.int64)
        source = np.where(rows >= 0, self._order[np.maximum(rows, 0)], 0) if self.num_rows else rows
        return self._table[name].take(pa.array(source, mask=rows < 0)).combine_chunks()


@dataclass
class ClaimFeatures:
    """One entry per claim, in canonical order (``claims`` shows the input table in that order;
    ``order[k]`` is the input row of canonical claim k)."""

    claims: CanonicalColumns
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


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting: numpy's hash-based unique is pathologically slow on large int64 keys."""
    ordered = np.sort(values, kind="stable")
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def dense_codes(values: np.ndarray) -> np.ndarray:
    """Codes 0..k-1 numbering the distinct values in ascending order (``np.unique(return_inverse)``)."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    step = np.r_[0, (ordered[1:] != ordered[:-1]).astype(np.int64)]
    codes = np.empty(len(values), dtype=np.int64)
    codes[order] = np.cumsum(step)
    return codes


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
    def typed(name: str):
        column, wanted = claims[name], declared.get(name, pa.bool_())
        return column if column.type == wanted else pc.cast(column, wanted)

    return pa.table({n: typed(n) for n in names})


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
    stamps = np.asarray(pc.fill_null(pc.cast(documents["published_at"], pa.int64()), np.iinfo(np.int64).max)
                        .to_numpy(zero_copy_only=False), dtype=np.int64)
    where = np.asarray(pc.fill_null(pc.index_in(claims["doc_id"], value_set=documents["doc_id"]), -1)
                       .to_numpy(zero_copy_only=False), dtype=np.int64)
    found = where >= 0
    out = np.full(claims.num_rows, np.iinfo(np.int64).max, dtype=np.int64)
    index = np.asarray(np.where(found, where, 0), dtype=np.int64)
    out[found] = stamps[index[found]]
    return out


def claim_features(claims: pa.Table, documents: pa.Table, places: pa.Table | None = None) -> ClaimFeatures:
    """Features of every claim, in canonical order; ``places`` (the places table, optional) tells
    which place each evidence sentence names even when the claim took none."""
    claims = _normalise(claims)
    order = canonical_order(claims, documents)
    published_us = _published_us(claims, documents)
    type_code = _lookup(claims["event_type"], TYPES)
    per_claim = {
        "doc": _codes(claims["doc_id"]),
        "published_us": published_us,
        "published_day": _days_from_us(published_us),
        "sentence": claims["sentence_index"].to_numpy().astype(np.int32),
        "type_code": type_code.astype(np.int8),
        "family": FAMILY_INDEX[type_code].astype(np.int8),
        "modality": _lookup(claims["modality"], MODALITIES).astype(np.int8),
        **_intervals(claims),
        "date_method": _lookup(claims["date_method"], DATE_METHODS).astype(np.int8),
        "night": pc.match_substring_regex(pc.fill_null(claims["date_text"], ""), r"(?i)\bnight|overnight").to_numpy(
            zero_copy_only=False),
        # "Two cruise missiles hit the port" takes its doer from the attack before it (actor1_text null)
        "doer_named": ~(pc.is_null(claims["actor1_text"]).to_numpy(zero_copy_only=False)
                        & pc.is_valid(claims["actor1_name"]).to_numpy(zero_copy_only=False)),
        "quantity": _floats(claims["quantity_value"]),
        "unit_class": _unit_classes(claims["quantity_unit"]),
        "relevant": (_bools(claims["relevant"]) if "relevant" in claims.column_names
                     else np.ones(claims.num_rows, dtype=bool)),
    }
    actors = _actor_keys(claims)
    for name in ("actor1", "actor2", "speaker", "parties"):
        per_claim[name] = actors.pop(name)
    per_claim.update(_places(claims, places))
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.arange(len(order))
    antecedent = _antecedents(claims, FAMILY_INDEX[type_code])
    per_claim["antecedent"] = np.where(antecedent >= 0, inverse[np.maximum(antecedent, 0)], -1)
    canonical = {name: values[order] for name, values in per_claim.items()}
    return ClaimFeatures(claims=CanonicalColumns(claims, order), order=order, **canonical, **actors)


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


def _encoded(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list]:
    """Codes (first appearance order, -1 for null) and the distinct values, without making a
    Python object per row."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = column.dictionary_encode()
    codes = np.asarray(pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int32)
    return codes, encoded.dictionary.to_pylist()


def _codes(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return _encoded(column)[0]


def _lookup(column, names: tuple[str, ...]) -> np.ndarray:
    """Index of each value in ``names`` (-1 when absent)."""
    index = pc.index_in(column, value_set=pa.array(list(names))).to_numpy(zero_copy_only=False)
    return np.where(pd.isna(index), -1, index).astype(np.int64)


def _days(column: pa.ChunkedArray) -> np.ndarray:
    values = pc.cast(column, pa.int32()).to_numpy(zero_copy_only=False)
    return np.where(pd.isna(values), NO_DATE, values).astype(np.int32)


def _intervals(claims: pa.Table) -> dict[str, np.ndarray]:
    """First and last day of each claim's date, repaired so that lo <= hi: a missing bound takes the
    other's value, reversed bounds are swapped (the stage must not fail on a malformed row)."""
    lo, hi = _days(claims["date_start"]), _days(claims["date_end"])
    lo, hi = np.where(lo == NO_DATE, hi, lo), np.where(hi == NO_DATE, lo, hi)
    return {"date_lo": np.minimum(lo, hi), "date_hi": np.maximum(lo, hi)}


def _days_from_us(stamps: np.ndarray) -> np.ndarray:
    missing = stamps == np.iinfo(np.int64).max
    return np.where(missing, NO_DATE, stamps // 86_400_000_000).astype(np.int32)


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.cast(column, pa.float64()), float("nan")).to_numpy(zero_copy_only=False),
                      dtype=np.float64)


def _bools(column: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(column, True).to_numpy(zero_copy_only=False), dtype=bool)


def _unit_classes(column: pa.ChunkedArray) -> np.ndarray:
    codes, units = _encoded(column)
    classes = [UNIT_CLASSES.get(u, u) for u in units]
    class_code = {c: i for i, c in enumerate(sorted(set(classes)))}
    table = np.array([class_code[c] for c in classes] + [-1], dtype=np.int32)
    return table[codes]


# ---------------------------------------------------------------- actors


def _actor_keys(claims: pa.Table) -> dict:
    """Actor keys (the actor id, else ``name:<folded name>``) for doer, target, speaker and parties.

    Participants and speakers are canonical names without ids: a name takes the id the doer and
    target columns give it elsewhere in the build ("Anders Fogh Rasmussen" -> person:anders-fogh-rasmussen).
    Keys are computed once per distinct value, then mapped onto rows with numpy.
    """
    ids, countries, display = _name_index(claims)
    roles = {role: _role_values(claims[f"{role}_name"], claims[f"{role}_id"]) for role in ("actor1", "actor2")}
    speaker_codes, speakers = _encoded(claims["speaker"])
    party_codes, party_names = _encoded(pc.list_flatten(claims["participants"]))

    def by_name(name: str | None) -> str | None:
        return None if not name else ids.get(name) or "name:" + fold_name(name)

    role_keys = {role: [actor_id or by_name(name) for name, actor_id in values] for role, (_, values) in roles.items()}
    speaker_keys, party_keys = [by_name(n) for n in speakers], [by_name(n) for n in party_names]
    vocabulary = sorted({k for keys in (*role_keys.values(), speaker_keys, party_keys) for k in keys if k})
    code_of = {k: i for i, k in enumerate(vocabulary)}

    def encode(codes: np.ndarray, keys: list[str | None]) -> np.ndarray:
        table = np.array([code_of[k] if k else -1 for k in keys] + [-1], dtype=np.int32)
        return table[codes]

    actor1 = encode(roles["actor1"][0], role_keys["actor1"])
    actor2 = encode(roles["actor2"][0], role_keys["actor2"])
    inferred = (pc.is_null(claims["actor1_text"]).to_numpy(zero_copy_only=False)
                & pc.is_valid(claims["actor1_name"]).to_numpy(zero_copy_only=False))
    # an actor implied from an earlier claim ("Explosions also shook Lviv", doer taken from the
    # strikes before) is the extractor's inference, not this report's word: no evidence of identity
    implied = (pc.is_valid(claims["antecedent_claim_id"]).to_numpy(zero_copy_only=False)
               if "antecedent_claim_id" in claims.column_names else np.zeros(claims.num_rows, dtype=bool))
    rows = pc.list_parent_indices(claims["participants"]).to_numpy(zero_copy_only=False)
    # a doer carried over from the attack before is not named by this report
    parties = _party_matrix(claims.num_rows, rows, encode(party_codes, party_keys),
                            [np.where(inferred | implied, -1, actor1), np.where(implied, -1, actor2)])
    country_names = sorted({c for c in countries.values() if c} | {k for k in vocabulary if _COUNTRY_ID.match(k)})
    country_code = {c: i for i, c in enumerate(country_names)}
    for name, key in zip([*speakers, *party_names], [*speaker_keys, *party_keys]):
        if key and name:
            display.setdefault(key, name)
    return {
        "actor1": actor1, "actor2": actor2, "speaker": encode(speaker_codes, speaker_keys), "parties": parties,
        # one sentinel entry after the keys, so that code -1 (no actor) indexes "no country"
        "key_country": np.array([country_code.get(k if _COUNTRY_ID.match(k) else countries.get(k), -1)
                                 for k in vocabulary] + [-1], dtype=np.int32),
        "key_is_country": np.array([bool(_COUNTRY_ID.match(k)) for k in vocabulary] + [False], dtype=bool),
        "countries": country_names, "keys": vocabulary, "key_names": [display.get(k, k) for k in vocabulary],
    }


def _role_values(names: pa.ChunkedArray, actor_ids: pa.ChunkedArray) -> tuple[np.ndarray, list[tuple]]:
    """Codes of the distinct (name, id) pairs of a role, and the pairs."""
    # "\x1e" marks a missing value, "\x1f" separates the two
    joined = pc.binary_join_element_wise(pc.fill_null(names, "\x1e"), pc.fill_null(actor_ids, "\x1e"), "\x1f")
    codes, values = _encoded(joined)
    pairs = [tuple(None if part == "\x1e" else part for part in v.split("\x1f")) for v in values]
    none = pc.and_(pc.is_null(names), pc.is_null(actor_ids)).to_numpy(zero_copy_only=False)
    return np.where(none, -1, codes).astype(np.int32), pairs


def _name_index(claims: pa.Table) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """name -> id, key -> country and key -> display name from the doer and target columns (the
    most frequent, then the smallest, so the mapping does not depend on row order)."""
    parts = [pa.table({"name": claims[f"{r}_name"], "id": claims[f"{r}_id"], "country": claims[f"{r}_country"]})
             for r in ("actor1", "actor2")]
    grouped = pa.concat_tables(parts).group_by(["name", "id", "country"]).aggregate([([], "count_all")])
    frame = grouped.to_pandas().astype(object)
    frame = frame.where(frame.notna(), None).rename(columns={"count_all": "n"})
    frame["n"] = frame["n"].astype(int)
    ids: dict[str, str] = {}
    with_id = frame.dropna(subset=["name", "id"])
    if len(with_id):
        counts = with_id.groupby(["name", "id"])["n"].sum().reset_index()
        counts = counts.sort_values(["name", "n", "id"], ascending=[True, False, True])
        ids = dict(counts.drop_duplicates("name")[["name", "id"]].itertuples(index=False))
    frame["key"] = [i if i else ("name:" + fold_name(n) if n else None) for n, i in zip(frame["name"], frame["id"])]
    countries: dict[str, str] = {}
    with_country = frame.dropna(subset=["key", "country"])
    if len(with_country):
        counts = with_country.groupby(["key", "country"])["n"].sum().reset_index()
        counts = counts.sort_values(["key", "n", "country"], ascending=[True, False, True])
        countries = dict(counts.drop_duplicates("key")[["key", "country"]].itertuples(index=False))
    named = frame.dropna(subset=["key", "name"]).sort_values(["key", "n", "name"], ascending=[True, False, True])
    display = dict(named.drop_duplicates("key")[["key", "name"]].itertuples(index=False))
    return ids, countries, display


def _party_matrix(n: int, rows: np.ndarray, codes: np.ndarray, extra: list[np.ndarray]) -> np.ndarray:
    """(n, MAX_PARTIES) codes: the participants in their order without repeats, then the doer and
    the target when not among them, -1 padded."""
    rows = np.concatenate([rows, *(np.arange(n) for _ in extra)])
    codes = np.concatenate([codes, *extra])
    position = np.arange(len(rows))
    keep = codes >= 0
    rows, codes, position = rows[keep], codes[keep], position[keep]
    parties = np.full((n, MAX_PARTIES), -1, dtype=np.int32)
    if not len(rows):
        return parties
    order = np.lexsort((position, codes, rows))
    first = np.r_[True, (rows[order][1:] != rows[order][:-1]) | (codes[order][1:] != codes[order][:-1])]
    chosen = order[first]
    chosen = chosen[np.lexsort((position[chosen], rows[chosen]))]
    rows, codes = rows[chosen], codes[chosen]
    start = np.r_[0, np.flatnonzero(rows[1:] != rows[:-1]) + 1] if len(rows) else rows
    rank = np.arange(len(rows)) - np.repeat(start, np.diff(np.r_[start, len(rows)]))
    fits = rank < MAX_PARTIES
    parties[rows[fits], rank[fits]] = codes[fits]
    return parties


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


def _strings(first: pa.ChunkedArray, second: pa.ChunkedArray) -> pa.ChunkedArray:
    """One string column of two, chunk by chunk: a column that is all null (type null when a table
    was built from Python rows) or has no chunks would otherwise fail to concatenate."""
    chunks = [c for column in (first, second) for c in pc.cast(column, pa.string()).chunks]
    return pa.chunked_array(chunks, type=pa.string())


def _place_codes(claims: pa.Table, places: pa.Table | None) -> tuple[np.ndarray, np.ndarray]:
    """Place id codes of the claims, and of the first resolved place mention inside each claim's
    evidence sentence (same coding), found by binary search over the mentions sorted by position."""
    if places is None or places.num_rows == 0:
        return _codes(claims["place_id"]), np.full(claims.num_rows, -1, dtype=np.int32)
    resolved = places.filter(pc.and_(pc.equal(places["role"], "place"), pc.is_valid(places["place_id"])))
    n = claims.num_rows
    codes = _codes(_strings(claims["place_id"], resolved["place_id"]))
    claim_codes, mention_codes = codes[:n], codes[n:]
    docs = _codes(_strings(claims["doc_id"], resolved["doc_id"]))
    shift = np.int64(1) << 32
    mention_key = docs[n:].astype(np.int64) * shift + resolved["char_start"].to_numpy().astype(np.int64)
    order = np.argsort(mention_key, kind="stable")
    mention_key, mention_codes = mention_key[order], mention_codes[order]
    claim_doc = docs[:n].astype(np.int64) * shift
    first = np.searchsorted(mention_key, claim_doc + claims["char_start"].to_numpy().astype(np.int64))
    end = np.searchsorted(mention_key, claim_doc + claims["char_end"].to_numpy().astype(np.int64))
    found = first < end
    sentence = np.where(found, mention_codes[np.minimum(first, len(mention_codes) - 1)], -1) if len(
        mention_codes) else np.full(n, -1)
    return claim_codes.astype(np.int32), sentence.astype(np.int32)
