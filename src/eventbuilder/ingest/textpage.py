"""Split a scraped or plain text page into boilerplate, headline, captions, dateline and body.

Scraped pages arrive as lines: site chrome ("Make CT Your Homepage", "Like Us on Facebook"), a
page clock, the headline, a kicker, photo captions and body paragraphs, in any order. Each
non-empty line is classified on its own, then the headline is chosen among the short lines
before the first body paragraph. Every line ends up in exactly one segment, so nothing is lost:
``raw_text`` keeps all of it and ``segments`` says what each block was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventbuilder.model import Segment

# Whole-line patterns for site chrome. Only lines of at most _CHROME_MAX_WORDS words are tested,
# so an article sentence that happens to start with "Subscribe" is never dropped.
_CHROME_MAX_WORDS = 14
_CHROME = re.compile(
    r"""(?ix)^(?:
      make\ .{1,40}\ (?:your\ )?home\ ?page
    | (?:like|follow|join|find)\ us(?:\ on\ .{1,40})?
    | (?:share|tweet|e-?mail|print|comment|save)(?:\ (?:this|the))?(?:\ (?:story|article|page|post|link))?(?:\ on\ .{1,30})?
    | subscribe\b.{0,100}
    | sign\ (?:up|in)\b.{0,100}
    | (?:get\ (?:our|the)\ )?newsletters?\b.{0,80}
    | trending(?:\ now|\ stories|\ topics|\ news)?:?
    | real\ time\ analytics
    | advertisement|advertising|sponsored(?:\ content)?|ad|ads|promoted
    | related(?:\ (?:articles?|stories|coverage|content|news|topics|links))?:?(?:\ .{0,120})?
    | (?:read|see)\ (?:more|next|also)\b.{0,120}
    | also\ read:?.{0,120}
    | more\ (?:from|on|in)\ .{1,60}
    | (?:click|tap)\ here\b.{0,100}
    | skip\ to\ (?:main\ )?content|skip\ navigation|menu|search|home|log\ ?in|register|close
    | (?:©|\(c\)|copyright\b).{0,150}
    | .{0,80}all\ rights\ reserved\.?
    | most\ (?:read|popular|viewed|shared)(?:\ .{0,30})?
    | recommended(?:\ for\ you|\ stories|\ articles)?
    | (?:previous|next)\ (?:article|story|post|page)
    | loading\.{0,3}
    | (?:\d+\ )?comments?(?:\ \(\d+\))?
    | back\ to\ top
    | terms\ of\ (?:use|service)|privacy\ policy|cookie\ (?:policy|settings)|contact\ us|about\ us
    | (?:photo|video)\ gallery|videos?|photos?|gallery|listen|watch(?:\ now)?
    | (?:tags?|topics?|filed\ under)\s*:.{0,150}
    | (?:by\ )?[a-z .'-]{2,40}\ (?:staff|reporter|correspondent)(?:\ writer)?
    | updated\s*:?
    )$""",
)
_MENU_SEPARATORS = re.compile(r"\s[|•·»>]\s")

_CAPTION = re.compile(
    r"""(?ix)^(?:
      \(\s*(?:photo|image|picture|video|file\ photo|photograph)\b[^)]*\)   # (Photo : Reuters) ...
    | (?:photo|image|picture|caption|pictured|file\ photo)\s*(?:credit\s*)?:  # Photo: ...
    )""",
)
_TRAILING_PHOTO_CREDIT = re.compile(r"(?i)\((?:photo|image|picture)s?\s*(?:credit)?\s*:[^)]*\)\s*$")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"
_DATE_ONLY = re.compile(
    rf"""(?ix)^(?:(?:published|posted|updated|last\ updated|first\ published|date)\s*(?:on|at)?\s*:?\s*)?
    (?:{_WEEKDAY}\s*)?
    (?:
      \d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}                   # 05/12/2024
    | \d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    | {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}       # August 6, 2014
    | \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}        # 6 August 2014
    )
    (?:\s*(?:,|at|[|-])?\s*{_TIME})?\s*$""",
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
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|["”]$""")


