"""Resolving a place phrase handed over by the claim extractor, in its document's context.

The extractor finds phrases such as "the border with Ukraine", "central Russia", "waters around
Taiwan" or "the eastern border". They are vague on purpose, so the answer is the containing area
at a coarse precision (country, region or first-level area), never a town that happens to share
a word with the phrase. A phrase without any name ("the eastern border", "the area") takes the
document's main country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventbuilder.model import Place, PlaceMention
from eventbuilder.resolve.places import lexicon
from eventbuilder.resolve.places.gazetteer import Gazetteer, load_gazetteer
from eventbuilder.resolve.places.names import normalize_name
from eventbuilder.resolve.places.resolution import (
    DEFAULT_OPTIONS,
    candidate_prior,
    dateline_rows,
    place_candidates,
)

_COARSE = ("country", "region", "admin1")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’.-]*)*")
_VAGUE_WORDS = frozenset("border borders frontier area areas region regions territory territories waters "
                         "coast coastline airspace skies vicinity outskirts countryside interior heartland "
                         "part parts side zone".split())


@dataclass(frozen=True)
class PlaceContext:
    """What a document says about places, for resolving phrases outside :func:`geoparse`.

    Build it with :meth:`from_mentions` from the document's :func:`geoparse` result and, when the
    article has one, the resolved dateline mention. ``country`` is the document's main country
    (the dateline's, else the country of most place-role mentions); ``focus`` its most-named place
    there.
    """

    mentions: tuple[PlaceMention, ...] = ()
    dateline: Place | None = None
    country: Place | None = None
    focus: Place | None = None

    @classmethod
    def from_mentions(cls, mentions: list[PlaceMention], dateline: str | PlaceMention | None = None,
                      gazetteer: Gazetteer | None = None) -> PlaceContext:
        """``dateline`` is the article's dateline text ("TBILISI, Georgia") or its resolved mention."""
        g = gazetteer or load_gazetteer()
        places = tuple(m for m in mentions if m.place is not None)
        if isinstance(dateline, str):
            rows = dateline_rows(g, dateline)
            dateline_place = g.place(rows[0]) if rows else None
        else:
            dateline_place = dateline.place if dateline is not None else None
        iso3 = dateline_place.country if dateline_place else _main_country(places)
        row = g.country_row(iso3) if iso3 else None
        country = g.place(row) if row is not None else None
        return cls(places, dateline_place, country, dateline_place or _focus(places, iso3) or country)


def _main_country(mentions: tuple[PlaceMention, ...]) -> str | None:
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place is not None and m.place.country and m.role == "place":
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
    return max(counts, key=lambda c: (counts[c], c)) if counts else None


def _focus(mentions: tuple[PlaceMention, ...], iso3: str | None) -> Place | None:
    counts: dict[str, tuple[int, Place]] = {}
    for m in mentions:
        place = m.place
        if place is not None and m.role == "place" and place.country == iso3 and place.precision != "country":
            n, _ = counts.get(place.place_id, (0, place))
            counts[place.place_id] = (n + 1, place)
    if not counts:
        return None
    return max(counts.values(), key=lambda item: (item[0], item[1].population))[1]


def resolve_place_phrase(phrase: str, context: PlaceContext, *, offset: int = 0,
                         gazetteer: Gazetteer | None = None) -> PlaceMention | None:
    """The area a place phrase refers to, at coarse precision when the phrase is vague.

    The returned mention spans the whole phrase (``start = offset``, ``end = offset + len(phrase)``).
    A name in the phrase that the document already resolved keeps that referent; otherwise the
    gazetteer candidate that fits the document's country best is taken. Directional and border
    phrases ("central Russia", "the border with Ukraine") resolve to the named country or area,
    never to a populated place; a phrase with no name and a vague head ("the eastern border")
    resolves to the document's main country; anything else gives None.
    """
    g = gazetteer or load_gazetteer()
    words = {w.casefold().strip(".,") for w in phrase.split()}
    vague = bool(words & (lexicon.DIRECTION_WORDS | _VAGUE_WORDS))
    place = _named_place(phrase, context, g, vague)
    score = 0.8
    if place is None and vague and context.country is not None:
        place, score = context.country, 0.3
    if place is None:
        return None
    return PlaceMention(offset, offset + len(phrase), phrase, place, score)


def _named_place(phrase: str, context: PlaceContext, g: Gazetteer, vague: bool) -> Place | None:
    for match in _NAME.finditer(phrase):
        name = match.group(0)
        if lexicon.demonym_place(name, g) is not None:
            continue  # "the Colombian border": a nationality is no place of its own
        before = phrase[:match.start()].split()
        if before and before[-1].casefold() in lexicon.DIRECTION_WORDS:
            name = f"{before[-1]} {name}"  # "eastern Donetsk": areas only, see place_candidates
        place = _known(name, context) or _best_candidate(name, context, g)
        if place is None:
            continue
        if vague and place.precision not in _COARSE:
            place = _containing_area(place, g) or place
        return place
    return None


def _known(name: str, context: PlaceContext) -> Place | None:
    key = normalize_name(lexicon.strip_direction(name)[0])
    for m in context.mentions:
        if normalize_name(m.text) == key:
            return m.place
    return None


def _best_candidate(name: str, context: PlaceContext, g: Gazetteer) -> Place | None:
    found, _ = place_candidates(g, name)
    if not found:
        return None
    prior = candidate_prior(g, [r for r, _ in found], [f for _, f in found], DEFAULT_OPTIONS)
    home = context.country.country if context.country else None
    scores = [p + (DEFAULT_OPTIONS.country_context if g.country3(r) == home else 0.0)
              for (r, _), p in zip(found, prior)]
    best = max(range(len(found)), key=lambda i: (scores[i], -found[i][0]))
    return g.place(found[best][0])


def _containing_area(place: Place, g: Gazetteer) -> Place | None:
    """The first-level area of a town (else its country): "near Donetsk" is not a point."""
    row = g.row_of(place.place_id)
    if row is None:
        return None
    admin1 = int(g.admin1_row[row])
    if admin1 >= 0:
        return g.place(admin1)
    country = g.country_row(place.country) if place.country else None
    return g.place(country) if country is not None else None
