"""The shipped basemap (Natural Earth via world-atlas) decoded into SVG paths, and the static map."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from eventbuilder.view.basemap import (
    countries,
    decode_arcs,
    planar_rings,
    ring_path,
    ring_points,
    svg_map,
)

BASEMAP = resources.files("eventbuilder.resources").joinpath("basemap")


def test_basemap_file_is_the_credited_one():
    data = BASEMAP.joinpath("countries-110m.json").read_bytes()
    readme = BASEMAP.joinpath("README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(data).hexdigest() in readme
    assert "Permission to use, copy, modify" in BASEMAP.joinpath("LICENSE-world-atlas").read_text(encoding="utf-8")


def test_topojson_decoding():
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [-180, -90]},
                "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]]}
    arcs = decode_arcs(topology)  # hundredths of a degree, y = -latitude
    assert arcs == [[(-18000, 9000), (-17900, 9000), (-17900, 8900)], [(-17900, 8900), (-18000, 9000)]]
    assert ring_points([0, 1], arcs) == [(-18000, 9000), (-17900, 9000), (-17900, 8900), (-18000, 9000)]
    assert ring_points([~1], arcs) == [(-18000, 9000), (-17900, 8900)]  # ~1: arc 1 reversed


def test_path_data_is_exact_and_compact():
    assert ring_path([(3012, -5045), (3112, -5045), (3112, -4945), (3012, -5045)]) == "M30.12-50.45l1 0 0 1-1-1z"
    assert ring_path([(0, 0), (1, 0), (0, 0)]) == ""  # a speck that rounds to less than a triangle


def test_a_ring_across_the_antimeridian_is_drawn_on_both_sides():
    ring = [(17900, -6500), (-17900, -6500), (-17900, -6600), (17900, -6600), (17900, -6500)]
    drawn = planar_rings(ring)
    assert drawn[0] == [(17900, -6500), (18100, -6500), (18100, -6600), (17900, -6600), (17900, -6500)]
    assert drawn[1] == [(x - 36000, y) for x, y in drawn[0]]


def test_a_ring_around_the_pole_is_closed_along_the_edge():
    ring = [(-18000, 8000), (0, 8200), (18000, 8000)]
    drawn = planar_rings(ring)
    assert drawn == [[(-18000, 8000), (0, 8200), (18000, 8000), (18000, 9000), (-18000, 9000)]]


def test_countries():
    shapes = {c.name: c for c in countries()}
    assert len(shapes) == 177
    assert shapes["Ukraine"].id == "804"
    assert shapes["Russia"].path.count("M") > shapes["Ukraine"].path.count("M")
    for country in shapes.values():
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]*z)+", country.path), country.name


def test_static_map_is_valid_svg_with_escaped_labels():
    svg = svg_map([(50.45, 30.52, "Kyiv <b>&</b>", "city"), (50.45, 30.52, "Kyiv again", "city"),
                   (49.0, 32.0, "Ukraine", "country"), (None, None, "nowhere", "none")], width=600)
    root = ET.fromstring(svg)  # well-formed XML: the labels are escaped
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 2  # two places; the one without coordinates is left out
    titles = [c.find("{http://www.w3.org/2000/svg}title").text for c in circles]
    assert "2 event(s): Kyiv <b>&</b>; Kyiv again" in titles
    x0, y0, w, h = map(float, root.get("viewBox").split())
    assert x0 < 30.52 < x0 + w and y0 < -50.45 < y0 + h and w == pytest.approx(2 * h)


def test_static_map_without_points_shows_the_world():
    root = ET.fromstring(svg_map([]))
    assert root.get("viewBox") == "-180.000 -90.000 360.000 180.000"
