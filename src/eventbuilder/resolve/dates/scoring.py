"""Scoring temporal expressions the way TempEval-3 does, and reading its TimeML files.

TempEval-3 (UzZaman et al. 2013; ``evaluate_entities.py`` of the TE3 toolkit): a system span
matches a gold span *strictly* when both ends are identical and *relaxed* when they overlap.
Precision counts system spans matching some gold span, recall gold spans matching some system
span. Type and value are compared (exact strings) on relaxed matches of gold spans; their
accuracy is correct / relaxed-matched gold, and "value F1" = relaxed F1 x value accuracy. Used
by ``benchmarks/tempeval.py`` and by the quality gate test.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventbuilder.errors import ConfigError
from eventbuilder.model import Timex

TYPES = ("DATE", "TIME", "DURATION", "SET")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"([^\"]+)\"", re.DOTALL)
_PIECE = re.compile(r"<(/?)(\w+)([^>]*)>|&[#\w]+;|[^<&]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDocument:
    """The plain text inside ``<TEXT>`` (tags removed, entities decoded) and its gold timexes."""

    name: str
    text: str
    dct: dt.date
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """One TimeML file; a file without <TEXT> or a <DCT> is not a benchmark document."""
    raw = path.read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    dct = _DCT.search(raw)
    if body is None or dct is None:
        raise ConfigError(f"{path}: not a TimeML document (no <TEXT> or no <DCT> creation time)")
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    for m in _PIECE.finditer(body.group(1)):
        if m.group(2) == "TIMEX3":
            if m.group(1):
                if open_timex is None:
                    raise ConfigError(f"{path}: </TIMEX3> without an opening <TIMEX3>")
                start, attrs = open_timex
                text = "".join(pieces)[start:length]
                gold.append(GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
            else:
                open_timex = (length, dict(_ATTR.findall(m.group(3))))
            continue
        if m.group(2):
            continue
        piece = html.unescape(m.group(0))
        pieces.append(piece)
        length += len(piece)
    return TimeMLDocument(path.stem, "".join(pieces), dt.date.fromisoformat(dct.group(1)[:10]), tuple(gold))


# ---------------------------------------------------------------- counting


@dataclass
class Counts:
    """Match counts for one type (or all types) over one or more documents."""

    gold: int = 0
    system: int = 0
    strict_precision_hits: int = 0
    strict_recall_hits: int = 0
    relaxed_precision_hits: int = 0
    relaxed_recall_hits: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Scores:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ("ALL", *TYPES)})

    def add(self, other: Scores) -> None:
        for key, counts in other.by_type.items():
            self.by_type.setdefault(key, Counts()).add(counts)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def best_match(gold: GoldTimex, system: Iterable[Timex]) -> Timex | None:
    """The system timex overlapping ``gold`` the most (first one on ties), or None."""
    best, best_overlap = None, 0
    for timex in system:
        overlap = _overlap(gold.start, gold.end, timex.start, timex.end)
        if overlap > best_overlap:
            best, best_overlap = timex, overlap
    return best


def score_document(gold: Iterable[GoldTimex], system: Iterable[Timex]) -> Scores:
    gold, system = list(gold), list(system)
    scores = Scores()
    for g in gold:
        for key in ("ALL", g.type):
            counts = scores.by_type.setdefault(key, Counts())
            counts.gold += 1
            match = best_match(g, system)
            if match is None:
                continue
            counts.relaxed_recall_hits += 1
            counts.strict_recall_hits += (match.start, match.end) == (g.start, g.end)
            counts.type_correct += match.type == g.type
            counts.value_correct += (match.value or "") == g.value
    for s in system:
        for key in ("ALL", s.type):
            counts = scores.by_type.setdefault(key, Counts())
            counts.system += 1
            counts.relaxed_precision_hits += any(_overlap(g.start, g.end, s.start, s.end) > 0 for g in gold)
            counts.strict_precision_hits += any((g.start, g.end) == (s.start, s.end) for g in gold)
    return scores


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def metrics(counts: Counts) -> dict[str, float | int]:
    """Strict/relaxed P, R, F1, type and value accuracy and value F1, as TempEval-3 reports them."""
    strict_p, strict_r = _ratio(counts.strict_precision_hits, counts.system), _ratio(counts.strict_recall_hits, counts.gold)
    relaxed_p = _ratio(counts.relaxed_precision_hits, counts.system)
    relaxed_r = _ratio(counts.relaxed_recall_hits, counts.gold)
    relaxed_f1 = _f1(relaxed_p, relaxed_r)
    value_accuracy = _ratio(counts.value_correct, counts.relaxed_recall_hits)
    type_accuracy = _ratio(counts.type_correct, counts.relaxed_recall_hits)
    return {
        "gold": counts.gold,
        "system": counts.system,
        "strict_precision": strict_p,
        "strict_recall": strict_r,
        "strict_f1": _f1(strict_p, strict_r),
        "relaxed_precision": relaxed_p,
        "relaxed_recall": relaxed_r,
        "relaxed_f1": relaxed_f1,
        "type_accuracy": type_accuracy,
        "value_accuracy": value_accuracy,
        "type_f1": relaxed_f1 * type_accuracy,
        "value_f1": relaxed_f1 * value_accuracy,
    }
