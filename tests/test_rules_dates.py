"""Claim dates that hold on unseen articles (issue 12): one tense-driven direction for months and
days, the speech's date for what the speech reports, dates told as a distance from another event,
the date of an act named by a noun, "since" ending on the day of the speech, "over the same
period", "by" and "in the coming days" for plans. Sentences are written like the wire copy that
motivated each rule; expected values are exact."""

from __future__ import annotations

from datetime import date

import pytest

from eventbuilder.api import extract_text


def _row(text: str, published: str, **where) -> dict:
    rows = [r for r in extract_text(text, published) if all(r[k] == v for k, v in where.items())]
    assert len(rows) == 1, [(r["event_type"], r["trigger"]) for r in extract_text(text, published)]
    return rows[0]


def _dates(row: dict) -> tuple:
    return row["date_start"], row["date_end"], row["date_method"]


@pytest.mark.parametrize("text, where, start, end", [
    # a month without a year: the last one before the article in a past clause, the next one in a future clause
    ("Russian air defences shot down a Ukrainian jet in November.", {"event_type": "attack"},
     date(2013, 11, 1), date(2013, 11, 30)),
    ("In January, the rebels seized the town of Kidal.", {"trigger": "seized"}, date(2014, 1, 1), date(2014, 1, 31)),
    ("NATO will deploy four battalions to the Baltic states in November.", {"event_type": "troop_deployment"},
     date(2014, 11, 1), date(2014, 11, 30)),
])
def test_a_month_without_a_year_follows_the_tense_of_its_own_verb(nlp, text, where, start, end):
    row = _row(text, "2014-08-07", **where)
    assert (row["date_start"], row["date_end"]) == (start, end)


def test_a_state_reported_in_speech_takes_the_speech_date(nlp):
    row = _row("The general said on Tuesday that 40,000 troops remained deployed near the border.", "2014-08-07",
               event_type="troop_deployment")
    assert _dates(row) == (date(2014, 8, 5), date(2014, 8, 5), "relative")


def test_the_report_of_a_dated_event_is_news_of_the_day(nlp):
    row = _row("Iraq fired at least four missiles at Kuwait on Thursday, Kuwaiti officials said.", "2003-03-21",
               event_type="statement")
    assert _dates(row) == (date(2003, 3, 21), date(2003, 3, 21), "publication_fallback")


@pytest.mark.parametrize("text, published, where, day", [
    ("Russian missiles struck the port of Odesa on Saturday, a day after Moscow and Kyiv signed a grain deal in "
     "Istanbul.", "2022-07-24", {"event_type": "agreement"}, date(2022, 7, 22)),
    ("The king declared a state of emergency on Tuesday, two days after about 1,000 Saudi troops crossed the "
     "causeway.", "2011-03-16", {"event_type": "troop_deployment"}, date(2011, 3, 13)),
    ("The three presidents initialled the accord on Tuesday in Ohio. Speaking at the White House hours later, "
     "President Bill Clinton said the United States would send about 20,000 troops.", "1995-11-22",
     {"event_type": "statement"}, date(1995, 11, 21)),
])
def test_a_date_told_as_a_distance_from_another_event(nlp, text, published, where, day):
    row = _row(text, published, **where)
    assert _dates(row) == (day, day, "anchored")


def test_a_date_inside_a_noun_dates_the_act_the_noun_names(nlp):
    text = ("Jaish-e-Mohammed claimed responsibility for the Feb. 14 suicide bombing that killed 40 paramilitary "
            "police in Pulwama.")
    claimed = _row(text, "2019-02-28", trigger="claimed")
    killed = _row(text, "2019-02-28", trigger="killed")
    assert _dates(claimed) == (date(2019, 2, 28), date(2019, 2, 28), "publication_fallback")
    assert (killed["date_start"], killed["date_text"]) == (date(2019, 2, 14), "Feb. 14")


def test_an_act_at_which_a_claim_was_made_dates_it(nlp):
    row = _row("European Union leaders agreed at a summit in Brussels on Monday to ban Belarusian airlines.",
               "2021-05-25", event_type="agreement")
    assert row["date_start"] == date(2021, 5, 24)


def test_since_in_speech_ends_on_the_day_of_the_speech(nlp):
    row = _row("Separatist officials said on Wednesday that at least 200 people had been killed since Tuesday.",
               "2023-09-21", event_type="attack")
    assert (row["date_start"], row["date_end"], row["date_granularity"]) == (
        date(2023, 9, 19), date(2023, 9, 20), "range")


def test_over_the_same_period_is_the_period_told_before(nlp):
    row = _row("Azerbaijani forces have shelled Stepanakert since Aug. 25, officials said. Over the same period, at "
               "least 200 people were killed.", "2023-09-21", trigger="killed")
    assert _dates(row) == (date(2023, 8, 25), date(2023, 9, 21), "anchored")


@pytest.mark.parametrize("text, start, end", [
    ("Armenia must return the Kalbajar district to Azerbaijan by Nov. 15.", date(2020, 11, 10), date(2020, 11, 15)),
    ("Putin has decided to invade Ukraine in the coming days, Biden said.", date(2020, 11, 11), date(2020, 11, 17)),
])
def test_the_span_of_a_plan(nlp, text, start, end):
    row = next(r for r in extract_text(text, "2020-11-10") if r["event_type"] in ("concession", "attack"))
    assert (row["date_start"], row["date_end"], row["date_granularity"]) == (start, end, "range")


@pytest.mark.parametrize("text, where, start", [
    # without "that" the parser hangs "on Monday" on the reported verb; it dates the report, backwards
    ("Ukraine said on Monday it would send 5,000 troops in the coming days.", {"trigger": "said"},
     date(2014, 8, 4)),
    ("Ukraine said on Monday that it would send 5,000 troops.", {"trigger": "said"}, date(2014, 8, 4)),
    # after the content's subject the expression is the content's: a plan, forwards
    ("Ukraine said it would send 5,000 troops on Monday.", {"event_type": "troop_deployment"}, date(2014, 8, 11)),
])
def test_a_date_between_a_report_and_its_content_dates_the_report(nlp, text, where, start):
    assert _row(text, "2014-08-07", **where)["date_start"] == start
