"""Which line of a scraped page is the headline.

The headline sits above the article, usually right above the byline and the date, often under a
section name or a breadcrumb and over a standfirst; it is not a menu item, a section name, an
author's name, a photo credit or the standfirst itself. Each headline-shaped line above the
article's first paragraph is described by the features below and scored with weights fitted on
the dev pages (:mod:`eventbuilder.ingest.weights`); the best-scoring line wins.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventbuilder.ingest.datementions import find_dates
from eventbuilder.ingest.lines import reads_as_sentence
from eventbuilder.ingest.weights import linear_score, page_weights

# Lines this far above the article's first paragraph (and a few into it) may be the headline.
WINDOW_ABOVE = 40
WINDOW_INTO = 3
_BULLET = re.compile(r"^(?:[*+•o-]|\d{1,2}\.)\s+")
_SEPARATOR = re.compile(r"\s(?:[|/»›>•·]|>>|::)\s|\s[|]$|^[|]\s")
_ROLE = re.compile(r"(?i)\b(?:reporter|editor|writer|correspondent|contributor|columnist|author|staff|"
                   r"producer|photographer|journalist)\b")
_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+$")
META_KINDS = ("date_line", "byline")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def is_candidate(text: str, kind: str) -> bool:
    words = len(text.split())
    return kind in ("short", "body") and 1 <= words <= 40 and not text.endswith((":", ",", "|", "-"))


def is_meta(text: str, kind: str) -> bool:
    """A byline, a date line, or a short line with a date in it ("CBS News February 24, 2020")."""
    return kind in META_KINDS or (len(text.split()) <= 16 and bool(find_dates(text)))


@dataclass(frozen=True)
class PageLines:
    """A page's lines with what the headline features need to know about each, computed once."""

    texts: Sequence[str]
    kinds: Sequence[str]
    start: int  # the article's first line
    folded: tuple[str, ...]
    meta: tuple[bool, ...]
    candidate: tuple[bool, ...]

    @classmethod
    def of(cls, texts: Sequence[str], kinds: Sequence[str], start: int) -> PageLines:
        return cls(texts, kinds, start, tuple(fold(t) for t in texts),
                   tuple(is_meta(t, k) for t, k in zip(texts, kinds)),
                   tuple(is_candidate(t, k) for t, k in zip(texts, kinds)))

    @functools.cached_property
    def candidate_lines(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.candidate) if c)

    def repeated(self, i: int) -> bool:
        """Line ``i`` appears again on the page, alone or at the end of a longer line (a breadcrumb)."""
        target = self.folded[i]
        if self._counts[target] > 1:
            return True
        tail = " " + target
        return any(f.endswith(tail) for f in self._by_last_word.get(target.rsplit(" ", 1)[-1], ()))

    def ends_with_another(self, i: int) -> bool:
        """Line ``i`` ends with another candidate line whole ("Home >> Recipes >> <headline>")."""
        text = self.folded[i]
        return any(text[k:] in self._candidate_texts for k in range(1, len(text) - 12))

    @functools.cached_property
    def _counts(self) -> Counter:
        return Counter(self.folded)

    @functools.cached_property
    def _by_last_word(self) -> dict[str, list[str]]:
        lines: dict[str, list[str]] = {}
        for f in self.folded:
            lines.setdefault(f.rsplit(" ", 1)[-1], []).append(f)
        return lines

    @functools.cached_property
    def _candidate_texts(self) -> frozenset[str]:
        return frozenset(self.folded[j] for j in self.candidate_lines if len(self.folded[j]) > 12)


def features(i: int, page: PageLines) -> dict[str, float]:
    """The features of line ``i`` as the headline of the page."""
    texts, kinds, start = page.texts, page.kinds, page.start
    text = texts[i]
    words = len(text.split())
    meta_below = next((j for j in range(i + 1, min(len(texts), i + 5)) if page.meta[j]), None)
    between = [j for j in range(i + 1, start) if page.candidate[j] and not page.meta[j]]
    return {
        "bias": 1.0,
        "words": min(words, 12) / 12,
        "words_over_12": max(0, min(words, 30) - 12) / 18,
        "short": float(words < 3),
        "long": float(words > 20),
        "title_case": float(_title_case(text)),
        "all_caps": float(text.isupper()),
        "sentence": float(reads_as_sentence(text) and not text.endswith(("?", "!", "…", "..."))),
        "question": float(text.endswith(("?", "!"))),
        "bullet": float(bool(_BULLET.match(text))),
        "has_date": float(bool(find_dates(text))),
        "separator": float(bool(_SEPARATOR.search(f" {text} "))),
        "digits": float(sum(c.isdigit() for c in text) > 0.2 * len(text)),
        "author": float(bool(_ROLE.search(text)) or (words <= 4 and bool(_NAME_ONLY.match(text)))),
        "repeated": float(page.repeated(i)),
        # a breadcrumb ("Home >> Recipes >> <headline>") holds another line whole at its end
        "breadcrumb": float(page.ends_with_another(i)),
        # the headline sits over a longer standfirst; the standfirst under a shorter headline
        "longer_below": float(i + 1 < len(texts) and page.candidate[i + 1] and not page.meta[i + 1]
                              and len(texts[i + 1].split()) > words),
        "shorter_above": float(i > 0 and page.candidate[i - 1] and not page.meta[i - 1]
                               and 3 <= len(texts[i - 1].split()) < words),
        "meta_below": float(meta_below is not None),
        "meta_below_next": float(meta_below is not None and not any(j < meta_below for j in between)),
        "dek_below": float(i + 1 < len(texts) and kinds[i + 1] == "body" and len(texts[i + 1].split()) >= 10),
        "in_article": float(i >= start),
        "distance": math.log1p(max(0, start - i - 1)) / math.log1p(WINDOW_ABOVE),
        "between": min(len(between), 10) / 10,
        "label_above": float(i > 0 and (len(texts[i - 1].split()) <= 3 or bool(_BULLET.match(texts[i - 1])))),
        "meta_above": float(any(page.meta[max(0, i - 3):i])),
    }


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def candidates(texts: Sequence[str], kinds: Sequence[str], start: int) -> list[int]:
    window = range(max(0, start - WINDOW_ABOVE), min(len(texts), start + WINDOW_INTO))
    # Inside the article only a short line can be the headline (a page whose first paragraph
    # was taken for the article's start); a paragraph never is.
    return [i for i in window if is_candidate(texts[i], kinds[i]) and (i < start or kinds[i] == "short")]


def choose_headline(texts: Sequence[str], kinds: Sequence[str], start: int, title_hint: str | None = None,
                    *, score: bool = True) -> int | None:
    """Index of the headline line, or None when no line above the article reads as one.

    ``title_hint`` is a headline known from metadata: a line equal to it wins. ``score=False``:
    only that line can be the headline.
    """
    if title_hint:
        wanted = fold(title_hint)
        matches = [i for i, t in enumerate(texts) if kinds[i] in ("short", "body") and fold(t) == wanted]
        if matches:
            above = [i for i in matches if i < start]
            return above[-1] if above else matches[0]
    if not score:
        return None
    page = PageLines.of(texts, kinds, start)
    found = candidates(texts, kinds, start)
    if not found:
        return None
    weights = page_weights()["headline"]
    scored = [(linear_score(features(i, page), weights), i) for i in found]
    return max(scored)[1]
