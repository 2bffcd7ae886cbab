"""Main text, title and publication date of an HTML page (trafilatura and htmldate)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Structured publication-time markup: a date found here is high confidence.
_STRUCTURED_DATE = re.compile(
    r"""(?ix)(?:article:published_time|og:published_time|datePublished|pubdate|publish[_-]?date|dc\.date|sailthru\.date)""",
)


@dataclass(frozen=True)
class ExtractedHtml:
    text: str
    title: str | None
    sitename: str | None
    url: str | None
    published: str | None  # ISO date
    published_structured: bool
    truncated: bool


def extract(markup: str) -> ExtractedHtml:
    """Extract the article from ``markup``; text paragraphs are separated by line breaks."""
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                           include_tables=False, deduplicate=False)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    published = htmldate.find_date(markup, extensive_search=False, original_date=True)
    structured = published is not None and bool(_STRUCTURED_DATE.search(markup))
    if published is None:
        published = htmldate.find_date(markup, extensive_search=True, original_date=True)
    lowered = markup[-4096:].lower()
    return ExtractedHtml(
        text=text,
        title=getattr(document, "title", None) if document is not None else None,
        sitename=getattr(document, "sitename", None) if document is not None else None,
        url=getattr(document, "url", None) if document is not None else None,
        published=published,
        published_structured=structured,
        truncated="</html>" not in lowered and "</body>" not in lowered,
    )
