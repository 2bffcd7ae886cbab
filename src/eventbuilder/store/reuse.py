"""A version's record fingerprints, and reading its per-document rows back for reuse.

Every version written by an incremental-capable build holds ``_fingerprints.parquet`` (dataset
readers skip files with a leading underscore): one row per input record that
became a document, with the record's fingerprint, its ``doc_id`` and whether it was kept (the
first record of its text) or rejected as a duplicate. The next build looks its records up there
and takes the rows of unchanged documents from the version's tables instead of analysing them.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from eventbuilder.store.versions import sha256_file

FINGERPRINTS = "fingerprints"
FINGERPRINTS_FILE = "_fingerprints.parquet"
FINGERPRINTS_SCHEMA = pa.schema([
    pa.field("record_fingerprint", pa.string(), nullable=False),
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("kept", pa.bool_(), nullable=False),
])
# Per-document tables whose rows are reused, and the columns the build fills in afterwards.
REUSED_TABLES = ("documents", "claims", "places")
_FILLED_LATER = {"claims": ("event_id",)}


class FingerprintWriter:
    """The fingerprints file, written in batches as records are merged (input order)."""

    def __init__(self, path: Path, batch: int = 50_000):
        self.path, self.batch, self.rows = path, batch, 0
        self._buffer: list[tuple[str, str, bool]] = []
        self._writer = pq.ParquetWriter(path, FINGERPRINTS_SCHEMA, compression="zstd")

    def add(self, fingerprint: str, doc_id: str, kept: bool) -> None:
        self._buffer.append((fingerprint, doc_id, kept))
        if len(self._buffer) >= self.batch:
            self._flush()

    def close(self) -> dict[str, Any]:
        self._flush()
        self._writer.close()
        return {"file": self.path.name, "rows": self.rows, "sha256": sha256_file(self.path)}

    def abort(self) -> None:
        self._writer.close()

    def _flush(self) -> None:
        if self._buffer:
            fingerprints, doc_ids, kept = zip(*self._buffer)
            self._writer.write_table(pa.Table.from_arrays(
                [pa.array(fingerprints, pa.string()), pa.array(doc_ids, pa.string()), pa.array(kept, pa.bool_())],
                schema=FINGERPRINTS_SCHEMA))
            self.rows += len(self._buffer)
            self._buffer = []


class ParentRows:
    """The rows of a published version, by record fingerprint and document, read lazily.

    Only the ``doc_id`` column of each table is read up front (to find each document's runs of
    rows); rows are read a row group at a time as documents are asked for, keeping the last few
    groups, so a build that asks in the parent's order reads each group once and memory stays
    bounded by the group size, not the corpus.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        table = pq.read_table(folder / FINGERPRINTS_FILE)
        self._entries: dict[str, tuple[str, bool]] = {
            fp: (doc_id, kept) for fp, doc_id, kept in zip(
                table["record_fingerprint"].to_pylist(), table["doc_id"].to_pylist(), table["kept"].to_pylist())}
        self._tables: dict[str, _GroupedRows] = {}

    @staticmethod
    def available(folder: Path) -> bool:
        return (folder / FINGERPRINTS_FILE).is_file()

    def entry(self, fingerprint: str) -> tuple[str, bool] | None:
        """(doc_id, kept) of the record with this fingerprint in the parent, or None."""
        return self._entries.get(fingerprint)

    def rows(self, doc_id: str) -> dict[str, pa.Table]:
        """Every per-document row of ``doc_id`` in the parent, in the parent's order, as Arrow
        tables (the columns the build fills in afterwards left out)."""
        out: dict[str, pa.Table] = {}
        for name in REUSED_TABLES:
            if name not in self._tables:
                self._tables[name] = _GroupedRows(self.folder / f"{name}.parquet", _FILLED_LATER.get(name, ()))
            out[name] = self._tables[name].rows(doc_id)
        return out


class _GroupedRows:
    """One table's rows by document: runs of consecutive rows per doc_id, read by row group."""

    def __init__(self, path: Path, drop: tuple[str, ...], cached_groups: int = 4):
        self._file = pq.ParquetFile(path) if path.is_file() else None
        self._runs: dict[str, list[tuple[int, int]]] = {}
        self._cache: OrderedDict[int, pa.Table] = OrderedDict()
        self._cached_groups = cached_groups
        if self._file is None:
            return
        self._columns = [c for c in self._file.schema_arrow.names if c not in drop]
        sizes = [self._file.metadata.row_group(i).num_rows for i in range(self._file.num_row_groups)]
        self._starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        encoded = pq.read_table(path, columns=["doc_id"])["doc_id"].combine_chunks().dictionary_encode()
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        names = encoded.dictionary.to_pylist()
        if not len(codes):
            return
        bounds = np.flatnonzero(np.diff(codes)) + 1
        starts = np.concatenate([[0], bounds])
        ends = np.concatenate([bounds, [len(codes)]])
        for start, end in zip(starts.tolist(), ends.tolist()):
            self._runs.setdefault(names[codes[start]], []).append((start, end))

    def rows(self, doc_id: str) -> pa.Table:
        out: list[pa.Table] = []
        for start, end in self._runs.get(doc_id, ()):
            while start < end:
                group = int(np.searchsorted(self._starts, start, side="right")) - 1
                first, stop = int(self._starts[group]), min(end, int(self._starts[group + 1]))
                out.append(self._group(group).slice(start - first, stop - start))
                start = stop
        if not out:
            return self._empty
        return out[0] if len(out) == 1 else pa.concat_tables(out)

    @property
    def _empty(self) -> pa.Table:
        schema = self._file.schema_arrow if self._file is not None else pa.schema([])
        return schema.empty_table().select([c for c in schema.names if c in getattr(self, "_columns", schema.names)])

    def _group(self, index: int) -> pa.Table:
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        assert self._file is not None
        table = self._file.read_row_group(index, columns=self._columns)
        self._cache[index] = table
        if len(self._cache) > self._cached_groups:
            self._cache.popitem(last=False)
        return table
