"""Each claim's event location, and how it was found (``geo_method``):

- ``sentence``: the place in the claim's sentence where the event happened (the locative phrase
  on its trigger, else the place the parse links to the trigger);
- ``dateline``: no place in the sentence, so the article's dateline ("MINSK, Belarus —");
- ``document``: a place phrase the gazetteer does not know, given the document's main place by
  the geoparser (a fallback it scores 0.05: the coordinate is the story's, not the phrase's);
- ``none``.

An opt-in online geocoder (a geopy geocoder, cached and rate-limited) is asked only for a
sentence's place phrase that the offline gazetteer cannot resolve.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from eventbuilder.model import Claim, Place, PlaceMention
from eventbuilder.resolve.places import PlaceContext, event_place, resolve_place_phrase

# The geoparser gives a name it cannot find the document's main place with this score.
FALLBACK_SCORE = 0.05


def locate_claims(claims: list[Claim], doc: Doc, mentions: list[PlaceMention], dateline: str | None,
                  geocoder=None) -> None:
    """Set each claim's ``place_mention`` and ``geo_method``."""
    context = PlaceContext.from_mentions(mentions, dateline=dateline)
    dateline_mention = _dateline_mention(dateline, context)
    for claim in claims:
        found, unknown = _in_sentence(claim, doc, mentions, context)
        if found is None and unknown is not None and geocoder is not None:
            found = _geocode(geocoder, unknown)
        if found is not None:
            claim.place_mention, claim.geo_method = found, "sentence"
        elif dateline_mention is not None:
            claim.place_mention, claim.geo_method = dateline_mention, "dateline"
        elif unknown is not None and unknown.place is not None:
            claim.place_mention, claim.geo_method = unknown, "document"
        else:
            claim.place_mention, claim.geo_method = None, "none"


def _in_sentence(claim: Claim, doc: Doc, mentions: list[PlaceMention],
                 context) -> tuple[PlaceMention | None, PlaceMention | None]:
    """(the resolved place of the claim's sentence, or a phrase the gazetteer does not know)."""
    phrase = claim.place_mention
    if phrase is not None:
        inside = [m for m in mentions if phrase.start <= m.start and m.end <= phrase.end and m.role == "place"]
        if inside and all(m.score <= FALLBACK_SCORE for m in inside):
            return None, dataclasses.replace(inside[0], text=phrase.text, start=phrase.start, end=phrase.end)
        resolved = resolve_place_phrase(phrase.text, context)
        if resolved is not None and resolved.place is not None:
            return dataclasses.replace(resolved, start=phrase.start, end=phrase.end, text=phrase.text), None
        if inside:
            return dataclasses.replace(inside[0], text=phrase.text, start=phrase.start, end=phrase.end), None
        return None, phrase
    token = _trigger_token(claim, doc)
    chosen = event_place(doc, token.i, mentions) if token is not None else None
    if chosen is None or chosen.place is None:
        return None, None
    if chosen.score <= FALLBACK_SCORE:
        return None, chosen
    return chosen, None


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


def _trigger_token(claim: Claim, doc: Doc):
    span = doc.char_span(claim.trigger_start, claim.trigger_start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _dateline_mention(dateline: str | None, context) -> PlaceMention | None:
    if not dateline:
        return None
    resolved = resolve_place_phrase(dateline, context)
    return resolved if resolved is not None and resolved.place is not None else None
