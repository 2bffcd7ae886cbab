"""Each claim's event location: the place in its sentence where the event happened, else the
dateline's place, else none (see the codebook for ``geo_method``)."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from eventbuilder.model import Claim, Place, PlaceMention
from eventbuilder.resolve.places import PlaceContext, event_place, resolve_place_phrase


def locate_claims(claims: list[Claim], doc: Doc, mentions: list[PlaceMention], dateline: str | None,
                  geocoder=None) -> None:
    """Set each claim's ``place_mention`` and ``geo_method``. ``geocoder`` (an opt-in online geopy
    geocoder) is asked only for a sentence's place phrase the offline gazetteer cannot resolve."""
    context = PlaceContext.from_mentions(mentions, dateline=dateline)
    dateline_mention = _dateline_mention(dateline, context)
    for claim in claims:
        found = _in_sentence(claim, doc, mentions, context)
        if found is None and geocoder is not None and claim.place_mention is not None:
            found = _geocode(geocoder, claim.place_mention)
        if found is not None:
            claim.place_mention, claim.geo_method = found, "sentence"
        elif dateline_mention is not None:
            claim.place_mention, claim.geo_method = dateline_mention, "dateline"
        else:
            claim.place_mention, claim.geo_method = None, "none"


def _in_sentence(claim: Claim, doc: Doc, mentions: list[PlaceMention], context) -> PlaceMention | None:
    phrase = claim.place_mention
    if phrase is not None:
        inside = [m for m in mentions if phrase.start <= m.start and m.end <= phrase.end and m.place is not None
                  and m.role == "place"]
        resolved = resolve_place_phrase(phrase.text, context)
        if resolved is not None and resolved.place is not None:
            return dataclasses.replace(resolved, start=phrase.start, end=phrase.end, text=phrase.text)
        if inside:
            return dataclasses.replace(inside[0], text=phrase.text, start=phrase.start, end=phrase.end)
    token = _trigger_token(claim, doc)
    if token is None:
        return None
    chosen = event_place(doc, token.i, mentions)
    return chosen if chosen is not None and chosen.place is not None else None


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
    return dataclasses.replace(mention, place=place, score=0.5)


def _trigger_token(claim: Claim, doc: Doc):
    span = doc.char_span(claim.trigger_start, claim.trigger_start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _dateline_mention(dateline: str | None, context) -> PlaceMention | None:
    if not dateline:
        return None
    resolved = resolve_place_phrase(dateline, context)
    return resolved if resolved is not None and resolved.place is not None else None
