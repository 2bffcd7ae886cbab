"""Tables written as their rows arrive: validated batches become Parquet row groups.

A build appends each document's rows in input order; every ``rows_per_group`` rows are checked
against the table's declaration (``schemas/``, through :func:`eventbuilder.schemas.to_arrow`) and
written as one row group, so the main process never holds more than one group per table. Row
group boundaries depend only on the sequence of rows, so the same rows give the same file bytes.
The primary key, which no single group can vouch for, is checked over the whole file once it is
closed (reading back only the key columns).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder.schemas import _check_primary_key, load_schema, to_arrow, validate_table
from eventbuilder.store.versions import sha256_file

# Rows per row group: documents rows carry the whole text, so their groups are smaller.
ROWS_PER_GROUP = {"documents": 500}
DEFAULT_ROWS_PER_GROUP = 10_000
PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "write_statistics": True}


class TableStream:
    """One table's Parquet file, written a validated row group at a time."""

    def __init__(self, path: Path, table: str, rows_per_group: int | None = None):
        self.path, self.table = path, table
        self.rows_per_group = rows_per_group or ROWS_PER_GROUP.get(table, DEFAULT_ROWS_PER_GROUP)
        self.rows = 0
        self._schema = load_schema(table).arrow_schema()
        self._buffer: list[dict[str, Any]] = []  # rows as dicts, after the pieces
        self._pieces: list[pa.Table] = []  # rows already in Arrow form (reused from a parent), in order
        self._buffered = 0
        self._writer = pq.ParquetWriter(path, self._schema, **PARQUET_OPTIONS)

    def append(self, rows: list[dict[str, Any]]) -> None:
        self._buffer.extend(rows)
        self._buffered += len(rows)
        if self._buffered >= self.rows_per_group:
            self._flush()

    def append_table(self, rows: pa.Table) -> None:
        """One document's rows already in Arrow form (a parent version's): no round trip through
        Python objects. Group boundaries fall exactly where ``append`` would put them."""
        self._pieces_from_buffer()
        self._pieces.append(rows)
        self._buffered += rows.num_rows
        if self._buffered >= self.rows_per_group:
            self._flush()

    def write_batch(self, batch: pa.Table) -> None:
        """A batch already in Arrow form (the claims with their event ids): validated, then written."""
        validate_table(self.table, batch)
        self._write(batch)

    def close(self) -> dict[str, Any]:
        """Write what is left, close the file, check the primary key over all of it; the manifest entry."""
        self._flush()
        self._writer.close()
        check_primary_key(self.table, self.path)
        return {"file": self.path.name, "rows": self.rows, "sha256": sha256_file(self.path)}

    def abort(self) -> None:
        self._writer.close()

    def _pieces_from_buffer(self) -> None:
        if self._buffer:
            self._pieces.append(to_arrow(self.table, self._buffer))
            self._buffer = []

    def _flush(self) -> None:
        self._pieces_from_buffer()
        if self._pieces:
            pieces = [p.cast(self._schema) if not p.schema.equals(self._schema) else p for p in self._pieces]
            batch = pa.concat_tables(pieces).combine_chunks()
            self._pieces, self._buffered = [], 0
            validate_table(self.table, batch)
            self._write(batch)

    def _write(self, batch: pa.Table) -> None:
        if batch.num_rows:
            self._writer.write_table(batch, row_group_size=max(batch.num_rows, 1))
            self.rows += batch.num_rows


def check_primary_key(table: str, path: Path) -> None:
    """No two rows of the written file share a primary key (raises SchemaError)."""
    schema = load_schema(table)
    keys = pq.read_table(path, columns=list(schema.primary_key))
    _check_primary_key(table, schema, keys)


def row_groups(path: Path, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """The file's row groups in order, one at a time."""
    handle = pq.ParquetFile(path)
    for index in range(handle.num_row_groups):
        yield handle.read_row_group(index, columns=columns)
