"""Reported amounts: "20,000 troops", "1.5 million", "two dozen", "more than a dozen",
"between 3,000 and 5,000", "increased from 12,000 to 20,000", "tens of thousands".

Vague amounts get documented bounds and the qualifier ``approx``:
"dozens of" 24..96, "scores of" 40..180, "hundreds of" 200..900, "thousands of" 2,000..9,000,
"tens of thousands of" 20,000..90,000, "hundreds of thousands of" 200,000..900,000,
"millions of" 2,000,000..9,000,000; "a few" 2..5, "several" 3..9, "a handful" 2..6.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventbuilder.model import Quantity

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12, "score": 20}
_VAGUE = {
    "dozens": (24, 96), "scores": (40, 180), "hundreds": (200, 900), "thousands": (2_000, 9_000),
    "tens of thousands": (20_000, 90_000), "hundreds of thousands": (200_000, 900_000),
    "millions": (2_000_000, 9_000_000), "tens of millions": (20_000_000, 90_000_000),
    "a few": (2, 5), "several": (3, 9), "a handful": (2, 6), "a couple": (2, 2),
}
_APPROX = ("about", "around", "roughly", "some", "approximately", "nearly", "almost", "an estimated",
           "estimated", "close to", "or so")
_AT_LEAST = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than")
_AT_MOST = ("up to", "fewer than", "less than", "under", "at most", "no more than", "as many as")

_NUMBER_WORD = "|".join(sorted(list(_UNITS_WORDS) + list(_SCALES) + ["a", "an", "and"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (rf"(?:(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion|trillion))?"
           rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*))")
_NUMBER_RE = re.compile(rf"(?i)\b(?:{_NUMBER})\b")


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    value: float


def parse_number(text: str) -> float | None:
    """"20,000" -> 20000; "1.5 million" -> 1500000; "three hundred and fifty" -> 350;
    "two dozen" -> 24; "a dozen" -> 12. None when ``text`` is not a number."""
    words = text.strip().lower().replace("-", " ").split()
    if not words:
        return None
    if re.fullmatch(_DIGITS, words[0]):
        value = float(words[0].replace(",", ""))
        for word in words[1:]:
            if word not in _SCALES:
                return None
            value *= _SCALES[word]
        return value
    return _parse_number_words(words)


def _parse_number_words(words: list[str]) -> float | None:
    total = current = 0.0
    seen = False
    for word in words:
        if word in ("and",):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
            seen = True
        elif word in ("hundred", "dozen", "score"):
            current = max(current, 1) * _SCALES[word]
            seen = True
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_numbers(text: str) -> list[NumberSpan]:
    """Numbers written in ``text`` (digits or words), longest first at each position."""
    spans = []
    for match in _NUMBER_RE.finditer(text):
        raw = match.group(0).strip()
        raw_clean = re.sub(r"(?i)^and\s+|\s+(?:and|a|an)$", "", raw)
        if raw_clean.lower() in ("a", "an", "and", ""):
            continue
        value = parse_number(raw_clean)
        if value is None:
            continue
        offset = match.start() + raw.find(raw_clean)
        spans.append(NumberSpan(offset, offset + len(raw_clean), value))
    return spans


_VAGUE_RE = re.compile(r"(?i)\b(" + "|".join(sorted((re.escape(k) for k in _VAGUE), key=len, reverse=True)) + r")\s+of\b")
_CHANGE_RE = re.compile(rf"(?i)\bfrom\s+(?:about\s+|around\s+|some\s+)?({_NUMBER})\s+(?:\w+\s+)?to\s+(?:about\s+|around\s+|some\s+)?({_NUMBER})\b")
_PART_RE = re.compile(rf"(?i)\b({_DIGITS}|{_NUMBER})\s+of\s+(?:the\s+|its\s+|their\s+)?(?:roughly\s+|about\s+|some\s+|nearly\s+)?(?:{_DIGITS})\b")
_RANGE_RE = re.compile(rf"(?i)\b(?:between\s+({_NUMBER})\s+and\s+({_NUMBER})|({_DIGITS})\s*(?:-|–|to)\s*({_DIGITS}))\b")


def quantity_in(text: str, unit: str | None, unit_start: int | None = None) -> Quantity | None:
    """The amount of ``unit`` described in ``text`` (a sentence or a phrase).

    ``unit_start`` is the offset of the unit noun in ``text``: the number closest before it wins,
    so "12,000 to 20,000 troops" picks the change and "two of 20,000 troops" the 20,000.
    """
    before = text if unit_start is None else text[:unit_start]
    part = _last(_PART_RE.finditer(before))
    if part:  # "2,400 of the roughly 4,300 French troops", "71 of 103 cruise missiles": the part
        value = parse_number(part.group(1))
        if value is not None:
            return Quantity(value, None, None, None, unit, _qualifier(before, part.start()), part.group(1))
    change = _last(_CHANGE_RE.finditer(text))
    if change:
        previous, value = parse_number(change.group(1)), parse_number(change.group(2))
        if previous is not None and value is not None:
            return Quantity(value, None, None, previous, unit, _qualifier(text, change.start()), change.group(0))
    ranged = _last(_RANGE_RE.finditer(before))
    if ranged:
        low, high = (parse_number(g) for g in (ranged.group(1) or ranged.group(3), ranged.group(2) or ranged.group(4)))
        if low is not None and high is not None and low < high:
            return Quantity(None, low, high, None, unit, "range", ranged.group(0))
    vague = _last(_VAGUE_RE.finditer(before))
    numbers = [n for n in find_numbers(before) if not _is_year_or_date(before, n)]
    number = numbers[-1] if numbers else None
    if vague and (number is None or vague.end() > number.end):
        low, high = _VAGUE[vague.group(1).lower()]
        return Quantity(None, float(low), float(high), None, unit, "approx", vague.group(0))
    if number is None:
        return None
    qualifier = _qualifier(before, number.start)
    return Quantity(number.value, None, None, None, unit, qualifier, before[number.start:number.end])


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for match in matches:
        found = match
    return found


def _qualifier(text: str, number_start: int) -> str:
    window = text[max(0, number_start - 20):number_start].lower().strip()
    for phrases, name in ((_AT_LEAST, "at_least"), (_AT_MOST, "at_most"), (_APPROX, "approx")):
        if any(window.endswith(p) for p in phrases):
            return name
    return "exact"


def _is_year_or_date(text: str, number: NumberSpan) -> bool:
    """1988, 2014 and "August 6" are dates, not amounts."""
    raw = text[number.start:number.end]
    if re.fullmatch(r"(1[89]|20)\d\d", raw):
        return True
    preceding = text[max(0, number.start - 10):number.start]
    return bool(re.search(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", preceding))
