"""From a TIMEX3 value to an inclusive calendar interval with its granularity.

Choices (documented because analysts filter on them):

* weeks are ISO weeks, Monday to Sunday; a weekend (``2014-W31-WE``) is its Saturday and Sunday
  (granularity ``range``);
* seasons are northern-hemisphere meteorological seasons (SP Mar-May, SU Jun-Aug, FA Sep-Nov,
  WI Dec-Feb, a winter belonging to the year of its December);
* halves of years and centuries have granularity ``range``;
* mod START/MID/END keep the first, middle or last third of the interval and make it a
  ``range``: for a month days 1-10, 11-20 and 21-end ("early August" = 08-01..08-10,
  "mid-July" = 07-11..07-20, "late December" = 12-21..12-31); for a year Jan-Apr, May-Aug and
  Sep-Dec; for a decade years 0-3, 4-6 and 7-9; otherwise thirds of the days. "earlier this
  month" ends on the publication date and "later this month" starts on it;
* signal "since" gives the range from the start of the expression to the publication date
  ("since July" written 2014-08-07 = 2014-07-01..2014-08-07); "until"/"by" the range from the
  publication date to the expression (open at the start when the expression is already past), "before" one ending the day before it, "after" one starting the day after;
* PRESENT_REF is the publication day; PAST_REF, FUTURE_REF, partial values ("XXXX-06"), sets and
  durations are ``unknown``, except durations counted back or forward from the publication date
  ("the past two weeks", "the next three months"), which are ranges ending or starting on it, and
  "the coming days" (the seven days after it) and "the coming weeks" (the 28 days after it).
"""

from __future__ import annotations

import datetime as dt
import re

from eventbuilder.model import DateInterval, Timex
from eventbuilder.resolve.dates import calendar as cal
from eventbuilder.resolve.dates.calendar import ParsedValue, parse_value

UNKNOWN = DateInterval(None, None, "unknown")
_GRANULARITY = {
    "day": "day", "week": "week", "weekend": "range", "month": "month", "quarter": "quarter",
    "half": "range", "season": "season", "year": "year", "decade": "decade", "century": "range",
}  # fmt: skip
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_LOOKS_BACK = re.compile(r"^(?:the\s+)?(?:past|last|previous|recent)\b", re.IGNORECASE)
_LOOKS_AHEAD = re.compile(r"^(?:the\s+)?(?:next|coming|following)\b", re.IGNORECASE)
_VAGUE_AHEAD = {"PXD": 7, "PXW": 28}


def calendar_bounds(parsed: ParsedValue) -> tuple[dt.date, dt.date]:
    """First and last day of a parsed calendar value."""
    g, year = parsed.granularity, parsed.year
    if g == "day":
        day = cal.day_of(parsed)
        return day, day
    number = parsed.number
    if g in ("week", "weekend"):
        assert number is not None  # weeks, months, quarters and halves are numbered
        monday = cal.iso_week_monday(year, number)
        if g == "weekend":
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if g == "month":
        assert number is not None
        return dt.date(year, number, 1), cal.month_end(year, number)
    if g in ("quarter", "half"):
        assert number is not None
        months = 3 if g == "quarter" else 6
        first = (number - 1) * months + 1
        return dt.date(year, first, 1), cal.month_end(year, first + months - 1)
    if g == "season":
        assert parsed.season is not None
        return cal.season_bounds(year, parsed.season)
    span = {"year": 1, "decade": 10, "century": 100}[g]
    return dt.date(year, 1, 1), dt.date(year + span - 1, 12, 31)


def _thirds(parsed: ParsedValue, start: dt.date, end: dt.date, mod: str) -> tuple[dt.date, dt.date]:
    index = {"START": 0, "MID": 1, "END": 2}[mod]
    if parsed.granularity == "year":
        first = 4 * index + 1
        return dt.date(parsed.year, first, 1), cal.month_end(parsed.year, first + 3)
    if parsed.granularity == "decade":
        first, last = ((0, 3), (4, 6), (7, 9))[index]
        return dt.date(parsed.year + first, 1, 1), dt.date(parsed.year + last, 12, 31)
    third = ((end - start).days + 1) // 3
    if index == 2:
        return start + dt.timedelta(days=2 * third), end
    return start + dt.timedelta(days=index * third), start + dt.timedelta(days=(index + 1) * third - 1)


def _calendar_interval(timex: Timex, dct: dt.date | None) -> DateInterval:
    if timex.value == "PRESENT_REF":
        return DateInterval(dct, dct, "day") if dct else UNKNOWN
    parsed = parse_value(timex.value)
    if parsed is None:
        return UNKNOWN
    start, end = calendar_bounds(parsed)
    if timex.mod not in ("START", "MID", "END"):
        return DateInterval(start, end, _GRANULARITY[parsed.granularity])
    words = timex.text.lower()
    if dct and start <= dct <= end and words.startswith(("earlier", "later")):
        # "earlier this month" is the part of the month before the article, not its first third.
        return DateInterval(start, dct, "range") if timex.mod == "START" else DateInterval(dct, end, "range")
    return DateInterval(*_thirds(parsed, start, end, timex.mod), "range")


def _duration_interval(timex: Timex, dct: dt.date | None) -> DateInterval:
    vague = _VAGUE_AHEAD.get(timex.value or "")
    if dct is not None and vague is not None and _LOOKS_AHEAD.match(timex.text):
        # "in the coming days" (the week after the article), "in the coming weeks" (four weeks)
        return DateInterval(dct + dt.timedelta(days=1), dct + dt.timedelta(days=vague), "range")
    m = _DURATION.match(timex.value or "")
    if dct is None or not m:
        return UNKNOWN
    years, months, weeks, days = (int(g) if g else 0 for g in m.groups())
    total_days = weeks * 7 + days
    if _LOOKS_BACK.match(timex.text):
        start = cal.shift_day(dct, years=-years, months=-months, days=-total_days)
        return DateInterval(start, dct, "range")
    if _LOOKS_AHEAD.match(timex.text):
        return DateInterval(dct, cal.shift_day(dct, years=years, months=months, days=total_days), "range")
    return UNKNOWN


def _with_signal(interval: DateInterval, signal: str | None, dct: dt.date | None) -> DateInterval:
    if interval.start is None or signal is None:
        return interval
    if signal == "since":
        return DateInterval(interval.start, dct, "range") if dct and interval.start <= dct else interval
    if signal in ("until", "by"):  # "must return the district by Nov. 15": from now to then
        start = dct if dct is not None and interval.end is not None and dct <= interval.end else None
        return DateInterval(start, interval.end, "range")
    if signal == "before":
        return DateInterval(None, interval.start - dt.timedelta(days=1), "range")
    if signal == "after":
        assert interval.end is not None  # calendar intervals with a start are closed
        return DateInterval(interval.end + dt.timedelta(days=1), None, "range")
    return interval


def timex_interval(timex: Timex, dct: dt.date | None) -> DateInterval:
    """Inclusive calendar interval and granularity of a timex (see the module notes)."""
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    if timex.type == "SET":
        return UNKNOWN
    if timex.type == "DURATION":
        return _duration_interval(timex, dct)
    return _with_signal(_calendar_interval(timex, dct), timex.signal, dct)
