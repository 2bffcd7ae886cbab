"""Toponym recognition and resolution in context, event location and place phrases."""

from __future__ import annotations

import pytest

from eventbuilder.errors import ConfigError
from eventbuilder.resolve.places import geoparse, resolve_spans
from eventbuilder.resolve.places.event_place import event_place
from eventbuilder.resolve.places.phrases import PlaceContext, resolve_place_phrase


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    doc = nlp(seed_text)
    return seed_text, doc, geoparse(seed_text, doc)


def _at(mentions, text, needle, nth=0):
    """The mention starting at the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    found = [m for m in mentions if m.start == start]
    assert found, f"no mention at {needle!r} #{nth}"
    return found[0]


def _trigger(doc, word, nth=0):
    return [t.i for t in doc if t.text == word][nth]


# ---------------------------------------------------------------- the seed article


@pytest.mark.parametrize(
    ("needle", "nth", "text", "place_id", "country", "precision", "role"),
    [
        ("Donetsk region", 0, "Donetsk", "709716", "UKR", "admin1", "place"),
        ("Kiev government", 0, "Kiev", "703448", "UKR", "city", "actor"),
        ("Kiev's defense", 0, "Kiev", "703448", "UKR", "city", "actor"),
        ("Wales", 0, "Wales", "2634895", "GBR", "admin1", "place"),
        ("Russia on Wednesday", 0, "Russia", "2017370", "RUS", "country", "place"),  # "central Russia"
        ("Moscow urged", 0, "Moscow", "524901", "RUS", "city", "actor"),
        ("Kremlin posted", 0, "Kremlin", "eb:kremlin", "RUS", "exact", "actor"),  # the landmark table
        ("Russian combat-ready", 0, "Russian", "2017370", "RUS", "country", "actor"),
        ("Ukraine have increased", 0, "Ukraine", "690791", "UKR", "country", "place"),  # the border with Ukraine
    ],
)
def test_seed_mentions(seed, needle, nth, text, place_id, country, precision, role):
    article, _, mentions = seed
    mention = _at(mentions, article, needle, nth)
    assert (mention.text, mention.place.place_id, mention.place.country, mention.place.precision, mention.role) == (
        text, place_id, country, precision, role)


def test_seed_luhansk_is_a_ukrainian_place_not_a_person(seed):
    article, _, mentions = seed
    luhansk = _at(mentions, article, "Luhansk, claiming")
    assert luhansk.place.country == "UKR" and luhansk.place.place_id in {"702657", "702658"}
    assert luhansk.role == "place"


def test_seed_boilerplate_is_not_a_place(seed):
    article, _, mentions = seed
    texts = {m.text for m in mentions}
    assert "Us" not in texts  # "Like Us on Facebook"
    assert "Concerns" not in texts
    assert not any(m.start < article.index("TOPIX") for m in mentions)  # the masthead "CHINA TOPIX"


def test_seed_offsets_index_the_text(seed):
    article, _, mentions = seed
    assert all(article[m.start:m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_seed_urging_is_at_the_security_council_not_in_donetsk(seed):
    _, doc, mentions = seed
    place = event_place(doc, _trigger(doc, "urged"), mentions)
    assert (place.text, place.place.place_id, place.place.admin1) == ("U.N. Security Council", "eb:un-headquarters",
                                                                     "New York")


def test_seed_troops_stationed_at_the_border_with_ukraine(seed):
    _, doc, mentions = seed
    place = event_place(doc, _trigger(doc, "stationed"), mentions)
    assert (place.text, place.place.precision, place.place.country) == ("Ukraine", "country", "UKR")


def test_seed_meeting_without_a_place_gives_none(seed):
    _, doc, mentions = seed
    assert event_place(doc, _trigger(doc, "met"), mentions) is None


@pytest.mark.parametrize(
    ("phrase", "place_id", "precision", "score"),
    [
        ("the border with Ukraine", "690791", "country", 0.8),
        ("central Russia", "2017370", "country", 0.8),
        ("the eastern border", "690791", "country", 0.3),  # no name: the document's main country
        ("near Donetsk", "709716", "admin1", 0.8),  # the document's Donetsk, never a point
        ("waters around Taiwan", "1668284", "country", 0.8),
        ("northern Syria", "163843", "country", 0.8),
    ],
)
def test_seed_place_phrases(seed, phrase, place_id, precision, score):
    _, _, mentions = seed
    resolved = resolve_place_phrase(phrase, PlaceContext.from_mentions(mentions), offset=100)
    assert (resolved.place.place_id, resolved.place.precision, resolved.score) == (place_id, precision, score)
    assert (resolved.start, resolved.end, resolved.text) == (100, 100 + len(phrase), phrase)


def test_phrase_without_place_or_context_is_none():
    assert resolve_place_phrase("the meeting", PlaceContext()) is None


# ---------------------------------------------------------------- context decides


def test_dateline_decides_georgia(nlp):
    text = "Russian troops moved into Georgia on Friday, officials said."
    doc = nlp(text)
    with_dateline = geoparse(text, doc, dateline="TBILISI, Georgia")
    assert _at(with_dateline, text, "Georgia").place.place_id == "614540"  # the country


def test_paris_in_a_texas_story(nlp):
    text = ("The Lamar County sheriff said the fire started north of Paris on Tuesday. "
            "Firefighters from Reno and Blossom, Texas, helped.")
    paris = _at(geoparse(text, nlp(text)), text, "Paris")
    assert (paris.place.name, paris.place.admin1) == ("Paris", "Texas")
    assert paris.alternatives and paris.alternatives[0][0] != paris.place.place_id


def test_paris_in_a_french_story(nlp):
    text = "Protesters marched through Paris and Lyon as French unions called a national strike."
    paris = _at(geoparse(text, nlp(text)), text, "Paris")
    assert paris.place.place_id == "2988507"


@pytest.mark.parametrize(
    ("text", "needle", "place_id", "precision"),
    [
        ("Heavy fighting continued in eastern Ukraine on Monday.", "Ukraine", "690791", "country"),
        ("Turkish jets struck targets in northern Syria.", "Syria", "163843", "country"),
        ("China sent warships into the waters around Taiwan.", "Taiwan", "1668284", "country"),
        ("Clashes were reported in the city of Donetsk.", "Donetsk", "709717", "city"),
    ],
)
def test_vague_and_typed_phrases(nlp, text, needle, place_id, precision):
    mention = _at(geoparse(text, nlp(text)), text, needle)
    assert (mention.place.place_id, mention.place.precision) == (place_id, precision)


def test_container_after_comma(nlp):
    text = "Chiquita Henry, 19, of Alexandria, La., was arrested."
    mention = _at(geoparse(text, nlp(text)), text, "Alexandria")
    assert mention.place.place_id == "4314550"  # Alexandria, Louisiana, not Egypt


def test_resolve_spans_with_gold_spans():
    text = "Alexandria woman charged. Both the Sheriff's Office and Rapides Parish Fire District 2 investigated."
    spans = [(0, 10), (text.index("Rapides Parish"), text.index("Rapides Parish") + 14)]
    alexandria, rapides = resolve_spans(text, spans)
    assert (alexandria.place.place_id, rapides.place.place_id) == ("4314550", "4338356")


def test_geoparse_needs_the_doc_of_the_text(nlp):
    with pytest.raises(ConfigError):
        geoparse("Kiev", nlp("Moscow"))


# ---------------------------------------------------------------- event location


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("He travelled to Washington, where he met Biden.", "met", "Washington"),
        ("Obama was speaking at the White House on Tuesday.", "speaking", "White House"),
        ("Lukashenko met Putin in Minsk on Friday.", "met", "Minsk"),
        # benchmark sentences (ahalterman/event_location)
        ("Earlier, the pro-government forces liberated the cities of Palmyra and Quaryatayn in the Homs province.",
         "liberated", "Palmyra"),
        ("A British soldier was killed Sunday by a mine in the southern province of Helmand, where most of the "
         "nearly 7,000 British soldiers with ISAF are based.", "killed", "Helmand"),
        ("In Vienna, some 200,000 people, many festooned in the rainbow colours of the gay community, marched "
         "to celebrate homosexual rights.", "marched", "Vienna"),
        ("About 4,000 activists demonstrated Friday to protest the ratification of a law regulating political "
         "associations in Bahrain.", "demonstrated", None),
    ],
)
def test_event_place(nlp, sentence, trigger, expected):
    doc = nlp(sentence)
    place = event_place(doc, _trigger(doc, trigger), geoparse(sentence, doc))
    assert (place.text if place else None) == expected


def test_seat_of_power_is_a_landmark_at_its_own_point(nlp):
    text = "Obama was speaking at the White House on Tuesday."
    (white_house,) = geoparse(text, nlp(text))
    place = white_house.place
    assert (place.place_id, place.name, place.country, place.admin1, place.precision) == (
        "eb:white-house", "White House", "USA", "District of Columbia", "exact")
    assert (round(place.latitude, 2), round(place.longitude, 2)) == (38.9, -77.04)


def test_context_from_a_dateline_string(seed):
    _, _, mentions = seed
    context = PlaceContext.from_mentions(mentions, dateline="TBILISI, Georgia")
    assert (context.dateline.place_id, context.country.place_id, context.focus.place_id) == (
        "611717", "614540", "611717")  # Tbilisi, Georgia (the country)
    dateline = resolve_place_phrase("TBILISI, Georgia", context)
    assert dateline.place.place_id == "611717"
