"""Dates: temporal expressions found in a text, normalised to TIMEX3 values against the
publication date (the dct), and turned into calendar intervals.

>>> import datetime as dt
>>> [(t.text, t.value) for t in find_timexes("They met on Thursday.", dt.date(2014, 8, 7))]
[('Thursday', '2014-08-07')]

Recognition is our own rules (``eventbuilder.nlp.timex``); absolute dates are read with
dateparser; relative ones are resolved by the rules in ``points``, ``anchored`` and
``durations``. See ``interval`` for the interval conventions and ``absolute`` for the
day/month order of numeric dates (``date_order``: "MDY", the default, or "DMY").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from eventbuilder.errors import ConfigError
from eventbuilder.model import DateInterval, Timex
from eventbuilder.nlp.timex import recognise_span
from eventbuilder.resolve.dates.absolute import DATE_ORDERS
from eventbuilder.resolve.dates.context import TextState
from eventbuilder.resolve.dates.interval import timex_interval
from eventbuilder.resolve.dates.normalise import normalise_text, resolve_candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DATE_ORDERS", "DateInterval", "Timex", "find_timexes", "redirect", "timex_interval"]

DIRECTIONS = ("past", "future")
# Rules whose value depends on reading the expression as past or future.
_DIRECTIONAL = frozenset({"weekday", "month", "month_day", "day_month", "season", "holiday", "weekend", "clock"})


def _as_date(dct: dt.date | None) -> dt.date | None:
    return dct.date() if isinstance(dct, dt.datetime) else dct


def find_timexes(
    text: str, dct: dt.date | None, doc: Doc | None = None, *, date_order: str = "MDY"
) -> list[Timex]:
    """All temporal expressions in ``text``, in text order, offsets into ``text`` as given.

    ``doc``, a spaCy Doc over exactly ``text``, lets the governing verb decide whether "on
    Thursday" is past or future; without it the nearest tense marker in the sentence does.
    With ``dct`` None relative expressions get a partial value ("XXXX-06") or None.
    ``date_order`` ("MDY" or "DMY") reads ambiguous numeric dates such as 05/12/2024.
    """
    return normalise_text(text, _as_date(dct), doc, date_order=date_order)


def redirect(timex: Timex, dct: dt.date | None, direction: str) -> Timex:
    """Re-normalise an underspecified expression (weekday, bare month, month-day without a
    year, season) as the past ("most recent on or before the dct") or the future ("next after
    the dct"); explicit, anchored and other relative expressions are returned unchanged."""
    if direction not in DIRECTIONS:
        raise ConfigError(f"direction must be 'past' or 'future', not {direction!r}")
    cand = recognise_span(timex.text)
    if timex.method != "relative" or cand is None or cand.rule not in _DIRECTIONAL:
        return timex
    if cand.rule in ("month_day", "day_month") and cand.part("year"):
        return timex
    state = TextState(timex.text, _as_date(dct), direction_override=direction)
    found = resolve_candidate(dataclasses.replace(cand, signal=timex.signal), state)
    return dataclasses.replace(found, start=timex.start, end=timex.end, type=timex.type)
