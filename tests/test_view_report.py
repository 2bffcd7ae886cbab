"""The report without a browser: what it embeds, how it escapes, where builds write it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventbuilder.build import build
from eventbuilder.cli import main
from eventbuilder.options import BuildOptions
from eventbuilder.store import resolve_version, validate_version
from eventbuilder.view import REPORT_FILE, render_report, report, write_report
from eventbuilder.view.page import SCRIPT_PARTS, asset, embed_json, page_script
from eventbuilder.view.payload import encode_columns, report_payload, trigger_spans
from helpers import write_raw

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synthetic_events

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False)


def _embedded(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="eb-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def _decode(column):
    """What the page's column() does with the three encodings."""
    if isinstance(column, list):
        return column
    if "c" in column:
        return [column["c"]] * column["n"]
    return [column["d"][i] for i in column["i"]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    return synthetic_events.write_synthetic_version(root, 30, hostile=True)


def test_embedded_json_cannot_close_its_element():
    text = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & \u2028\u2029 <!--'
    embedded = embed_json({"t": text})
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == {"t": text}


def test_hostile_text_stays_data(hostile):
    html = render_report(hostile.path, hostile.manifest)
    assert html.count("<script") == 2  # the data block and the page's own script, nothing else
    assert "<img" not in html and "<script>window.__pwned" not in html
    data = _embedded(html)
    evidence = _decode(data["claims"]["ev"])
    assert any(synthetic_events.HOSTILE in text for text in evidence)  # kept, intact, as data
    assert synthetic_events.HOSTILE in _decode(data["docs"]["title"])


def test_policy_allows_only_the_page_own_script_and_style(hostile):
    html = render_report(hostile.path, hostile.manifest)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {digest(page_script())};" in policy
    assert f"style-src {digest(asset('report.css'))};" in policy
    assert policy.startswith("default-src 'none';")  # no fetch, no frame, no font, no connection
    assert not re.search(r'\s(src|href)="(?!data:)', html)  # nothing is loaded from anywhere


def test_assets_cannot_close_their_own_element():
    for name in (*SCRIPT_PARTS, "report.css"):
        assert "</script" not in asset(name).lower() and "</style" not in asset(name).lower()


@pytest.mark.parametrize("evidence, trigger, spans", [
    ("Russia has massed about 20,000 troops near the border.", "massed", [[11, 17]]),
    ("Russia launched missiles at Kyiv.", "launched missiles", [[7, 24]]),
    ("The agency is establishing a presence at the plant.", "establishing presence", [[14, 26], [29, 37]]),
    ("Asked about the talks, he said nothing.", "Asked", [[0, 5]]),
    ("He said they said it.", "said", [[3, 7]]),  # the first occurrence
    ("Troops massed.", "deployed", []),
    ("No trigger here.", None, []),
])
def test_trigger_spans(evidence, trigger, spans):
    assert trigger_spans(evidence, trigger) == spans


@pytest.mark.parametrize("values, encoded", [
    (["a", "a", "a"], {"c": "a", "n": 3}),
    ([None, None], {"c": None, "n": 2}),
    (["x", "y", "x", "x"], {"d": ["x", "y"], "i": [0, 1, 0, 0]}),
    (["x", "y", "z"], ["x", "y", "z"]),
    ([1, 1.0, 1], [1, 1.0, 1]),  # 1 and 1.0 are different JSON values: never merged
    ([["a"], ["a"]], [["a"], ["a"]]),  # lists are sent as they are
    ([], []),
])
def test_encode_columns(values, encoded):
    assert encode_columns({"k": values}) == {"k": encoded}
    assert _decode(encoded) == values


def test_payload_of_a_synthetic_version(hostile):
    payload = report_payload(hostile.path, hostile.manifest)
    events = {k: _decode(v) for k, v in payload["events"].items()}
    claims = {k: _decode(v) for k, v in payload["claims"].items()}
    table = pq.read_table(hostile.path / "events.parquet")
    assert len(events["id"]) == table.num_rows == payload["meta"]["events_total"] == 30
    starts = events["start"]
    assert starts == sorted(starts)  # by date (no undated events here)
    claim_ids = set(pq.read_table(hostile.path / "claims.parquet").column("claim_id").to_pylist())
    assert sorted(claims["id"]) == sorted(claim_ids)
    by_event = dict(zip(table.column("event_id").to_pylist(), table.column("claim_ids").to_pylist()))
    for event_id, members in zip(events["id"], events["claims"]):
        assert [claims["id"][i] for i in members] == by_event[event_id]
    assert "rule" in claims and set(claims["rule"]) == {"new", "same_place_and_day"}
    assert payload["meta"]["events_source"] == "events"


def test_most_reported_events_when_capped(hostile):
    payload = report_payload(hostile.path, hostile.manifest, max_events=5)
    table = pq.read_table(hostile.path / "events.parquet").to_pylist()
    top = sorted(table, key=lambda e: (-e["n_sources"], -e["n_claims"], -e["date_start"].toordinal(), e["event_id"]))[:5]
    assert sorted(_decode(payload["events"]["id"])) == sorted(e["event_id"] for e in top)
    assert (payload["meta"]["events_total"], payload["meta"]["events_shown"]) == (30, 5)


def test_build_writes_the_report_into_the_version(tmp_path):
    info = build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY).version
    entry = info.manifest["files"]["report"]
    path = info.path / REPORT_FILE
    assert entry == {"file": REPORT_FILE, "bytes": path.stat().st_size,
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    data = _embedded(path.read_text(encoding="utf-8"))
    assert (data["meta"]["version"], data["meta"]["parent"]) == ("v000001", None)
    assert data["meta"]["rejects_by_reason"] == [["duplicate", 1], ["malformed_json", 1], ["missing_text", 1]]
    assert data["meta"]["counts"]["input_records"] == 6
    assert validate_version("latest", tmp_path / "out").ok
    path.write_text("changed", encoding="utf-8")
    assert validate_version("latest", tmp_path / "out").problems == [
        "report: sha256 differs from the manifest (file changed after the build)"]


def test_no_report_option(tmp_path):
    info = build(write_raw(tmp_path / "raw"), tmp_path / "out", INGEST_ONLY.with_changes(write_report=False)).version
    assert not (info.path / REPORT_FILE).exists() and "files" not in info.manifest


def test_the_report_of_a_published_version_goes_elsewhere(tmp_path, monkeypatch):
    out = tmp_path / "out"
    info = build(write_raw(tmp_path / "raw"), out, INGEST_ONLY).version
    before = {p.name: p.read_bytes() for p in info.path.iterdir()}
    monkeypatch.chdir(tmp_path)
    assert report(root=out) == Path("report-v000001.html")
    assert (tmp_path / "report-v000001.html").read_bytes() == before[REPORT_FILE]  # same data, same page
    assert {p.name: p.read_bytes() for p in info.path.iterdir()} == before  # the version is untouched


def test_report_command(tmp_path, capsys):
    out = tmp_path / "out"
    build(write_raw(tmp_path / "raw"), out, INGEST_ONLY)
    target = tmp_path / "r.html"
    assert main(["report", "--root", str(out), "-o", str(target)]) == 0
    size = target.stat().st_size / 1e6
    assert capsys.readouterr().out == f"wrote {target} ({size:.1f} MB); open it in a browser, no network needed\n"
    assert main(["report", "--root", str(out), "--version", "9"]) == 3
    assert capsys.readouterr().err == f"eventbuilder: error: no version '9' under '{out}'\n"
    assert main(["report", "--root", str(out), "--max-events", "0"]) == 2


def test_build_command_names_the_report(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(write_raw(tmp_path / "raw")), "--out", str(out), "--no-claims", "--workers", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"  report: {out}/v000001/{REPORT_FILE}"
    assert main(["build", str(tmp_path / "raw"), "--out", str(out), "--no-claims", "--workers", "1", "--no-report"]) == 0
    assert "report" not in capsys.readouterr().out and not (out / "v000002" / REPORT_FILE).exists()


def test_report_of_the_bundled_build(bundled_outputs):
    info = resolve_version(bundled_outputs)
    data = _embedded((info.path / REPORT_FILE).read_text(encoding="utf-8"))
    claims = pq.read_table(info.path / "claims.parquet")
    assert data["meta"]["events_source"] == ("events" if (info.path / "events.parquet").is_file() else "provisional")
    assert len(_decode(data["claims"]["id"])) == claims.num_rows
    assert data["meta"]["rejects_by_reason"] == [["duplicate", 1]]
    assert data["meta"]["parent"] == "v000001"
    written = write_report(info.path, info.manifest, bundled_outputs.parent / "again.html")
    assert written["sha256"] == info.manifest["files"]["report"]["sha256"]  # deterministic for a version


def test_an_events_table_short_of_a_column_still_reports(tmp_path):
    info = synthetic_events.write_synthetic_version(tmp_path / "out", 4)
    events = pq.read_table(info.path / "events.parquet").drop_columns(["reported_date_min", "relevant"])
    pq.write_table(events, info.path / "events.parquet")
    meta = report_payload(info.path, info.manifest)["meta"]
    assert (meta["events_source"], meta["events_missing_columns"], meta["events_total"]) == (
        "events", ["reported_date_min"], 4)
