"""Streamed writes: rows become validated row groups in input order; large tables stay one call to read."""

from __future__ import annotations

import json
import shutil

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

import eventbuilder
from eventbuilder.build import build
from eventbuilder.errors import ConfigError, SchemaError
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions
from eventbuilder.pipeline import process_record, process_records
from eventbuilder.store import stream
from eventbuilder.store.stream import TableStream
from eventbuilder.tabulate.rows import reject_row
from helpers import write_raw
from test_incremental import OPTIONS, _raw

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False, write_report=False)


@pytest.fixture()
def tiny_groups(monkeypatch):
    """Row groups of two rows, so that a small build writes every table in several groups."""
    monkeypatch.setattr(stream, "ROWS_PER_GROUP", {})
    monkeypatch.setattr(stream, "DEFAULT_ROWS_PER_GROUP", 2)


def _reject(path: str, line: int | None = None) -> dict:
    return reject_row(Reject(path, line, "empty", "no text"))


def test_rows_become_row_groups_in_order(tmp_path):
    table = TableStream(tmp_path / "rejects.parquet", "rejects", rows_per_group=2)
    for name in "abcde":
        table.append([_reject(f"{name}.txt")])
    entry = table.close()
    written = pq.ParquetFile(tmp_path / "rejects.parquet")
    assert (entry["rows"], written.num_row_groups) == (5, 3)
    assert pq.read_table(tmp_path / "rejects.parquet")["source_path"].to_pylist() == [
        "a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]


def test_a_row_against_the_schema_fails_its_group(tmp_path):
    table = TableStream(tmp_path / "rejects.parquet", "rejects", rows_per_group=1)
    with pytest.raises(SchemaError, match="undeclared"):
        table.append([{**_reject("a.txt"), "surprise": 1}])
    table.abort()


def test_a_primary_key_repeated_across_groups_is_caught(tmp_path):
    table = TableStream(tmp_path / "rejects.parquet", "rejects", rows_per_group=1)
    table.append([_reject("a.txt", 1)])
    table.append([_reject("a.txt", 1)])
    with pytest.raises(SchemaError, match="duplicate primary key"):
        table.close()


def test_small_row_groups_give_the_same_tables_and_incremental_still_equals_full(tmp_path, nlp, tiny_groups):
    raw = _raw(tmp_path / "raw")
    first = build(raw, tmp_path / "out", OPTIONS)
    assert pq.ParquetFile(first.version.path / "claims.parquet").num_row_groups > 3
    assert pq.ParquetFile(first.version.path / "documents.parquet").num_row_groups > 2
    full_out = shutil.copytree(tmp_path / "out", tmp_path / "full", symlinks=True)
    (raw / "b.txt").write_text((raw / "b.txt").read_text().replace("5,000", "4,000"), encoding="utf-8")
    incremental = build(raw, tmp_path / "out", OPTIONS)
    full = build(raw, full_out, OPTIONS, full=True)
    assert incremental.incremental["documents_analysed"] == 1
    for table in incremental.version.manifest["tables"]:
        assert pq.read_table(incremental.version.path / f"{table}.parquet").equals(
            pq.read_table(full.version.path / f"{table}.parquet")), table


def test_readers_of_a_version_with_many_row_groups(tmp_path, tiny_groups):
    out = tmp_path / "out"
    build(write_raw(tmp_path / "raw"), out, INGEST_ONLY)
    path = out / "latest" / "documents.parquet"
    assert pq.ParquetFile(path).num_row_groups == 2
    frame = pd.read_parquet(path)
    assert len(frame) == 3 and frame["external_id"].tolist() == ["a.txt", "b.txt", "wire-1"]
    assert len(eventbuilder.load("documents", root=str(out))) == 3
    assert pl.read_parquet(path).height == 3 and pl.scan_parquet(path).select(pl.len()).collect().item() == 3
    connection = duckdb.connect()
    assert connection.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(3,)]
    rejects = connection.execute(f"SELECT reason FROM read_parquet('{out / 'latest' / 'rejects.parquet'}')").fetchall()
    assert sorted(r[0] for r in rejects) == ["duplicate", "malformed_json", "missing_text"]


def test_a_build_that_fails_half_way_leaves_no_version_and_no_work_folder(tmp_path, monkeypatch):
    out = tmp_path / "out"
    calls = []

    def failing(records, options):
        calls.append(records)
        if len(calls) == 2:
            raise ConfigError("the model went away")
        from eventbuilder.pipeline import process_records
        return process_records(records, options)

    monkeypatch.setattr("eventbuilder.build.process_records", failing)
    with pytest.raises(ConfigError):
        build(write_raw(tmp_path / "raw"), out, INGEST_ONLY)
    assert len(calls) == 2 and sorted(p.name for p in out.iterdir()) == []


def _records(tmp_path, shared):
    """Real records of every kind: txt with sidecars, JSON lines (one rejected while reading), a
    non-English text, and real news articles from the geoparsing benchmark."""
    from eventbuilder.ingest import discover

    raw = _raw(tmp_path / "raw")
    (raw / "fr.txt").write_text("Le président a rencontré les ministres à Paris mardi pour parler de la guerre.\n",
                                encoding="utf-8")
    lines = [json.dumps({"id": f"n{i}", "text": text, "published": "2018-06-01"})
             for i, text in enumerate(_news_texts(shared, 10))]
    (raw / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [r for r in discover(raw, OPTIONS) if isinstance(r, RawRecord)]


def test_a_batch_gives_each_record_the_rows_it_gets_alone(tmp_path, shared, nlp):
    records = _records(tmp_path, shared)
    alone = [process_record(record, OPTIONS) for record in records]
    assert sum(bool(r.rows.get("claims")) for r in alone) > 8 and any(r.doc_id is None for r in alone)
    assert process_records(records, OPTIONS) == alone
    assert process_records(records[::-1], OPTIONS) == alone[::-1]  # other batch neighbours, same rows


def _news_texts(shared, n: int) -> list[str]:
    """The first ``n`` article texts of GeoWebNews (real international news)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(shared / "benchmarks" / "geo" / "GeoWebNews" / "GWN.xml").getroot()
    return [text for text in (a.findtext("text") or "" for a in root.iter("article")) if text.strip()][:n]
