"""geopy geocoders: the offline one, the registry, and online ones on canned responses only."""

from __future__ import annotations

import inspect
import warnings

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError, GeocoderTimedOut
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from eventbuilder.errors import ConfigError, GeocoderError
from eventbuilder.resolve.places.geocoders import (
    RAW_KEYS,
    CachedOnlineGeocoder,
    OfflineGeocoder,
    available_geocoders,
    make_geocoder,
)

# A Nominatim /search answer as the public server returns it (trimmed to the fields we read).
NOMINATIM_DONETSK = [{
    "place_id": 258329424, "osm_type": "relation", "osm_id": 3407496, "lat": "48.0158753", "lon": "37.8028499",
    "class": "boundary", "type": "administrative", "addresstype": "city", "name": "Donetsk",
    "display_name": "Donetsk, Donetsk Urban Hromada, Donetsk Raion, Donetsk Oblast, 83000, Ukraine",
}]


class CannedAdapter(BaseSyncAdapter):
    """A geopy adapter that answers from a fixed response and records the URLs asked."""

    response: object = NOMINATIM_DONETSK
    calls: list[str] = []

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url, *, timeout, headers):
        type(self).calls.append(url)
        if isinstance(self.response, Exception):
            raise self.response
        return self.response

    def get_text(self, url, *, timeout, headers):
        raise AssertionError("no test asks for text")


@pytest.fixture()
def canned(tmp_path):
    CannedAdapter.calls = []
    CannedAdapter.response = NOMINATIM_DONETSK
    yield CannedAdapter


def _nominatim(tmp_path):
    return make_geocoder("nominatim", user_agent="eventbuilder-tests", domain="nominatim.example.org",
                         adapter_factory=CannedAdapter, cache_path=tmp_path / "nominatim.sqlite", min_delay_seconds=0)


# ---------------------------------------------------------------- offline


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return make_geocoder()


@pytest.mark.parametrize(
    ("query", "address", "geonameid", "code"),
    [
        ("Kiev", "Kyiv, Ukraine", 703448, "PPLC"),
        ("Paris", "Paris, Île-de-France, France", 2988507, "PPLC"),
        ("Paris, Texas", "Paris, Texas, United States", 4717560, "PPL"),
        ("Alexandria, La.", "Alexandria, Louisiana, United States", 4314550, "PPL"),
        ("Georgia", "Georgia", 614540, "PCLI"),
    ],
)
def test_offline_geocode(offline, query, address, geonameid, code):
    location = offline.geocode(query)
    assert isinstance(location, Location)
    assert (location.address, location.raw["geonameid"], location.raw["feature_code"]) == (address, geonameid, code)
    assert set(RAW_KEYS) <= set(location.raw)


def test_offline_geocode_filters_countries_and_lists(offline):
    found = offline.geocode("Paris", exactly_one=False, country_codes=["US"])
    assert [loc.raw["admin1"] for loc in found[:3]] == ["Texas", "Tennessee", "Kentucky"]
    assert {loc.raw["country"] for loc in found} == {"USA"}


def test_offline_geocode_unknown_name_is_none(offline):
    assert offline.geocode("Xqzzyville") is None


def test_offline_region_and_demonym_free_lookup(offline):
    location = offline.geocode("Donbas")
    assert (location.raw["place_id"], location.raw["precision"], location.raw["source"]) == (
        "eb:donbas", "region", "eventbuilder")


def test_offline_reverse(offline):
    location = offline.reverse("50.45, 30.52")
    assert location.raw["country"] == "UKR" and location.raw["admin1"] == "Kyiv"
    assert location.raw["distance_km"] < 2


def test_offline_reverse_rejects_non_points(offline):
    with pytest.raises(GeocoderError):
        offline.reverse("not a point")


# ---------------------------------------------------------------- registry


def test_unknown_geocoder_lists_the_valid_names():
    with pytest.raises(ConfigError) as err:
        make_geocoder("googel")
    assert "offline" in str(err.value) and "nominatim" in str(err.value)


