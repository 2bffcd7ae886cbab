"""geopy geocoders: the offline gazetteer behind geopy's interface, and opt-in online services.

``make_geocoder("offline")`` (the default) answers from the GeoNames gazetteer without any network.
Any geopy service name (``geopy.geocoders.SERVICE_TO_GEOCODER``) can be chosen instead, e.g.
``make_geocoder("nominatim", domain="nominatim.example.org", user_agent="eventbuilder")`` for a
self-hosted server; such geocoders are wrapped so that

- calls go through geopy's ``RateLimiter`` (``min_delay_seconds``, default 1 s);
- every answer, including "not found", is kept in an on-disk sqlite3 cache keyed on the service,
  its domain and the query, so a rebuild never asks twice (``cache_path``, default
  ``<cache dir>/geocoders/<service>.sqlite``);
- geopy errors become :class:`eventbuilder.errors.GeocoderError` (``raise ... from exc``).

Every geocoder returns ``geopy.location.Location`` objects whose ``raw`` dict has at least the keys
in :data:`RAW_KEYS` (online results: derived from the service's answer and the offline gazetteer,
with the service's own answer under ``"service_raw"``).
"""

from __future__ import annotations

import inspect
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from eventbuilder.errors import ConfigError, GeocoderError
from eventbuilder.model import Place
from eventbuilder.resolve.places.gazetteer import Gazetteer, cache_dir, load_gazetteer
from eventbuilder.resolve.places.resolution import DEFAULT_OPTIONS, candidate_prior, in_area, place_candidates

RAW_KEYS = ("place_id", "geonameid", "name", "feature_class", "feature_code", "country", "admin1",
            "population", "precision", "centroid", "source")
OFFLINE = "offline"


def available_geocoders() -> list[str]:
    """Every name :func:`make_geocoder` accepts: "offline" and geopy's service names."""
    return [OFFLINE, *sorted(SERVICE_TO_GEOCODER)]


def make_geocoder(name: str = OFFLINE, **options: Any) -> Geocoder:
    """A geocoder by registry name; options go to its constructor.

    Online services also take ``cache_path`` (a sqlite3 file) and ``min_delay_seconds``.
    Unknown names and constructor options raise :class:`ConfigError` listing what is valid.
    """
    key = name.strip().lower()
    if key == OFFLINE:
        return OfflineGeocoder(**options)
    if key not in SERVICE_TO_GEOCODER:
        raise ConfigError(f"unknown geocoder {name!r}; valid: {', '.join(available_geocoders())}")
    cache_path = options.pop("cache_path", None)
    min_delay = float(options.pop("min_delay_seconds", 1.0))
    service = get_geocoder_for_service(key)
    try:
        inner = service(**options)
    except (TypeError, GeopyError) as exc:
        params = [p for p in inspect.signature(service).parameters if p != "self"]
        raise ConfigError(f"geocoder {key!r} cannot be made with {sorted(options)}: {exc}; "
                          f"its options are {params}") from exc
    path = Path(cache_path) if cache_path else cache_dir() / "geocoders" / f"{key}.sqlite"
    return CachedOnlineGeocoder(key, inner, cache_path=path, min_delay_seconds=min_delay)


# ---------------------------------------------------------------- offline


def place_raw(place: Place, source: str = "geonames") -> dict[str, Any]:
    """The documented ``raw`` dict of a gazetteer place."""
    return {
        "place_id": place.place_id,
        "geonameid": int(place.place_id) if place.place_id.isdigit() else None,
        "name": place.name,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country": place.country,
        "admin1": place.admin1,
        "population": place.population,
        "precision": place.precision,
        "centroid": place.centroid,
        "source": source if place.place_id.isdigit() else "eventbuilder",
    }


def _address(place: Place, g: Gazetteer) -> str:
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    row = g.country_row(place.country) if place.country else None
    if row is not None and g.name(row) != place.name:
        parts.append(g.name(row))
    return ", ".join(parts)


