"""Places: an offline GeoNames gazetteer, geopy geocoders, toponym recognition and resolution in
document context, and the location of events.

Public API (see each function's docstring)::

    geoparse(text, doc=None, *, dateline=None) -> list[PlaceMention]
    resolve_spans(text, spans, *, dateline=None) -> list[PlaceMention]
    event_place(doc, trigger_i, mentions) -> PlaceMention | None
    PlaceContext.from_mentions(mentions, dateline=None) -> PlaceContext
    resolve_place_phrase(phrase, context, *, offset=0) -> PlaceMention | None
    load_gazetteer() -> Gazetteer;  gazetteer_info() -> dict;  GAZETTEER_ATTRIBUTION
    make_geocoder(name="offline", **options) -> geopy Geocoder;  OfflineGeocoder;  GEOCODERS

Place data: GeoNames (CC BY 4.0), see :data:`GAZETTEER_ATTRIBUTION`.
"""

from eventbuilder.resolve.places.event_place import event_place
from eventbuilder.resolve.places.gazetteer import (
    GAZETTEER_ATTRIBUTION,
    Gazetteer,
    build_gazetteer_cache,
    gazetteer_info,
    load_gazetteer,
)
from eventbuilder.resolve.places.geocoders import (
    GEOCODERS,
    RAW_KEYS,
    OfflineGeocoder,
    available_geocoders,
    make_geocoder,
)
from eventbuilder.resolve.places.phrases import PlaceContext, resolve_place_phrase
from eventbuilder.resolve.places.resolution import DEFAULT_OPTIONS, ResolveOptions, resolve_spans
from eventbuilder.resolve.places.toponyms import geoparse, recognise_toponyms

__all__ = [
    "DEFAULT_OPTIONS",
    "GAZETTEER_ATTRIBUTION",
    "GEOCODERS",
    "RAW_KEYS",
    "Gazetteer",
    "OfflineGeocoder",
    "PlaceContext",
    "ResolveOptions",
    "available_geocoders",
    "build_gazetteer_cache",
    "event_place",
    "gazetteer_info",
    "geoparse",
    "load_gazetteer",
    "make_geocoder",
    "recognise_toponyms",
    "resolve_place_phrase",
    "resolve_spans",
]
