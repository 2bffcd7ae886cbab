"""What normalising one expression needs to know: the publication date, the direction of the
sentence, and the dates already mentioned earlier in the same text (for anchored expressions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventbuilder.model import Timex
from eventbuilder.nlp.timex import TimexCandidate
from eventbuilder.resolve.dates.calendar import ParsedValue, day_of, parse_value
from eventbuilder.resolve.dates.direction import sentence_bounds, tense_of

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Unresolvable(Exception):
    """Raised inside a handler that needs the publication date when there is none.

    Private control flow: the dispatcher turns it into a partial value ("XXXX-06") or None.
    """


@dataclass(frozen=True)
class Resolution:
    """A normalised value for one candidate (``type`` overrides the recogniser's when set)."""

    value: str | None
    method: str | None = "relative"  # explicit | relative | anchored; None for durations and sets
    mod: str | None = None
    type: str | None = None
    comparison: bool = False  # "a year earlier", "the year-ago quarter": not a new reference date


@dataclass
class TextState:
    """The publication date plus everything earlier expressions in the text established.

    ``last_day`` is the most recent day-precise date ("a day after", "two days later" anchor to
    it); ``last_calendar`` the most recent calendar value of any precision and ``last_quarter``
    the most recent quarter ("a year earlier" after "the third quarter" is that quarter a year
    before, as financial news uses it).
    """

    text: str
    dct: dt.date | None
    doc: Doc | None = None
    date_order: str = "MDY"
    direction_override: str | None = None
    last_day: dt.date | None = None
    last_day_position: int | None = None
    last_calendar: ParsedValue | None = None
    last_quarter: tuple[int, int] | None = None
    _directions: dict[tuple[int, int], tuple[str | None, bool]] = field(default_factory=dict)

    def reference(self) -> dt.date:
        if self.dct is None:
            raise Unresolvable
        return self.dct


    def anchor_day(self) -> dt.date:
        return self.last_day or self.reference()

    def day_in_sentence(self, cand: TimexCandidate) -> dt.date | None:
        """The last day-precise date named earlier in the candidate's own sentence, if any."""
        if self.last_day_position is None:
            return None
        return self.last_day if self.last_day_position >= sentence_bounds(self.text, cand.start)[0] else None

    def direction(self, cand: TimexCandidate) -> str | None:
        """Past/future for an underspecified expression; "since X" always looks back."""
        return self._direction(cand)[0]

    def certain(self, cand: TimexCandidate) -> bool:
        """Whether the direction is known (given by the caller, "since", or a word such as
        "payable" or "ended" right before the span) rather than guessed from the tense."""
        return self._direction(cand)[1]

    def _direction(self, cand: TimexCandidate) -> tuple[str | None, bool]:
        if self.direction_override:
            return self.direction_override, True
        if cand.signal == "since":
            return "past", True
        key = (cand.start, cand.end)
        if key not in self._directions:
            self._directions[key] = tense_of(self.text, cand.start, cand.end, self.doc)
        return self._directions[key]

    def remember(self, timex: Timex, comparison: bool = False) -> None:
        """Let later anchored expressions refer to ``timex``; comparisons ("a year earlier")
        are skipped so that "the quarter" after them still means the quarter being reported."""
        if comparison or timex.type not in ("DATE", "TIME"):
            return
        parsed = parse_value(timex.value)
        if parsed is None:
            return
        self.last_calendar = parsed
        if parsed.granularity == "day":
            self.last_day = day_of(parsed)
            self.last_day_position = timex.start
        elif parsed.granularity == "quarter":
            assert parsed.number is not None  # a quarter value is numbered
            self.last_quarter = (parsed.year, parsed.number)
