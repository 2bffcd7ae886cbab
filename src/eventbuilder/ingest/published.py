"""Publication date (document creation time) with its evidence.

Trust order: override (``--published``) > metadata (JSON field, sidecar) > html (HTML metadata) >
text (a date line at the top of the page) > inferred (from the body's explicit dates) > none.

A date line above the headline is often the site's clock at crawl time, not the publication
date: the seed shows "05/12/2024 07:39:38 am" above an article from August 2014. Such a line is
ignored when it carries a time with seconds or lies far after every explicit date in the body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from eventbuilder.model import PublishedDate

# A date line this much later than the latest explicit date in the body is a crawl-time clock.
PAGE_CLOCK_GAP = timedelta(days=30)
# Weekdays mentioned in the body up to this many days after the latest explicit date are taken to
# be later days of the same news week ("photo August 6" + "met on Thursday" -> Thursday August 7).
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
_SECONDS_RE = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")


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
    html: str | None = None
    html_structured: bool = False  # from a published-time meta tag or JSON-LD
    date_lines: tuple[DateLine, ...] = ()
    body: str = ""
    captions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishedResult:
    published: PublishedDate
    page_clocks: tuple[str, ...] = ()  # date lines rejected as crawl-time clocks
    flags: tuple[str, ...] = ()


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


def resolve_published(evidence: DateEvidence, date_order: str = "MDY") -> PublishedResult:
    """Apply the trust order to the evidence; see the module docstring."""
    if evidence.override:
        return _explicit(evidence.override, "override", "high", date_order)
    flags: tuple[str, ...] = ()
    if evidence.metadata:
        try:
            return _explicit(evidence.metadata, evidence.metadata_origin, "high", date_order)
        except ValueError:
            flags = ("bad_published_field",)
    if evidence.html:
        result = _explicit(evidence.html, "html", "high" if evidence.html_structured else "medium", date_order)
        return _with_flags(result, flags)
    return _with_flags(_from_text(evidence, date_order), flags)


def _explicit(value: str, source: str, confidence: str, date_order: str) -> PublishedResult:
    instant, local = parse_timestamp(value, date_order)
    return PublishedResult(PublishedDate(instant, source, confidence, value.strip(), local_date=local))


def _with_flags(result: PublishedResult, flags: tuple[str, ...]) -> PublishedResult:
    if not flags:
        return result
    note = "the record's `published` field could not be parsed; " + (result.published.note or "")
    published = PublishedDate(**{**result.published.__dict__, "note": note.strip("; ")})
    return PublishedResult(published, result.page_clocks, result.flags + flags)


def _from_text(evidence: DateEvidence, date_order: str) -> PublishedResult:
    body_dates = explicit_dates("\n".join((*evidence.captions, evidence.body)))
    latest_body = body_dates[-1][0] if body_dates else None
    clocks, usable = [], []
    for line in evidence.date_lines:
        try:
            instant, local = parse_timestamp(_strip_label(line.text), date_order)
        except ValueError:
            continue
        if _is_page_clock(line, local, latest_body):
            clocks.append(line.text)
        else:
            usable.append((line, instant, local))
    note_clock = _clock_note(clocks, latest_body)
    if usable:
        line, instant, local = usable[0]
        confidence = "low" if _SECONDS_RE.search(line.text) and line.above_headline else "medium"
        note = "date line at the top of the text" + (f"; {note_clock}" if note_clock else "")
        published = PublishedDate(instant, "text", confidence, line.text, note, local_date=local)
        return PublishedResult(published, tuple(clocks),
                               ("page_clock_ignored",) if clocks else ())
    inferred = _infer_from_body(evidence, body_dates, note_clock)
    return PublishedResult(inferred, tuple(clocks), ("page_clock_ignored",) if clocks else ())


def _strip_label(text: str) -> str:
    return re.sub(r"(?i)^(published|posted|updated|last updated|first published|date)\s*(on|at)?\s*:?\s*", "", text)


def _is_page_clock(line: DateLine, local: date, latest_body: date | None) -> bool:
    if not line.above_headline:
        return False
    if latest_body is not None and local - latest_body > PAGE_CLOCK_GAP:
        return True
    return bool(_SECONDS_RE.search(line.text)) and latest_body is not None


def _clock_note(clocks: list[str], latest_body: date | None) -> str | None:
    if not clocks:
        return None
    return (f"ignored page-clock date line(s) {', '.join(repr(c) for c in clocks)} above the headline: "
            f"a crawl-time clock, later than every explicit date in the body (latest {latest_body})")


def _infer_from_body(evidence: DateEvidence, body_dates, note_clock: str | None):
    if not body_dates:
        note = "no date in metadata, HTML or text" + (f"; {note_clock}" if note_clock else "")
        return PublishedDate(None, "none", "low", None, note)
    anchor, anchor_text = body_dates[-1]
    ahead = [(w, (_WEEKDAYS.index(w.lower()) - anchor.weekday()) % 7) for w in _WEEKDAY_RE.findall(evidence.body)]
    ahead = [(w, k) for w, k in ahead if 0 < k <= WEEKDAY_LOOKAHEAD]
    step_word, step = max(ahead, key=lambda wk: wk[1]) if ahead else (None, 0)
    local = anchor + timedelta(days=step)
    used = anchor_text + (f"; {step_word}" if step_word else "")
    note = f"inferred: latest explicit date in the text {anchor_text!r}"
    if step_word:
        note += f", moved to the {step_word} after it that the body mentions"
    if note_clock:
        note += f"; {note_clock}"
    instant = datetime.combine(local, time(0), tzinfo=UTC)
    return PublishedDate(instant, "inferred", "low", used, note, local_date=local)
