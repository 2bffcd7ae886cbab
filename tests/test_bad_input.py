"""Bad input never crashes a build: each record lands in documents or in rejects with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from eventbuilder.build import build
from eventbuilder.options import BuildOptions
from helpers import ARTICLE_A, ARTICLE_B

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False)


def _build(raw: Path, out: Path, **changes):
    report = build(raw, out, INGEST_ONLY.with_changes(**changes))
    rejects = pd.read_parquet(report.version.path / "rejects.parquet")
    documents = pd.read_parquet(report.version.path / "documents.parquet")
    return report, documents, rejects


def _only_reject(raw: Path, out: Path, **changes) -> dict:
    report, documents, rejects = _build(raw, out, **changes)
    assert report.ok and len(documents) == 0 and len(rejects) == 1
    return rejects.iloc[0].to_dict()


@pytest.mark.parametrize("name, content, reason", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n\t\n", "empty"),
    ("latin1.txt", "Der Präsident sagte, die Truppen würden abgezogen.".encode("latin-1") * 3, "invalid_encoding"),
    ("menu.txt", b"Home | World | Europe\n\nLike Us on Facebook\n\nSubscribe\n", "no_article_text"),
    ("notes.docx", b"PK\x03\x04 not a supported format", "unsupported_type"),
    ("list.json", b"[]", "empty"),
    ("number.json", b"42", "not_an_object"),
    ("broken.json", b'{"text": "unterminated', "malformed_json"),
    ("notext.json", b'{"id": "x", "title": "headline only"}', "missing_text"),
    ("emptytext.jsonl", b'{"id": "x", "text": "   "}\n', "missing_text"),
    ("nav.html", b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "no_article_text"),
])
def test_each_bad_input_is_one_reject(tmp_path, name, content, reason):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes(content)
    row = _only_reject(raw, tmp_path / "out")
    assert (row["source_path"], row["reason"]) == (name, reason)
    assert row["message"]


def test_fifty_megabyte_file_is_rejected_by_size_without_reading(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with (raw / "huge.txt").open("w", encoding="utf-8") as handle:
        handle.write("Troops massed near the border. " * (50 * 1024 * 1024 // 31 + 1))
    row = _only_reject(raw, tmp_path / "out")
    assert row["reason"] == "too_large"
    assert "over the limit of 10,000,000 bytes" in row["message"]


def test_a_few_invalid_bytes_are_replaced_and_flagged(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(ARTICLE_A.encode("utf-8").replace(b"Minsk\n", b"Minsk\xff\n"))
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert len(rejects) == 0
    assert list(documents.iloc[0]["flags"]) == ["invalid_utf8_replaced"]
    assert documents.iloc[0]["title"] == "Leaders agree ceasefire after all-night talks in Minsk\ufffd"


def test_malformed_json_line_among_good_ones(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = {"id": "w1", "text": ARTICLE_B, "published": "2015-02-05"}
    lines = [json.dumps(good), '{"id": "w2", "text": "oops', "", json.dumps({"id": "w3", "text": ARTICLE_A}), "[1, 2]"]
    (raw / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert list(documents["external_id"]) == ["w1", "w3"]
    assert list(documents["line"]) == [1, 4]
    assert rejects[["line", "reason"]].values.tolist() == [[2, "malformed_json"], [5, "not_an_object"]]
    assert report.counts["input_records"] == 4


def test_bad_sidecar_rejects_its_article(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (raw / "b.meta.json").write_text('{"published": "the other day"}', encoding="utf-8")
    row = _only_reject(raw, tmp_path / "out")
    assert (row["source_path"], row["reason"]) == ("b.txt", "bad_sidecar")
    assert "'the other day' is not a date" in row["message"]


def test_orphan_sidecar_is_reported(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "gone.meta.json").write_text('{"published": "2015-02-05"}', encoding="utf-8")
    row = _only_reject(raw, tmp_path / "out")
    assert (row["source_path"], row["reason"]) == ("gone.meta.json", "bad_sidecar")


def test_truncated_html_is_read_and_flagged(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_B.split("\n\n")[1:])
    (raw / "cut.html").write_text(f"<html><head><title>NATO to boost eastern flank</title></head><body>"
                                  f"<article>{body}<p>The force would be led by", encoding="utf-8")
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert len(rejects) == 0
    assert "truncated_html" in list(documents.iloc[0]["flags"])
    assert "rapid reaction force" in documents.iloc[0]["text"]


def test_bad_input_leaves_earlier_versions_untouched(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    first, _, _ = _build(raw, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in first.version.path.iterdir()}
    (raw / "photo.txt").write_bytes(b"\x00\x01\x02" * 100)
    (raw / "wire.jsonl").write_text('{"broken\n', encoding="utf-8")
    second, documents, rejects = _build(raw, tmp_path / "out")
    assert second.version.name == "v000002" and len(documents) == 1 and len(rejects) == 2
    assert {p.name: p.read_bytes() for p in first.version.path.iterdir()} == before
