"""Whole builds: the nothing-lost invariant, duplicates, identity, and the --published rule."""

from __future__ import annotations

import pandas as pd
import pytest

from eventbuilder.build import build
from eventbuilder.errors import ConfigError
from eventbuilder.options import BuildOptions
from helpers import write_raw

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False)


def test_every_input_record_is_a_document_or_a_reject(tmp_path):
    report = build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY)
    documents = pd.read_parquet(report.version.path / "documents.parquet")
    rejects = pd.read_parquet(report.version.path / "rejects.parquet")
    # a.txt, b.txt, copy-of-a.txt, and three JSON lines: 6 records; b.meta.json is b.txt's sidecar
    assert report.counts["input_records"] == 6 == len(documents) + len(rejects)
    assert report.ok
    rows = [[r.source_path, None if pd.isna(r.line) else int(r.line), r.reason] for r in rejects.itertuples()]
    assert rows == [
        ["copy-of-a.txt", None, "duplicate"],
        ["wire.jsonl", 2, "malformed_json"],
        ["wire.jsonl", 3, "missing_text"],
    ]
    assert rejects.iloc[0]["duplicate_of"] == documents.iloc[0]["doc_id"]


def test_document_fields_from_each_reader(tmp_path):
    report = build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY)
    docs = pd.read_parquet(report.version.path / "documents.parquet").set_index("external_id")
    a, b, wire = docs.loc["a.txt"], docs.loc["b.txt"], docs.loc["wire-1"]
    assert (a["title"], a["dateline"], a["published_source"]) == (
        "Leaders agree ceasefire after all-night talks in Minsk", "MINSK, Belarus", "none")
    assert (b["dateline"], b["source"], b["published_source"], str(b["published_date"])) == (
        "BRUSSELS (Reuters)", "Reuters", "metadata", "2015-02-05")
    assert (wire["source_path"], wire["line"], wire["meta"], wire["url"]) == (
        "wire.jsonl", 1, '{"section": "world"}', "https://example.org/1")
    assert a["text"].startswith("The leaders of Russia, Ukraine, France and Germany agreed on Thursday")
    assert a["n_chars"] == len(a["text"])
    assert a["raw_text"].startswith("Leaders agree ceasefire")
    assert all(len(doc_id) == 16 for doc_id in docs["doc_id"])


def test_published_override_needs_a_single_article(tmp_path):
    with pytest.raises(ConfigError, match="applies to a build of one article"):
        build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY.with_changes(published="2014-08-07"))


def test_published_override_must_be_a_date(tmp_path, shared):
    with pytest.raises(ConfigError, match="is not a date"):
        build(shared / "seeds", tmp_path / "out", INGEST_ONLY.with_changes(published="someday"))


def test_seed_build_with_override(tmp_path, shared):
    report = build(shared / "seeds", tmp_path / "out", INGEST_ONLY.with_changes(published="2014-08-07"))
    doc = pd.read_parquet(report.version.path / "documents.parquet").iloc[0]
    assert (str(doc["published_date"]), doc["published_source"], doc["external_id"]) == (
        "2014-08-07", "override", "000_fc1be701003c547e.txt")


def test_process_pool_gives_the_same_tables_as_serial(tmp_path):
    raw = write_raw(tmp_path / "raw")
    serial = build(raw, tmp_path / "serial", INGEST_ONLY)
    pooled = build(raw, tmp_path / "pooled", INGEST_ONLY.with_changes(engine="process", workers=2))
    for table in ("documents", "rejects"):
        assert serial.version.manifest["tables"][table]["sha256"] == pooled.version.manifest["tables"][table]["sha256"]
