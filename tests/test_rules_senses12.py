"""Senses that hold on unseen articles (issue 12, after the dev-side error review): forces sent
without a verb of movement, approvals of a request, ceasefires declared in a relative clause,
counted targets that are no idiom, captives released, hyphenated group names, and the troops'
own nationality against a rival named in an "after" clause. Each sentence is written like the wire
copy that motivated the rule; expected values are exact."""

from __future__ import annotations

import pytest

from eventbuilder.api import extract_text

PUBLISHED = "2019-03-01"


def _claims(text: str) -> list[tuple]:
    return [(r["event_type"], r["trigger"], r["actor1_name"], r["actor2_name"]) for r in extract_text(text, PUBLISHED)]


@pytest.mark.parametrize("text, expected", [
    ("About 550 French soldiers are now in Mali, and Paris plans to send about 2,000 more.",
     [("troop_deployment", "send", "France", None)]),
    ("Moscow has sent mercenaries to the region, the minister said.",
     [("troop_deployment", "sent", "Russia", None), ("statement", "said", None, None)]),
    ("The upper house of parliament approved the president's request to use force abroad on Saturday.",
     [("agreement", "approved request", None, None)]),
    ("Militants fired rockets at the town, defying a ceasefire Libya declared on Friday.",
     [("attack", "fired", None, None), ("agreement", "declared", "Libya", None)]),
    ("Coalition jets hit eight targets of the Islamic State group near Raqqa on Monday.",
     [("attack", "hit", None, "Islamic State")]),
    ("Pakistan said it would release the captured Indian pilot on Friday.",
     [("statement", "said", "Pakistan", None), ("concession", "release", "Pakistan", "India")]),
    ("Jaish-e-Mohammed claimed responsibility for the bombing in Pulwama.",
     [("statement", "claimed", "Jaish-e-Mohammed", None)]),
    ("Armenian tanks rolled into the district after Azerbaijan launched an offensive.",
     [("troop_deployment", "rolled", "Armenia", None), ("attack", "launched offensive", "Azerbaijan", None)]),
])
def test_claims_of_unseen_wire_sentences(nlp, text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, actor1, quantity", [
    # the forces name no one: the country they came from is the actor
    ("60 tanks and 30 rocket launchers had entered the region from Russia.", "Russia", 60.0),
    # the forces name their owner: the origin does not override it
    ("Belarusian troops crossed into the area from Russia on Monday.", "Belarus", None),
])
def test_the_origin_of_forces_that_name_no_one_is_the_actor(nlp, text, actor1, quantity):
    row, = [r for r in extract_text(text, PUBLISHED) if r["event_type"] == "troop_deployment"]
    assert (row["actor1_name"], row["quantity_value"]) == (actor1, quantity)



@pytest.mark.parametrize("text, expected", [
    # a hyphenated event noun of the lexicon is one token, so "build-up" keeps its sense; whoever
    # estimates is a source, the build-up's owner the actor
    ("Intelligence put the Chinese build-up at about 40 warships.",
     ("troop_deployment", "put build-up", "China", 40.0, "warships")),
    ("Western officials estimated the Russian deployment at 40,000 troops on Monday.",
     ("troop_deployment", "estimated deployment", "Russia", 40000.0, "troops")),
    ("Students staged a sit-in outside the ministry.", ("protest", "staged sit-in", None, None, None)),
])
def test_estimates_of_a_build_up(nlp, text, expected):
    row, = extract_text(text, PUBLISHED)
    assert (row["event_type"], row["trigger"], row["actor1_name"], row["quantity_value"], row["quantity_unit"]) == expected


def test_hyphenated_event_nouns_stay_one_token_without_moving_offsets(nlp):
    doc = nlp("The Chinese build-up and a Sit-in.")
    assert [t.text for t in doc] == ["The", "Chinese", "build-up", "and", "a", "Sit-in", "."]
    assert doc[2].idx == 12
