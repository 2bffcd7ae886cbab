"""From recognised spans to TIMEX3 values: one handler per recogniser rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventbuilder.model import Timex
from eventbuilder.nlp.timex import TimexCandidate, recognise
from eventbuilder.resolve.dates import anchored, durations, points
from eventbuilder.resolve.dates.absolute import check_date_order
from eventbuilder.resolve.dates.context import Resolution, TextState, Unresolvable

if TYPE_CHECKING:
    from spacy.tokens import Doc

Handler = Callable[[TimexCandidate, TextState], Resolution]

HANDLERS: dict[str, Handler] = {
    "iso_date": points.iso_date,
    "numeric_date": points.numeric_date,
    "quarter_iso": points.quarter_iso,
    "month_day": points.month_day,
    "day_month": points.month_day,
    "month_year": points.month_year,
    "month": points.bare_month,
    "year": points.year,
    "spelled_year": points.year,
    "the_year": points.the_year,
    "clock_words": points.clock,
    "decade": points.decade,
    "century": points.century,
    "season": points.season,
    "relative_day": points.relative_day,
    "tonight": points.tonight,
    "weekday": points.weekday,
    "part_of_day": points.part_of_day,
    "clock": points.clock,
    "relative_unit": points.relative_unit,
    "in_the_unit": points.in_the_unit,
    "weekend": points.weekend,
    "half": points.half,
    "holiday": points.holiday,
    "quarter": anchored.quarter,
    "quarter_ref": anchored.quarter_ref,
    "year_ago_adj": anchored.year_ago_adjective,
    "anchored_unit": anchored.anchored_unit,
    "offset": anchored.offset,
    "duration": durations.duration,
    "duration_adjective": durations.duration_adjective,
    "plural_units": durations.plural_units,
    "set": durations.recurring,
    "rate": durations.recurring,
    "reference": durations.reference,
}


def resolve(cand: TimexCandidate, state: TextState) -> tuple[Timex, bool]:
    """One candidate as a ``Timex`` and whether it is a comparison (see ``TextState.remember``)."""
    try:
        found = HANDLERS[cand.rule](cand, state)
    except Unresolvable:  # no dct: relative expressions stay unresolved
        found = Resolution(None, "anchored" if cand.rule in ("offset", "anchored_unit") else "relative")
    kind = found.type or cand.type
    method = found.method if kind in ("DATE", "TIME") or found.method == "anchored" else None
    timex = Timex(cand.start, cand.end, cand.text, kind, found.value, found.mod, cand.signal, method)
    return timex, found.comparison


def resolve_candidate(cand: TimexCandidate, state: TextState) -> Timex:
    return resolve(cand, state)[0]


def normalise_text(
    text: str,
    dct: dt.date | None,
    doc: Doc | None = None,
    *,
    date_order: str = "MDY",
    direction: str | None = None,
) -> list[Timex]:
    """Recognise and normalise every temporal expression of ``text`` in text order."""
    state = TextState(text, dct, doc, check_date_order(date_order), direction)
    timexes = []
    for cand in recognise(text):
        timex, comparison = resolve(cand, state)
        state.remember(timex, comparison)
        timexes.append(timex)
    return timexes