class OfflineGeocoder(Geocoder):
    """geopy geocoder answering from the offline GeoNames gazetteer (no network, deterministic)."""

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._g = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._g is None:
            self._g = load_gazetteer()
        return self._g

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: str | list[str] | None = None,
                limit: int = 10, **_: Any) -> Location | list[Location] | None:
        """Places named ``query``, best first. "Paris, Texas" keeps the Paris inside Texas;
        ``country_codes`` (ISO alpha-2 or alpha-3) restricts the countries."""
        if not isinstance(query, str) or not query.strip():
            raise GeocoderError("offline geocoder: the query must be a non-empty string")
        g = self.gazetteer
        rows = self._ranked(query, _country_filter(country_codes, g))
        locations = [Location(_address(g.place(r), g), (float(g.lat[r]), float(g.lon[r])), place_raw(g.place(r)))
                     for r in rows[: 1 if exactly_one else limit]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _ranked(self, query: str, countries: set[str] | None) -> list[int]:
        g = self.gazetteer
        name, *containers = [part.strip() for part in query.split(",") if part.strip()]
        found, _ = place_candidates(g, name)
        if not found:
            return []
        rows = [r for r, _ in found]
        scores = candidate_prior(g, rows, [f for _, f in found], DEFAULT_OPTIONS)
        for container in containers:
            areas = [r for r, _ in g.lookup(container) if g.precision(r) in ("admin1", "admin2", "country")]
            scores = scores + np.array([DEFAULT_OPTIONS.container * any(in_area(g, r, a) for a in areas)
                                        for r in rows])
        order = sorted(range(len(rows)), key=lambda i: (-scores[i], rows[i]))
        return [rows[i] for i in order if countries is None or g.country2(rows[i]) in countries]

    def reverse(self, query: Any, *, exactly_one: bool = True, limit: int = 5,
                **_: Any) -> Location | list[Location] | None:
        """The populated places nearest to a point ("lat, lon", a tuple or a geopy Point);
        ``raw["distance_km"]`` gives how far each is."""
        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderError(f"offline geocoder: not a point: {query!r}") from exc
        g = self.gazetteer
        nearest = g.nearest(point.latitude, point.longitude, k=1 if exactly_one else limit)
        locations = []
        for row, km in nearest:
            place = g.place(row)
            raw = {**place_raw(place), "distance_km": round(km, 3)}
            locations.append(Location(_address(place, g), (place.latitude, place.longitude), raw))
        if not locations:
            return None
        return locations[0] if exactly_one else locations


def _country_filter(codes: str | list[str] | None, g: Gazetteer) -> set[str] | None:
    if not codes:
        return None
    out = set()
    for code in [codes] if isinstance(codes, str) else codes:
        row = g.country_row(code)
        if row is None:
            raise GeocoderError(f"offline geocoder: unknown country code {code!r}")
        out.add(g.country2(row))
    return out


# ---------------------------------------------------------------- online, cached


# precision of a Nominatim answer by its address type; other services give "exact"
_NOMINATIM_PRECISION = {"country": "country", "state": "admin1", "region": "admin1", "province": "admin1",
                        "county": "admin2", "district": "admin2", "city": "city", "town": "city",
                        "village": "city", "hamlet": "city", "municipality": "city", "suburb": "city"}


class CachedOnlineGeocoder(Geocoder):
    """An online geopy geocoder behind a rate limiter and an on-disk cache of every answer."""

    def __init__(self, service: str, inner: Geocoder, *, cache_path: Path, min_delay_seconds: float = 1.0):
        super().__init__()
        self.service = service
        self.inner = inner
        self.cache_path = cache_path
        self._domain = str(getattr(inner, "domain", "") or getattr(inner, "api", "") or "")
        self._geocode = RateLimiter(inner.geocode, min_delay_seconds=min_delay_seconds, max_retries=2,
                                    error_wait_seconds=max(min_delay_seconds, 0.0), swallow_exceptions=False)
        # some services (DataBC, Geolake, LiveAddress) have no reverse geocoding
        self._reverse = RateLimiter(inner.reverse, min_delay_seconds=min_delay_seconds, max_retries=2,
                                    error_wait_seconds=max(min_delay_seconds, 0.0),
                                    swallow_exceptions=False) if hasattr(inner, "reverse") else None
        self._lock = threading.Lock()

    def geocode(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> Location | list[Location] | None:
        return self._cached("geocode", self._geocode, query, exactly_one, kwargs)

    def reverse(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> Location | list[Location] | None:
        if self._reverse is None:
            raise GeocoderError(f"the {self.service} geocoder has no reverse geocoding")
        return self._cached("reverse", self._reverse, query, exactly_one, kwargs)

    def _cached(self, method: str, call, query: Any, exactly_one: bool, kwargs: dict) -> Any:
        key = json.dumps([self.service, self._domain, method, str(query), exactly_one, sorted(kwargs.items())],
                         default=str, ensure_ascii=False)
        stored = self._read(key)
        if stored is None:
            try:
                answer = call(query, exactly_one=exactly_one, **kwargs)
            except GeopyError as exc:
                raise GeocoderError(f"{self.service} geocoder failed for {query!r}: {exc}") from exc
            found = [] if answer is None else [answer] if isinstance(answer, Location) else list(answer)
            stored = [[loc.address, loc.latitude, loc.longitude, self._normalised_raw(loc)] for loc in found]
            self._write(key, stored)
        locations = [Location(address, (lat, lon), raw) for address, lat, lon, raw in stored]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _normalised_raw(self, location: Location) -> dict[str, Any]:
        """The documented raw keys for an online answer; country and admin1 from the gazetteer's
        nearest populated place, precision from the service's own type where it gives one."""
        service_raw = location.raw if isinstance(location.raw, dict) else {"value": location.raw}
        g = load_gazetteer()
        near = g.nearest(location.latitude, location.longitude, k=1)
        place = g.place(near[0][0]) if near else None
        kind = str(service_raw.get("addresstype") or service_raw.get("type") or "")
        ident = service_raw.get("place_id") or service_raw.get("osm_id") or service_raw.get("id")
        return {
            "place_id": f"{self.service}:{ident}" if ident is not None else None,
            "geonameid": service_raw.get("geonameId"),
            "name": service_raw.get("name") or location.address.split(",")[0],
            "feature_class": None,
            "feature_code": None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "population": None,
            "precision": _NOMINATIM_PRECISION.get(kind, "exact"),
            "centroid": kind in _NOMINATIM_PRECISION and kind not in ("city", "town", "village", "hamlet"),
            "source": self.service,
            "service_raw": service_raw,
        }

    def _connect(self) -> sqlite3.Connection:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.cache_path)
            db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderError(f"cannot open the geocoder cache {self.cache_path}: {exc}") from exc
        return db

    def _read(self, key: str) -> list | None:
        with self._lock:
            db = self._connect()
            try:
                row = db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
            finally:
                db.close()
        return json.loads(row[0]) if row else None

    def _write(self, key: str, value: list) -> None:
        with self._lock:
            db = self._connect()
            try:
                with db:
                    db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps(value, default=str)))
            except sqlite3.Error as exc:
                raise GeocoderError(f"cannot write the geocoder cache {self.cache_path}: {exc}") from exc
            finally:
                db.close()


GEOCODERS = {OFFLINE: OfflineGeocoder, **SERVICE_TO_GEOCODER}
