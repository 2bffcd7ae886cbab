"""Publication date of a scraped page from the dates written on it, as weighed evidence.

Every full date on the page is a candidate. What speaks for a candidate: byline words
("Published", "Posted on", "Erstellt am"), a byline's shape ("By Jane Doe | Nov 8, 2023"), its
place between the headline and the article's first paragraph. What speaks against it: a date
with a time or a weekday in the page header above the headline (the site's clock at download
time), dates in lists of other articles, in comments, in footers and copyright lines, dates
inside the article's sentences (the events it reports), and any date after the crawl time
(impossible). The features are named in :func:`mention_features`; their weights are fitted on
the dev pages (:mod:`eventbuilder.ingest.weights`).

The page's candidate days compete with "none of them" in a softmax. The winner must beat its
strongest rival (the next day, or "none of them") clearly enough (``date_threshold``), else the
page is not dated from its text (abstain rather than guess). A candidate introduced as an update
("Updated", "Last modified") is the modified date; it is the publication date only when the page
shows no other.

Only the page's own lines are used, so a page gives the same answer however its lines are broken.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from eventbuilder.ingest.datementions import DateMention, find_dates
from eventbuilder.ingest.lines import ends_article, is_byline, reads_as_sentence
from eventbuilder.ingest.weights import linear_score, page_weights, softmax

# A time may stand between the cue and the date ("Published 5:02 PM EST, Thu December 21, 2023").
_CUE_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?[\s,|/-]*)?"
_PUBLISHED_CUE = re.compile(
    r"(?i)\b(?:published|posted|created|erstellt|veröffentlicht|publié|publicado|pubblicato|first\s+published|"
    rf"originally|issued|datum|date|written|filed)\b[\s:]*(?:on|at|am|le)?[\s:]*{_CUE_TIME}$")
_ON = re.compile(r"(?i)\bon\s*$")
_UPDATED_CUE = re.compile(
    r"(?i)\b(?:updated|modified|aktualisiert|geändert|edited|revised|mis\s+à\s+jour|actualizado|aggiornato|changed)\b"
    rf"[\s:]*(?:on|at|am|le)?[\s:]*{_CUE_TIME}$")
_BY = re.compile(r"(?:^|\s|[|•·-])(?:[Bb]y|BY|[Vv]on)[:\s]+[A-ZÀ-Ý]|\bby:?\s*$")
_COMMENT = re.compile(r"(?i)(?:\bsays:|\bwrote:|^reply$|\breply\b.{0,10}$|\bcomments?\b)")
_COPYRIGHT = re.compile(r"(?i)©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved")
# A date line above the headline this many days after every date of the article is a clock.
PAGE_CLOCK_GAP_DAYS = 30
_LABEL = re.compile(r"(?i)^(?:published|posted|updated|last updated|date|datum|on|created|erstellt|aktualisiert)\s*:?$")


@dataclass(frozen=True)
class DateCandidate:
    """One date written on the page, what it may mean, and why."""

    day: date
    text: str  # the date as written
    line: str  # the page line it is on, for the record's note
    block: int
    kind: str  # what the line is: body (a paragraph), short, byline, date_line, ...
    role: str  # published | modified
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass(frozen=True)
class TextDating:
    """What the page's text says about its dates."""

    published: DateCandidate | None
    modified: DateCandidate | None
    probability: float  # of the published day against every other and against "none of them"
    reason: str
    page_clocks: tuple[str, ...] = ()  # date lines in the page header that lost: the site's clock
    only_update: bool = False  # the published date is an update date (no other is shown)
    candidates: int = 0  # dates on the page that could be the publication date


@dataclass(frozen=True)
class PageView:
    """The page as the date finder needs it: its lines and where the article is."""

    lines: Sequence[str]
    kinds: Sequence[str]  # body | short | byline | date_line | caption | boilerplate, per line
    headline: int | None
    body_start: int | None
    body_end: int | None


# ---------------------------------------------------------------- candidates


def candidates(page: PageView, crawl_day: date | None = None, date_order: str = "MDY") -> list[DateCandidate]:
    """Every date on the page with its features; dates after ``crawl_day`` are impossible and dropped."""
    found = [(i, m) for i, line in enumerate(page.lines) for m in find_dates(line)]
    if not found:
        return []
    order = _page_order([m for _, m in found], date_order)
    days = [_resolve(m, order) for _, m in found]
    context = _PageContext(page, days, [i for i, _ in found])
    out = []
    article_latest = _article_latest(page, found, days)
    for number, ((i, mention), day) in enumerate(zip(found, days)):
        if crawl_day is not None and day > crawl_day:
            continue  # published after it was downloaded: impossible
        if page.kinds[i] == "caption":
            continue  # a photo's date, not the article's (left to inference)
        if _is_page_clock(page, i, day, article_latest):
            continue
        features = mention_features(page, i, mention, day, number, context)
        role = "modified" if features["cue_updated"] and not features["cue_published"] else "published"
        out.append(DateCandidate(day, mention.text, page.lines[i], i, page.kinds[i], role, features))
    return out


