"""Publication date (document creation time) and last modification date, with their evidence.

Trust order: override (``--published``) > metadata (JSON field, sidecar, news-please
``date_publish``) > html (the page's markup, cross-checked) > text (the page's byline or date
line, weighed against every other date on the page, :mod:`eventbuilder.ingest.textdates`) >
inferred (the latest date in the photo captions, or in the body of a plain text, moved to a
later weekday the body names) > none.

HTML: htmldate (``original_date=True``), JSON-LD ``datePublished`` or a published-time meta tag,
a date in the URL and the page's visible byline each vote; the day with most votes wins (htmldate
breaks ties: it is right most often on the dev pages). A dissenting source is named in the note
and lowers the confidence.

A date line above the headline is often the site's clock at crawl time, not the publication
date: the seed shows "05/12/2024 07:39:38 am" above an article from August 2014. A crawl time
(a WARC record's ``WARC-Date``) makes any later date impossible.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from eventbuilder.ingest.textdates import DateCandidate, PageView, TextDating, date_page
from eventbuilder.ingest.textpage import is_date_line
from eventbuilder.model import PublishedDate

# Weekdays mentioned in the body up to this many days after the anchor date are taken to be later
# days of the same news week ("photo August 6" + "met on Thursday" -> Thursday August 7).
WEEKDAY_LOOKAHEAD = 3

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_EXPLICIT_DATES = [
    re.compile(rf"(?i)\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateLine:
    """A line of the page that is only a date; ``above_headline`` marks boilerplate position."""

    text: str
    above_headline: bool


@dataclass(frozen=True)
class DateEvidence:
    """Everything a reader found that can date a document."""

    override: str | None = None
    metadata: str | None = None  # JSON field or sidecar value
    metadata_origin: str = "metadata"
    metadata_note: str | None = None  # which field the metadata date came from ("news-please `date_publish`")
    html: str | None = None  # htmldate's original date
    html_structured: bool = False  # from a published-time meta tag or JSON-LD
    html_votes: tuple[tuple[str, str], ...] = ()  # other statements of the page: (origin, value)
    date_lines: tuple[DateLine, ...] = ()  # date-only lines, when no page analysis is given
    body: str = ""
    captions: tuple[str, ...] = ()
    page: TextDating | None = None  # the page's own dates, weighed (textdates.date_page)
    modified: tuple[tuple[str, str], ...] = ()  # stated modification times: (origin, value)
    crawl: str | None = None  # when the page was downloaded (WARC-Date): no date can be later
    plain_text: bool = False  # a clean article text (JSON field), not a scraped page


@dataclass(frozen=True)
class PublishedResult:
    published: PublishedDate
    page_clocks: tuple[str, ...] = ()  # date lines rejected as crawl-time clocks
    flags: tuple[str, ...] = ()
    modified: date | None = None


def parse_timestamp(value: str, date_order: str = "MDY") -> tuple[datetime, date]:
    """UTC instant and source-local calendar date from a metadata string; raises ValueError."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = _dateparser(date_order).get_date_data(text).date_obj
        if parsed is None:
            raise ValueError(f"not a date: {value!r}") from None
    local = parsed.date()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC), local


@functools.lru_cache(maxsize=2)
def _dateparser(date_order: str):
    import dateparser.date

    return dateparser.date.DateDataParser(
        languages=["en"], settings={"DATE_ORDER": date_order, "PREFER_DAY_OF_MONTH": "first"}
    )


def explicit_dates(text: str) -> list[tuple[date, str]]:
    """Full dates with a year written out in ``text`` ("August 6, 2014", "6 August 2014", ISO)."""
    found = []
    for pattern in _EXPLICIT_DATES:
        for match in pattern.finditer(text):
            month = match.group("month")
            month = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                found.append((date(int(match.group("year")), month, int(match.group("day"))), match.group(0)))
            except ValueError:
                continue
    return sorted(found)


# ---------------------------------------------------------------- the trust order


def resolve_published(evidence: DateEvidence, date_order: str = "MDY") -> PublishedResult:
    """Apply the trust order to the evidence; see the module docstring."""
    result = _resolve(evidence, date_order)
    return replace(result, modified=result.modified or _modified(evidence, result, date_order))


def _resolve(evidence: DateEvidence, date_order: str) -> PublishedResult:
    if evidence.override:
        return _explicit(evidence.override, "override", "high", date_order)
    flags: tuple[str, ...] = ()
    if evidence.metadata:
        try:
            note = f"metadata: {evidence.metadata_note}" if evidence.metadata_note else None
            return _explicit(evidence.metadata, evidence.metadata_origin, "high", date_order, note)
        except ValueError:
            flags = ("bad_published_field",)
    page = evidence.page or _legacy_page(evidence, date_order)
    if evidence.html or evidence.html_votes:
        voted = _from_html(evidence, page, date_order)
        if voted is not None:
            return _with_flags(voted, flags)
    return _with_flags(_from_page(evidence, page, date_order), flags)


