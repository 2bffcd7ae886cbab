"""The temporal-expression recogniser: spans, types and signals on real sentences."""

from __future__ import annotations

import pytest

from eventbuilder.nlp.timex import recognise, recognise_span, year_number


def spans(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.type) for c in recognise(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed article
        ("met with Ukrainian Prime Minister Arseny Yatseniuk on Thursday to discuss", [("Thursday", "DATE")]),
        ("In June, NATO agreed to set up four funds", [("June", "DATE")]),
        ("have increased from 12,000 to 20,000 since July, Reuters has learned.", [("July", "DATE")]),
        ("expected to hold talks during the NATO conference in Wales next month.", [("next month", "DATE")]),
        ("a checkpoint in Donetsk region August 6, 2014.", [("August 6, 2014", "DATE")]),
        ("05/12/2024 07:39:38 am", [("05/12/2024 07:39:38 am", "TIME")]),
        # TBAQ sentences (TimeML span conventions)
        ("Suspected bombs exploded outside the U.S. embassies Friday, killing dozens", [("Friday", "DATE")]),
        ("a bomb went off at 10:35 a.m. near the embassy", [("10:35 a.m.", "TIME")]),
        ("Texas Instruments posted a third-quarter loss", [("third-quarter", "DATE")]),
        ("net income in the third quarter rose", [("the third quarter", "DATE")]),
        ("for the first nine months of the year", [("the first nine months", "DURATION"), ("the year", "DATE")]),
        ("earnings fell over the past two weeks", [("the past two weeks", "DURATION")]),
        ("a 16-hour flight and five hours on the ground", [("16-hour", "DURATION"), ("five hours", "DURATION")]),
        ("more than four hours of talks", [("more than four hours", "DURATION")]),
        ("it will resume shipments within two weeks", [("two weeks", "DURATION")]),
        ("the vaccine is given every Monday and daily doses follow", [("every Monday", "SET"), ("daily", "SET")]),
        ("up from 4 pence a year earlier.", [("a year earlier", "DATE")]),
        ("the treaty was signed three years ago", [("three years ago", "DATE")]),
        ("In nineteen ninety-one Charles Keating was convicted", [("nineteen ninety-one", "DATE")]),
        ("in the October slaying of Dr. Barnett Slepian", [("October", "DATE")]),
        ("Prices surged in the late 1970s and in the '80s.", [("the late 1970s", "DATE"), ("the '80s", "DATE")]),
        ("Output rose in 2014-Q3 and this summer.", [("2014-Q3", "DATE"), ("this summer", "DATE")]),
        ("Forces are now in place; he recently resigned.", [("now", "DATE"), ("recently", "DATE")]),
        ("Rebels shelled the city overnight and again over the weekend.", [("overnight", "TIME"), ("the weekend", "DATE")]),
        ("The talks collapsed. A day after, rebels attacked.", [("A day after", "DATE")]),
    ],
)
def test_spans_and_types(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Protesters may march on the capital.",
        "A second battalion was sent to the front.",
        "The 2nd battalion arrived in a second.",
        "The Sun reported the story first.",
        "Mar was elected mayor.",
        "It was an August institution.",
        "May I ask a question?",
        "The fall of the Berlin Wall changed Europe.",
        "Prices fall when supply rises.",
        "Police said 2000 people and 1500 troops took part.",
        "The fund raised $1990 and 20% more.",
        "a 6-year-old boy was rescued",
        "more than a quarter of the votes",
        "Sales climbed a quarter-point.",
        "Easter Inc. reported higher profit.",
    ],
)
def test_not_temporal(text):
    assert spans(text) == []


def test_may_and_march_as_verbs_leave_only_the_weekday():
    assert spans("Protesters may march on Sunday") == [("Sunday", "DATE")]


def test_weekday_abbreviation_only_inside_a_full_date():
    assert spans("Sun, 24 Aug 2014: The Sun says") == [("Sun, 24 Aug 2014", "DATE")]


@pytest.mark.parametrize(
    ("text", "span", "signal"),
    [
        ("troops have increased since July", "July", "since"),
        ("the offer runs until Friday", "Friday", "until"),
        ("the deal must close by Dec. 15", "Dec. 15", "by"),
        ("he left before the weekend", "the weekend", "before"),
        ("fighting resumed after Easter Sunday", "Easter Sunday", "after"),
        ("talks were held on Thursday", "Thursday", None),
    ],
)
def test_signal_is_outside_the_span(text, span, signal):
    (cand,) = recognise(text)
    assert (cand.text, cand.signal) == (span, signal)


def test_candidates_are_in_text_order_without_overlap():
    text = "On Aug. 24, 2014, and again on Monday, Oct. 26, talks resumed at 10 p.m. Wednesday."
    cands = recognise(text)
    assert [c.text for c in cands] == ["Aug. 24, 2014", "Monday, Oct. 26", "10 p.m. Wednesday"]
    assert all(a.end <= b.start for a, b in zip(cands, cands[1:]))
    assert all(text[c.start : c.end] == c.text for c in cands)


def test_recognise_span_rereads_an_accepted_span():
    cand = recognise_span("June")
    assert (cand.rule, cand.part("month")) == ("month", "June")
    assert recognise_span("the talks") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("1996", 1996), ("nineteen ninety-six", 1996), ("two thousand", 2000), ("nineteen oh five", 1905)],
)
def test_year_number(text, year):
    assert year_number(text) == year


@pytest.mark.parametrize(
    "text",
    [
        "a reporter for the New York Daily News said",  # LGL
        "according to Linda Daily, director for 2-1-1",  # LGL
        "the chairwoman of the March for Babies of DeKalb County",  # LGL
    ],
)
def test_names_are_not_temporal(text):
    assert spans(text) == []


def test_capitalised_daily_opening_a_sentence_is_a_set():
    assert spans("Daily flights resumed.") == [("Daily", "SET")]
