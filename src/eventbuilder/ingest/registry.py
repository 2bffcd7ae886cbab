"""The registry of readers: every raw format eventbuilder reads, by name and by file extension."""

from __future__ import annotations

from pathlib import Path

from eventbuilder.errors import ConfigError
from eventbuilder.ingest.crawl import NewsPleaseReader, WarcReader
from eventbuilder.ingest.readers import HtmlReader, JsonlReader, JsonReader, Reader, TxtReader

READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (TxtReader(), HtmlReader(), JsonlReader(), JsonReader(), WarcReader(), NewsPleaseReader())
}


def reader_named(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        raise ConfigError(f"unknown reader {name!r}; valid: {', '.join(sorted(READERS))}") from None


def reader_for(path: Path) -> Reader | None:
    """The reader of a file, by its longest matching extension (``.warc.gz`` before ``.gz``)."""
    name = path.name.lower()
    matches = [(ext, r) for r in READERS.values() for ext in r.extensions if name.endswith(ext)]
    return max(matches, key=lambda m: len(m[0]))[1] if matches else None


def supported_extensions() -> list[str]:
    return sorted(ext for r in READERS.values() for ext in r.extensions)
