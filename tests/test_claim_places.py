"""Where each claim happened (issue 12, "places where things happened"): landmarks and institutions
used as places, agreements and meetings placed where they were made, the dateline as the fallback,
and nationality adjectives that are never the event's place. Through the product (``extract_text``)."""

from __future__ import annotations

import pytest

from eventbuilder import extract_text
from eventbuilder.resolve.places import geoparse
from eventbuilder.resolve.places.event_place import event_place

PUBLISHED = "2024-06-12"


def _claim(text, event_type):
    rows = [r for r in extract_text(text, PUBLISHED) if r["event_type"] == event_type]
    assert len(rows) == 1, [(r["event_type"], r["evidence_text"]) for r in extract_text(text, PUBLISHED)]
    return rows[0]


def _where(row):
    lat = round(row["latitude"], 2) if row["latitude"] is not None else None
    lon = round(row["longitude"], 2) if row["longitude"] is not None else None
    return row["place_text"], row["place_id"], row["place_country"], row["geo_method"], lat, lon


# ---------------------------------------------------------------- landmarks and institutions as places


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        ("MOSCOW, Russia — Putin met the French president at the Kremlin on Tuesday.", "meeting",
         ("Kremlin", "eb:kremlin", "RUS", "sentence", 55.75, 37.62)),
        ("Biden met Zelensky at the White House on Thursday.", "meeting",
         ("White House", "eb:white-house", "USA", "sentence", 38.9, -77.04)),
        ("Macron hosted Scholz at the Elysee on Monday.", "meeting",
         ("Elysee", "eb:elysee", "FRA", "sentence", 48.87, 2.32)),
        ("President Macron received the Ukrainian president at the Elysee Palace on Friday.", "meeting",
         ("the Elysee Palace", "eb:elysee", "FRA", "sentence", 48.87, 2.32)),
        ("The prime minister met union leaders at Downing Street on Wednesday.", "meeting",
         ("Downing Street", "eb:downing-street", "GBR", "sentence", 51.5, -0.13)),
        ("Austin met his Japanese counterpart at the Pentagon on Friday.", "meeting",
         ("Pentagon", "eb:pentagon", "USA", "sentence", 38.87, -77.06)),
        ("Carter met Begin and Sadat at Camp David in September.", "meeting",
         ("Camp David", "eb:camp-david", "USA", "sentence", 39.65, -77.47)),
        ("Iranian missiles struck the Ain al-Asad air base on Wednesday.", "attack",
         ("Ain al-Asad air base", "eb:ain-al-asad", "IRQ", "sentence", 33.79, 42.44)),
        ("US troops at Bagram Airfield were attacked by rockets on Tuesday.", "attack",
         ("Bagram Airfield", "eb:bagram", "AFG", "sentence", 34.95, 69.27)),
        ("Biden spoke from the Oval Office on Sunday.", "statement",
         ("Oval Office", "eb:oval-office", "USA", "sentence", 38.9, -77.04)),
    ],
)
def test_landmark_is_the_claims_place(nlp, text, event_type, expected):
    assert _where(_claim(text, event_type)) == expected


def test_landmark_takes_the_areas_of_its_city(nlp):
    text = "Talks were held at the Pentagon."
    (pentagon,) = geoparse(text, nlp(text))
    place = pentagon.place
    assert (place.place_id, place.precision, place.country, place.admin1) == ("eb:pentagon", "exact", "USA", "Virginia")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Camp David Accords were signed in 1978.", []),  # an agreement's name, not the place
        ("The National Security Council met.", []),
        ("He flew to Ramstein Air Base.", [("Ramstein Air Base", "eb:ramstein")]),
        ("He flew to the Ramstein air base.", [("Ramstein air base", "eb:ramstein")]),  # any capitalisation
    ],
)
def test_landmarks_found_in_text(nlp, text, expected):
    found = [(m.text, m.place.place_id) for m in geoparse(text, nlp(text)) if m.place is not None
             and m.place.place_id.startswith("eb:") and m.place.precision == "exact"]
    assert found == expected


