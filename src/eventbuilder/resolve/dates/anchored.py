"""Expressions measured from another date: "three years ago", "two days later", "the same evening",
"the next day", "a year earlier", and the quarters of financial reporting ("the third quarter",
"the year-ago quarter").

"N units ago" / "from now" count from the publication date (method ``relative``). "N units
later/earlier/after/before", "that day", "the following week" count from the most recent date
mentioned before them in the text (method ``anchored``): a day-precise one for day-sized units,
else the dct; any calendar date for months and years. A year shift keeps the anchor's
precision, so "a year earlier" after "the third quarter" of 1989 is 1988-Q3, as in the
earnings reports of the TimeBank corpus ("profit rose to $X from $Y a year earlier").
"""

from __future__ import annotations

import datetime as dt

from eventbuilder.nlp.timex import ORDINALS, TimexCandidate
from eventbuilder.resolve.dates import calendar as cal
from eventbuilder.resolve.dates.calendar import ParsedValue
from eventbuilder.resolve.dates.context import Resolution, TextState
from eventbuilder.resolve.dates.durations import number_of, unit_of
from eventbuilder.resolve.dates.points import POD_CODES, mod_of, month_number, pick_year

_BACKWARD = ("ago", "earlier", "before", "back")
_FROM_DCT = ("ago", "back", "hence", "from now")
_APPROX = ("about", "nearly", "almost", "some", "roughly", "around", "approximately")


