"""Split a scraped or plain text page into chrome, headline, byline, captions, dateline and body.

A scraped page is the whole visible page saved as text: menus, a page clock, the headline, a
kicker, a byline, photo captions, the article's paragraphs, share lines, related-article lists,
comments and a footer, in any order, with line breaks that depend on the tool that rendered it
(one block a paragraph, or one line per HTML text node, links included). So the page is read in
four steps, each a function of the page alone:

1. lines, and *blocks*: fragments of one sentence broken at inline links are joined back
   ("... the absence of former President" / "Donald Trump" / ", the polling front-runner"), so
   both renders give the same blocks;
2. each block is weighed as running text (positive, by its length) or not (negative: chrome,
   short lines, captions, bylines); the article is the contiguous run of blocks with the highest
   total weight that crosses no cut (the start of comments or of a list of other articles, or a
   date line: comments and teasers carry one each), a run right under the byline or a date line
   counting more;
3. the headline is the headline-shaped block above the article, next to the byline and date;
4. the article's text is its paragraphs in order, section headings inside it included.

Every line ends up in exactly one segment, so nothing is lost: ``raw_text`` keeps all of it and
``segments`` says what each line was.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from eventbuilder.ingest.headline import choose_headline
from eventbuilder.ingest.lines import (
    ends_article,
    is_byline,
    is_caption,
    is_chrome,
    is_cookie_notice,
    looks_like_body,
    reads_as_sentence,
    word_count,
)
from eventbuilder.model import Segment

__all__ = ["PageParts", "PageLayout", "segment_page", "is_chrome", "is_date_line", "split_dateline",
           "looks_like_body"]

# Weights of blocks for finding the article (step 2). Running text weighs its word count less
# _PROSE_OFFSET (at most _PROSE_CAP), so a 40-word paragraph counts 32 and a one-line teaser under
# a link barely counts; a line that is not running text costs _SHORT, chrome _CHROME_WEIGHT.
_PROSE_OFFSET = 8
_PROSE_CAP = 80
_SHORT = -4
_CHROME_WEIGHT = -10
# A run of paragraphs that starts within _ANCHOR_REACH blocks under a byline or a date line (the
# article's own) counts _ANCHOR more.
_ANCHOR = 25
_ANCHOR_REACH = 6
# A first paragraph this short may be a standfirst, with the dateline opening the next one.
_STANDFIRST_WORDS = 30

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"
_DATE_ONLY = re.compile(
    rf"""(?ix)^(?:[*+•o-]\s+)?(?:(?:published|posted|updated|last\ updated|first\ published|date|created)\s*(?:on|at)?\s*:?\s*)?
    (?:{_TIME}\s*,?\s*)?                                     # 07:34, 3 NOV 2023
    (?:{_WEEKDAY}\s*)?
    (?:
      \d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}                   # 05/12/2024
    | \d{{4}}[-/.]\d{{2}}[-/.]\d{{2}}(?:T[\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    | {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}       # August 6, 2014
    | \d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+\d{{4}}     # 6 August 2014
    )
    (?:\s*(?:,|at|[|/@-])?\s*{_TIME})?\s*$""",
)

# "2 days ago at 07:52 am", "Updated an hour ago", "Today 12:01 AM": a date relative to the crawl.
_RELATIVE_TIME = re.compile(
    rf"""(?ix)^(?:[*+•o-]\s+)?(?:(?:published|posted|updated|last\ updated)\s*:?\s*)?
    (?:(?:about\ |over\ )?(?:an?|\d+)\s*(?:s(?:ec(?:ond)?s?)?|m(?:in(?:ute)?s?)?|h(?:(?:ou)?rs?)?|d(?:ays?)?|w(?:eeks?)?|months?)\s+ago
      |today|yesterday|just\ now)
    (?:\s*(?:,|at|[|/@-])?\s*{_TIME})?\s*$""",
)

# "WASHINGTON —", "MINSK, Belarus —", "BRUSSELS (Reuters) -", "MOSCOW, Aug 7 (Reuters) -", "(AP) —"
_DATELINE = re.compile(
    r"""^(?P<dateline>
      (?:
        [A-Z][A-Z'.\-]{2,}(?:\s+[A-Z][A-Z'.\-]+){0,3}                    # city in capitals
        (?:,\s+[A-Z][A-Za-z'.\-]+(?:\s+[A-Z][A-Za-z'.\-]+){0,2})?        # , Belarus
        (?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?                           # , Aug 7
        (?:\s+\([A-Za-z][\w .&'\-]{0,30}\))?                             # (Reuters)
      | \([A-Za-z][\w .&'\-]{0,30}\)                                     # (Reuters) alone
      )
    )\s*(?:—|–|--|-)\s+(?=\S)""",
    re.VERBOSE,
)
_LABEL = re.compile(r"(?i)^(?:by|von|par|published|posted|updated|last\s+updated|date|datum|written\s+by|words\s+by|"
                    r"photos?\s+by|story\s+by|posted\s+(?:on|by|in)|published\s+on|updated\s+on)\s*:?$")
_CONJUNCTIONS = frozenset({"and", "&", "und", "et", "y", "e"})
_BULLET = re.compile(r"^(?:[*+•o-]|\d{1,2}\.)\s+")
# A line that continues the previous one: it starts in lower case or with closing punctuation.
_CONTINUES = re.compile(r"""^(?:[,.;:!?)\]}%’”]|'s\b|[a-zà-ÿ])""")
_OPENS = re.compile(r"""[(\[“‘"'/-]$""")


@dataclass(frozen=True)
class Block:
    """One or more consecutive lines of the page that read as one unit (a paragraph, a title)."""

    lines: tuple[tuple[int, int, str], ...]  # (start, end, text) of each raw line, offsets into raw
    text: str


@dataclass(frozen=True)
class PageLayout:
    """Where things are on the page, in block indices: what the date finder needs."""

    blocks: tuple[Block, ...] = ()
    kinds: tuple[str, ...] = ()  # what each block is on its own: body, short, byline, date_line, caption, boilerplate
    headline: int | None = None
    body_start: int | None = None
    body_end: int | None = None  # inclusive


@dataclass(frozen=True)
class PageParts:
    """The blocks of a page, and the cleaned body built from them."""

    title: str | None
    dateline: str | None
    text: str
    captions: tuple[str, ...]
    segments: tuple[Segment, ...]
    layout: PageLayout = field(default_factory=PageLayout)


@functools.lru_cache(maxsize=1 << 16)
def is_date_line(line: str) -> bool:
    """A line that is only a date or a date and time ("05/12/2024 07:39:38 am", "2 days ago")."""
    return bool(_DATE_ONLY.match(line) or _RELATIVE_TIME.match(line))


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """("MINSK, Belarus", "Leaders met ...") from "MINSK, Belarus — Leaders met ..."."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("dateline").strip(), paragraph[match.end():]


# ---------------------------------------------------------------- step 1: lines and blocks


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """Non-empty lines with the offsets of their stripped content in ``raw``."""
    out, position = [], 0
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            out.append((start, start + len(stripped), stripped))
        position += len(line)
    return out


def _blocks(lines: list[tuple[int, int, str]]) -> list[Block]:
    """Join the fragments of a sentence that a renderer broke at inline elements."""
    groups: list[list[tuple[int, int, str]]] = []
    for i, line in enumerate(lines):
        if groups and _joins(groups[-1], line[2], lines[i + 1][2] if i + 1 < len(lines) else None):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [Block(tuple(group), _join_texts([text for _, _, text in group])) for group in groups]


def _joins(group: list[tuple[int, int, str]], text: str, following: str | None) -> bool:
    previous = group[-1][2]
    if _LABEL.match(previous) and len(group) == 1 and not _BULLET.match(text):
        return True  # "By" / "Jane Doe", "Published:" / "Nov 8, 2023": a label and its value
    if text.casefold() in _CONJUNCTIONS or previous.casefold() in _CONJUNCTIONS:
        return not _BULLET.match(text)  # "Olena Petrenko" / "and" / "Mark Rivers"
    if _BULLET.match(text) or is_date_line(text) or is_chrome(text) and not _CONTINUES.match(text):
        return False
    if reads_as_sentence(previous) or previous.endswith(":"):
        return bool(re.match(r"[,;)\]]", text))
    if _CONTINUES.match(text):
        # a lower-case line continues a sentence; a byline ("by Jane Doe") or a one-word label
        # ("ireland", "letture") under a headline does not
        if re.match(r"[,.;:!?)\]}%’”]|'s\b", text):
            return True
        within = len(text.split()) >= 2 or (following is not None and bool(_CONTINUES.match(following)))
        return within and not re.match(r"(?i)by\b|von\b|par\b", text) and "_" not in text.split()[0]
    # A link inside a sentence: "... former President" / "Donald Trump" / ", the polling ..."
    open_sentence = sum(word_count(t) for _, _, t in group) >= 5 and not is_chrome(previous)
    return (open_sentence and len(text.split()) <= 6 and not reads_as_sentence(text) and following is not None
            and bool(_CONTINUES.match(following)) and len(following.split()) >= 2
            and not re.match(r"(?i)by\b", following))


def _join_texts(texts: list[str]) -> str:
    joined = texts[0]
    for text in texts[1:]:
        glue = "" if re.match(r"[,.;:!?)\]}%’”]|'s\b", text) or _OPENS.search(joined) else " "
        joined += glue + text
    return joined


# ---------------------------------------------------------------- step 2: the article


def _first_kind(text: str) -> str:
    """What a block is on its own: date_line, caption, byline, boilerplate, body or short."""
    if is_date_line(text):
        return "date_line"
    if is_caption(text):
        return "caption"
    if is_chrome(text) or ends_article(text) or is_cookie_notice(text):
        return "boilerplate"
    if is_byline(text):
        return "byline"
    return "body" if looks_like_body(text) else "short"


def _weight(block: Block, kind: str) -> int:
    if kind == "body":
        return max(1, min(word_count(block.text), _PROSE_CAP) - _PROSE_OFFSET)
    return _CHROME_WEIGHT if kind == "boilerplate" else _SHORT


def _is_cut(block: Block, kind: str) -> bool:
    """The article never runs across the start of comments or of a list of other articles, nor
    across a date line (each comment and each teaser of a list of articles carries one)."""
    return kind == "date_line" or ends_article(block.text)


def _article_span(blocks: list[Block], kinds: list[str]) -> tuple[int, int] | None:
    """The run of blocks with the highest total weight between two cuts, a run just under a byline
    or a date line (the article's own) counting _ANCHOR more; None when nothing weighs."""
    best: tuple[float, int, int] | None = None
    total, run_start = 0, 0
    for i, (block, kind) in enumerate(zip(blocks, kinds)):
        if _is_cut(block, kind):
            total = 0
            continue
        if total <= 0:
            total, run_start = 0, i
        total += _weight(block, kind)
        if total > 0:
            score = total + (_ANCHOR if _anchored(kinds, run_start) else 0)
            if best is None or score > best[0]:
                best = (score, run_start, i)
    return (best[1], best[2]) if best else None


def _anchored(kinds: list[str], start: int) -> bool:
    return any(k in ("date_line", "byline") for k in kinds[max(0, start - _ANCHOR_REACH):start])


# ---------------------------------------------------------------- the page


def segment_page(raw: str, title_hint: str | None = None, *, find_headline: bool = True) -> PageParts:
    """Classify every line of ``raw`` and assemble the article's text.

    ``title_hint`` is a headline known from metadata (HTML <title>, JSON ``title``): a line equal to
    it is the headline even when it sits elsewhere. ``find_headline=False``: only a line equal to
    the hint is the headline (the caller knows the headline from elsewhere).
    """
    blocks = _blocks(_lines(raw))
    kinds = [_first_kind(b.text) for b in blocks]
    if "body" not in kinds:
        # Only short lines ("Troops massed near the border", a truncated sentence) or caption-like
        # ones: they are the article, not a headline over nothing.
        kinds = ["body" if kind in ("short", "caption") else kind for kind in kinds]
    span = _article_span(blocks, kinds)
    if span is None:
        final = ["boilerplate" if k in ("short", "body") else k for k in kinds]
        return _assemble(blocks, final, PageLayout(tuple(blocks), tuple(kinds)))
    start, end = span
    headline = choose_headline([b.text for b in blocks], kinds, start, title_hint, score=find_headline)
    final = _final_kinds(blocks, kinds, start, end, headline)
    return _assemble(blocks, final, PageLayout(tuple(blocks), tuple(kinds), headline, start, end))


def _final_kinds(blocks: list[Block], kinds: list[str], start: int, end: int, headline: int | None) -> list[str]:
    final = []
    for i, kind in enumerate(kinds):
        if i == headline:
            final.append("headline")
        elif kind in ("date_line", "caption", "byline"):
            final.append(kind)
        elif start <= i <= end and kind in ("body", "short"):
            final.append("body" if kind == "body" else "subheading")
        elif headline is not None and headline < i < start and kind in ("short", "body"):
            final.append("standfirst" if kind == "body" else "subheading")
        else:
            final.append("boilerplate")
    return final


def _assemble(blocks: list[Block], kinds: list[str], layout: PageLayout) -> PageParts:
    segments: list[Segment] = []
    paragraphs: list[str] = []
    captions: list[str] = []
    dateline = None
    span = (layout.body_start, layout.body_end)
    inside = range(span[0], span[1] + 1) if span[0] is not None and span[1] is not None else range(0)
    for i, (block, kind) in enumerate(zip(blocks, kinds)):
        in_text = kind == "body" or (kind == "subheading" and i in inside)
        if kind == "caption":
            captions.append(block.text)
        lines = list(block.lines)
        # The dateline opens the first paragraph, or the second after a standfirst kept in the text
        # ("Moscow says the agreement has ended." / "MOSCOW — Russia said on Monday ...").
        opening = not paragraphs or (len(paragraphs) == 1 and len(paragraphs[0].split()) <= _STANDFIRST_WORDS)
        if in_text and opening and dateline is None:
            found, rest = split_dateline(lines[0][2])
            if found:
                dateline = found
                start, end, text = lines[0]
                cut = len(text) - len(rest)
                segments.append(Segment("dateline", start, start + cut, text[:cut]))
                lines[0] = (start + cut, end, rest)
        if in_text:
            paragraphs.append(_join_texts([text for _, _, text in lines]))
        segments.extend(Segment(kind, start, end, text) for start, end, text in lines)
    return PageParts(
        title=blocks[layout.headline].text if layout.headline is not None else None,
        dateline=dateline,
        text="\n\n".join(paragraphs),
        captions=tuple(captions),
        segments=tuple(segments),
        layout=layout,
    )
