"""Typed records passed between pipeline stages.

The stages are ingest -> nlp -> extract -> resolve (actors, dates, places) -> relevance -> tabulate -> link
-> store.
Each stage is a small function over these records; only ``tabulate`` turns them into table rows
(dicts whose keys are the columns declared in ``schemas/``).

All character offsets are Python string indices (code points) into ``Document.text`` unless a
field says otherwise, so ``document.text[start:end]`` is always the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# ---------------------------------------------------------------- ingest


@dataclass(frozen=True)
class RawRecord:
    """One input record as found under ``raw/``, before any decoding or cleaning.

    A ``.txt``/``.html`` file is one record (``data`` holds its bytes); each line of a ``.jsonl`` file
    and each object of a ``.json`` file is one record (``fields`` holds the parsed object); each
    response record of a ``.warc``/``.warc.gz`` file is one record (``data`` holds its HTTP body).
    """

    source_path: str  # path relative to the raw folder, POSIX separators
    format: str  # reader name: txt | html | jsonl | json
    line: int | None = None  # 1-based line (jsonl), element number (json list) or record number (warc)
    data: bytes | None = None
    fields: dict[str, Any] | None = None
    sidecar: dict[str, Any] | None = None  # parsed <name>.meta.json, already validated
    published_override: str | None = None  # --published for a build of one file
    url: str | None = None  # where the record was fetched from (a WARC record's WARC-Target-URI)
    crawled_at: str | None = None  # when it was fetched (a WARC record's WARC-Date), ISO 8601


@dataclass(frozen=True)
class Reject:
    """An input record that did not become a document, with the reason."""

    source_path: str
    line: int | None
    reason: str  # reason code, closed set in schemas/rejects.json
    message: str
    duplicate_of: str | None = None  # doc_id kept instead, for reason == "duplicate"


@dataclass(frozen=True)
class Segment:
    """A block of the raw text and what it is (body, headline, caption, boilerplate, ...).

    Offsets point into ``Document.raw_text``.
    """

    kind: str  # boilerplate | page_date | date_line | headline | standfirst | byline | subheading | caption | dateline | body
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PublishedDate:
    """The document creation time and the evidence for it."""

    at: datetime | None  # timezone-aware UTC, or None
    source: str  # metadata | html | text | inferred | override | none
    confidence: str  # high | medium | low
    text: str | None  # the string it came from
    note: str | None = None  # how it was decided, e.g. which page-clock date was ignored
    local_date: date | None = None  # calendar date in the source's time zone: the DCT for relative dates


@dataclass(frozen=True)
class Document:
    """A cleaned article; ``text`` is what every later offset points into."""

    doc_id: str
    external_id: str
    source_path: str
    line: int | None
    format: str
    source: str | None
    url: str | None
    title: str | None
    dateline: str | None
    text: str
    raw_text: str
    published: PublishedDate
    language: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    segments: tuple[Segment, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "invalid_utf8_replaced"
    captions: tuple[str, ...] = ()
    modified_date: date | None = None  # last modification the record or page states
    crawled_at: datetime | None = None  # when the page was downloaded (WARC-Date), UTC


# ---------------------------------------------------------------- nlp (mentions)


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, normalised to a TIMEX3 value.

    ``value`` follows TimeML: ``2014-08-07``, ``2014-08``, ``2014``, ``2014-W32``, ``2014-Q3``,
    ``2014-SU``, ``201`` (a decade), ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, ``P2W``, ...
    ``signal`` is the preposition that governs it when it changes the interval ("since", "until",
    "by", "before", "after"); ``mod`` is the TIMEX3 modifier (START, MID, END, APPROX, ...).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    signal: str | None = None
    method: str | None = None  # explicit | relative | anchored


@dataclass(frozen=True)
class DateInterval:
    """An inclusive calendar interval and how precise it is."""

    start: date | None
    end: date | None
    granularity: str  # day | week | month | quarter | season | year | decade | range | unknown


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (a candidate referent of a place mention)."""

    place_id: str  # GeoNames id as a string, or "eb:<slug>" for curated regions
    name: str
    latitude: float
    longitude: float
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # first-level subdivision name
    feature_class: str  # GeoNames feature class (P, A, L, T, H, ...)
    feature_code: str  # GeoNames feature code (PPLC, ADM1, PCLI, RGN, ...)
    population: int
    precision: str  # exact | city | admin2 | admin1 | region | country
    centroid: bool  # True when the coordinate stands for an area


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text and the referent chosen for it (None when unresolved)."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 0.0
    alternatives: tuple[tuple[str, float], ...] = ()  # (place_id, score), best first
    role: str = "place"  # place | actor (a capital or demonym used as an actor: "Moscow urged")


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class ActorMention:
    """An actor as written in the text and, once resolved, its canonical identity."""

    text: str | None  # None for a doer taken from an earlier attack (see claim_actors)
    start: int
    end: int
    name: str | None = None  # canonical name
    refers_to: str | None = None  # for a pronoun ("He"), the antecedent as written ("Rasmussen")
    actor_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV, MIL, REB, IGO, MED, OPP, BUS, CVL, ...
    kind: str | None = None  # country | igo | ngo | media | person | group | metonym, once resolved


@dataclass(frozen=True)
class Quantity:
    """A reported amount; ``low``/``high`` bound vague or ranged amounts."""

    value: float | None
    low: float | None
    high: float | None
    previous: float | None
    unit: str | None
    qualifier: str  # exact | approx | at_least | at_most | range
    text: str


@dataclass
class Claim:
    """One reported claim (an event, statement, count, ...) with its evidence span."""

    doc_id: str
    sentence_index: int
    char_start: int
    char_end: int
    evidence_text: str
    event_type: str
    plover_type: str | None
    cameo_root: str | None
    trigger: str
    trigger_start: int
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    participants: tuple[str, ...] = ()
    speaker: str | None = None
    quote: str | None = None
    attributed_to: str | None = None
    attribution_text: str | None = None
    modality: str = "asserted"  # asserted | planned | hypothetical | negated
    quantity: Quantity | None = None
    date_mention: Timex | None = None
    place_mention: PlaceMention | None = None
    date_interval: DateInterval | None = None
    date_method: str = "none"  # explicit | relative | anchored | publication_fallback | none
    geo_method: str = "none"  # sentence | dateline | document | none
    confidence: float = 0.5
    extractor: str = ""
    # Why the trigger is not used in its event sense here ("sport: team", "idiom: sign up"), or None.
    sense_note: str | None = None
    # For reported content ("said soldiers opened fire"): the offset of the reporting verb's trigger.
    reported_by: int | None = None
    # The type of the act a definite object noun names without saying whose it is ("condemned the
    # launch": attack): the resolve stage looks for its doer among the claims before.
    object_event: str | None = None
    # The earlier claim an implied actor (and then the date) was taken from ("The two leaders agreed").
    antecedent: Claim | None = None
    # Set by the relevance stage: whether an event analyst's default view shows the claim, and why.
    relevant: bool = False
    relevance: float = 0.0
    relevance_note: str = ""


# ---------------------------------------------------------------- relevance


@dataclass(frozen=True)
class DocumentRelevance:
    """How political a document is: the calibrated probability that an event analyst labels it
    political (a partly political page counting half), and the evidence that weighed most."""

    score: float | None  # None when the document was not assessed (not English, ingest only)
    note: str
