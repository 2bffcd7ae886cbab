"""Country outlines for the report's map, and a static SVG map for notebooks.

The outlines are Natural Earth's 1:110m countries as TopoJSON from the npm package ``world-atlas``
(shipped in ``resources/basemap/``, credits in its README). TopoJSON stores shared borders once as
quantised, delta-encoded arcs; decoding is a few lines, so no geo library is needed. The
projection is equirectangular (plate carree): ``x = longitude``, ``y = -latitude``, in degrees, so
an SVG ``viewBox`` in degrees places every point without further arithmetic, in Python and in the
report's JavaScript alike.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from eventbuilder.resources import read_json

BASEMAP_FILE = "basemap/countries-110m.json"
BASEMAP_CREDIT = ("Country outlines: Natural Earth 1:110m (public domain) via world-atlas 2.0.2 "
                  "(ISC, Michael Bostock)")
# Hundredths of a degree: about 1 km, finer than the 1:110m source (its quantum is 0.0036 deg).
_GRID = 100


@dataclass(frozen=True)
class Country:
    """One country outline: ISO 3166-1 numeric id, Natural Earth name, SVG path data."""

    id: str
    name: str
    path: str


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular projection into SVG user units (degrees, y pointing down)."""
    return longitude, -latitude


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[int, int]]]:
    """Every arc as absolute points on the ``_GRID`` (hundredths of a degree), y pointing down."""
    (scale_x, scale_y), (translate_x, translate_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * scale_x + translate_x, y * scale_y + translate_y
            points.append((round(lon * _GRID), round(-lat * _GRID)))
        arcs.append(points)
    return arcs


def ring_points(ring: Sequence[int], arcs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The closed ring of a polygon from its arc indices (``~i`` is arc ``i`` reversed)."""
    points: list[tuple[int, int]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their joining point
    return points


def planar_rings(points: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The ring as drawn on the flat map, cut nowhere: longitudes are unwrapped across the
    antimeridian (Russia's Chukotka, Fiji) and the part beyond +-180 is drawn again 360 degrees
    over; a ring around a pole (Antarctica) is closed along the map's edge."""
    half, full = 180 * _GRID, 360 * _GRID
    unwrapped, offset = [points[0]], 0
    for (x, y), (previous_x, _) in zip(points[1:], points):
        if x - previous_x > half:
            offset -= full
        elif previous_x - x > half:
            offset += full
        unwrapped.append((x + offset, y))
    if abs(unwrapped[-1][0] - unwrapped[0][0]) >= half:
        pole = 90 * _GRID if sum(y for _, y in points) > 0 else -90 * _GRID
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    rings = [unwrapped]
    if min(x for x, _ in unwrapped) < -half:
        rings.append([(x + full, y) for x, y in unwrapped])
    if max(x for x, _ in unwrapped) > half:
        rings.append([(x - full, y) for x, y in unwrapped])
    return rings


def ring_path(points: list[tuple[int, int]]) -> str:
    """Compact SVG path data: an absolute move, then relative lines (exact on the grid, no drift);
    empty for a ring that rounds to less than a triangle (a speck of an island)."""
    if len(set(points)) < 3:
        return ""
    (x0, y0), parts = points[0], []
    previous = points[0]
    for x, y in points[1:]:
        dx, dy = x - previous[0], y - previous[1]
        if dx or dy:
            parts.append(f"{_number(dx)}{_signed(dy)}")
            previous = (x, y)
    return f"M{_number(x0)}{_signed(y0)}l" + " ".join(parts).replace(" -", "-") + "z"


def _number(value: int) -> str:
    text = f"{value / _GRID:.2f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _signed(value: int) -> str:
    text = _number(value)
    return text if text.startswith("-") else " " + text


@functools.cache
def countries() -> tuple[Country, ...]:
    """Country outlines as SVG path data, in the file's order."""
    topology = read_json(BASEMAP_FILE)
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:  # null geometries carry no shape
            continue
        rings = [drawn for polygon in polygons for ring in polygon for drawn in planar_rings(ring_points(ring, arcs))]
        path = "".join(ring_path(ring) for ring in rings)
        out.append(Country(str(geometry.get("id", "")), geometry.get("properties", {}).get("name", ""), path))
    return tuple(out)


def basemap_svg_group() -> str:
    """``<g>`` of every country outline with its name as a tooltip (escaped like any data)."""
    paths = "".join(f'<path d="{c.path}"><title>{escape(c.name)}</title></path>' for c in countries())
    return f'<g class="countries">{paths}</g>'


# ---------------------------------------------------------------- a static map for notebooks

PRECISION_STYLE = {  # how precise a coordinate is decides how it is drawn (as in the report's legend)
    "exact": ("point", "#b2182b"), "city": ("point", "#b2182b"),
    "admin2": ("ring", "#ef8a62"), "admin1": ("ring", "#ef8a62"),
    "region": ("area", "#2166ac"), "country": ("area", "#2166ac"),
}


def svg_map(points: Iterable[tuple[float, float, str, str]], width: int = 900, pad_degrees: float = 8.0) -> str:
    """A standalone SVG map of ``(latitude, longitude, label, geo_precision)`` points on the basemap.

    Points at the same place are drawn once with a size growing with their number; a city point,
    an admin-area centroid and a country or region centroid are drawn differently. The view fits
    the points (the whole world when there are none). Labels are escaped.
    """
    grouped: dict[tuple[float, float], list[tuple[str, str]]] = {}
    for lat, lon, label, precision in points:
        if lat is None or lon is None or (isinstance(lat, float) and math.isnan(lat)):
            continue
        grouped.setdefault((round(lat, 3), round(lon, 3)), []).append((str(label), str(precision)))
    x0, y0, w, h = _fit([project(lon, lat) for lat, lon in grouped], pad_degrees)
    unit = w / width  # one screen pixel in degrees
    marks = [_static_mark(lat, lon, items, unit) for (lat, lon), items in sorted(grouped.items())]
    height = round(width * h / w)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="{x0:.3f} {y0:.3f} {w:.3f} {h:.3f}" role="img" aria-label="map of event places">'
            f'<rect x="-180" y="-90" width="360" height="180" fill="#eef3f7"/>'
            f'<g fill="#f7f4ee" stroke="#9aa3ab" stroke-width="{0.6 * unit:.4f}">'
            f'{basemap_svg_group()}</g>{"".join(marks)}'
            f'<text x="{x0 + 4 * unit:.3f}" y="{y0 + h - 4 * unit:.3f}" font-size="{9 * unit:.3f}" '
            f'fill="#555">{escape(BASEMAP_CREDIT)}</text></svg>')


def _static_mark(lat: float, lon: float, items: list[tuple[str, str]], unit: float) -> str:
    x, y = project(lon, lat)
    shape, colour = PRECISION_STYLE.get(items[0][1], ("point", "#555"))
    radius = (3.5 + 2.5 * math.sqrt(len(items) - 1)) * unit
    title = escape(f"{len(items)} event(s): " + "; ".join(sorted({label for label, _ in items}))[:300])
    if shape == "point":
        attrs = f'fill="{colour}" fill-opacity="0.8" stroke="#fff" stroke-width="{unit:.4f}"'
    elif shape == "ring":
        attrs = f'fill="{colour}" fill-opacity="0.3" stroke="{colour}" stroke-width="{1.5 * unit:.4f}"'
        radius += 1.5 * unit
    else:
        attrs = (f'fill="{colour}" fill-opacity="0.15" stroke="{colour}" stroke-width="{1.5 * unit:.4f}" '
                 f'stroke-dasharray="{3 * unit:.4f} {2 * unit:.4f}"')
        radius += 4 * unit
    return f'<circle cx="{x:.3f}" cy="{y:.3f}" r="{radius:.4f}" {attrs}><title>{title}</title></circle>'


def _fit(points: list[tuple[float, float]], pad: float) -> tuple[float, float, float, float]:
    """A 2:1 view box around the points, at least 40 degrees wide, inside the world."""
    if not points:
        return -180.0, -90.0, 360.0, 180.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max(max(xs) - min(xs) + 2 * pad, 2 * (max(ys) - min(ys) + 2 * pad), 40.0)
    width = min(width, 360.0)
    height = width / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - width / 2, -180.0), 180.0 - width)
    y0 = min(max(cy - height / 2, -90.0), 90.0 - height)
    return x0, y0, width, height
