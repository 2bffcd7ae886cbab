"""Versioned store: immutability, atomic publication, concurrency, determinism, integrity."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventbuilder.build import build
from eventbuilder.errors import VersionNotFoundError
from eventbuilder.options import BuildOptions
from eventbuilder.store import diff_versions, latest_version, list_versions, load, resolve_version, validate_version
from helpers import ARTICLE_B, write_raw

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False)


def test_versions_are_numbered_and_latest_is_readable_by_plain_pandas(tmp_path):
    raw = write_raw(tmp_path / "raw")
    out = tmp_path / "out"
    first = build(raw, out, INGEST_ONLY)
    second = build(raw, out, INGEST_ONLY)
    assert (first.version.name, second.version.name) == ("v000001", "v000002")
    assert second.version.manifest["parent"] == "v000001"
    assert os.readlink(out / "latest") == "v000002"
    assert (out / "LATEST").read_text() == "v000002\n"
    frame = pd.read_parquet(out / "latest" / "documents.parquet")
    assert len(frame) == 3


def test_manifest_records_inputs_schemas_counts_and_hashes(tmp_path):
    raw = write_raw(tmp_path / "raw")
    report = build(raw, tmp_path / "out", INGEST_ONLY)
    manifest = report.version.manifest
    assert [i["path"] for i in manifest["inputs"]] == ["a.txt", "b.meta.json", "b.txt", "copy-of-a.txt", "wire.jsonl"]
    assert all(len(i["sha256"]) == 64 and i["size"] > 0 for i in manifest["inputs"])
    assert manifest["counts"] == {"input_records": 6, "documents": 3, "duplicates": 1, "rejects": 3,
                                  "rejects_other_than_duplicates": 2, "claims": 0, "places": 0, "events": 0,
                                  "event_links": 0, "event_redirects": 0}
    assert set(manifest["tables"]) == {"documents", "rejects", "claims", "places", "events", "event_links",
                                       "event_redirects"}
    assert manifest["tables"]["documents"]["schema_version"] == "1.2.0"
    assert manifest["options"]["options_version"] == "eventbuilder.options/1"
    assert manifest["eventbuilder_version"] == "0.1.0"


def test_same_inputs_give_identical_tables(tmp_path):
    raw = write_raw(tmp_path / "raw")
    first = build(raw, tmp_path / "out", INGEST_ONLY)
    second = build(raw, tmp_path / "out", INGEST_ONLY)
    for table, entry in first.version.manifest["tables"].items():
        assert entry["sha256"] == second.version.manifest["tables"][table]["sha256"], table
        assert pq.read_table(first.version.path / entry["file"]).equals(pq.read_table(second.version.path / entry["file"]))
    assert all(not d.added and not d.removed and not d.changed
               for d in diff_versions("v000001", "v000002", tmp_path / "out"))


def test_diff_reports_rows_by_key(tmp_path):
    raw = write_raw(tmp_path / "raw")
    out = tmp_path / "out"
    build(raw, out, INGEST_ONLY)
    (raw / "b.txt").unlink()
    (raw / "c.txt").write_text(ARTICLE_B.replace("5,000", "40,000"), encoding="utf-8")
    build(raw, out, INGEST_ONLY)
    by_table = {d.table: d for d in diff_versions("1", "2", out)}
    assert (len(by_table["documents"].added), len(by_table["documents"].removed)) == (1, 1)
    assert by_table["rejects"].added == [("b.meta.json", None)]  # its article is gone: an orphan sidecar
    assert by_table["rejects"].changed == [] and by_table["rejects"].removed == []


def test_load_gives_analyst_dtypes(tmp_path):
    build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY)
    documents = load("documents", root=tmp_path / "out")
    assert str(documents["published_at"].dtype) == "datetime64[us, UTC]"
    assert str(documents["line"].dtype) == "Int32"
    assert documents["published_date"].dtype.kind == "M"
    assert list(documents["external_id"]) == ["a.txt", "b.txt", "wire-1"]


def test_unknown_version_raises(tmp_path):
    build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY)
    with pytest.raises(VersionNotFoundError):
        resolve_version(tmp_path / "out", "v000009")


def test_validate_detects_a_modified_file(tmp_path):
    report = build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY)
    assert validate_version(root=tmp_path / "out").ok
    table = pq.read_table(report.version.path / "documents.parquet").slice(0, 1)
    pq.write_table(table, report.version.path / "documents.parquet")
    problems = validate_version(root=tmp_path / "out").problems
    assert problems == ["documents: sha256 differs from the manifest (file changed after the build)",
                        "documents: 1 rows, manifest says 3"]


def _build_command(raw: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "eventbuilder", "build", str(raw), "--out", str(out), "--no-claims", "--workers", "1"]


def test_killed_build_leaves_previous_latest_and_no_partial_version(tmp_path):
    raw = write_raw(tmp_path / "raw")
    out = tmp_path / "out"
    build(raw, out, INGEST_ONLY)
    marker = tmp_path / "stalled"
    env = {**os.environ, "EVENTBUILDER_TEST_STALL_BEFORE_PUBLISH": "60", "EVENTBUILDER_TEST_STALL_MARKER": str(marker)}
    process = subprocess.Popen(_build_command(raw, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the build never reached the publish step"
    assert any(p.name.startswith(".building-") for p in out.iterdir())  # tables were being written
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list_versions(out) == ["v000001"]
    assert latest_version(out) == "v000001" and os.readlink(out / "latest") == "v000001"
    assert validate_version(root=out).ok
    after = build(raw, out, INGEST_ONLY)  # the next build cleans up and takes the next number
    assert after.version.name == "v000002"
    assert not any(p.name.startswith(".building-") for p in out.iterdir())


def test_concurrent_builds_get_distinct_versions(tmp_path):
    raw = write_raw(tmp_path / "raw")
    out = tmp_path / "out"
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(build(raw, out, INGEST_ONLY).version.name))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(names) == ["v000001", "v000002", "v000003", "v000004"]
    assert list_versions(out) == sorted(names)
    parents = sorted(resolve_version(out, n).manifest["parent"] or "-" for n in names)
    assert parents == ["-", "v000001", "v000002", "v000003"]


def test_concurrent_build_processes_get_distinct_versions(tmp_path):
    raw = write_raw(tmp_path / "raw")
    out = tmp_path / "out"
    processes = [subprocess.Popen(_build_command(raw, out), stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [p.wait() for p in processes] == [0, 0]
    assert list_versions(out) == ["v000001", "v000002"]
