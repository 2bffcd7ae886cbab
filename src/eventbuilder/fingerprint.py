"""Fingerprints for incremental builds: what a document's rows depend on.

A document's rows (``documents``, ``claims``, ``places``) are a pure function of its raw record and
of the per-document pipeline. ``record_fingerprint`` hashes the record (path, line, bytes, parsed
fields, sidecar, overrides); ``pipeline_fingerprint`` hashes everything else the rows depend on:
the source and resources of the per-document stages, the options that change rows, the spaCy
version and model, the gazetteer and the per-document table schemas. A build reuses a parent
version's rows for a record only when both fingerprints are unchanged.

The link stage, the store and the report are deliberately left out of the pipeline fingerprint:
they run over every claim on every build, so changing them never needs a re-parse.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from eventbuilder import __version__
from eventbuilder.model import RawRecord
from eventbuilder.options import BuildOptions

FINGERPRINT_VERSION = "eventbuilder.fingerprint/1"

# Options that only say how or where a build runs, or what is written beside the tables; every
# other option may change a document's rows and is part of the pipeline fingerprint.
RUN_ONLY_OPTIONS = frozenset({"engine", "workers", "dask_address", "write_report", "report_max_events"})

# Parts of the package that never touch per-document rows (whole-build stages, I/O, the CLI).
_NOT_PER_DOCUMENT = ("link/", "store/", "view/", "resources/basemap/", "build.py", "engines.py", "cli.py",
                     "codebook.py", "api.py", "__main__.py", "fingerprint.py")
# Tables whose rows are made document by document.
PER_DOCUMENT_TABLES = ("documents", "rejects", "claims", "places")


def record_fingerprint(record: RawRecord) -> str:
    """sha256 of everything in a raw record that its rows may depend on."""
    digest = hashlib.sha256()
    head = {"source_path": record.source_path, "format": record.format, "line": record.line,
            "fields": record.fields, "sidecar": record.sidecar, "published_override": record.published_override,
            "url": record.url, "crawled_at": record.crawled_at, "has_data": record.data is not None}
    digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8"))
    digest.update(b"\x00")
    if record.data is not None:
        digest.update(record.data)
    return digest.hexdigest()


def pipeline_fingerprint(options: BuildOptions) -> dict[str, Any]:
    """The components of the per-document pipeline's identity and their combined ``digest``."""
    components = {
        "fingerprint_version": FINGERPRINT_VERSION,
        "eventbuilder_version": __version__,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "source_digest": source_digest(),
        "schemas": _schema_versions(),
        "options": row_options(options),
        **(_nlp_components(options.nlp_model) if options.extract_claims else {}),
        **({"gazetteer": _gazetteer_digest()} if options.extract_claims else {}),
    }
    text = json.dumps(components, sort_keys=True, default=str)
    return {**components, "digest": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def changed_components(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Names of the components (and option names) that differ between two pipeline fingerprints."""
    names = sorted((set(old) | set(new)) - {"digest"})
    changed = []
    for name in names:
        if name == "options" and isinstance(old.get(name), dict) and isinstance(new.get(name), dict):
            keys = sorted(set(old[name]) | set(new[name]))
            changed += [f"options.{k}" for k in keys if old[name].get(k) != new[name].get(k)]
        elif old.get(name) != new.get(name):
            changed.append(name)
    return changed


def row_options(options: BuildOptions) -> dict[str, Any]:
    """The options that may change a document's rows (JSON-normalised)."""
    values = {k: v for k, v in options.to_manifest().items() if k not in RUN_ONLY_OPTIONS}
    return json.loads(json.dumps(values, sort_keys=True, default=str))


@functools.cache
def source_digest() -> str:
    """sha256 over the per-document stages' source files and resources (paths and bytes)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file()):
        rel = path.relative_to(package).as_posix()
        if "__pycache__" in rel or rel.endswith((".pyc", ".pyo")) or rel.startswith(_NOT_PER_DOCUMENT):
            continue
        digest.update(rel.encode("utf-8") + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _schema_versions() -> dict[str, str]:
    from eventbuilder.schemas import schema_dir

    out = {}
    for table in PER_DOCUMENT_TABLES:
        data = (schema_dir() / f"{table}.json").read_bytes()
        out[table] = hashlib.sha256(data).hexdigest()[:16]
    return out


def _nlp_components(name: str) -> dict[str, Any]:
    """spaCy's version and the model's name and version (or, for a model folder, its meta.json)."""
    from importlib import metadata

    # the installed version, without importing spaCy (seconds) when a build analyses nothing
    out: dict[str, Any] = {"spacy": metadata.version("spacy"), "nlp_model": name}
    try:
        out["nlp_model_version"] = metadata.version(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        meta = Path(name) / "meta.json"
        out["nlp_model_version"] = hashlib.sha256(meta.read_bytes()).hexdigest()[:16] if meta.is_file() else None
    return out


@functools.cache
def _gazetteer_digest() -> str:
    from eventbuilder.resolve.places import gazetteer_info

    text = json.dumps(gazetteer_info(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
