"""Incremental builds: reusing the parent's rows gives exactly the tables of a full build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventbuilder.build import build
from eventbuilder.cli import main
from eventbuilder.fingerprint import pipeline_fingerprint, record_fingerprint
from eventbuilder.model import RawRecord
from eventbuilder.options import BuildOptions
from eventbuilder.store.reuse import FINGERPRINTS_FILE
from helpers import ARTICLE_B, JSONL_GOOD, write_raw

REPO = Path(__file__).resolve().parents[1]
OPTIONS = BuildOptions(engine="serial", write_report=False)
WIRES = ("kiev-russia-troops-2014", "nato-russia-troops-2014")  # two reports of one story: linked events
NEW_ARTICLE = ("Ukraine and Russia exchange prisoners\n\n"
               "KYIV, Ukraine — Ukraine and Russia exchanged 90 prisoners of war on Tuesday in a deal brokered by "
               "the United Arab Emirates, Ukrainian officials said.\n")


def _raw(folder: Path) -> Path:
    write_raw(folder)
    for stem in WIRES:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(REPO / "raw" / "wires" / f"{stem}{suffix}", folder / f"{stem}{suffix}")
    return folder


@pytest.fixture(scope="module")
def parent(tmp_path_factory, nlp) -> tuple[Path, Path]:
    """A raw folder and an output root holding its first version (v000001)."""
    root = tmp_path_factory.mktemp("incremental")
    raw, out = _raw(root / "raw"), root / "out"
    report = build(raw, out, OPTIONS)
    assert report.incremental["mode"] == "full" and report.incremental["reason"] == "no parent version"
    assert report.counts["claims"] > 5 and report.counts["events"] > 0
    return raw, out


def _add(raw: Path) -> None:
    (raw / "c.txt").write_text(NEW_ARTICLE, encoding="utf-8")


def _change_text(raw: Path) -> None:
    (raw / "b.txt").write_text(ARTICLE_B.replace("5,000 troops", "4,000 troops"), encoding="utf-8")


def _change_sidecar(raw: Path) -> None:
    (raw / "nato-russia-troops-2014.meta.json").write_text('{"published": "2014-04-10", "source": "Wire"}',
                                                          encoding="utf-8")


def _change_jsonl_line(raw: Path) -> None:
    lines = (raw / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({**JSONL_GOOD, "text": JSONL_GOOD["text"].replace("Kharkiv", "Odesa")})
    (raw / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _delete_kept_copy(raw: Path) -> None:
    (raw / "a.txt").unlink()  # copy-of-a.txt, a duplicate in the parent, now holds the document


def _delete_wire(raw: Path) -> None:
    for suffix in (".txt", ".meta.json"):
        (raw / f"{WIRES[0]}{suffix}").unlink()


# (change, records analysed again by the incremental build)
CASES = {
    "add a file": (_add, 1),
    "change a text": (_change_text, 1),
    "change a sidecar": (_change_sidecar, 1),
    "change one JSON line": (_change_jsonl_line, 1),
    "delete a document whose duplicate stays": (_delete_kept_copy, 1),
    "delete a linked report": (_delete_wire, 0),
}


@pytest.mark.parametrize("name", list(CASES))
def test_incremental_build_equals_full_build_on_the_same_parent(parent, tmp_path, name):
    change, analysed = CASES[name]
    raw_before, out_before = parent
    raw = shutil.copytree(raw_before, tmp_path / "raw")
    incremental_out = shutil.copytree(out_before, tmp_path / "incremental", symlinks=True)
    full_out = shutil.copytree(out_before, tmp_path / "full", symlinks=True)
    change(raw)
    incremental = build(raw, incremental_out, OPTIONS)
    full = build(raw, full_out, OPTIONS, full=True)
    assert (incremental.incremental["mode"], full.incremental["mode"]) == ("incremental", "full")
    assert incremental.incremental["documents_analysed"] == analysed
    assert full.incremental["records_reused"] == 0
    assert incremental.counts == full.counts
    for table in incremental.version.manifest["tables"]:
        new = pq.read_table(incremental.version.path / f"{table}.parquet")
        expected = pq.read_table(full.version.path / f"{table}.parquet")
        assert new.equals(expected), table
        assert (incremental.version.manifest["tables"][table]["sha256"]
                == full.version.manifest["tables"][table]["sha256"]), table
    assert (pq.read_table(incremental.version.path / FINGERPRINTS_FILE)
            .equals(pq.read_table(full.version.path / FINGERPRINTS_FILE)))


def test_unchanged_inputs_are_all_reused_and_give_identical_tables(parent, tmp_path):
    raw, out_before = parent
    out = shutil.copytree(out_before, tmp_path / "out", symlinks=True)
    report = build(raw, out, OPTIONS)
    first = json.loads((out / "v000001" / "manifest.json").read_text())
    inc = report.incremental
    # the JSON line without text, rejected while reading, is the one record read again
    assert (inc["mode"], inc["parent"], inc["records_analysed"], inc["documents_analysed"]) == (
        "incremental", "v000001", 1, 0)
    assert inc["documents_reused"] == report.counts["documents"]
    assert inc["records_reused"] == report.counts["documents"] + report.counts["duplicates"]
    for table, entry in first["tables"].items():
        assert report.version.manifest["tables"][table]["sha256"] == entry["sha256"], table


def test_a_parent_with_damaged_fingerprints_gives_a_full_build_not_a_crash(parent, tmp_path):
    raw, out_before = parent
    out = shutil.copytree(out_before, tmp_path / "out", symlinks=True)
    (out / "v000001" / FINGERPRINTS_FILE).write_bytes(b"not parquet")
    report = build(raw, out, OPTIONS)
    first = json.loads((out_before / "v000001" / "manifest.json").read_text())
    assert report.incremental["mode"] == "full"
    assert report.incremental["reason"].startswith("parent v000001's record fingerprints are unreadable (")
    assert report.incremental["documents_reused"] == 0
    for table, entry in first["tables"].items():
        assert report.version.manifest["tables"][table]["sha256"] == entry["sha256"], table


def test_changing_a_fingerprint_component_reanalyses_everything(parent, tmp_path):
    raw, out_before = parent
    out = shutil.copytree(out_before, tmp_path / "out", symlinks=True)
    report = build(raw, out, OPTIONS.with_changes(relevance_threshold=0.5))
    inc = report.incremental
    assert inc["mode"] == "full"
    assert inc["reason"] == "pipeline changed since v000001: options.relevance_threshold"
    assert inc["records_reused"] == 0 and inc["documents_reused"] == 0
    assert inc["documents_analysed"] == report.counts["documents"]
    # the next build with the same option reuses this one
    again = build(raw, out, OPTIONS.with_changes(relevance_threshold=0.5))
    assert again.incremental["mode"] == "incremental" and again.incremental["documents_analysed"] == 0


def test_run_only_options_do_not_change_the_pipeline_fingerprint():
    base = pipeline_fingerprint(BuildOptions())
    assert pipeline_fingerprint(BuildOptions(engine="serial", workers=2, write_report=False))["digest"] == base["digest"]
    assert pipeline_fingerprint(BuildOptions(date_order="DMY"))["digest"] != base["digest"]
    assert pipeline_fingerprint(BuildOptions(extract_claims=False))["digest"] != base["digest"]
    assert {"eventbuilder_version", "source_digest", "options", "spacy", "nlp_model", "nlp_model_version",
            "gazetteer", "schemas"} <= set(base)


@pytest.mark.parametrize("changes", [
    {"source_path": "b.txt"}, {"line": 2}, {"data": b"other bytes"}, {"sidecar": {"published": "2020-01-02"}},
    {"fields": {"text": "x"}}, {"published_override": "2020-01-01"}, {"url": "https://example.org/x"},
    {"crawled_at": "2020-01-01T00:00:00Z"}, {"format": "html"},
], ids=lambda c: next(iter(c)))
def test_record_fingerprint_covers_every_field(changes):
    base = RawRecord("a.txt", "txt", data=b"some bytes")
    assert record_fingerprint(RawRecord(**{**base.__dict__, **changes})) != record_fingerprint(base)
    assert record_fingerprint(RawRecord(**base.__dict__)) == record_fingerprint(base)


def test_cli_full_flag(tmp_path, capsys):
    raw = write_raw(tmp_path / "raw")
    args = ["build", str(raw), "--out", str(tmp_path / "out"), "--engine", "serial", "--no-claims", "--no-report"]
    assert main(args) == 0
    assert main(args) == 0
    assert "incremental build (unchanged records reuse v000001's rows): documents reused 3, analysed 0" in (
        capsys.readouterr().out)
    assert main([*args, "--full"]) == 0
    assert "full build (full build requested): documents reused 0, analysed 3" in capsys.readouterr().out