def _explicit(value: str, source: str, confidence: str, date_order: str, note: str | None = None) -> PublishedResult:
    instant, local = parse_timestamp(value, date_order)
    return PublishedResult(PublishedDate(instant, source, confidence, value.strip(), note, local_date=local))


def _with_flags(result: PublishedResult, flags: tuple[str, ...]) -> PublishedResult:
    if not flags:
        return result
    note = "the record's `published` field could not be parsed; " + (result.published.note or "")
    published = replace(result.published, note=note.strip("; "))
    return replace(result, published=published, flags=result.flags + flags)


def _crawl_day(evidence: DateEvidence, date_order: str) -> date | None:
    if not evidence.crawl:
        return None
    try:
        return parse_timestamp(evidence.crawl, date_order)[1]
    except ValueError:
        return None


# ---------------------------------------------------------------- HTML


def _from_html(evidence: DateEvidence, page: TextDating, date_order: str) -> PublishedResult | None:
    """The day most of the page's statements name; None when none of them is a possible date."""
    crawl = _crawl_day(evidence, date_order)
    votes = _html_votes(evidence, page, date_order, crawl)
    if not votes:
        return None
    tally = Counter(day for _, day, _ in votes)
    top = max(tally.values())
    # Ties go to htmldate's day, then to the earliest (first publication before any update).
    winners = sorted(d for d, n in tally.items() if n == top)
    htmldate_day = next((d for origin, d, _ in votes if origin == "htmldate"), None)
    day = htmldate_day if htmldate_day in winners else winners[0]
    origin, _, value = next(v for v in votes if v[1] == day)
    agree = [o for o, d, _ in votes if d == day]
    dissent = [f"{o} says {d}" for o, d, _ in votes if d != day]
    confidence = "high" if evidence.html_structured and not dissent else "medium" if len(agree) > len(dissent) else "low"
    note = f"html: {', '.join(agree)} agree on {day}" + (f"; but {'; '.join(dissent)}" if dissent else "")
    if page.published is not None and page.published.day == day:
        note += f"; byline {page.published.line!r}"
    instant = _instant(value, day, date_order)
    result = PublishedResult(PublishedDate(instant, "html", confidence, value, note, local_date=day),
                             page.page_clocks, ("page_clock_ignored",) if page.page_clocks else ())
    return result


def _html_votes(evidence: DateEvidence, page: TextDating, date_order: str,
                crawl: date | None) -> list[tuple[str, date, str]]:
    statements = ([("htmldate", evidence.html)] if evidence.html else []) + list(evidence.html_votes)
    votes = []
    for origin, value in statements:
        try:
            day = parse_timestamp(value, date_order)[1]
        except ValueError:
            continue
        if crawl is None or day <= crawl:
            votes.append((origin, day, value))
    if page.published is not None and not page.only_update:
        votes.append(("byline", page.published.day, page.published.text))
    return votes


def _instant(value: str, day: date, date_order: str) -> datetime:
    """The UTC instant of ``value`` when it names ``day`` with a time, else ``day`` at midnight UTC."""
    try:
        instant, local = parse_timestamp(value, date_order)
        if local == day:
            return instant
    except ValueError:
        pass
    return datetime.combine(day, time(0), tzinfo=UTC)


# ---------------------------------------------------------------- the page's text


def _from_page(evidence: DateEvidence, page: TextDating, date_order: str) -> PublishedResult:
    clocks = page.page_clocks
    flags = ("page_clock_ignored",) if clocks else ()
    clock_note = _clock_note(clocks)
    if page.published is not None and not _in_article(page.published):
        return PublishedResult(_text_date(page, clock_note), clocks, flags, _modified_day(page))
    if evidence.page is not None and not evidence.plain_text and page.candidates:
        # The page's own dates did not settle it: a photo's date is no better (abstain).
        note = "; ".join(filter(None, [f"no date: the page's dates: {page.reason}", clock_note]))
        return PublishedResult(PublishedDate(None, "none", "low", None, note), clocks, flags, _modified_day(page))
    inferred = _infer(evidence, page, clock_note)
    return PublishedResult(inferred, clocks, flags, _modified_day(page))


def _in_article(candidate: DateCandidate) -> bool:
    """A date inside one of the article's paragraphs: an event it reports, so at best an inference."""
    f = candidate.features
    in_article = bool(f.get("zone_body") or f.get("zone_lead") or f.get("zone_after"))
    return in_article and candidate.kind == "body" and not (f.get("cue_published") or f.get("byline"))


