"""Calendar arithmetic and TIMEX3 value strings.

TIMEX3 values used here (TimeML 1.2.1): ``2014-08-07`` (day), ``2014-08-07T10:30`` (time),
``2014-08-07TNI`` (part of day), ``2014-W32`` (ISO week), ``2014-W31-WE`` (weekend),
``2014-08`` (month), ``2014-Q3`` (quarter), ``2014-H2`` (half year), ``2014-SU`` (season),
``2014`` (year), ``201`` (decade), ``20`` (century).

Seasons are northern-hemisphere meteorological seasons: SP = Mar-May, SU = Jun-Aug,
FA = Sep-Nov, WI = Dec-Feb. A winter belongs to the year of its December, so ``2014-WI`` is
2014-12-01..2015-02-28 and "this winter" written in January 2015 is ``2014-WI``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
SEASON_ORDER = ("WI", "SP", "SU", "FA")  # in calendar order within a "season year"

_VALUE_PATTERNS = (
    ("day", re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")),
    ("weekend", re.compile(r"^(\d{4})-W(\d\d?)-WE$")),
    ("week", re.compile(r"^(\d{4})-W(\d\d?)$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
    ("century", re.compile(r"^(\d{2})$")),
)


@dataclass(frozen=True)
class ParsedValue:
    """A calendar TIMEX3 value split into its granularity and numbers."""

    granularity: str  # day | week | weekend | month | quarter | half | season | year | decade | century
    year: int  # for decades/centuries: the first year (1990 for "199", 1900 for "19")
    number: int | None = None  # month, ISO week, quarter, half
    day: int | None = None
    season: str | None = None


def parse_value(value: str | None) -> ParsedValue | None:
    """Split a calendar TIMEX3 value; None for durations, sets, ``*_REF``, partial values and
    impossible dates ("2014-02-30", "2014-W53")."""
    if not value:
        return None
    for granularity, pattern in _VALUE_PATTERNS:
        m = pattern.match(value)
        if m:
            parsed = _parsed(granularity, m.groups())
            return parsed if _exists(parsed) else None
    return None


def _exists(parsed: ParsedValue) -> bool:
    g, number = parsed.granularity, parsed.number
    if g in ("season", "year", "decade", "century"):
        return parsed.year >= 1
    assert number is not None  # _parsed numbers every other granularity
    if g in ("month", "day") and not 1 <= number <= 12:
        return False
    if g == "day":
        assert parsed.day is not None
        return 1 <= parsed.day <= calendar.monthrange(parsed.year, number)[1]
    if g in ("week", "weekend"):
        return 1 <= number <= dt.date(parsed.year, 12, 28).isocalendar().week
    return parsed.year >= 1


def day_of(parsed: ParsedValue) -> dt.date:
    """The date of a day-granularity value."""
    assert parsed.number is not None and parsed.day is not None  # _parsed sets both for days
    return dt.date(parsed.year, parsed.number, parsed.day)


def _parsed(granularity: str, groups: tuple[str, ...]) -> ParsedValue:
    if granularity == "decade":
        return ParsedValue("decade", int(groups[0]) * 10)
    if granularity == "century":
        return ParsedValue("century", int(groups[0]) * 100)
    year = int(groups[0])
    if granularity == "day":
        return ParsedValue("day", year, int(groups[1]), int(groups[2]))
    if granularity == "season":
        return ParsedValue("season", year, season=groups[1])
    if granularity == "year":
        return ParsedValue("year", year)
    return ParsedValue(granularity, year, int(groups[1]))


# ---------------------------------------------------------------- formatting


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def weekend_value(day: dt.date) -> str:
    """The weekend of the ISO week containing ``day`` (TimeML ``YYYY-Www-WE``)."""
    return week_value(day) + "-WE"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def season_value(year: int, season: str) -> str:
    return f"{year:04d}-{season}"


# ---------------------------------------------------------------- arithmetic


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def shift_day(day: dt.date, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """``day`` moved by whole years/months (clamped to the month's end) and days."""
    year, month = add_months(day.year, day.month, years * 12 + months)
    clamped = min(day.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, clamped) + dt.timedelta(days=days)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: dt.date) -> tuple[int, str]:
    """The meteorological season containing ``day``; January 2015 is in ``2014-WI``."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SU", "FA")[(day.month - 3) // 3]


def season_index(year: int, season: str) -> int:
    """A running number of seasons, so that consecutive seasons differ by one."""
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    return year * 4 + order[season]


def season_from_index(index: int) -> tuple[int, str]:
    return index // 4, ("SP", "SU", "FA", "WI")[index % 4]


def season_bounds(year: int, season: str) -> tuple[dt.date, dt.date]:
    first, last = SEASON_MONTHS[season]
    start = dt.date(year, first, 1)
    end_year = year + 1 if season == "WI" else year
    return start, month_end(end_year, last)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def iso_week_monday(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The latest date on or before ``day`` falling on ``weekday`` (Monday = 0)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(day: dt.date, weekday: int) -> dt.date:
    """The first date strictly after ``day`` falling on ``weekday`` (Monday = 0)."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def easter_sunday(year: int) -> dt.date:
    """Western Easter (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` of a month (n = 4 for US Thanksgiving's fourth Thursday)."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
