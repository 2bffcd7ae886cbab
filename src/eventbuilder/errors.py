"""One exception tree for the whole package.

Every error eventbuilder raises on purpose derives from :class:`EventbuilderError` and from the
builtin it behaves like, so callers can catch either. Failures of external libraries and services
are mapped into this tree where they are called (``raise GeocoderError(...) from exc``).
"""

from __future__ import annotations


class EventbuilderError(Exception):
    """Base class of every error eventbuilder raises on purpose."""


class ConfigError(EventbuilderError, ValueError):
    """A build option, registry name or command-line value is invalid."""


class InputError(EventbuilderError, ValueError):
    """One input record cannot become a document; it becomes a ``rejects`` row.

    ``reason`` is the reject reason code (see ``schemas/rejects.json``); ``line`` is the line number
    or list index inside a multi-record file, when there is one.
    """

    def __init__(self, reason: str, message: str, *, line: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.line = line


class SchemaError(EventbuilderError, ValueError):
    """A table does not match its declaration in ``schemas/``; no version is written."""

    def __init__(self, table: str, message: str):
        super().__init__(f"table {table!r}: {message}")
        self.table = table


class StoreError(EventbuilderError, OSError):
    """The versioned output store cannot be read or written."""


class VersionNotFoundError(EventbuilderError, LookupError):
    """A requested build version (or the ``latest`` pointer) does not exist."""

    def __init__(self, version: str, root: str):
        super().__init__(f"no version {version!r} under {root!r}")
        self.version = version
        self.root = root


class NLPError(EventbuilderError, RuntimeError):
    """The configured spaCy pipeline cannot be loaded."""


class GeocoderError(EventbuilderError, RuntimeError):
    """A geocoder (offline gazetteer or an opt-in online service) failed."""
