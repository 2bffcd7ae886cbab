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
"""

from __future__ import annotations

from datetime import date

from eventbuilder.model import Claim, DateInterval
from eventbuilder.resolve.dates import redirect, timex_interval

_UNKNOWN = DateInterval(None, None, "unknown")


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
