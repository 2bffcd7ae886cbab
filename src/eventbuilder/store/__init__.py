"""Store stage: immutable Parquet versions, the latest pointer, loading, validation and diffs."""

from eventbuilder.store.read import diff_versions, load, validate_version
from eventbuilder.store.versions import latest_version, list_versions, resolve_version

__all__ = ["diff_versions", "load", "validate_version", "latest_version", "list_versions", "resolve_version"]