@dataclass(frozen=True)
class PageParts:
    """The blocks of a page, and the cleaned body built from them."""

    title: str | None
    dateline: str | None
    text: str
    captions: tuple[str, ...]
    segments: tuple[Segment, ...]


def is_chrome(line: str) -> bool:
    """Site navigation, social and advertising lines ("Like Us on Facebook")."""
    if len(line.split()) > _CHROME_MAX_WORDS:
        return False
    return bool(_CHROME.match(line)) or len(_MENU_SEPARATORS.findall(f" {line} ")) >= 2


def is_caption(line: str) -> bool:
    return bool(_CAPTION.match(line) or _TRAILING_PHOTO_CREDIT.search(line))


def is_date_line(line: str) -> bool:
    """A line that is only a date or a date and time ("05/12/2024 07:39:38 am")."""
    return bool(_DATE_ONLY.match(line))


def looks_like_body(line: str) -> bool:
    """Running text: ends like a sentence, or is too long to be a headline."""
    words = len(line.split())
    return words >= 25 or (words >= 5 and bool(_SENTENCE_END.search(line)))


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """("MINSK, Belarus", "Leaders met ...") from "MINSK, Belarus — Leaders met ..."."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("dateline").strip(), paragraph[match.end():]


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


def _classify(line: str) -> str:
    if is_date_line(line):
        return "date_line"
    if is_caption(line):
        return "caption"
    if is_chrome(line):
        return "boilerplate"
    return "body" if looks_like_body(line) else "short"


def segment_page(raw: str, title_hint: str | None = None) -> PageParts:
    """Classify every non-empty line of ``raw`` and assemble the cleaned body text.

    ``title_hint`` is a headline known from metadata (HTML <title>, JSON ``title``): a short line
    equal to it is the headline even when it sits below other short lines.
    """
    lines = _lines(raw)
    kinds = [_classify(text) for _, _, text in lines]
    if "body" not in kinds:
        # Only short lines ("Troops massed near the border", a truncated sentence): they are the
        # article, not a headline over nothing.
        kinds = ["body" if kind == "short" else kind for kind in kinds]
    first_body = next((i for i, k in enumerate(kinds) if k == "body"), len(lines))
    headline = _choose_headline(lines, kinds, first_body, title_hint)
    for i, kind in enumerate(kinds):
        if kind == "short":
            # Short lines above the headline are site chrome ("CHINA TOPIX"); below it, kickers and
            # section headings ("Near the Russian Border").
            kinds[i] = "headline" if i == headline else ("boilerplate" if headline is not None and i < headline else "subheading")
    return _assemble(lines, kinds)


def _choose_headline(lines, kinds, first_body: int, title_hint: str | None) -> int | None:
    if title_hint:
        wanted = " ".join(title_hint.split()).casefold()
        for i, (_, _, text) in enumerate(lines):
            if kinds[i] in ("short", "body") and " ".join(text.split()).casefold() == wanted:
                kinds[i] = "short"
                return i
    candidates = [i for i in range(first_body) if kinds[i] == "short" and len(lines[i][2].split()) >= 3]
    if not candidates:
        return None
    # Site names above the article are short and often in capitals ("THE DAILY DISPATCH"); the
    # headline is the longest mixed-case line before the body.
    return max(candidates, key=lambda i: (not lines[i][2].isupper(), len(lines[i][2].split()), -i))


def _assemble(lines: list[tuple[int, int, str]], kinds: list[str]) -> PageParts:
    segments: list[Segment] = []
    body: list[str] = []
    captions: list[str] = []
    title = dateline = None
    for (start, end, text), kind in zip(lines, kinds):
        if kind == "headline":
            title = text
        elif kind == "caption":
            captions.append(text)
        elif kind == "body":
            if not body and dateline is None:
                found, rest = split_dateline(text)
                if found:
                    dateline = found
                    cut = len(text) - len(rest)
                    segments.append(Segment("dateline", start, start + cut, text[:cut]))
                    start, text = start + cut, rest
            body.append(text)
        segments.append(Segment(kind, start, end, text))
    return PageParts(
        title=title,
        dateline=dateline,
        text="\n\n".join(body),
        captions=tuple(captions),
        segments=tuple(segments),
    )
