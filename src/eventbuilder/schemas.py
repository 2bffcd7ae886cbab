"""Table declarations from ``schemas/``: the single source of truth for every output table.

Each ``schemas/<table>.json`` lists columns with an Arrow type, nullability, description and
allowed values, plus a schema version. The store builds Arrow schemas from them and validates
every table before writing; the analysts' codebook is generated from them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from eventbuilder.errors import SchemaError

TABLES = ("documents", "rejects", "claims", "places", "events", "event_links", "event_redirects")

_SIMPLE_TYPES = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date32": pa.date32(),
    "timestamp[us, UTC]": pa.timestamp("us", tz="UTC"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    description: str
    allowed: tuple[str, ...] | None = None
    unit: str | None = None  # what a number or an offset counts, for the codebook

    @property
    def arrow_type(self) -> pa.DataType:
        return parse_type(self.type)


@dataclass(frozen=True)
class TableSchema:
    table: str
    version: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable) for c in self.columns],
            metadata={"eventbuilder.table": self.table, "eventbuilder.schema_version": self.version},
        )


def parse_type(spec: str) -> pa.DataType:
    """Arrow type from the declaration syntax: ``string``, ``list<string>``,
    ``list<struct<kind: string, start: int32>>``, ``timestamp[us, UTC]`` ..."""
    spec = spec.strip()
    if spec in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[spec]
    if spec.startswith("list<") and spec.endswith(">"):
        return pa.list_(parse_type(spec[5:-1]))
    if spec.startswith("struct<") and spec.endswith(">"):
        fields = []
        for part in _split_top_level(spec[7:-1]):
            name, _, inner = part.partition(":")
            fields.append(pa.field(name.strip(), parse_type(inner)))
        return pa.struct(fields)
    raise SchemaError("?", f"unknown column type {spec!r}")


def _split_top_level(body: str) -> list[str]:
    """Split ``a: int32, b: list<struct<c: string, d: int32>>`` on the commas outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in body:
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def schema_dir() -> Path:
    """``schemas/`` beside the source tree (editable install) or inside the wheel."""
    packaged = resources.files("eventbuilder").joinpath("schemas")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schemas"


@functools.cache
def load_schema(table: str) -> TableSchema:
    path = schema_dir() / f"{table}.json"
    if not path.is_file():
        raise SchemaError(table, f"no declaration at {path}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    columns = tuple(
        Column(
            name=c["name"],
            type=c["type"],
            nullable=bool(c["nullable"]),
            description=c["description"],
            allowed=tuple(c["allowed"]) if "allowed" in c else None,
            unit=c.get("unit"),
        )
        for c in raw["columns"]
    )
    return TableSchema(
        table=raw["table"],
        version=raw["version"],
        description=raw["description"],
        primary_key=tuple(raw["primary_key"]),
        columns=columns,
    )


def to_arrow(table: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Build a validated Arrow table from row dicts whose keys are exactly the declared columns."""
    schema = load_schema(table)
    rows = list(rows)
    names = schema.names
    for index, row in enumerate(rows):
        if set(row) != set(names):
            missing = sorted(set(names) - set(row))
            extra = sorted(set(row) - set(names))
            raise SchemaError(table, f"row {index}: missing columns {missing}, undeclared {extra}")
    arrays = {}
    for column in schema.columns:
        values = [row[column.name] for row in rows]
        try:
            arrays[column.name] = pa.array(values, type=column.arrow_type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise SchemaError(table, f"column {column.name!r}: {exc}") from exc
    arrow = pa.Table.from_pydict(arrays, schema=schema.arrow_schema())
    validate_table(table, arrow)
    return arrow


def validate_table(table: str, arrow: pa.Table) -> None:
    """Check column names, types, nullability and allowed values against the declaration."""
    schema = load_schema(table)
    if arrow.schema.names != schema.names:
        raise SchemaError(table, f"columns {arrow.schema.names} differ from declared {schema.names}")
    for column in schema.columns:
        data = arrow.column(column.name)
        if not data.type.equals(column.arrow_type):
            raise SchemaError(table, f"column {column.name!r} has type {data.type}, declared {column.type}")
        if not column.nullable and data.null_count:
            raise SchemaError(table, f"column {column.name!r} is not nullable but has {data.null_count} nulls")
        if column.allowed is not None:
            _check_allowed(table, column.name, column.allowed, data)
    _check_primary_key(table, schema, arrow)


def _check_allowed(table: str, name: str, allowed: tuple[str, ...], data: pa.ChunkedArray) -> None:
    values = pc.list_flatten(data) if pa.types.is_list(data.type) else data
    present = {v for v in pc.unique(values).to_pylist() if v is not None}
    unknown = sorted(present - set(allowed))
    if unknown:
        raise SchemaError(table, f"column {name!r} has values {unknown} outside {list(allowed)}")


def _check_primary_key(table: str, schema: TableSchema, arrow: pa.Table) -> None:
    if not arrow.num_rows:
        return
    keys = list(schema.primary_key)
    counts = arrow.select(keys).group_by(keys).aggregate([([], "count_all")])
    repeated = counts.filter(pc.greater(counts["count_all"], 1))
    if repeated.num_rows:
        raise SchemaError(table, f"duplicate primary key {repeated.slice(0, 1).select(keys).to_pylist()[0]}")


def codebook() -> str:
    """Markdown codebook for analysts, generated from the declarations; see :mod:`eventbuilder.codebook`."""
    from eventbuilder.codebook import render_codebook

    return render_codebook()
