"""Each claim's event location, and how it was found (``geo_method``):

- ``sentence``: the place in the claim's sentence where the event happened, chosen over the parse
  by :func:`~eventbuilder.resolve.places.event_place` ("met in Minsk", "at Blair House", "shot
  down a helicopter over Armenia"); a name the gazetteer does not know counts when the sentence
  also names the known place it lies in ("in the Galwan Valley in the Himalayan region of Ladakh":
  the Galwan Valley at Ladakh's coordinate and precision);
- ``document``: the sentence names the event's place but nothing places it ("recaptured the peak
  of Tiger Hill"), or says it only vaguely ("deployed to the border"), so the coordinate is the
  document's main place (or main country) -- still the sentence's own place, so it beats the
  dateline;
- ``dateline``: no place in the sentence, so the article's dateline ("MINSK, Belarus —");
- ``none``.

What a sentence names is not always where its event happened: a place inside what a statement says
("said Iran had fired"), a nationality ("the Georgian president"), what an agreement covers ("agreed
in Vienna to a truce in the south": Vienna) or a capital standing for its government ("Moscow
urged") is no location; :mod:`~eventbuilder.resolve.places.event_place` has those rules.
The extractor's place phrase (``claim.place_mention`` before this step) is used only when it names
no place of its own ("to the border", "in the capital").

An opt-in online geocoder (a geopy geocoder, cached and rate-limited) is asked only for a
sentence's place name that the offline gazetteer cannot resolve.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Token

from eventbuilder.model import Claim, Place, PlaceMention
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resolve.places import PlaceContext, event_place, lexicon, resolve_place_phrase

# The geoparser gives a name it cannot find the document's main place with this score.
FALLBACK_SCORE = 0.05
# An unknown name placed by the known place it lies in: "in the Galwan Valley in ... Ladakh"
CONTAINED_SCORE = 0.3
_CONTAINER_GAP = re.compile(r"^(?:,\s*|\s+(?:in|near|outside|of)\s+)(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,4}?$")


def locate_claims(claims: list[Claim], doc: Doc, mentions: list[PlaceMention], dateline: str | None,
                  geocoder=None) -> None:
    """Set each claim's ``place_mention`` and ``geo_method``."""
    context = PlaceContext.from_mentions(mentions, dateline=dateline)
    dateline_mention = _dateline_mention(dateline, context)
    for claim in claims:
        found, method = _in_sentence(claim, doc, mentions, context, geocoder)
        if found is None and dateline_mention is not None:
            found, method = dateline_mention, "dateline"
        claim.place_mention, claim.geo_method = found, method if found is not None else "none"


def _in_sentence(claim: Claim, doc: Doc, mentions: list[PlaceMention], context: PlaceContext,
                 geocoder) -> tuple[PlaceMention | None, str]:
    """The claim's place in its own sentence and how it was placed, or (None, "none")."""
    token = _trigger_token(claim, doc)
    chosen = event_place(doc, token.i, mentions) if token is not None else None
    if chosen is not None and chosen.place is not None:
        if chosen.score > FALLBACK_SCORE:
            return _as_written(chosen, claim.place_mention), "sentence"
        contained = _placed_by_container(chosen, mentions, text_of(doc))
        if contained is not None:
            return contained, "sentence"
        geocoded = _geocode(geocoder, chosen) if geocoder is not None else None
        return (geocoded, "sentence") if geocoded is not None else (chosen, "document")
    return _vague_phrase(claim, mentions, context, geocoder)


def _as_written(chosen: PlaceMention, phrase: PlaceMention | None) -> PlaceMention:
    """The chosen place under the extractor's whole place phrase when that phrase contains it ("the
    border with Ukraine", "central Russia"): the text says where, the coordinate stays the place's."""
    if phrase is None or not (phrase.start <= chosen.start and chosen.end <= phrase.end):
        return chosen
    return dataclasses.replace(chosen, text=phrase.text, start=phrase.start, end=phrase.end)


def _placed_by_container(unknown: PlaceMention, mentions: list[PlaceMention], text: str) -> PlaceMention | None:
    """ "the Galwan Valley in the Himalayan region of Ladakh", "al-Tijara neighbourhood in central
    Damascus", "Warabe, Borno state": the first known place named right after an unknown name, a
    few words away, contains it; the unknown name keeps its text and gets that place."""
    for mention in mentions:
        if mention.start < unknown.end or mention.place is None or mention.score <= FALLBACK_SCORE:
            continue
        if mention.role != "place" or lexicon.demonym_place(mention.text) is not None:
            return None
        if _CONTAINER_GAP.match(text[unknown.end:mention.start]):
            return dataclasses.replace(unknown, place=mention.place, score=CONTAINED_SCORE, alternatives=())
        return None
    return None


def _vague_phrase(claim: Claim, mentions: list[PlaceMention], context: PlaceContext,
                  geocoder) -> tuple[PlaceMention | None, str]:
    """The extractor's place phrase when it names no place of its own ("deployed to the border",
    "in the capital"): the document's main country or the area it says, at coarse precision
    (``document``: measured on the claims gold set, reading such a phrase as the sentence's own place
    put a place on more claims whose gold has none than it found). A
    phrase that names a place the parse rejected ("denied using chemical weapons in Douma") gives
    nothing, and so does a nationality ("the Colombian border" is no place of its own)."""
    phrase = claim.place_mention
    if phrase is None:
        return None, "none"
    inside = [m for m in mentions if phrase.start <= m.start and m.end <= phrase.end]
    if any(lexicon.demonym_place(m.text) is None for m in inside):
        return None, "none"
    if not inside and geocoder is not None and any(ch.isupper() for ch in phrase.text):
        geocoded = _geocode(geocoder, phrase)
        if geocoded is not None:
            return geocoded, "sentence"
    resolved = resolve_place_phrase(phrase.text, context)
    if resolved is None or resolved.place is None:
        return None, "none"
    return dataclasses.replace(resolved, start=phrase.start, end=phrase.end, text=phrase.text), "document"


def _geocode(geocoder, mention: PlaceMention) -> PlaceMention | None:
    location = geocoder.geocode(mention.text, exactly_one=True)
    if location is None:
        return None
    raw = location.raw
    place = Place(
        place_id=str(raw.get("place_id") or raw.get("geonameid") or f"geocoder:{location.address}"),
        name=raw.get("name") or location.address, latitude=location.latitude, longitude=location.longitude,
        country=raw.get("country"), admin1=raw.get("admin1"), feature_class=raw.get("feature_class") or "",
        feature_code=raw.get("feature_code") or "", population=int(raw.get("population") or 0),
        precision=raw.get("precision") or "exact", centroid=bool(raw.get("centroid")),
    )
    return dataclasses.replace(mention, place=place, score=0.5, alternatives=())


def _trigger_token(claim: Claim, doc: Doc) -> Token | None:
    span = doc.char_span(claim.trigger_start, claim.trigger_start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _dateline_mention(dateline: str | None, context: PlaceContext) -> PlaceMention | None:
    if not dateline:
        return None
    resolved = resolve_place_phrase(dateline, context)
    if resolved is not None and context.dateline is not None:
        # the first part of a dateline is the town the story was filed from: "GENEVA" is the city, not
        # the canton (``dateline_rows`` ranks towns first)
        resolved = dataclasses.replace(resolved, place=context.dateline, alternatives=())
    return resolved if resolved is not None and resolved.place is not None else None
