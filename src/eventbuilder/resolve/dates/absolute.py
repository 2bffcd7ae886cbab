"""Calendar dates written out in full ("Aug. 24, 2014", "24 February 2022", "05/12/2024"), via dateparser.

dateparser is only ever given a span the recogniser already found, never a whole text
(``dateparser.search.search_dates`` is slow and reads "may", "march", "second" and "Sun" as
dates). Parsers are built once per settings combination and results are cached on
(span, publication date, direction, day/month order).

Day/month order for numeric dates: ``yyyy-mm-dd`` is always ISO. Otherwise ``date_order`` decides
("MDY", the US convention and the default, reads 05/12/2024 as 12 May 2024; "DMY" reads it as
5 December 2024), except that a first number above 12 can only be a day (25/12/2024 is
always 25 December) and a second number above 12 can only be a day (12/25/2024).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from eventbuilder.errors import ConfigError

DATE_ORDERS = ("MDY", "DMY")
_PREFER = {"past": "past", "future": "future", None: "current_period"}
_NEUTRAL_BASE = dt.datetime(2000, 1, 1)  # only used to read day and month when there is no dct
_CLEAN = re.compile(r"^(?:the\s+)|,(?=\s*\d{4}$)", re.IGNORECASE)


@dataclass(frozen=True)
class CalendarDate:
    """A parsed date; ``year_given`` is False when the span had no year ("Aug. 24")."""

    day: dt.date
    year_given: bool


def check_date_order(date_order: str) -> str:
    if date_order not in DATE_ORDERS:
        raise ConfigError(f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}")
    return date_order


@functools.lru_cache(maxsize=256)
def _parser(base: dt.datetime, prefer: str, date_order: str) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": prefer,
        "DATE_ORDER": date_order,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=16384)
def parse_calendar_date(
    span: str, dct: dt.date | None, direction: str | None, date_order: str = "MDY"
) -> CalendarDate | None:
    """The date a day-precise span names, with the year dateparser prefers for ``direction``.

    For a yearless span the year is only provisional: the caller picks the occurrence nearest
    the publication date when the direction is unknown.
    """
    base = dt.datetime(dct.year, dct.month, dct.day) if dct else _NEUTRAL_BASE
    data = _parser(base, _PREFER[direction], date_order).get_date_data(_CLEAN.sub("", span.strip()))
    if data.date_obj is None or data.period != "day":
        return None
    return CalendarDate(data.date_obj.date(), "year" in (data.parts or ()))


def numeric_order(first: int, second: int, date_order: str) -> str | None:
    """The order to read ``first/second/year`` in, or None when no order gives a valid date."""
    if first > 12 and second > 12 or first == 0 or second == 0:
        return None
    if first > 12:
        return "DMY"
    if second > 12:
        return "MDY"
    return date_order