def test_bad_options_are_a_config_error():
    with pytest.raises(ConfigError):
        make_geocoder("nominatim", no_such_option=1, user_agent="x")


def _make_with_dummy_credentials(service: str, tmp_path) -> CachedOnlineGeocoder:
    """Build a geopy service without real credentials: its required arguments first, then every
    credential-like argument for services that insist on one of several ("here", "google")."""
    from geopy.geocoders import get_geocoder_for_service

    params = inspect.signature(get_geocoder_for_service(service)).parameters
    required = {p.name: "test" for p in params.values()
                if p.default is inspect.Parameter.empty and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
    credentials = {p: "test" for p in params
                   if any(k in p for k in ("key", "user", "app_", "client", "secret", "token", "auth"))}
    common = {"cache_path": tmp_path / "c.sqlite", "min_delay_seconds": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return make_geocoder(service, **required, **common)
        except ConfigError:
            return make_geocoder(service, **{**credentials, **required}, **common)


@pytest.mark.parametrize("name", available_geocoders())
def test_registry_contract(name, tmp_path, monkeypatch):
    """Every registry member is a geopy Geocoder whose geocode/reverse return Locations with the
    documented raw keys (online members on a canned answer, never the network)."""
    if name == "offline":
        geocoder = make_geocoder(name)
    else:
        geocoder = _make_with_dummy_credentials(name, tmp_path)
        assert isinstance(geocoder, CachedOnlineGeocoder)
        canned_location = Location("Donetsk, Ukraine", (48.0159, 37.8028), {"place_id": 1, "type": "city"})
        monkeypatch.setattr(geocoder.inner, "geocode", lambda *a, **k: canned_location)
        can_reverse = hasattr(geocoder.inner, "reverse")
        if can_reverse:
            monkeypatch.setattr(geocoder.inner, "reverse", lambda *a, **k: canned_location)
        geocoder = CachedOnlineGeocoder(name, geocoder.inner, cache_path=tmp_path / "c.sqlite", min_delay_seconds=0)
        if not can_reverse:
            with pytest.raises(GeocoderError):
                geocoder.reverse("48.0159, 37.8028")
    assert isinstance(geocoder, Geocoder)
    answers = [geocoder.geocode("Donetsk")]
    if name == "offline" or can_reverse:
        answers.append(geocoder.reverse("48.0159, 37.8028"))
    for location in answers:
        assert isinstance(location, Location)
        assert set(RAW_KEYS) <= set(location.raw)
        assert location.raw["country"] == "UKR"


# ---------------------------------------------------------------- online wrapper, canned HTTP


def test_nominatim_parses_caches_and_never_asks_twice(canned, tmp_path):
    geocoder = _nominatim(tmp_path)
    first = geocoder.geocode("Donetsk")
    assert (first.latitude, first.longitude) == (48.0158753, 37.8028499)
    assert first.raw["precision"] == "city" and first.raw["country"] == "UKR"
    assert first.raw["place_id"] == "nominatim:258329424"
    assert canned.calls == ["https://nominatim.example.org/search?q=Donetsk&format=json&limit=1"]
    assert geocoder.geocode("Donetsk").raw == first.raw
    assert _nominatim(tmp_path).geocode("Donetsk").address == first.address  # a new process, same file
    assert len(canned.calls) == 1


def test_not_found_is_cached_too(canned, tmp_path):
    canned.response = []
    geocoder = _nominatim(tmp_path)
    assert geocoder.geocode("Nowhere") is None
    assert geocoder.geocode("Nowhere") is None
    assert len(canned.calls) == 1


@pytest.mark.parametrize("error", [GeocoderServiceError("HTTP 500"), GeocoderTimedOut("timed out")])
def test_service_errors_become_geocoder_errors(canned, tmp_path, error):
    canned.response = error
    with pytest.raises(GeocoderError) as err:
        _nominatim(tmp_path).geocode("Donetsk")
    assert isinstance(err.value.__cause__, type(error))
