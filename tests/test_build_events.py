"""The link stage in real builds: the seed's duplicate meeting and troop count, stable ids when
articles are added (one of them bridging two events), the timeline command and the diff of events."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import eventbuilder
from eventbuilder.build import build
from eventbuilder.cli import main
from eventbuilder.options import BuildOptions
from eventbuilder.store import validate_version

SERIAL = BuildOptions(engine="serial")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory, shared, nlp):
    raw = tmp_path_factory.mktemp("seed")
    shutil.copy(shared / "seeds" / "000_fc1be701003c547e.txt", raw / "seed.txt")
    (raw / "seed.meta.json").write_text('{"published": "2014-08-07", "source": "China Topix"}', encoding="utf-8")
    report = build(raw, tmp_path_factory.mktemp("seed-out"), SERIAL)
    return report.version.path


def test_the_seeds_meeting_and_visit_are_one_event(seed_build):
    claims = pd.read_parquet(seed_build / "claims.parquet").set_index("trigger")
    events = pd.read_parquet(seed_build / "events.parquet").set_index("event_id")
    links = pd.read_parquet(seed_build / "event_links.parquet").set_index("claim_id")
    met, visit = claims.loc["met"], claims.loc["visit"]
    assert met["event_id"] == visit["event_id"]
    meeting = events.loc[met["event_id"]]
    assert (meeting["n_claims"], list(meeting["participants"]), str(meeting["date_start"]),
            meeting["date_granularity"], meeting["summary"][:60]) == (
        2, ["Anders Fogh Rasmussen", "Arseniy Yatsenyuk"], "2014-08-07", "day",
        "NATO Secretary General Anders Fogh Rasmussen met with Ukrain")
    assert links.loc[visit["claim_id"], ["rule", "linked_to"]].tolist() == ["same_participants", met["claim_id"]]
    assert links.loc[met["claim_id"], "rule"] == "new"


def test_the_seeds_two_20000_troop_claims_are_one_event_without_disagreement(seed_build):
    claims = pd.read_parquet(seed_build / "claims.parquet")
    troops = claims[claims["quantity_value"] == 20000]
    assert sorted(troops["trigger"]) == ["increased", "posted"]
    assert troops["event_id"].nunique() == 1
    event = pd.read_parquet(seed_build / "events.parquet").set_index("event_id").loc[troops["event_id"].iloc[0]]
    assert (event["event_type"], event["n_claims"], event["quantity_value"], event["quantity_min"],
            event["quantity_max"], event["quantity_unit"], list(event["disagreements"]), event["actor1_name"]) == (
        "troop_deployment", 2, 20000.0, 20000.0, 20000.0, "troops", [], "Russia")


def test_every_other_seed_claim_is_an_event_of_its_own(seed_build):
    claims = pd.read_parquet(seed_build / "claims.parquet")
    events = pd.read_parquet(seed_build / "events.parquet")
    assert len(events) == len(claims) - 2
    assert sorted(events["n_claims"].tolist())[-3:] == [1, 2, 2]
    assert validate_version(seed_build.name, seed_build.parent).ok


# ---------------------------------------------------------------- a history of builds

ARTICLES = {
    "v1": {
        "sanctions-a.txt": ("2022-02-07", "Wire One",
                            "MOSCOW — Vladimir Putin said on Monday that Western sanctions against Russia had failed."),
        "gas-b.txt": ("2022-02-07", "Wire Two",
                      "MOSCOW — Vladimir Putin said on Monday that Russian gas exports to Asia would grow next year."),
        "plan-p.txt": ("2022-02-07", "Wire One",
                       "PARIS — Macron will travel to Kyiv on Tuesday to meet Ukrainian President Volodymyr Zelensky."),
    },
    "v2": {
        "sanctions-a2.txt": ("2022-02-07", "Wire Three",
                             "Russian President Vladimir Putin told reporters in Moscow on Monday that the Western "
                             "sanctions against Russia had failed."),
        "kyiv-q.txt": ("2022-02-08", "Wire Two", "KYIV — Emmanuel Macron met Volodymyr Zelensky in Kyiv on Tuesday."),
    },
    "v3": {
        "bridge.txt": ("2022-02-08", "Wire Four",
                       "MOSCOW — Vladimir Putin said on Monday that Western sanctions had failed and that Russian gas "
                       "exports to Asia would grow."),
    },
}


@pytest.fixture(scope="module")
def history(tmp_path_factory, nlp):
    """Three builds into one output root, each adding articles to the same raw folder."""
    raw, out = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("history") / "out"
    for articles in ARTICLES.values():
        for name, (published, source, text) in articles.items():
            (raw / name).write_text(text + "\n", encoding="utf-8")
            meta = {"published": published, "source": source}
            (raw / name.replace(".txt", ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
        build(raw, out, SERIAL)
    return out


def _statement_event(root, version: str, source_file: str) -> str:
    documents = eventbuilder.load("documents", version, root)
    claims = eventbuilder.load("claims", version, root)
    doc_id = documents.loc[documents["source_path"] == source_file, "doc_id"].iloc[0]
    return claims[(claims["doc_id"] == doc_id) & (claims["event_type"] == "statement")]["event_id"].iloc[0]


def test_every_version_is_valid_and_every_claim_has_an_event(history):
    for version in ("1", "2", "3"):
        assert validate_version(version, history).ok
        claims = eventbuilder.load("claims", version, history)
        assert claims["event_id"].notna().all()
        assert set(claims["event_id"]) == set(eventbuilder.load("events", version, history)["event_id"])


def test_an_added_report_joins_the_event_and_its_id_is_kept(history):
    first = _statement_event(history, "1", "sanctions-a.txt")
    assert _statement_event(history, "2", "sanctions-a.txt") == _statement_event(history, "2", "sanctions-a2.txt") == first
    assert _statement_event(history, "2", "gas-b.txt") == _statement_event(history, "1", "gas-b.txt")


def test_a_bridging_article_merges_two_events_and_the_absorbed_id_redirects(history, capsys):
    sanctions, gas = _statement_event(history, "2", "sanctions-a.txt"), _statement_event(history, "2", "gas-b.txt")
    merged = _statement_event(history, "3", "bridge.txt")
    assert merged == _statement_event(history, "3", "sanctions-a.txt") == _statement_event(history, "3", "gas-b.txt")
    assert merged == min(sanctions, gas)  # both first seen in v1: the smaller id is kept
    absorbed = max(sanctions, gas)
    assert eventbuilder.resolve_event_id(absorbed, "3", history) == merged
    assert eventbuilder.timeline("3", history, event_id=absorbed)["event_id"].tolist() == [merged]
    assert main(["diff", "2", "3", "--root", str(history)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the bridge also reports Western sanctions without naming a target: an event of its own
    assert "timeline events: +1 added, -0 removed, ~1 changed, 1 merged, 0 split" in lines
    assert f"  merged: {absorbed} -> {merged}" in lines


def test_the_timeline_command_prints_events_in_date_order_with_sources(history, capsys):
    assert main(["timeline", "--root", str(history), "--type", "meeting"]) == 0
    meeting = eventbuilder.timeline(root=history, event_type="meeting").iloc[0]
    assert capsys.readouterr().out.splitlines() == [
        f"2022-02-08  meeting  happened, announced first  Emmanuel Macron, Volodymyr Zelensky @ Kyiv  "
        f"[{meeting['event_id']}]",
        "    Emmanuel Macron met Volodymyr Zelensky in Kyiv on Tuesday.",
        "    2 reports in 2 documents: Wire One, Wire Two",
        "(1 events)",
    ]


def test_the_timeline_filters_and_formats(history, capsys):
    # "said on Monday that Western sanctions had failed": the state told in speech takes the speech's
    # day (Monday 7 February) in the article of the 8th too, so only the meeting is on or after the 8th.
    assert eventbuilder.timeline(root=history, date_from="2022-02-08")["event_type"].tolist() == ["meeting"]
    assert eventbuilder.timeline(root=history, actor="zelensky")["event_type"].tolist() == ["meeting"]
    assert eventbuilder.timeline(root=history, place="UKR")["event_type"].tolist() == ["meeting"]
    assert eventbuilder.timeline(root=history, date_to="2022-02-01").empty
    assert main(["timeline", "--root", str(history), "--actor", "Putin", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["event_type"] for r in rows] == ["statement"]
    statement = next(r for r in rows if r["event_type"] == "statement")
    assert (statement["date_start"], statement["n_documents"], statement["sources"]) == (
        "2022-02-07", 4, ["Wire Four", "Wire One", "Wire Three", "Wire Two"])
    assert main(["timeline", "--root", str(history), "--csv", "--type", "meeting"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.startswith("event_id,event_type,event_types,") and "Wire One; Wire Two" in row
    assert main(["timeline", "--root", str(history), "--from", "yesterday"]) == 2
    assert "is not a date" in capsys.readouterr().err