def _article_latest(page: PageView, found: list[tuple[int, DateMention]], days: list[date]) -> date | None:
    """The latest date written in the article or its captions."""
    start = page.body_start if page.body_start is not None else len(page.lines)
    inside = [d for (i, _), d in zip(found, days) if i >= start or page.kinds[i] == "caption"]
    return max(inside) if inside else None


def _is_page_clock(page: PageView, i: int, day: date, article_latest: date | None) -> bool:
    """A date line above the headline far later than every date of the article is the site's clock
    at download time (the seed's "05/12/2024 07:39:38 am" over an article of August 2014)."""
    if page.kinds[i] != "date_line" or _zone(page, i) not in ("top", "above"):
        return False
    return article_latest is not None and (day - article_latest).days > PAGE_CLOCK_GAP_DAYS


def page_clocks(page: PageView, crawl_day: date | None = None, date_order: str = "MDY") -> tuple[str, ...]:
    """The date lines above the headline that are the site's clock (see ``_is_page_clock``)."""
    found = [(i, m) for i, line in enumerate(page.lines) for m in find_dates(line)]
    if not found:
        return ()
    order = _page_order([m for _, m in found], date_order)
    days = [_resolve(m, order) for _, m in found]
    latest = _article_latest(page, found, days)
    return tuple(dict.fromkeys(page.lines[i] for (i, _), d in zip(found, days) if _is_page_clock(page, i, d, latest)))


