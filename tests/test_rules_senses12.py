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

