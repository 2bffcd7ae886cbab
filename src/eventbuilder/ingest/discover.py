"""Walk the raw folder and list every input record, or why a file is not one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventbuilder.errors import ConfigError
from eventbuilder.ingest.readers import is_sidecar
from eventbuilder.ingest.registry import reader_for, supported_extensions
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions


@dataclass(frozen=True)
class InputFile:
    """A file under the raw folder, for the manifest's input fingerprint."""

    path: str
    size: int
    sha256: str


def input_files(raw: Path) -> list[tuple[Path, str]]:
    """Every file under ``raw`` (or ``raw`` itself), sorted by relative path; hidden ones skipped."""
    if raw.is_file():
        return [(raw, raw.name)]
    if not raw.is_dir():
        raise ConfigError(f"raw input {str(raw)!r} is neither a file nor a folder")
    files = []
    for path in raw.rglob("*"):
        rel = path.relative_to(raw)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        files.append((path, rel.as_posix()))
    return sorted(files, key=lambda item: item[1])


def discover(raw: Path, options: BuildOptions) -> Iterator[RawRecord | Reject]:
    """Input records in a deterministic order; unsupported files and orphan sidecars are rejects."""
    for path, rel in input_files(raw):
        if is_sidecar(path):
            if not _sidecar_owner_exists(path):
                yield Reject(rel, None, "bad_sidecar", "sidecar without an article beside it "
                             f"(expected {path.name[:-len('.meta.json')]}.txt or .html)")
            continue
        reader = reader_for(path)
        if reader is None:
            yield Reject(rel, None, "unsupported_type", f"no reader for {path.suffix or 'files without an extension'}; "
                         f"supported: {', '.join(supported_extensions())}")
            continue
        yield from reader.records(path, rel, options)


def _sidecar_owner_exists(path: Path) -> bool:
    stem = path.name[: -len(".meta.json")]
    return any((path.parent / f"{stem}{ext}").is_file() for ext in (".txt", ".html", ".htm"))
