"""Normalising temporal expressions against the publication date, and their intervals."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbuilder.errors import ConfigError
from eventbuilder.model import DateInterval, Timex
from eventbuilder.resolve.dates import find_timexes, redirect, timex_interval

DCT = dt.date(2014, 8, 7)  # the seed article's publication date, a Thursday


def values(text: str, dct: dt.date | None = DCT, **kwargs) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_timexes(text, dct, **kwargs)]


def only(text: str, dct: dt.date | None = DCT, **kwargs) -> Timex:
    (timex,) = find_timexes(text, dct, **kwargs)
    return timex


# ---------------------------------------------------------------- the seed article


def test_seed_article(seed_text):
    found = find_timexes(seed_text, DCT)
    assert [(t.text, t.type, t.value, t.signal) for t in found] == [
        ("05/12/2024 07:39:38 am", "TIME", "2024-05-12T07:39:38", None),  # the page clock, reported as text
        ("August 6, 2014", "DATE", "2014-08-06", None),
        ("Thursday", "DATE", "2014-08-07", None),
        ("June", "DATE", "2014-06", None),
        ("July", "DATE", "2014-07", "since"),
        ("Wednesday", "DATE", "2014-08-06", None),
        ("next month", "DATE", "2014-09", None),
        ("Wednesday", "DATE", "2014-08-06", None),
    ]
    assert all(seed_text[t.start : t.end] == t.text for t in found)
    since_july = found[4]
    assert timex_interval(since_july, DCT) == DateInterval(dt.date(2014, 7, 1), DCT, "range")
    assert [t.method for t in found[1:4]] == ["explicit", "relative", "relative"]


def test_seed_article_with_parsed_doc(seed_text, nlp):
    plain = [(t.text, t.value) for t in find_timexes(seed_text, DCT)]
    parsed = [(t.text, t.value) for t in find_timexes(seed_text, DCT, nlp(seed_text))]
    assert parsed == plain


# ---------------------------------------------------------------- values against a publication date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays by tense: past = most recent on or before the dct, future = the next one after it
        ("NATO officials met on Thursday in Brussels.", [("Thursday", "2014-08-07")]),
        ("Concerns escalated on Wednesday.", [("Wednesday", "2014-08-06")]),
        ("The ministers will meet on Thursday.", [("Thursday", "2014-08-14")]),
        ("Protesters may march on Sunday.", [("Sunday", "2014-08-10")]),
        ("Talks resume next Wednesday.", [("next Wednesday", "2014-08-13")]),
        ("The convoy left last Friday.", [("last Friday", "2014-08-01")]),
        ("Rebels seized the airport last week.", [("last week", "2014-W31")]),
        ("Sales rose this week.", [("this week", "2014-W32")]),
        ("Earlier this month, troops massed at the border.", [("Earlier this month", "2014-08")]),
        ("Elections are due next month.", [("next month", "2014-09")]),
        # "In June": the most recent June for past events, the next one for planned events
        ("In June, NATO agreed to set up four funds.", [("June", "2014-06")]),
        ("The summit will take place in June.", [("June", "2015-06")]),
        ("Fighting intensified in late December.", [("late December", "2013-12")]),
        ("The ceasefire collapsed in mid-July.", [("mid-July", "2014-07")]),
        ("Aid convoys arrived in early August.", [("early August", "2014-08")]),
        ("Shelling continued over the weekend.", [("the weekend", "2014-W31-WE")]),
        ("Rebels shelled the city overnight.", [("overnight", "2014-08-06TNI")]),
        ("He arrived yesterday and leaves today.", [("yesterday", "2014-08-06"), ("today", "2014-08-07")]),
        ("A vote is due tonight.", [("tonight", "2014-08-07TNI")]),
        ("GDP grew this year after falling last year.", [("this year", "2014"), ("last year", "2013")]),
        ("The base was built three years ago.", [("three years ago", "2011")]),
        ("The embassy opened six weeks ago.", [("six weeks ago", "2014-W26")]),
        ("Tourism rose this summer.", [("this summer", "2014-SU")]),
        ("Output fell in the third quarter.", [("the third quarter", "2014-Q3")]),
        ("Output fell in 2014-Q3.", [("2014-Q3", "2014-Q3")]),
        ("The meeting started at 10:30 a.m.", [("10:30 a.m.", "2014-08-07T10:30")]),
        ("Troops are now in place and currently resting.", [("now", "PRESENT_REF"), ("currently", "PRESENT_REF")]),
        ("He recently resigned; he was formerly a general.", [("recently", "PAST_REF"), ("formerly", "PAST_REF")]),
        ("It will matter in the near future.", [("the near future", "FUTURE_REF")]),
        # explicit dates
        ("The invasion began on 24 February 2022.", [("24 February 2022", "2022-02-24")]),
        ("Results were published on 2014-08-01.", [("2014-08-01", "2014-08-01")]),
        ("The war ended in 1988.", [("1988", "1988")]),
        ("Prices rose in the 1990s.", [("the 1990s", "199")]),
        ("The vote is set for Aug. 24.", [("Aug. 24", "2014-08-24")]),
        ("The offensive began on Feb 24th.", [("Feb 24th", "2014-02-24")]),
        ("It happened in the 20th century.", [("the 20th century", "19")]),
        # durations and sets
        ("Violence rose over the past two weeks.", [("the past two weeks", "P2W")]),
        ("The siege lasted 5 1/2 hours.", [("5 1/2 hours", "PT5H30M")]),
        ("The loan runs 2 1/2 years.", [("2 1/2 years", "P2Y6M")]),
        ("Patrols run every Monday.", [("every Monday", "XXXX-WXX-1")]),
        ("Convoys leave twice a week.", [("twice a week", "P1W")]),
    ],
)
def test_values(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # a month-day without a year across a year boundary
        ("Fighting resumed on Dec. 21.", dt.date(2023, 1, 10), [("Dec. 21", "2022-12-21")]),
        # TBAQ: APW19980807.0261, NYT20000106, wsj_0068
        ("Suspected bombs exploded outside the U.S. embassies Friday, killing dozens.", dt.date(1998, 8, 7), [("Friday", "1998-08-07")]),
        ("The reduced dividend is payable Jan. 2 to stock of record Dec. 15.", dt.date(1989, 11, 2), [("Jan. 2", "1990-01-02"), ("Dec. 15", "1989-12-15")]),
        ("Meissner gave no reason for the Jan. 14 deadline.", dt.date(2000, 1, 6), [("Jan. 14", "2000-01-14")]),
        # the quarter being reported, and the same quarter a year earlier (wsj_0160-style)
        (
            "Net income rose in the third quarter from $5 million a year earlier. "
            "Revenue in the quarter rose 5%, compared with the year-ago quarter.",
            dt.date(1989, 11, 2),
            [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3"), ("the quarter", "1989-Q3"), ("the year-ago quarter", "1988-Q3")],
        ),
        ("Sales in the quarter ended Sept. 30 rose.", dt.date(1989, 10, 26), [("the quarter", "1989-Q3"), ("Sept. 30", "1989-09-30")]),
        ("Earnings fell in the fourth quarter.", dt.date(1998, 1, 26), [("the fourth quarter", "1997-Q4")]),
        ("Last November the plant closed.", dt.date(2000, 1, 13), [("Last November", "1999-11")]),
        ("In nineteen ninety-one Charles Keating was convicted.", dt.date(1998, 1, 15), [("nineteen ninety-one", "1991")]),
    ],
)
def test_values_in_other_articles(text, dct, expected):
    assert values(text, dct) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks collapsed on Monday. The same evening, rebels attacked.", [("Monday", "2014-08-04"), ("The same evening", "2014-08-04TEV")]),
        ("The talks collapsed on Aug. 4. A day after, rebels attacked.", [("Aug. 4", "2014-08-04"), ("A day after", "2014-08-05")]),
        ("The talks collapsed on Aug. 4. Two days later, rebels attacked.", [("Aug. 4", "2014-08-04"), ("Two days later", "2014-08-06")]),
        ("A day after, rebels attacked.", [("A day after", "2014-08-08")]),  # no earlier date: the dct
        ("The siege began on Aug. 1. That day, 40 people died.", [("Aug. 1", "2014-08-01"), ("That day", "2014-08-01")]),
        ("Troops entered on July 3. The next morning they left.", [("July 3", "2014-07-03"), ("The next morning", "2014-07-04TMO")]),
        ("They signed in 2009, and the following year they broke it.", [("2009", "2009"), ("the following year", "2010")]),
    ],
)
def test_anchored_expressions(text, expected):
    found = find_timexes(text, DCT)
    assert [(t.text, t.value) for t in found] == expected
    assert found[-1].method == "anchored"


def test_anchored_after_an_event_is_a_duration():
    # "after the war" anchors to the war, not to the last date: TimeML keeps only the duration
    assert values("Twenty years after the war, the border reopened.") == [("Twenty years", "P20Y")]


def test_methods():
    found = find_timexes("On Aug. 24, 2014, and on Aug. 25, talks resumed; two days later they ended.", DCT)
    assert [t.method for t in found] == ["explicit", "relative", "anchored"]


def test_mods():
    found = find_timexes("Fighting peaked in late December; talks early next year took more than four hours.", DCT)
    assert [(t.value, t.mod) for t in found] == [("2013-12", "END"), ("2015", "START"), ("PT4H", "MORE_THAN")]


# ---------------------------------------------------------------- tense from a parsed Doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO officials met on Thursday in Brussels.", "2014-08-07"),
        ("The ministers will meet on Thursday.", "2014-08-14"),
        ("Officials said Friday that talks will resume Monday.", "2014-08-01"),
        ("Officials said the talks will resume Monday.", "2014-08-11"),
        ("The group is to resume trading Tuesday.", "2014-08-12"),
    ],
)
def test_weekday_direction_from_doc(nlp, text, expected):
    assert find_timexes(text, DCT, nlp(text))[0].value == expected


# ---------------------------------------------------------------- numeric dates and date order


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("on 05/12/2024", "MDY", "2024-05-12"),
        ("on 05/12/2024", "DMY", "2024-12-05"),
        ("on 25/12/2024", "MDY", "2024-12-25"),  # a first number above 12 can only be a day
        ("on 12/25/2024", "DMY", "2024-12-25"),
        ("on 2024-05-12", "DMY", "2024-05-12"),  # ISO is always year-month-day
        ("on 5.12.2024", "DMY", "2024-12-05"),
    ],
)
def test_numeric_date_order(text, order, expected):
    assert only(text, date_order=order).value == expected


def test_unknown_date_order_is_a_config_error():
    with pytest.raises(ConfigError):
        find_timexes("on 05/12/2024", DCT, date_order="YMD")


# ---------------------------------------------------------------- without a publication date


def test_without_dct_relative_expressions_stay_partial():
    found = find_timexes("In June, on Thursday, on Aug. 24 and yesterday; on 24 February 2022.", None)
    assert [(t.text, t.value, t.method) for t in found] == [
        ("June", "XXXX-06", "relative"),
        ("Thursday", "XXXX-WXX-4", "relative"),
        ("Aug. 24", "XXXX-08-24", "relative"),
        ("yesterday", None, "relative"),
        ("24 February 2022", "2022-02-24", "explicit"),
    ]


def test_datetime_dct_is_accepted():
    assert only("They met on Thursday.", dt.datetime(2014, 8, 7, 9, 30)).value == "2014-08-07"


# ---------------------------------------------------------------- intervals


def interval(text: str, dct: dt.date | None = DCT) -> tuple:
    found = timex_interval(only(text, dct), dct)
    return found.start, found.end, found.granularity


D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since July", (D(2014, 7, 1), D(2014, 8, 7), "range")),
        ("in early August", (D(2014, 8, 1), D(2014, 8, 10), "range")),
        ("in mid-July", (D(2014, 7, 11), D(2014, 7, 20), "range")),
        ("fought in late December", (D(2013, 12, 21), D(2013, 12, 31), "range")),
        ("earlier this month", (D(2014, 8, 1), D(2014, 8, 7), "range")),
        ("on Thursday", (D(2014, 8, 7), D(2014, 8, 7), "day")),
        ("last week", (D(2014, 7, 28), D(2014, 8, 3), "week")),
        ("over the weekend", (D(2014, 8, 2), D(2014, 8, 3), "range")),
        ("in June", (D(2014, 6, 1), D(2014, 6, 30), "month")),
        ("in the third quarter", (D(2014, 7, 1), D(2014, 9, 30), "quarter")),
        ("this summer", (D(2014, 6, 1), D(2014, 8, 31), "season")),
        ("this winter", (D(2014, 12, 1), D(2015, 2, 28), "season")),
        ("in 1988", (D(1988, 1, 1), D(1988, 12, 31), "year")),
        ("in the 2010s", (D(2010, 1, 1), D(2019, 12, 31), "decade")),
        ("in early 2014", (D(2014, 1, 1), D(2014, 4, 30), "range")),
        ("now", (DCT, DCT, "day")),
        ("recently", (None, None, "unknown")),
        ("the past two weeks", (D(2014, 7, 24), DCT, "range")),
        ("the next three months", (DCT, D(2014, 11, 7), "range")),
        ("for two weeks", (None, None, "unknown")),
        ("every Monday", (None, None, "unknown")),
        ("until Friday", (None, D(2014, 8, 1), "range")),
        ("after Easter Sunday", (D(2014, 4, 21), None, "range")),
        ("at 10:30 a.m.", (DCT, DCT, "day")),
    ],
)
def test_intervals(text, expected):
    assert interval(text) == expected


def test_decade_value_interval():
    timex = Timex(0, 9, "the 2010s", "DATE", "201")
    assert timex_interval(timex, DCT) == DateInterval(D(2010, 1, 1), D(2019, 12, 31), "decade")


def test_interval_without_dct():
    assert interval("in June", None) == (None, None, "unknown")
    assert interval("on 24 February 2022", None) == (D(2022, 2, 24), D(2022, 2, 24), "day")


# ---------------------------------------------------------------- redirect


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("on Thursday", "future", "2014-08-14"),
        ("on Thursday", "past", "2014-08-07"),
        ("In June", "future", "2015-06"),
        ("In June", "past", "2014-06"),
        ("on Aug. 24", "past", "2013-08-24"),
        ("this summer", "future", "2014-SU"),  # not underspecified: unchanged
        ("last week", "future", "2014-W31"),
        ("on 24 February 2022", "future", "2022-02-24"),
    ],
)
def test_redirect(text, direction, expected):
    timex = only(text)
    moved = redirect(timex, DCT, direction)
    assert moved.value == expected
    assert (moved.start, moved.end, moved.text, moved.type) == (timex.start, timex.end, timex.text, timex.type)


def test_redirect_keeps_the_signal():
    moved = redirect(only("since July"), DCT, "past")
    assert (moved.value, moved.signal) == ("2014-07", "since")


def test_redirect_rejects_unknown_direction():
    with pytest.raises(ConfigError):
        redirect(only("on Thursday"), DCT, "sideways")


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("They met at Christmas.", DCT, "2013-12-25"),
        ("They will meet at Christmas.", DCT, "2014-12-25"),
        ("last Christmas", dt.date(2014, 12, 25), "2013-12-25"),
        ("next Easter", DCT, "2015-04-05"),
        ("on Thanksgiving Day 2014", DCT, "2014-11-27"),
    ],
)
def test_holidays(text, dct, expected):
    assert only(text, dct).value == expected