def _words(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def _as_parsed(day: dt.date) -> ParsedValue:
    return ParsedValue("day", day.year, day.month, day.day)


def shift_calendar(base: ParsedValue, unit: str, amount: int) -> str | None:
    """``base`` moved by ``amount`` units, written at the precision the unit and base allow."""
    if unit in ("second", "minute", "hour"):
        unit, amount = "day", round(amount / {"second": 86400, "minute": 1440, "hour": 24}[unit])
    if unit in ("day", "week", "fortnight") and base.granularity == "day":
        days = amount * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return (cal.day_of(base) + dt.timedelta(days=days)).isoformat()
    if unit == "month" and base.granularity in ("day", "month"):
        return _month_shift(base, amount)
    if unit == "quarter" and base.granularity == "quarter":
        assert base.number is not None  # a quarter value is numbered
        return cal.quarter_value(*cal.add_quarters(base.year, base.number, amount))
    if unit == "year":
        return _shift_years(base, amount)
    if unit in ("decade", "century"):
        return str(base.year + amount * (10 if unit == "decade" else 100))
    return None


def _month_shift(base: ParsedValue, months: int) -> str:
    """A day or month value moved by whole months, written as a month."""
    assert base.number is not None  # days and months are numbered
    return cal.month_value(*cal.add_months(base.year, base.number, months))


def _shift_years(base: ParsedValue, years: int) -> str:
    """A year shift keeps a quarter or season ("a year earlier" than 1989-Q3 is 1988-Q3) and is
    otherwise a year: "a year earlier" than a day is rarely meant to the day."""
    if base.granularity == "quarter":
        assert base.number is not None
        return cal.quarter_value(base.year + years, base.number)
    if base.granularity == "season":
        assert base.season is not None
        return cal.season_value(base.year + years, base.season)
    return str(base.year + years)


def _dct_offset(dct: dt.date, unit: str, amount: int, state: TextState) -> str | None:
    """"three years ago" = 2011, "six weeks ago" = an ISO week, "two months ago" = a month."""
    if unit == "year" and state.last_calendar and state.last_calendar.granularity == "quarter":
        return _shift_years(state.last_calendar, amount)
    if unit in ("week", "fortnight"):
        return cal.week_value(dct + dt.timedelta(days=amount * (7 if unit == "week" else 14)))
    if unit in ("year", "decade", "century"):
        return shift_calendar(ParsedValue("year", dct.year), unit, amount)
    return shift_calendar(_as_parsed(dct), unit, amount)


def _anchor_for(unit: str, state: TextState) -> ParsedValue:
    if unit in ("second", "minute", "hour", "day", "week", "fortnight"):
        return _as_parsed(state.anchor_day())
    last = state.last_calendar
    if unit == "month" and last and last.granularity in ("day", "month"):
        return last
    if unit in ("year", "quarter", "decade", "century") and last:
        return last
    return _as_parsed(state.reference())


def offset(cand: TimexCandidate, state: TextState) -> Resolution:
    """"three years ago", "two days later", "a day after", "a year earlier", "two weeks from now"."""
    direction = _words(cand.part("dir"))
    amount = number_of(cand.need("num"))
    backward = direction in _BACKWARD
    mod = "APPROX" if _words(cand.part("mod")) in _APPROX else None
    if amount is None:
        return Resolution("PAST_REF" if backward else "FUTURE_REF", mod=mod)
    unit = unit_of(cand.need("unit"))
    steps = round(amount) * (-1 if backward else 1)
    comparison = unit == "year" and abs(steps) == 1
    if direction in _FROM_DCT:
        return Resolution(_dct_offset(state.reference(), unit, steps, state), "relative", mod, comparison=comparison)
    return Resolution(shift_calendar(_anchor_for(unit, state), unit, steps), "anchored", mod, comparison=comparison)


_ANCHOR_SHIFT = {
    "that": 0, "that same": 0, "the same": 0, "the next": 1, "the following": 1,
    "the previous": -1, "the preceding": -1, "the prior": -1, "before": -1, "after": 1,
}  # fmt: skip


def anchored_unit(cand: TimexCandidate, state: TextState) -> Resolution:
    """"the same evening", "that day", "the next morning", "the following year", "the day before"."""
    shift = _ANCHOR_SHIFT[_words(cand.part("rel") or cand.part("dir"))]
    unit = cand.need("unit", "unit2").lower()
    mod = mod_of(cand.part("mod")) if _words(cand.part("mod")) in ("early", "late") else None
    if unit in POD_CODES:
        day = state.anchor_day() + dt.timedelta(days=shift)
        return Resolution(f"{day.isoformat()}T{POD_CODES[unit]}", "anchored", mod)
    if unit == "weekend":
        saturday = cal.weekday_on_or_before(state.anchor_day(), 5) + dt.timedelta(days=7 * shift)
        return Resolution(cal.weekend_value(saturday), "anchored", mod)
    base = _anchor_for(unit, state)
    if unit == "week":
        return Resolution(cal.week_value(cal.day_of(base) + dt.timedelta(days=7 * shift)), "anchored", mod)
    if unit == "month" and base.granularity in ("day", "month"):
        return Resolution(_month_shift(base, shift), "anchored", mod)
    if unit == "year":
        return Resolution(str(base.year + shift), "anchored", mod)
    return Resolution(shift_calendar(base, unit, shift), "anchored", mod)


# ---------------------------------------------------------------- quarters of financial reporting


def _last_completed_quarter(state: TextState) -> tuple[int, int]:
    dct = state.reference()
    return cal.add_quarters(dct.year, cal.quarter_of(dct), -1)


def _reference_quarter(state: TextState) -> tuple[tuple[int, int], str]:
    """The quarter "the quarter" means: the last one mentioned, else the quarter of the last
    date mentioned ("the quarter ended Sept. 30"), else the last completed one."""
    if state.last_quarter:
        return state.last_quarter, "anchored"
    last = state.last_calendar
    if last and last.granularity in ("day", "month"):
        assert last.number is not None  # days and months are numbered
        return (last.year, (last.number - 1) // 3 + 1), "anchored"
    return _last_completed_quarter(state), "relative"


def quarter(cand: TimexCandidate, state: TextState) -> Resolution:
    """"the third quarter", "third-quarter", "the fourth quarter of 1990", "next year's first quarter"."""
    number = ORDINALS[cand.need("ord").lower()]
    explicit = cand.part("year") or cand.part("year2") or cand.part("year3")
    if explicit:
        return Resolution(cal.quarter_value(int(explicit), number), "explicit")
    if state.dct is None and not state.last_quarter:
        return Resolution(f"XXXX-Q{number}")
    rel = _words(cand.part("yrel") or cand.part("yrel2")).replace("’", "'")
    if rel.startswith("year"):  # "the year-ago third quarter"
        base_year = (state.last_quarter or (state.reference().year, 0))[0]
        return Resolution(cal.quarter_value(base_year - 1, number), "anchored", comparison=True)
    shift = {"last year's": -1, "last": -1, "next year's": 1, "next": 1}.get(rel, 0)
    dct = state.reference()
    if shift:
        return Resolution(cal.quarter_value(dct.year + shift, number))
    # The nearest occurrence, whatever the tense: companies "expect to report" a quarter that
    # has ended, and "the fourth quarter" in a January report is the one just ended.
    first_month = 3 * number - 2
    year = pick_year(dct, None, lambda y: (dt.date(y, first_month, 1), cal.month_end(y, first_month + 2)))
    return Resolution(cal.quarter_value(year, number))


_YEAR_BACK = ("year ago", "year-ago", "year earlier", "year-earlier")


def quarter_ref(cand: TimexCandidate, state: TextState) -> Resolution:
    """"the quarter", "the latest quarter", "the year-ago quarter", "the 1988 period", "last quarter"."""
    which = _words(cand.part("which2") or cand.part("which"))
    det = _words(cand.part("det"))
    if which in _YEAR_BACK or cand.part("tail"):
        (year, number), _ = _reference_quarter(state)
        return Resolution(cal.quarter_value(year - 1, number), "anchored", comparison=True)
    year_text = cand.part("year")
    if year_text:  # "the 1988 period": the reported quarter in that year
        year = int(year_text)
        if state.last_quarter:
            earlier = year < state.last_quarter[0]
            return Resolution(cal.quarter_value(year, state.last_quarter[1]), "anchored", comparison=earlier)
        return Resolution(str(year), "explicit")
    dct = state.dct
    if which == "current" or det == "this" and not which:
        dct = state.reference()
        return Resolution(cal.quarter_value(dct.year, cal.quarter_of(dct)))
    if det in ("last", "next") and not which:
        dct = state.reference()
        return Resolution(cal.quarter_value(*cal.add_quarters(dct.year, cal.quarter_of(dct), -1 if det == "last" else 1)))
    ended = cand.part("ended")
    if ended and (cand.part("unit") or "").lower() == "quarter":
        # "the quarter ended Sept. 30": the quarter holding its last day
        return Resolution(_quarter_ending(ended, state))
    if which == "latest":  # "the latest quarter" is the last one completed before publication
        return Resolution(cal.quarter_value(*_last_completed_quarter(state)))
    (year, number), method = _reference_quarter(state)
    if which in ("past", "previous", "prior") and method == "anchored":
        year, number = cal.add_quarters(year, number, -1)
    return Resolution(cal.quarter_value(year, number), method)


def _quarter_ending(month_name: str, state: TextState) -> str:
    month = month_number(month_name)
    year = pick_year(state.reference(), "past", lambda y: (dt.date(y, month, 1), cal.month_end(y, month)))
    return cal.quarter_value(year, (month - 1) // 3 + 1)


def _year_back(state: TextState) -> Resolution:
    if state.last_calendar is not None:
        return Resolution(_shift_years(state.last_calendar, -1), "anchored", comparison=True)
    return Resolution(str(state.reference().year - 1), comparison=True)


def year_ago_adjective(cand: TimexCandidate, state: TextState) -> Resolution:
    """"year-earlier profit", "year-ago levels": the reference period a year before."""
    return _year_back(state)
