"""The codebook: every table, its units, allowed values and an example row from the bundled build.

The example rows are data files (``schemas/examples/``) refreshed by ``make codebook``; these
tests check them against the declarations, so a schema change without refreshed examples fails
here rather than leaving a stale codebook.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventbuilder.build import build
from eventbuilder.cli import main
from eventbuilder.codebook import choose_example, example_arrow, examples_dir, load_example, refresh_examples
from eventbuilder.errors import SchemaError
from eventbuilder.options import BuildOptions
from eventbuilder.schemas import TABLES, codebook, load_schema
from helpers import write_raw

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_has_a_valid_example_row(table):
    example = example_arrow(table)  # raises when the declaration changed after the examples were taken
    assert example.num_rows == 1
    record = json.loads((examples_dir() / f"{table}.json").read_text(encoding="utf-8"))
    # A single build of the bundled raw/ retires no event id: that one example is illustrative.
    expected = "illustrative" if table == "event_redirects" else "bundled raw/ build"
    assert record["table"] == table and record["from"].startswith(expected)


def test_examples_come_from_the_bundled_articles():
    raw = REPO / "raw"
    assert (raw / load_example("documents")["source_path"]).is_file()
    assert (raw / load_example("rejects")["source_path"]).is_file()
    assert load_example("rejects")["reason"] == "duplicate"


def test_codebook_covers_every_table_with_units_and_examples():
    text = codebook()
    for table in TABLES:
        schema = load_schema(table)
        assert f"## `{table}` (schema {schema.version})" in text
        assert f"| `{table}.parquet` |" in text
        for column in schema.columns:
            assert f"| `{column.name}` | `{column.type}` |" in text
    assert "| `latitude` | `float64` | decimal degrees, WGS84 | yes |" in text
    assert "| `report.html` |" in text and "| `manifest.json` |" in text
    assert "Allowed: `asserted`, `planned`, `hypothetical`, `negated`." in text


def test_refresh_examples_from_a_build(tmp_path, capsys):
    info = build(write_raw(tmp_path / "raw"), tmp_path / "out", BuildOptions(engine="serial", extract_claims=False)).version
    target = tmp_path / "examples"
    lines = refresh_examples(info.path, info.manifest, target)
    assert lines[0] == f"documents: example written to {target / 'documents.json'}"
    assert lines[2] == "claims: no rows in v000001; example kept"
    assert example_arrow("documents", target).num_rows == 1
    assert load_example("rejects", target)["reason"] == "duplicate"  # the most complete reject (duplicate_of set)
    with pytest.raises(SchemaError, match="no example row"):
        load_example("claims", target)


def test_an_example_missing_a_declared_column_fails(tmp_path):
    row = dict(load_example("rejects"))
    del row["message"]
    (tmp_path / "rejects.json").write_text(json.dumps({"table": "rejects", "from": "x", "row": row}), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"missing \['message'\]"):
        example_arrow("rejects", tmp_path)


def test_choose_example_prefers_complete_rows_then_the_key():
    schema = load_schema("rejects")
    rows = [{"source_path": "b", "line": None, "reason": "empty", "message": "m", "duplicate_of": None},
            {"source_path": "a", "line": None, "reason": "empty", "message": "m", "duplicate_of": None},
            {"source_path": "c", "line": 2, "reason": "duplicate", "message": "m", "duplicate_of": "d"}]
    assert choose_example(rows, schema)["source_path"] == "c"
    assert choose_example(rows[:2], schema)["source_path"] == "a"


def test_codebook_command_refreshes_examples(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    build(write_raw(tmp_path / "raw"), out, BuildOptions(engine="serial", extract_claims=False))
    monkeypatch.setattr("eventbuilder.codebook.examples_dir", lambda: tmp_path / "examples")
    assert main(["codebook", "--refresh-examples", "--root", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"rejects: example written to {tmp_path / 'examples' / 'rejects.json'}"