def _text_date(page: TextDating, clock_note: str | None) -> PublishedDate:
    winner = page.published
    assert winner is not None
    confident = page.probability >= 0.9 and bool(
        winner.features.get("cue_published") or winner.features.get("byline") or winner.features.get("zone_meta"))
    why = _reasons(winner)
    note = (f"text: {winner.line!r} ({why}; probability {page.probability:.2f} against the page's other dates)")
    if page.only_update:
        note += "; the page shows only an update date"
    if clock_note:
        note += f"; {clock_note}"
    instant = datetime.combine(winner.day, time(0), tzinfo=UTC)
    confidence = "low" if page.only_update or not confident else "medium"
    return PublishedDate(instant, "text", confidence, winner.text, note, local_date=winner.day)


_REASONS = {
    "cue_published": "byline words", "cue_updated": "update words", "byline": "a byline",
    "zone_meta": "between headline and article", "zone_above": "just above the headline",
    "zone_lead": "at the article's start", "near_headline": "next to the headline", "date_only": "a date line",
}


def _reasons(candidate: DateCandidate) -> str:
    found = [text for name, text in _REASONS.items() if candidate.features.get(name)]
    return ", ".join(found) or "the page's likeliest date"


def _clock_note(clocks: tuple[str, ...]) -> str | None:
    if not clocks:
        return None
    return (f"ignored page-clock date line(s) {', '.join(repr(c) for c in clocks)} above the headline: "
            "a crawl-time clock, not the article's date")


def _modified_day(page: TextDating) -> date | None:
    return page.modified.day if page.modified is not None else None


# ---------------------------------------------------------------- inference


def _infer(evidence: DateEvidence, page: TextDating, clock_note: str | None) -> PublishedDate:
    """The latest date in the captions (a photo's day), or in the body of a plain text, moved to a
    later weekday of the same week that the body names; the page's own reason for abstaining and
    the clocks it ignored go into the note."""
    texts = list(evidence.captions) + ([evidence.body] if evidence.plain_text or evidence.page is None else [])
    body_dates = explicit_dates("\n".join(texts))
    why = f"the page's dates: {page.reason}" if page.reason != "won" else "the page's likeliest date is in the article"
    if not body_dates:
        note = "; ".join(filter(None, ["no date in metadata, HTML or text", why, clock_note]))
        return PublishedDate(None, "none", "low", None, note)
    anchor, anchor_text = body_dates[-1]
    ahead = [(w, (_WEEKDAYS.index(w.lower()) - anchor.weekday()) % 7) for w in _WEEKDAY_RE.findall(evidence.body)]
    ahead = [(w, k) for w, k in ahead if 0 < k <= WEEKDAY_LOOKAHEAD]
    step_word, step = max(ahead, key=lambda wk: wk[1]) if ahead else (None, 0)
    local = anchor + timedelta(days=step)
    used = anchor_text + (f"; {step_word}" if step_word else "")
    note = f"inferred: latest explicit date in the {'captions' if evidence.captions else 'text'} {anchor_text!r}"
    if step_word:
        note += f", moved to the {step_word} after it that the body mentions"
    note = "; ".join(filter(None, [note, why, clock_note]))
    instant = datetime.combine(local, time(0), tzinfo=UTC)
    return PublishedDate(instant, "inferred", "low", used, note, local_date=local)


# ---------------------------------------------------------------- modified date


def _modified(evidence: DateEvidence, result: PublishedResult, date_order: str) -> date | None:
    """The last modification day the record states (metadata, JSON-LD, meta tags), if any."""
    for _, value in evidence.modified:
        try:
            day = parse_timestamp(value, date_order)[1]
        except ValueError:
            continue
        published = result.published.local_date
        if published is None or day >= published:
            return day
    return None


# ---------------------------------------------------------------- evidence without a page analysis


def _legacy_page(evidence: DateEvidence, date_order: str) -> TextDating:
    """Weigh a record's date lines and body as a page: date lines above the headline, the headline,
    date lines below it, then the body's paragraphs."""
    above = [d.text for d in evidence.date_lines if d.above_headline]
    below = [d.text for d in evidence.date_lines if not d.above_headline]
    paragraphs = [p for p in evidence.body.split("\n\n") if p.strip()]
    lines = [*above, "", *below, *paragraphs]
    kinds = ["date_line" if is_date_line(t) else "short" for t in [*above, ""]]
    kinds += ["date_line" if is_date_line(t) else "short" for t in below] + ["body"] * len(paragraphs)
    start = len(above) + 1 + len(below)
    view = PageView(lines, kinds, len(above), start if paragraphs else None,
                    start + len(paragraphs) - 1 if paragraphs else None)
    return date_page(view, _crawl_day(evidence, date_order), date_order)
