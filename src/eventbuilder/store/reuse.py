"""A version's record fingerprints, and reading its per-document rows back for reuse.

Every version written by an incremental-capable build holds ``_fingerprints.parquet`` (dataset
readers skip files with a leading underscore): one row per input record that
became a document, with the record's fingerprint, its ``doc_id`` and whether it was kept (the
first record of its text) or rejected as a duplicate. The next build looks its records up there
and takes the rows of unchanged documents from the version's tables instead of analysing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

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


def fingerprints_table(entries: Iterable[tuple[str, str, bool]]) -> pa.Table:
    """The fingerprints file's content: (record fingerprint, doc_id, kept) per record, input order."""
    listed = list(entries)
    fingerprints, doc_ids, kept = zip(*listed) if listed else ((), (), ())
    return pa.Table.from_arrays([pa.array(fingerprints, pa.string()), pa.array(doc_ids, pa.string()),
                                 pa.array(kept, pa.bool_())], schema=FINGERPRINTS_SCHEMA)


class ParentRows:
    """The rows of a published version, by record fingerprint and document, read lazily."""

    def __init__(self, folder: Path):
        self.folder = folder
        table = pq.read_table(folder / FINGERPRINTS_FILE)
        self._entries: dict[str, tuple[str, bool]] = {
            fp: (doc_id, kept) for fp, doc_id, kept in zip(
                table["record_fingerprint"].to_pylist(), table["doc_id"].to_pylist(), table["kept"].to_pylist())}
        self._tables: dict[str, tuple[pa.Table, dict[str, list[int]]]] = {}

    @staticmethod
    def available(folder: Path) -> bool:
        return (folder / FINGERPRINTS_FILE).is_file()

    def entry(self, fingerprint: str) -> tuple[str, bool] | None:
        """(doc_id, kept) of the record with this fingerprint in the parent, or None."""
        return self._entries.get(fingerprint)

    def rows(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every per-document row of ``doc_id`` in the parent, in the parent's order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name in REUSED_TABLES:
            table, index = self._table(name)
            positions = index.get(doc_id, [])
            out[name] = table.take(pa.array(positions, pa.int64())).to_pylist() if positions else []
        return out

    def _table(self, name: str) -> tuple[pa.Table, dict[str, list[int]]]:
        if name not in self._tables:
            path = self.folder / f"{name}.parquet"
            table = pq.read_table(path) if path.is_file() else pa.table({"doc_id": pa.array([], pa.string())})
            drop = [c for c in _FILLED_LATER.get(name, ()) if c in table.column_names]
            table = table.drop_columns(drop).replace_schema_metadata(None)
            index: dict[str, list[int]] = {}
            for position, doc_id in enumerate(table["doc_id"].to_pylist()):
                index.setdefault(doc_id, []).append(position)
            self._tables[name] = (table, index)
        return self._tables[name]
