"""Reading versions back: pandas loading, integrity validation, and diffs between versions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventbuilder.errors import SchemaError, StoreError
from eventbuilder.schemas import load_schema, validate_table
from eventbuilder.store.versions import resolve_version, sha256_file

RELEVANT_COLUMN = "relevant"


def read_arrow(table: str, version: str = "latest", root: str | Path = "outputs") -> pa.Table:
    info = resolve_version(Path(root), version)
    path = info.path / f"{table}.parquet"
    if not path.is_file():
        tables = sorted(info.manifest.get("tables", {}))
        raise StoreError(f"version {info.name} has no table {table!r}; it has {', '.join(tables)}")
    return pq.read_table(path)


def load(table: str, version: str = "latest", root: str | Path = "outputs", relevant_only: bool = True) -> pd.DataFrame:
    """A table of a version as a DataFrame: nullable integer/boolean dtypes, UTC timestamps,
    dates as ``datetime64``, strings as pandas strings, list columns as lists.

    A table with a ``relevant`` column (claims, events) gives the analyst's default view: only its
    relevant rows, unless ``relevant_only=False`` (every row stays in the Parquet file)."""
    arrow = read_arrow(table, version, root)
    if relevant_only and RELEVANT_COLUMN in arrow.column_names:
        arrow = arrow.filter(pc.field(RELEVANT_COLUMN))
    return frame_from_arrow(arrow)


def frame_from_arrow(arrow: pa.Table) -> pd.DataFrame:
    """An Arrow table as :func:`load` returns it (nullable dtypes, dates as ``datetime64``)."""
    mapping = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
               pa.float64(): pd.Float64Dtype(), pa.string(): pd.StringDtype()}
    return arrow.to_pandas(types_mapper=mapping.get, date_as_object=False)


@dataclass
class ValidationReport:
    version: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_version(version: str = "latest", root: str | Path = "outputs") -> ValidationReport:
    """Check every table's file hash and row count against the manifest, and its schema, and the
    hash of every other file the manifest lists (the report)."""
    info = resolve_version(Path(root), version)
    report = ValidationReport(info.name)
    for table, entry in sorted(info.manifest.get("tables", {}).items()):
        path = info.path / entry["file"]
        if not path.is_file():
            report.problems.append(f"{table}: file {entry['file']} is missing")
            continue
        if sha256_file(path) != entry["sha256"]:
            report.problems.append(f"{table}: sha256 differs from the manifest (file changed after the build)")
        arrow = pq.read_table(path)
        if arrow.num_rows != entry["rows"]:
            report.problems.append(f"{table}: {arrow.num_rows} rows, manifest says {entry['rows']}")
        if load_schema(table).version != entry.get("schema_version"):
            report.problems.append(f"{table}: written with schema {entry.get('schema_version')}, "
                                   f"current declaration is {load_schema(table).version}")
            continue
        try:
            validate_table(table, arrow.replace_schema_metadata(None))
        except SchemaError as exc:
            report.problems.append(str(exc))
    extra = {**info.manifest.get("files", {}), **info.manifest.get("side_tables", {})}
    for name, entry in sorted(extra.items()):
        path = info.path / entry["file"]
        if not path.is_file():
            report.problems.append(f"{name}: file {entry['file']} is missing")
        elif sha256_file(path) != entry["sha256"]:
            report.problems.append(f"{name}: sha256 differs from the manifest (file changed after the build)")
    return report


@dataclass(frozen=True)
class TableDiff:
    table: str
    added: list[tuple]
    removed: list[tuple]
    changed: list[tuple]


def diff_versions(old: str, new: str, root: str | Path = "outputs") -> list[TableDiff]:
    """Rows added, removed and changed between two versions, per table, by primary key."""
    old_info, new_info = resolve_version(Path(root), old), resolve_version(Path(root), new)
    tables = sorted(set(old_info.manifest.get("tables", {})) | set(new_info.manifest.get("tables", {})))
    return [_diff_table(t, _keyed_rows(t, old_info.path), _keyed_rows(t, new_info.path)) for t in tables]


def _keyed_rows(table: str, folder: Path) -> dict[tuple, str]:
    path = folder / f"{table}.parquet"
    if not path.is_file():
        return {}
    key = load_schema(table).primary_key
    rows = pq.read_table(path).to_pylist()
    return {tuple(row[k] for k in key): json.dumps(row, sort_keys=True, default=str) for row in rows}


def _diff_table(table: str, old: dict[tuple, str], new: dict[tuple, str]) -> TableDiff:
    added = sorted((k for k in new if k not in old), key=repr)
    removed = sorted((k for k in old if k not in new), key=repr)
    changed = sorted((k for k in new if k in old and new[k] != old[k]), key=repr)
    return TableDiff(table, added, removed, changed)
