"""Stable event ids across versions: kept while claims stay together, the older id after a merge
(the absorbed one redirected), the larger part's id after a split; and the diff of events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from eventbuilder.link import link_claims
from eventbuilder.link.ids import PreviousEvents, assign_ids, natural_id
from eventbuilder.store.events import diff_events, previous_events, resolve_event_id
from eventbuilder.store.versions import publish_version
from helpers import claim, claims_table, documents_table

PUBLISHED = {"a1": "2022-02-07", "a2": "2022-02-07", "b1": "2022-02-07", "bridge": "2022-02-08",
             "c1": "2022-02-09"}


def previous(claim_event: dict[str, str], generations: dict[str, int], generation: int = 1) -> PreviousEvents:
    return PreviousEvents(version="v000001", generation=generation,
                          claim_event=pd.DataFrame({"claim_id": list(claim_event), "event_id": list(claim_event.values())}),
                          event_generation=generations)


def test_a_first_build_names_events_after_their_first_claim():
    ids = assign_ids(np.array([0, 0, 2]), ["x", "y", "z"], PreviousEvents())
    assert ids.by_root == {0: natural_id("x"), 2: natural_id("z")}
    assert natural_id("x").startswith("ev-") and len(natural_id("x")) == 15
    assert ids.generation == 1 and ids.redirects.empty


def test_an_event_whose_claims_stay_together_keeps_its_id_when_claims_are_added():
    before = previous({"y": "ev-old"}, {"ev-old": 1})
    ids = assign_ids(np.array([0, 0]), ["new-earlier-claim", "y"], before)
    assert ids.by_root == {0: "ev-old"} and ids.generation_by_root == {0: 1}


def test_a_merge_keeps_the_older_id_and_redirects_the_other():
    before = previous({"x": "ev-young", "y": "ev-old", "z": "ev-young"}, {"ev-young": 2, "ev-old": 1}, generation=2)
    ids = assign_ids(np.array([0, 0, 0]), ["x", "y", "z"], before)
    assert ids.by_root == {0: "ev-old"}
    assert ids.redirects[["event_id", "redirect_to", "reason", "generation", "n_claims"]].values.tolist() == [
        ["ev-young", "ev-old", "merged", 3, 2]]


def test_a_split_keeps_the_id_for_the_larger_part_and_never_reuses_an_id():
    before = previous({"x": "ev-1", "y": "ev-1", "z": "ev-1"}, {"ev-1": 1})
    ids = assign_ids(np.array([0, 1, 1]), ["x", "y", "z"], before)
    assert ids.by_root[1] == "ev-1"
    assert ids.by_root[0] not in ("ev-1", natural_id("y")) and ids.by_root[0] == natural_id("x")
    clash = previous({"y": "ev-1", "z": "ev-1", "x": natural_id("x")}, {"ev-1": 1, natural_id("x"): 1})
    ids = assign_ids(np.array([0, 1, 1, 3]), ["x", "y", "z", "w"], clash)
    assert ids.by_root[1] == "ev-1" and ids.by_root[0] == natural_id("x") and ids.by_root[3] == natural_id("w")


def test_redirects_of_earlier_versions_follow_later_merges():
    before = PreviousEvents(
        version="v000002", generation=2,
        claim_event=pd.DataFrame({"claim_id": ["x", "y"], "event_id": ["ev-b", "ev-a"]}),
        event_generation={"ev-a": 1, "ev-b": 1},
        redirects=pd.DataFrame({"event_id": ["ev-c"], "redirect_to": ["ev-b"], "reason": ["merged"],
                                "last_seen_version": ["v000001"], "generation": [2], "n_claims": [1]}))
    ids = assign_ids(np.array([0, 0]), ["x", "y"], before)
    assert dict(zip(ids.redirects["event_id"], ids.redirects["redirect_to"])) == {"ev-b": "ev-a", "ev-c": "ev-a"}


# ---------------------------------------------------------------- versions written by the link stage


def _statement(claim_id: str, text: str) -> dict:
    return claim(claim_id, claim_id, "statement", day="2022-02-07", speaker="Vladimir Putin", text=text)


REPORTS = {
    "a1": _statement("a1", "Putin said Western sanctions had failed completely."),
    "a2": _statement("a2", "Putin said the Western sanctions failed."),
    "b1": _statement("b1", "Putin said Russian gas exports would grow next year."),
    "bridge": _statement("bridge", "Putin said Western sanctions had failed and Russian gas exports would grow."),
    "c1": claim("c1", "c1", "protest", day="2022-02-09", place="Tel Aviv"),
}


def _publish(root, docs: list[str]):
    result = link_claims(claims_table([REPORTS[d] for d in docs]), documents_table({d: PUBLISHED[d] for d in docs}),
                         previous_events(root))
    tables = {"events": result.events, "event_links": result.event_links, "event_redirects": result.event_redirects}
    return publish_version(root, tables, {"link": result.stats})


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """v1: two statements; v2: a third report of the first and a protest; v3: a report bridging the
    two statements; v4: the bridge withdrawn again."""
    root = tmp_path_factory.mktemp("history") / "out"
    for docs in (["a1", "b1"], ["a1", "a2", "b1", "c1"], ["a1", "a2", "b1", "c1", "bridge"],
                 ["a1", "a2", "b1", "c1"]):
        _publish(root, docs)
    return root


def _event_of(root, version: str, claim_id: str) -> str:
    links = pd.read_parquet(root / version / "event_links.parquet")
    return links.set_index("claim_id").loc[claim_id, "event_id"]


def test_adding_a_report_keeps_the_event_id(history):
    assert _event_of(history, "v000001", "a1") == _event_of(history, "v000002", "a1") == _event_of(
        history, "v000002", "a2")
    diff = diff_events("1", "2", history)
    assert diff.added == [_event_of(history, "v000002", "c1")]
    assert (diff.removed, diff.merged, diff.split) == ([], [], [])
    assert [event for event, _ in diff.changed] == [_event_of(history, "v000001", "a1")]
    assert "n_claims" in diff.changed[0][1]


def test_a_bridging_report_merges_two_events_into_the_older_id_and_redirects_the_other(history):
    a, b = _event_of(history, "v000002", "a1"), _event_of(history, "v000002", "b1")
    merged = _event_of(history, "v000003", "bridge")
    assert merged == min(a, b) == _event_of(history, "v000003", "b1") == _event_of(history, "v000003", "a1")
    absorbed = max(a, b)
    diff = diff_events("2", "3", history)
    assert diff.merged == [([absorbed], merged)]
    assert resolve_event_id(absorbed, "3", history) == merged
    redirects = pd.read_parquet(history / "v000003" / "event_redirects.parquet")
    assert redirects[["event_id", "redirect_to", "reason", "last_seen_version"]].values.tolist() == [
        [absorbed, merged, "merged", "v000002"]]


def test_withdrawing_the_bridge_splits_the_event_and_the_larger_part_keeps_the_id(history):
    merged = _event_of(history, "v000003", "bridge")
    assert _event_of(history, "v000004", "a1") == _event_of(history, "v000004", "a2") == merged
    other = _event_of(history, "v000004", "b1")
    assert other != merged and other not in pd.read_parquet(history / "v000004" / "event_redirects.parquet")[
        "event_id"].tolist()
    diff = diff_events("3", "4", history)
    assert diff.split == [(merged, [merged, other])]
    assert diff.added == [] and diff.removed == []


def test_colliding_natural_ids_take_the_next_salt(monkeypatch):
    import eventbuilder.link.ids as module

    monkeypatch.setattr(module, "natural_id", lambda claim_id, salt=0: f"ev-{salt:012d}")
    ids = assign_ids(np.array([0, 1, 2]), ["x", "y", "z"], PreviousEvents())
    assert ids.by_root == {0: "ev-000000000000", 1: "ev-000000000001", 2: "ev-000000000002"}
    retired = PreviousEvents(redirects=pd.DataFrame({"event_id": ["ev-000000000000"], "redirect_to": ["ev-9"],
                                                     "reason": ["merged"], "last_seen_version": ["v000001"],
                                                     "generation": [1], "n_claims": [1]}))
    assert assign_ids(np.array([0]), ["x"], retired).by_root == {0: "ev-000000000001"}