# ---------------------------------------------------------------- agreements and meetings where they were made


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        ("The two sides agreed in Vienna to a truce in the south on Monday.", "agreement",
         ("Vienna", "2761369", "AUT", "sentence", 48.21, 16.37)),
        ("Russia and Ukraine agreed in Istanbul to a corridor for grain ships in the Black Sea on Friday.",
         "agreement", ("Istanbul", "745044", "TUR", "sentence", 41.01, 28.95)),
        ("The United States and the Taliban signed an agreement in Doha on the withdrawal of troops from "
         "Afghanistan.", "agreement", ("Doha", "290030", "QAT", "sentence", 25.29, 51.53)),
        ("Meeting in Minsk, the leaders agreed to a ceasefire in eastern Ukraine.", "agreement",
         ("Minsk", "625144", "BLR", "sentence", 53.9, 27.57)),
        ("The leaders met in Brussels to discuss the fighting in Gaza.", "meeting",
         ("Brussels", "2800866", "BEL", "sentence", 50.85, 4.35)),
        # no place in the sentence: the dateline
        ("VIENNA, Austria — Iran and the six powers agreed to limit enrichment on Tuesday.", "agreement",
         ("VIENNA, Austria", "2761369", "AUT", "dateline", 48.21, 16.37)),
        ("ANKARA, Turkey — The Georgian president met the Armenian prime minister on Monday.", "meeting",
         ("ANKARA, Turkey", "323786", "TUR", "dateline", 39.92, 32.85)),
        # what was agreed is not where: the dateline
        ("GENEVA — The envoys agreed to a ceasefire in eastern Ukraine on Friday.", "agreement",
         ("GENEVA", "2660646", "CHE", "dateline", 46.2, 6.15)),
    ],
)
def test_agreement_or_meeting_where_it_was_made(nlp, text, event_type, expected):
    assert _where(_claim(text, event_type)) == expected


# ---------------------------------------------------------------- a nationality is no place


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        ("The Georgian president met the Armenian prime minister on Monday.", "meeting",
         (None, None, None, "none", None, None)),
        ("The Georgian president condemned the attack on Monday.", "accusation",
         (None, None, None, "none", None, None)),
        ("TBILISI, Georgia — The Georgian president met the EU envoy on Monday.", "meeting",
         ("TBILISI, Georgia", "611717", "GEO", "dateline", 41.69, 44.83)),
        ("Georgian troops shelled the town of Tskhinvali on Friday.", "attack",
         ("Tskhinvali", "611403", "GEO", "sentence", 42.23, 43.97)),
    ],
)
def test_nationality_is_never_the_place(nlp, text, event_type, expected):
    assert _where(_claim(text, event_type)) == expected


# ---------------------------------------------------------------- what a sentence names that is not where


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # what was agreed is not where (where it was made is)
        ("The envoys agreed to a ceasefire in eastern Ukraine.", "agreed", None),
        ("The rebels agreed on a truce in the south of Lebanon.", "agreed", None),
        ("The two sides signed an accord in Doha.", "signed", "Doha"),
        # an abstract object of a preposition
        ("The troops withdrew at the request of France.", "withdrew", None),
        # force used over a place, and from a place
        ("Azerbaijan shot down a helicopter over Armenia.", "shot", "Armenia"),
        ("The army withdrew from Mali last year.", "withdrew", "Mali"),
        # a clause at another time is another event with its own place
        ("The strikes began on Sunday, shortly after planes fired missiles at a compound in Baghdad.", "began",
         None),
        # a fronted setting does not place what is reported in speech
        ("In Washington, Blinken said Russia had attacked the port.", "attacked", None),
        # the setting of a noun trigger is its verb's
        ("Protests erupted in Zhanaozen on Saturday.", "Protests", "Zhanaozen"),
    ],
)
def test_event_place_rules(nlp, sentence, trigger, expected):
    doc = nlp(sentence)
    trigger_i = [t.i for t in doc if t.text == trigger][0]
    place = event_place(doc, trigger_i, geoparse(sentence, doc))
    assert (place.text if place else None) == expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # an unknown name placed by the known place it lies in
        ("Troops clashed in the Galwan Valley in the Himalayan region of Ladakh on Monday.", "attack",
         ("Galwan Valley", "sentence")),
    ],
)
def test_unknown_place_inside_a_known_one(nlp, text, event_type, expected):
    row = _claim(text, event_type)
    assert (row["place_text"], row["geo_method"]) == expected
