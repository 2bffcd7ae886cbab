"""The analysts' codebook: every table of ``schemas/`` with its columns, units, allowed values and
an example row from the bundled ``raw/`` build.

Example rows live in ``schemas/examples/<table>.json``, refreshed from a build by
``eventbuilder codebook --refresh-examples --root ROOT`` (``make codebook`` builds ``raw/`` and
runs it), so the codebook never depends on re-running extraction, and a test validates every
example against its declaration: a schema change without refreshed examples fails the tests.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder.errors import SchemaError
from eventbuilder.schemas import TABLES, TableSchema, load_schema, schema_dir, to_arrow

EXAMPLE_WIDTH = 70  # characters of an example value shown in the codebook

VERSION_FILES = """\
## Files in a version

Each build writes one immutable folder `outputs/vNNNNNN/` (`outputs/latest` names the newest):

| file | what it holds |
|---|---|
{tables}| `manifest.json` | version, parent, `created_at`, eventbuilder version, every table's schema version, row count and sha256, build options, every input file with size and sha256, counts (`input_records = documents + rejects`), environment, data credits, and `files` (the report's size and sha256) |
| `report.html` | the offline report: timeline, map, events table and each event's reports side by side (unless built with `--no-report`; `eventbuilder report` writes one for any version) |

Dates (`date32`) are calendar dates; timestamps are UTC instants with microseconds. Character
offsets count Unicode code points (Python string indices) into `documents.text`.
"""


def examples_dir() -> Path:
    return schema_dir() / "examples"


def load_example(table: str, folder: Path | None = None) -> dict[str, Any]:
    """The example row of ``table`` as stored (JSON values: dates as ISO strings)."""
    path = (folder or examples_dir()) / f"{table}.json"
    if not path.is_file():
        raise SchemaError(table, f"no example row at {path}; run `make codebook`")
    return json.loads(path.read_text(encoding="utf-8"))["row"]


def example_arrow(table: str, folder: Path | None = None) -> pa.Table:
    """The example row as a one-row table validated against the declaration (types, nullability,
    allowed values): raises SchemaError when the schema changed after the examples were taken."""
    schema = load_schema(table)
    row = load_example(table, folder)
    if list(row) != schema.names:
        raise SchemaError(table, f"example columns differ from the declaration; run `make codebook` "
                                 f"(missing {sorted(set(schema.names) - set(row))}, "
                                 f"undeclared {sorted(set(row) - set(schema.names))})")
    return to_arrow(table, [{c.name: _from_json(c.type, row[c.name]) for c in schema.columns}])


def _from_json(type_spec: str, value: Any) -> Any:
    if value is None:
        return None
    if type_spec == "date32":
        return date.fromisoformat(value)
    if type_spec.startswith("timestamp"):
        return datetime.fromisoformat(value)
    return value


def choose_example(rows: list[dict[str, Any]], schema: TableSchema) -> dict[str, Any]:
    """The most complete row (most non-empty values), the first by primary key among equals."""
    def filled(row: dict[str, Any]) -> int:
        return sum(v is not None and v != [] and v != "" for v in row.values())

    def key(row: dict[str, Any]) -> tuple:
        return tuple(str(row[k]) for k in schema.primary_key)

    return min(rows, key=lambda row: (-filled(row), key(row)))


def refresh_examples(version_folder: Path, manifest: dict[str, Any], target: Path | None = None) -> list[str]:
    """Take one example row per table from a version; returns a line per table saying what was done.
    A table without rows in that version keeps its previous example."""
    target = target or examples_dir()
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for table in TABLES:
        path = version_folder / f"{table}.parquet"
        rows = pq.read_table(path).to_pylist() if path.is_file() else []
        if not rows:
            done.append(f"{table}: no rows in {manifest.get('version')}; example kept")
            continue
        row = choose_example(rows, load_schema(table))
        record = {"table": table, "from": f"bundled raw/ build, version {manifest.get('version')} "
                                          f"(eventbuilder {manifest.get('eventbuilder_version')})",
                  "row": {name: _to_json(value) for name, value in row.items()}}
        (target / f"{table}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        done.append(f"{table}: example written to {target / (table + '.json')}")
    return done


def _to_json(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


def render_codebook() -> str:
    """Markdown codebook: the version's files, then every table with units and an example row."""
    tables = "".join(f"| `{t}.parquet` | {_cell(load_schema(t).description)} |\n" for t in TABLES)
    out = ["# eventbuilder codebook", "",
           "Generated from `schemas/` by `eventbuilder codebook`; do not edit by hand. Example values "
           "come from the bundled `raw/` build (`schemas/examples/`, refreshed by `make codebook`).", "",
           VERSION_FILES.format(tables=tables)]
    for table in TABLES:
        out += _table_section(table)
    return "\n".join(out)


def _table_section(table: str) -> list[str]:
    schema = load_schema(table)
    example = _example_or_none(table)
    out = [f"## `{table}` (schema {schema.version})", "", schema.description, "",
           f"Primary key: {', '.join(f'`{k}`' for k in schema.primary_key)}", "",
           "| column | type | unit | nullable | description | example |", "|---|---|---|---|---|---|"]
    for c in schema.columns:
        allowed = f" Allowed: {', '.join(f'`{a}`' for a in c.allowed)}." if c.allowed else ""
        value = _example_value(example[c.name]) if example is not None and c.name in example else ""
        out.append(f"| `{c.name}` | `{c.type}` | {_cell(c.unit or '')} | {'yes' if c.nullable else 'no'} | "
                   f"{_cell(c.description + allowed)} | {value} |")
    out.append("")
    return out


def _example_or_none(table: str) -> dict[str, Any] | None:
    try:
        return load_example(table)
    except SchemaError:
        return None  # a table declared before its first example was taken (the test says so)


def _example_value(value: Any) -> str:
    if value is None:
        return "*null*"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    if len(text) > EXAMPLE_WIDTH:
        text = text[:EXAMPLE_WIDTH - 3] + "..."
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|")