def _page_order(mentions: list[DateMention], default: str) -> str:
    """The numeric date order this page uses: what its unambiguous numeric dates show; else the
    reading of its ambiguous ones nearest to the dates it writes with a month name; else ``default``."""
    orders = [m.order for m in mentions if m.numeric and m.order in ("DMY", "MDY") and "/" in m.text]
    if orders:
        return max(("MDY", "DMY"), key=orders.count)
    named = sorted(m.days[0] for m in mentions if not m.numeric)
    ambiguous = [m for m in mentions if len(m.days) == 2]
    if named and ambiguous:
        anchor = named[len(named) // 2]
        month_first = sum(abs((m.days[0] - anchor).days) for m in ambiguous)
        day_first = sum(abs((m.days[1] - anchor).days) for m in ambiguous)
        if month_first != day_first:
            return "MDY" if month_first < day_first else "DMY"
    return default


def _resolve(mention: DateMention, order: str) -> date:
    if len(mention.days) == 1:
        return mention.days[0]
    return mention.days[0] if order == "MDY" else mention.days[1]  # days are (month-first, day-first)


@dataclass(frozen=True)
class _PageContext:
    page: PageView
    days: list[date]
    blocks: list[int]

    @property
    def comment_start(self) -> int | None:
        """The first line that opens comments after the article, if any."""
        start = self.page.body_end if self.page.body_end is not None else 0
        return next((i for i in range(start, len(self.page.lines))
                     if ends_article(self.page.lines[i]) and "comment" in self.page.lines[i].lower()), None)


def mention_features(page: PageView, i: int, mention: DateMention, day: date, number: int,
                     context: _PageContext) -> dict[str, float]:
    """The evidence for and against one date mention as the page's publication date."""
    line = page.lines[i]
    before = line[: mention.start]
    label = page.lines[i - 1] if i > 0 and _LABEL.match(page.lines[i - 1]) else ""
    zone = _zone(page, i)
    near = [context.days[k] for k, b in enumerate(context.blocks) if abs(b - i) <= 3 and b != i]
    comments = context.comment_start
    return {
        "bias": 1.0,
        **{f"zone_{name}": float(zone == name) for name in _ZONES},
        "near_headline": max(0.0, 1 - abs(i - page.headline) / 8) if page.headline is not None else 0.0,
        "cue_published": float(bool(_PUBLISHED_CUE.search(before[-40:]) or _PUBLISHED_CUE.search(label))),
        "cue_on": float(bool(_ON.search(before))),
        "cue_updated": float(bool(_UPDATED_CUE.search(before[-40:]) or _UPDATED_CUE.search(label))),
        "byline": float(bool(_BY.search(line)) or is_byline(line) or any(
            page.kinds[j] == "byline" for j in (i - 1, i + 1) if 0 <= j < len(page.lines))),
        "date_only": float(page.kinds[i] == "date_line"),
        "time": float(mention.has_time),
        "weekday": float(mention.has_weekday),
        "clock": float(zone in ("top", "above") and (mention.has_time or mention.has_weekday)),
        "ambiguous": float(len(mention.days) > 1),
        "copyright": float(bool(_COPYRIGHT.search(line))),
        "comment": float((comments is not None and i > comments) or bool(_COMMENT.search(line))),
        "listing": min(len({d for d in near if d != day}), 3) / 3,
        "in_sentence": float(page.kinds[i] == "body" and len(line.split()) >= 15 and mention.start > 20
                             and reads_as_sentence(line)),
        "first": float(number == 0),
        "same_day": math.log1p(context.days.count(day) - 1) / math.log(5),
        "latest": float(day == max(context.days)),
        "earliest": float(day == min(context.days)),
        "off_year": float(abs(day.year - _median_year(context.days)) > 1),
    }


_ZONES = ("top", "above", "headline", "meta", "lead", "body", "after")


def _zone(page: PageView, i: int) -> str:
    """Where line ``i`` is: page header, just above the headline, the headline, between headline
    and article (byline zone), the article's first lines, the article, after it."""
    start, end, head = page.body_start, page.body_end, page.headline
    if start is None or end is None:
        return "top"
    if head is not None and head < start:
        if i < head - 3:
            return "top"
        if i < head:
            return "above"
        if i == head:
            return "headline"
    elif i < start - 4:
        return "top"
    if i < start:
        return "meta"
    if i <= start + 2:
        return "lead"
    return "body" if i <= end else "after"


def _median_year(days: list[date]) -> int:
    years = sorted(d.year for d in days)
    return years[len(years) // 2]


# ---------------------------------------------------------------- the choice


def choose(found: list[DateCandidate]) -> TextDating:
    """The publication (and modified) date the page's dates support, or none with the reason.

    Every mention gets a score; the page's mentions and "none of them" compete in a softmax, and a
    day's probability is the sum over its mentions (a date written in the byline and again in the
    footer of the article counts twice)."""
    if not found:
        return TextDating(None, None, 0.0, "no full date written on the page")
    weights = page_weights()
    scored = [_with_score(c, linear_score(c.features, weights["date"])) for c in found]
    probabilities = softmax([c.score for c in scored] + [weights["date_none"]])
    by_day: dict[date, float] = {}
    for candidate, probability in zip(scored, probabilities):
        by_day[candidate.day] = by_day.get(candidate.day, 0.0) + probability
    ranked = sorted(by_day.items(), key=lambda item: (-item[1], item[0]))
    threshold = weights["date_threshold"]
    best = {day: max((c for c in scored if c.day == day), key=lambda c: c.score) for day in by_day}
    modified = _update_line(scored)
    clocks = tuple(dict.fromkeys(c.line for c in scored if c.features["clock"] and c.features["date_only"]))
    day, probability = ranked[0]
    if margin(ranked, probabilities[-1]) < threshold:
        return TextDating(None, modified, probability, _abstain_reason(ranked, probabilities[-1]), clocks)
    winner = best[day]
    if winner.role == "modified":
        published = [c for c in scored if c.role == "published" and c.features["cue_published"]]
        if published:
            # First publication wins over "updated": the page says when it was first published.
            winner = max(published, key=lambda c: c.score)
    only_update = winner.role == "modified"
    if modified is not None and modified.day < winner.day:
        modified = None  # an update before the publication is another date
    clocks = tuple(c for c in clocks if c != winner.line)
    return TextDating(winner, modified, by_day[winner.day], "won", clocks, only_update)


def margin(ranked: list[tuple[date, float]], none: float) -> float:
    """How clearly the likeliest day wins: its probability against its strongest competitor, the
    next day or "none of them" (a clear winner among many weak dates still wins)."""
    best = ranked[0][1]
    rival = max(ranked[1][1] if len(ranked) > 1 else 0.0, none)
    return best / (best + rival) if best + rival else 0.0


def _with_score(candidate: DateCandidate, score: float) -> DateCandidate:
    return replace(candidate, score=score)


def _update_line(scored: list[DateCandidate]) -> DateCandidate | None:
    """The page's "Updated ..." date next to its headline or byline, if it shows one."""
    near = [c for c in scored if c.role == "modified" and (
        c.features.get("near_headline") or any(c.features.get(f"zone_{z}") for z in ("above", "headline", "meta", "lead")))]
    return max(near, key=lambda c: c.score) if near else None


def _abstain_reason(ranked: list[tuple[date, float]], none: float) -> str:
    day, probability = ranked[0]
    if len(ranked) > 1 and ranked[1][1] > 0.5 * probability:
        return f"no date wins clearly ({day} {probability:.2f} against {ranked[1][0]} {ranked[1][1]:.2f})"
    return f"no date reads as the publication date (best {day} {probability:.2f}; none of them {none:.2f})"


def date_page(page: PageView, crawl_day: date | None = None, date_order: str = "MDY") -> TextDating:
    """Candidates, choice and page clocks of one page: what the text says about its dates."""
    found = candidates(page, crawl_day, date_order)
    dating = choose(found)
    clocks = tuple(dict.fromkeys((*page_clocks(page, crawl_day, date_order), *dating.page_clocks)))
    return replace(dating, page_clocks=clocks, candidates=len(found))
