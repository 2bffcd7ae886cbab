"""Full calendar dates written in a page: "Nov 9, 2023, 12:51 AM EST", "3rd Nov 2023, 08:08 GMT",
"Thursday, November 9th 2023", "2023-11-08", "08/11/2023 | 20:26 PM", "1. November 2023".

Only dates with a day, a month and a year are found: a byline's "Nov 19, 6:55 AM" (no year) or
"2 days ago" cannot be placed without the crawl time. A numeric date whose day and month can be
swapped ("08/11/2023") keeps both readings; the page (other dates written on it) or the build's
``date_order`` decides later.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

_MONTH_NAMES = {
    1: "january jan januar janvier janv jän jänner",
    2: "february feb februar février févr",
    3: "march mar märz mär mrz mars",
    4: "april apr avril avr",
    5: "may mai",
    6: "june jun juni juin",
    7: "july jul juli juillet juil",
    8: "august aug août",
    9: "september sep sept septembre",
    10: "october oct oktober okt octobre",
    11: "november nov novembre",
    12: "december dec dezember dez décembre déc",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|montag|dienstag|"
            r"mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s*")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?"
# A year, also when a page glues the time to it ("November 9, 20235:01 AM ET").
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}:\d\d))"
_TIME = (r"(?P<time>(?:\s*(?:,|at|[|/@•·-]|\s)\s*)?(?:[0-2]?\d[:.h][0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?\s?m\.?)?"
         r"|[01]?\d\s*[ap]\.?m\.?)(?:\s*\(?(?-i:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]\d+)\)?(?![a-z]))?)?")
_DIGIT = re.compile(r"\d")
_PATTERNS = [
    # Nov 9, 2023 | November 9th 2023 | Thursday, November 9, 2023 4:41AM
    re.compile(rf"(?i)\b(?:{_WEEKDAY})?{_MONTH}\s*{_DAY},?\s+{_YEAR}{_TIME}"),
    # 9 November 2023 | 3rd Nov 2023, 08:08 GMT | 1. November 2023 | 12:39, 2 NOV 2023 | 19 février 2020
    re.compile(rf"(?i)\b(?:{_WEEKDAY})?{_DAY}\s*(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}"),
    # 2023-11-08 | 2021/09/19 | 2019-11-18T20:51:19Z
    re.compile(rf"\b(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)"
               rf"(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?(?!\d){_TIME}"),
    # 08/11/2023 | 11/8/23 10:46 PM | 27.01.2020 | 30.01.2022 18:36
    re.compile(rf"(?i)\b(?:{_WEEKDAY})?(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[01]?\d|[0-3]?\d)(?P=sep)"
               rf"(?P<year>(?:19|20)\d\d|\d\d)(?![\d/.]\d){_TIME}"),
]


@dataclass(frozen=True)
class DateMention:
    """A full date written in a text, with the calendar day(s) it can mean."""

    start: int
    end: int
    text: str
    days: tuple[date, ...]  # one day; two when day and month can be swapped ("08/11/2023")
    order: str | None  # "DMY" or "MDY" when a numeric date's component order is certain
    has_time: bool
    has_weekday: bool
    numeric: bool


@functools.lru_cache(maxsize=8192)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every full date in ``text``, left to right, overlapping matches dropped."""
    if not _DIGIT.search(text):
        return ()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda m: m.start))


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    text = match.group(0).strip(" ,|/@•·-")
    start = match.start() + match.group(0).index(text[:1]) if text else match.start()
    days, order, numeric = (_numeric(groups) if groups.get("first") is not None else _named(groups))
    if not days:
        return None
    return DateMention(start, start + len(text), text, days, order, bool(groups.get("time")),
                       bool(groups.get("weekday")), numeric)


def _named(groups: dict[str, str | None]) -> tuple[tuple[date, ...], str | None, bool]:
    month = groups["month"] or ""
    month_number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    day = _day(int(groups["year"] or 0), month_number, int(groups["day"] or 0))
    return ((day,) if day else ()), None, month.isdigit()


def _numeric(groups: dict[str, str | None]) -> tuple[tuple[date, ...], str | None, bool]:
    first, second, year_text = int(groups["first"] or 0), int(groups["second"] or 0), groups["year"] or ""
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if len(year_text) == 2 and (not groups.get("time") or groups["sep"] == "."):
        # "3/4/20" alone may be a score or a fraction and "11.18.19" a version number; with a
        # time and slashes it is a date
        return (), None, True
    dmy, mdy = _day(year, second, first), _day(year, first, second)
    if groups["sep"] == ".":
        # Dotted dates are written day first ("27.01.2020") wherever they are used.
        return ((dmy,) if dmy else ()), "DMY", True
    readings = tuple(dict.fromkeys(d for d in (mdy, dmy) if d is not None))
    if len(readings) == 2:
        return readings, None, True
    order = "MDY" if mdy and not dmy else "DMY" if dmy and not mdy else None
    return readings, order, True


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
