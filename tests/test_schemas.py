"""schemas/ is the single source of truth: Arrow schemas, validation and the codebook come from it."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from eventbuilder.errors import SchemaError
from eventbuilder.schemas import TABLES, codebook, load_schema, parse_type, schema_dir, to_arrow

REPO = schema_dir().parent


@pytest.mark.parametrize("table", TABLES)
def test_every_declaration_builds_an_arrow_schema(table):
    schema = load_schema(table)
    arrow = schema.arrow_schema()
    assert arrow.names == schema.names
    assert set(schema.primary_key) <= set(schema.names)
    assert all(c.description.strip() for c in schema.columns)
    assert arrow.metadata[b"eventbuilder.schema_version"] == schema.version.encode()


@pytest.mark.parametrize("spec, expected", [
    ("list<string>", pa.list_(pa.string())),
    ("timestamp[us, UTC]", pa.timestamp("us", tz="UTC")),
    ("list<struct<kind: string, start: int32, end: int32>>",
     pa.list_(pa.struct([("kind", pa.string()), ("start", pa.int32()), ("end", pa.int32())]))),
])
def test_type_syntax(spec, expected):
    assert parse_type(spec) == expected


def _reject(**changes):
    row = {"source_path": "a.txt", "line": None, "reason": "empty", "message": "the file is empty", "duplicate_of": None}
    return {**row, **changes}


def test_rows_are_validated_before_writing():
    assert to_arrow("rejects", [_reject()]).num_rows == 1
    with pytest.raises(SchemaError, match="'reason' has values \\['lost'\\] outside"):
        to_arrow("rejects", [_reject(reason="lost")])
    with pytest.raises(SchemaError, match="'message' is not nullable but has 1 nulls"):
        to_arrow("rejects", [_reject(message=None)])
    with pytest.raises(SchemaError, match="undeclared \\['extra'\\]"):
        to_arrow("rejects", [_reject(extra=1)])
    with pytest.raises(SchemaError, match="duplicate primary key"):
        to_arrow("rejects", [_reject(), _reject()])


def test_timestamps_are_utc():
    from eventbuilder.schemas import load_schema

    column = next(c for c in load_schema("documents").columns if c.name == "published_at")
    array = pa.array([datetime(2014, 8, 7, tzinfo=UTC)], type=column.arrow_type)
    assert array.type.tz == "UTC"


def test_codebook_in_docs_is_current():
    assert (REPO / "docs" / "CODEBOOK.md").read_text(encoding="utf-8") == codebook() + "\n"
