"""Normalising durations ("the past two weeks" = P2W), sets ("every Monday") and the vague
references PRESENT_REF ("now", "currently"), PAST_REF ("recently", "formerly") and FUTURE_REF.
"""

from __future__ import annotations

import re

from eventbuilder.nlp.timex import MONTHS, NUMBER_WORDS, WEEKDAYS, TimexCandidate
from eventbuilder.resolve.dates.context import Resolution, TextState
from eventbuilder.resolve.dates.points import POD_CODES, SEASON_CODES

# unit -> (TIMEX3 letter, is a time-of-day unit, how many of the next smaller unit it holds)
_UNITS = {
    "century": ("Y", False, None), "decade": ("Y", False, None), "year": ("Y", False, 12),
    "quarter": ("Q", False, 3), "month": ("M", False, 30), "fortnight": ("W", False, 14),
    "week": ("W", False, 7), "day": ("D", False, 24), "hour": ("H", True, 60),
    "minute": ("M", True, 60), "second": ("S", True, None),
}  # fmt: skip
_SMALLER = {"year": "month", "quarter": "month", "month": "day", "week": "day", "fortnight": "day",
            "day": "hour", "hour": "minute", "minute": "second"}  # fmt: skip
_SCALE = {"century": 100, "decade": 10, "fortnight": 2}
_VAGUE = re.compile(r"^(?:a\s+few|few|several|some|many|a\s+number\s+of)$")
_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
}  # fmt: skip
_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M",
}  # fmt: skip
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "formerly": "PAST_REF", "previously": "PAST_REF", "earlier": "PAST_REF",
    "the past": "PAST_REF", "the recent past": "PAST_REF",
}  # fmt: skip


def unit_of(word: str) -> str:
    """"centuries" -> "century", "Years" -> "year"."""
    lower = word.lower()
    if lower.startswith("centur"):
        return "century"
    return lower[:-1] if lower.endswith("s") else lower


def number_of(text: str) -> float | None:
    """5 for "five", 5.5 for "5 1/2", 24 for "twenty-four", 2 for "a couple of", None for "several"."""
    words = " ".join(text.lower().replace("-", " ").split())
    if _VAGUE.match(words):
        return None
    half = 0.5 if words.endswith(" and a half") else 0.0
    words = words.removesuffix(" and a half")
    fraction = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", words)
    if fraction:
        whole, num, den = fraction.groups()
        return float(whole) + (int(num) / int(den) if num else 0.0) + half
    tokens = words.replace(" of", "").split()
    if len(tokens) > 1 and tokens[0] in ("a", "an"):
        tokens = tokens[1:]  # "a hundred", "a dozen", "a couple"
    total = 0
    for word in tokens:
        if word in ("hundred", "dozen"):
            total = max(total, 1) * NUMBER_WORDS[word]
        elif word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
    return float(total) + half if total else None


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P2W, PT5H30M, P2Y6M, P20Y (two decades), PXY (an unknown number of years)."""
    letter, is_time, _ = _UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{'E' if unit == 'decade' else 'C' if unit == 'century' else letter}"
    amount *= _SCALE.get(unit, 1)
    whole = int(amount)
    rest = amount - whole
    if not rest:
        return f"{prefix}{whole}{letter}"
    smaller = _SMALLER.get(unit)
    if smaller is None:
        return f"{prefix}{amount:g}{letter}"
    per_smaller = _UNITS[unit][2]
    assert per_smaller is not None  # every unit in _SMALLER says how many smaller units it holds
    parts = round(rest * per_smaller)
    small_letter, small_is_time, _ = _UNITS[smaller]
    joiner = "T" if small_is_time and not is_time else ""
    head = f"{prefix}{whole}{letter}" if whole else prefix
    return f"{head}{joiner}{parts}{small_letter}"


def duration(cand: TimexCandidate, state: TextState) -> Resolution:
    """"two weeks", "the past two weeks", "more than four hours", "the first nine months"."""
    mod = _MODS.get(" ".join((cand.part("mod") or "").lower().split()))
    return Resolution(duration_value(number_of(cand.need("num")), unit_of(cand.need("unit"))), None, mod)


def duration_adjective(cand: TimexCandidate, state: TextState) -> Resolution:
    """"16-hour", "two-year", "8-month-old"."""
    return Resolution(duration_value(number_of(cand.need("num")), unit_of(cand.need("unit"))), None)


def plural_units(cand: TimexCandidate, state: TextState) -> Resolution:
    """"for years", "in recent weeks", "the coming months": an unknown number of units."""
    return Resolution(duration_value(None, unit_of(cand.need("unit"))), None)


def recurring(cand: TimexCandidate, state: TextState) -> Resolution:
    """"every Monday" (XXXX-WXX-1), "each July" (XXXX-07), "daily" (P1D), "twice a week" (P1W)."""
    adverb = cand.part("adv")
    if adverb:
        return Resolution(_ADVERB_SETS[adverb.lower()], None)
    word = cand.need("unit", "unit2").lower()
    if word in WEEKDAYS:
        return Resolution(f"XXXX-WXX-{WEEKDAYS[word] + 1}", None)
    if word in MONTHS:
        return Resolution(f"XXXX-{MONTHS[word]:02d}", None)
    if word.rstrip("s") in POD_CODES:
        return Resolution(f"XXXX-XX-XXT{POD_CODES[word.rstrip('s')]}", None)
    if word in SEASON_CODES:
        return Resolution(f"XXXX-{SEASON_CODES[word]}", None)
    if word == "weekend":
        return Resolution("XXXX-WXX-WE", None)
    num = cand.part("num")
    amount = number_of(num) if num else 1.0
    return Resolution(duration_value(amount or 1.0, unit_of(word)), None)


def reference(cand: TimexCandidate, state: TextState) -> Resolution:
    """"now" -> PRESENT_REF, "recently" -> PAST_REF, "the near future" -> FUTURE_REF."""
    words = " ".join(cand.text.lower().split())
    return Resolution(REFERENCES.get(words, "FUTURE_REF"))
