"""Each claim's date interval, from its attached temporal expression or the publication date.

Rules (also in the codebook):
- An attached expression is resolved against the publication date; for a planned claim an
  underspecified one ("on Thursday", "In June") is read forward, otherwise as it was normalised
  from the sentence's tense. ``date_method`` is the expression's method (explicit, relative,
  anchored).
- No expression in the sentence, but an actor implied from an earlier claim (``antecedent``):
  that claim's date (``anchored``), unless it is itself a publication fallback.
- No expression in the sentence: an asserted or negated claim is taken to be news of the day, so
  it gets the publication date (``day``, ``publication_fallback``); the method column says it was
  not read from the text, so an analyst can widen it ("on or shortly before") or drop it. Planned
  and hypothetical claims have no known date (``none``).
- No publication date and no absolute expression: ``none``.
- "since X" runs from X to the publication date, or to the day of the speech that reports it.
- "over the same period" is the range of the last claim dated by a range before it.
"""

from __future__ import annotations

import re
from datetime import date

from eventbuilder.model import Claim, DateInterval
from eventbuilder.resolve.dates import redirect, timex_interval

_UNKNOWN = DateInterval(None, None, "unknown")


def date_claims(claims: list[Claim], dct: date | None) -> None:
    """Date every claim of a document (in text order, so antecedents are dated first); a "since"
    range in reported speech ends on the day of the speech, not the publication day ("Separatist
    officials said on Wednesday that at least 200 people had been killed since Tuesday": Tuesday to
    Wednesday)."""
    for index, claim in enumerate(claims):
        date_claim(claim, dct)
        if claim.date_mention is not None and _SAME_PERIOD.match(claim.date_mention.text):
            _same_period(claim, claims[:index])
    reports = {c.trigger_start: c for c in claims}
    for claim in claims:
        report = reports.get(claim.reported_by) if claim.reported_by is not None else None
        if report is not None and claim.date_mention is not None and claim.date_mention.signal == "since":
            _end_on_speech(claim, report)


_SAME_PERIOD = re.compile(r"^(?:the\s+same|that|this)\s+(?:period|time|span)$", re.IGNORECASE)


def _same_period(claim: Claim, before: list[Claim]) -> None:
    """"Over the same period, at least 200 people were killed" after "have shelled the city since Aug.
    25": the period the last dated claim before it was told over, not a calendar quarter."""
    earlier = next((c for c in reversed(before) if c.date_method not in ("publication_fallback", "none")
                    and c.date_interval is not None and c.date_interval.granularity == "range"
                    and c.date_mention is not None and not _SAME_PERIOD.match(c.date_mention.text)), None)
    if earlier is not None and earlier.date_interval is not None:
        claim.date_interval, claim.date_method = earlier.date_interval, "anchored"


def _end_on_speech(claim: Claim, report: Claim) -> None:
    said, interval = report.date_interval, claim.date_interval
    if said is None or interval is None or report.date_method == "publication_fallback" or said.granularity != "day":
        return
    if interval.start is not None and said.start is not None and interval.start <= said.start:
        claim.date_interval = DateInterval(interval.start, said.start, "range")


def date_claim(claim: Claim, dct: date | None) -> None:
    """Set ``date_interval`` and ``date_method`` on ``claim``."""
    timex = claim.date_mention
    if timex is not None:
        if claim.modality == "planned" and dct is not None:
            timex = redirect(timex, dct, "future")
            claim.date_mention = timex
        interval = timex_interval(timex, dct)
        if interval.start is not None:
            claim.date_interval = interval
            claim.date_method = timex.method or "relative"
            return
    antecedent = claim.antecedent
    if antecedent is not None and antecedent.date_interval is not None and antecedent.date_interval.start is not None \
            and antecedent.date_method != "publication_fallback" and claim.modality in ("asserted", "negated"):
        # "The two leaders agreed ..." after "held talks ... on Sunday": the occasion the actors came from
        claim.date_interval, claim.date_method = antecedent.date_interval, "anchored"
        return
    if dct is not None and claim.modality in ("asserted", "negated"):
        claim.date_interval = DateInterval(dct, dct, "day")
        claim.date_method = "publication_fallback"
        return
    claim.date_interval = _UNKNOWN
    claim.date_method = "none"


def date_text(claim: Claim) -> str | None:
    """The expression as written with its governing signal ("since July")."""
    timex = claim.date_mention
    if timex is None:
        return None
    return f"{timex.signal} {timex.text}" if timex.signal else timex.text
