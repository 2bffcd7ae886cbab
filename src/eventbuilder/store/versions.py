"""Immutable, atomically published build versions under an output root.

Layout::

    outputs/
      v000001/  documents.parquet  rejects.parquet  ...  manifest.json
      v000002/  ...
      latest -> v000002        (symlink, where the OS allows)
      LATEST                   (a file naming the newest version, for everyone else)

A version is written into a hidden ``.building-*`` folder, then, under an exclusive lock, given
the next number and renamed into place, and only then does ``latest`` move. A build killed at
any point leaves no partial version visible and the previous ``latest`` intact; two concurrent
builds never get the same number because numbering and renaming happen under the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder.errors import StoreError, VersionNotFoundError

VERSION_RE = re.compile(r"^v(\d{6})$")
BUILDING_PREFIX = ".building-"
LOCK_NAME = ".lock"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class VersionInfo:
    name: str
    path: Path
    manifest: dict[str, Any]


def version_name(number: int) -> str:
    return f"v{number:06d}"


def list_versions(root: Path) -> list[str]:
    """Published version names, oldest first (hidden work folders are never listed)."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if VERSION_RE.match(p.name) and p.is_dir())


def latest_version(root: Path) -> str | None:
    """The version ``latest`` names: the LATEST file, else the symlink, else the highest number."""
    marker = root / "LATEST"
    if marker.is_file():
        name = marker.read_text(encoding="utf-8").strip()
        if VERSION_RE.match(name) and (root / name).is_dir():
            return name
    link = root / "latest"
    if link.is_symlink():
        name = os.readlink(link).rstrip("/").split("/")[-1]
        if VERSION_RE.match(name) and (root / name).is_dir():
            return name
    versions = list_versions(root)
    return versions[-1] if versions else None


def resolve_version(root: Path, version: str = "latest") -> VersionInfo:
    """Path and manifest of a version given as ``latest``, ``v000003`` or ``3``."""
    name = latest_version(root) if version == "latest" else _normalise_name(version)
    if name is None or not (root / name).is_dir():
        raise VersionNotFoundError(version, str(root))
    path = root / name
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(f"version {name} has no readable manifest: {exc}") from exc
    return VersionInfo(name, path, manifest)


def _normalise_name(version: str) -> str | None:
    text = version.strip()
    if text.isdigit():
        return version_name(int(text))
    return text if VERSION_RE.match(text) else None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_table(folder: Path, name: str, table: pa.Table) -> dict[str, Any]:
    """Write one Parquet file; deterministic bytes for the same table content."""
    path = folder / f"{name}.parquet"
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    return {"file": path.name, "rows": table.num_rows, "sha256": sha256_file(path)}


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    with (root / LOCK_NAME).open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Writes extra files (the report) into the version folder before it is published; gets the folder
# and the full manifest (version name and parent included) and returns manifest entries by name.
ExtraFiles = Callable[[Path, dict[str, Any]], dict[str, dict[str, Any]]]


def publish_version(root: Path, tables: dict[str, pa.Table], manifest: dict[str, Any],
                    extra_files: ExtraFiles | None = None,
                    side_tables: dict[str, pa.Table] | None = None) -> VersionInfo:
    """Write ``tables`` and the manifest as the next version and move ``latest`` to it.

    ``extra_files`` runs once the version's name is known, before the folder becomes visible, so
    files that name the version (the report) are part of it from the start; a published version
    is never modified. It runs under the publishing lock (a concurrent build waits: about a
    second for a report of 10,000 events). Its entries are recorded under the manifest's ``files``.

    ``side_tables`` are the build's own bookkeeping (the record fingerprints of incremental
    builds), written as ``_<name>.parquet`` and recorded under the manifest's ``side_tables``.
    """
    with VersionWriter(root) as writer:
        for name, table in tables.items():
            writer.add_table(name, table)
        for name, table in (side_tables or {}).items():
            writer.add_side_table(name, table)
        return writer.publish(manifest, extra_files)


class VersionWriter:
    """A version being written into a hidden work folder, published by :meth:`publish`.

    Tables may be written whole (:meth:`add_table`) or by the caller into :attr:`work` (streamed
    row groups) and registered with :meth:`add_entry`. Leaving the ``with`` block without
    publishing (an exception, an interrupt) deletes the work folder: nothing partial is visible.
    """

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_work(root)
        self.work = root / f"{BUILDING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.work.mkdir()
        self.files: dict[str, dict[str, Any]] = {}
        self.side: dict[str, dict[str, Any]] = {}
        self.published: VersionInfo | None = None

    def __enter__(self) -> VersionWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.published is None:
            shutil.rmtree(self.work, ignore_errors=True)

    def add_table(self, name: str, table: pa.Table) -> None:
        self.files[name] = write_table(self.work, name, table)

    def add_entry(self, name: str, entry: dict[str, Any]) -> None:
        """A table the caller wrote into the work folder itself (``entry``: file, rows, sha256)."""
        self.files[name] = entry

    def add_side_table(self, name: str, table: pa.Table) -> None:
        self.side[name] = write_table(self.work, f"_{name}", table)

    def add_side_entry(self, name: str, entry: dict[str, Any]) -> None:
        self.side[name] = entry

    def publish(self, manifest: dict[str, Any], extra_files: ExtraFiles | None = None) -> VersionInfo:
        """Give the work folder the next version number and move ``latest`` to it."""
        root, work = self.root, self.work
        _stall_for_tests()
        with _locked(root):
            versions = list_versions(root)
            number = int(versions[-1][1:]) + 1 if versions else 1
            name = version_name(number)
            full = {"version": name, "parent": latest_version(root),
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    **manifest, "tables": {**manifest.get("tables", {})}}
            for table, info in self.files.items():
                full["tables"][table] = {**full["tables"].get(table, {}), **info}
            if self.side:
                full["side_tables"] = self.side
            if extra_files is not None:
                full["files"] = extra_files(work, full)
            _write_json(work / MANIFEST, full)
            _fsync_folder(work)
            os.rename(work, root / name)
            _point_latest(root, name)
        self.published = VersionInfo(name, root / name, full)
        return self.published


def _write_json(path: Path, value: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2, sort_keys=False, default=str)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Flush every file in ``folder`` and the folder entry itself to disk."""
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _point_latest(root: Path, name: str) -> None:
    """Move ``latest`` atomically: replace a temporary symlink and file over the old ones."""
    marker_tmp = root / f".LATEST.{os.getpid()}"
    marker_tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(marker_tmp, root / "LATEST")
    link_tmp = root / f".latest.{os.getpid()}"
    try:
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        os.symlink(name, link_tmp, target_is_directory=True)
        os.replace(link_tmp, root / "latest")
    except OSError:
        # Filesystems without symlinks still have the LATEST file.
        link_tmp.unlink(missing_ok=True)
    _fsync_dir(root)


def _remove_abandoned_work(root: Path) -> None:
    """Delete work folders of builds whose process is gone (killed half-way)."""
    for path in root.glob(f"{BUILDING_PREFIX}*"):
        pid = path.name[len(BUILDING_PREFIX):].split("-")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stall_for_tests() -> None:
    """Fault injection for the atomicity test: pause after the tables are written, before publishing."""
    seconds = os.environ.get("EVENTBUILDER_TEST_STALL_BEFORE_PUBLISH")
    if seconds:
        marker = os.environ.get("EVENTBUILDER_TEST_STALL_MARKER")
        if marker:
            Path(marker).write_text("stalled", encoding="utf-8")
        time.sleep(float(seconds))
