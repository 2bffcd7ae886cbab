"""What an HTML page says about itself: article text (trafilatura), dates (htmldate, JSON-LD,
meta tags, the URL), headline candidates (JSON-LD ``headline``, ``og:title``, ``<h1>``,
``<title>``) and its visible text (for the byline, read as a scraped page is).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# Structured publication-time markup: a date found here is high confidence.
_STRUCTURED_DATE = re.compile(
    r"""(?ix)(?:article:published_time|og:published_time|datePublished|pubdate|publish[_-]?date|dc\.date|sailthru\.date)""",
)
_PUBLISHED_META = ("article:published_time", "og:published_time", "article.published", "published_time",
                   "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
                   "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "og:modified_time", "datemodified",
                  "last-modified", "dcterms.modified")
# /2023/11/08/, /2023/nov/8/, /20231108/, /2023-11-08-
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[/-](?P<day>0?[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)|/(?P<compact>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))/",
    re.IGNORECASE,
)
_URL_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DROP = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "button", "select")
_BLOCK = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul title".split()
)


@dataclass(frozen=True)
class PageMetadata:
    """Dates and headline candidates the markup states."""

    jsonld_published: str | None = None
    jsonld_modified: str | None = None
    jsonld_headline: str | None = None
    meta_published: str | None = None
    meta_modified: str | None = None
    og_title: str | None = None
    site_name: str | None = None
    title: str | None = None
    h1: tuple[str, ...] = ()
    url: str | None = None
    url_date: str | None = None  # ISO day found in the page's canonical URL


@dataclass(frozen=True)
class ExtractedHtml:
    text: str
    title: str | None
    sitename: str | None
    url: str | None
    published: str | None  # ISO date (htmldate, original date)
    published_structured: bool
    truncated: bool
    metadata: PageMetadata = field(default_factory=PageMetadata)
    tree: Any = None  # the parsed page, for its visible text (``visible_text``) when it is needed


def extract(markup: str) -> ExtractedHtml:
    """Extract the article from ``markup``; text paragraphs are separated by line breaks."""
    import htmldate
    import trafilatura

    # trafilatura cleans the tree it is given, so each library parses the markup itself.
    document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                           include_tables=False, deduplicate=False)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    published = htmldate.find_date(markup, extensive_search=False, original_date=True)
    structured = published is not None and bool(_STRUCTURED_DATE.search(markup))
    if published is None:
        published = htmldate.find_date(markup, extensive_search=True, original_date=True)
    tree = parse(markup)
    metadata = page_metadata(tree)
    lowered = markup[-4096:].lower()
    return ExtractedHtml(
        text=text,
        title=getattr(document, "title", None) if document is not None else None,
        sitename=getattr(document, "sitename", None) if document is not None else None,
        url=metadata.url or (getattr(document, "url", None) if document is not None else None),
        published=published,
        published_structured=structured,
        truncated="</html>" not in lowered and "</body>" not in lowered,
        metadata=metadata,
        tree=tree,
    )


def parse(markup: str) -> Any:
    """An lxml tree of ``markup`` (an XML encoding declaration in a decoded string is ignored)."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises ParserError on documents it cannot root; an empty page is the same
        return lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)


# ---------------------------------------------------------------- visible text


def visible_text(tree_or_markup: Any) -> str:
    """The page's visible text, one block element a line (what a scraper saves as the page's text)."""
    tree = parse(tree_or_markup) if isinstance(tree_or_markup, str) else tree_or_markup
    pieces: list[str] = []
    body = tree.find("body")
    _walk(body if body is not None else tree, pieces)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: Any, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP:
        return
    block = tag in _BLOCK
    if block or tag == "br":
        pieces.append("\n")
    if element.text and tag not in _DROP:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append("\n")


# ---------------------------------------------------------------- metadata


def page_metadata(tree: Any) -> PageMetadata:
    jsonld = _jsonld_articles(tree)
    meta = _meta_tags(tree)
    url = meta.get("og:url") or _canonical(tree)
    return PageMetadata(
        jsonld_published=_first(jsonld, "datePublished"),
        jsonld_modified=_first(jsonld, "dateModified"),
        jsonld_headline=_clean(_first(jsonld, "headline")),
        meta_published=next((meta[k] for k in _PUBLISHED_META if meta.get(k)), None),
        meta_modified=next((meta[k] for k in _MODIFIED_META if meta.get(k)), None),
        og_title=_clean(meta.get("og:title")),
        site_name=_clean(meta.get("og:site_name") or meta.get("application-name")),
        title=_clean(" ".join(tree.xpath("//title//text()"))),
        h1=tuple(t for t in (_clean(" ".join(h.xpath(".//text()"))) for h in tree.xpath("//body//h1")) if t),
        url=url,
        url_date=url_date(url),
    )


def url_date(url: str | None) -> str | None:
    """The day written in an article URL ("/2023/11/08/", "/2023/nov/8/"), as ISO, or None."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    if match.group("compact"):
        compact = match.group("compact")
        year, month, day = int(compact[:4]), int(compact[4:6]), int(compact[6:])
    else:
        month_text = match.group("month").lower()
        year, day = int(match.group("year")), int(match.group("day"))
        month = int(month_text) if month_text.isdigit() else _URL_MONTHS[month_text]
    try:
        from datetime import date

        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key and key not in found and element.get("content", "").strip():
            found[key] = element.get("content").strip()
    return found


def _canonical(tree: Any) -> str | None:
    links = tree.xpath("//link[@rel='canonical']/@href")
    return links[0].strip() if links else None


def _jsonld_articles(tree: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page that describe an article (or a web page) with a date."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            value = json.loads(script)
        except ValueError:
            continue
        objects.extend(_flatten(value))
    articles = [o for o in objects if "datePublished" in o or "headline" in o]
    return sorted(articles, key=lambda o: not re.search(r"Article|Posting|Report|Blog", str(o.get("@type", ""))))


def _flatten(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [o for item in value for o in _flatten(item)]
    if not isinstance(value, dict):
        return []
    return [value, *_flatten(value.get("@graph", [])), *_flatten(value.get("mainEntity", []))]


def _first(objects: list[dict[str, Any]], key: str) -> str | None:
    for o in objects:
        value = o.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    import html

    cleaned = " ".join(html.unescape(text).split())
    return cleaned or None


# ---------------------------------------------------------------- headline

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|•)\s+")
_GENERIC_H1 = re.compile(r"(?i)^(?:sections?|menu|search|comments?|related|navigation|home|main menu|"
                         r"subscribe|about|news|log ?in|sign (?:in|up)|newsletters?)$")


def choose_headline(metadata: PageMetadata, text_headline: str | None = None) -> str | None:
    """The page's headline as it shows it: the ``<h1>`` that the page's other statements (JSON-LD
    ``headline``, ``og:title``, ``<title>`` less the site name, the headline line of the visible
    text) support, a kicker before it dropped; else what those statements agree on."""
    site = _site_names(metadata)
    others = [t for t in (metadata.jsonld_headline, metadata.og_title, strip_site_name(metadata.title, site),
                          text_headline) if t]
    h1s = [h for h in (_drop_kicker(h, others) for h in metadata.h1) if _good_h1(h, site)]
    if h1s:
        return max(h1s, key=lambda h: (_support(h, others), -metadata.h1.index(h) if h in metadata.h1 else 0))
    if text_headline and _support(text_headline, others) > 1:
        return text_headline
    for candidate in (metadata.jsonld_headline, metadata.og_title, text_headline):
        if candidate and candidate.casefold() not in site:
            return strip_site_name(candidate, site)
    return strip_site_name(metadata.title, site)


def settled_headline(metadata: PageMetadata) -> str | None:
    """The ``<h1>`` when the page's other statements name it too (no need to read the visible
    text to choose), else None."""
    site = _site_names(metadata)
    others = [t for t in (metadata.jsonld_headline, metadata.og_title, strip_site_name(metadata.title, site)) if t]
    h1s = [h for h in (_drop_kicker(h, others) for h in metadata.h1) if _good_h1(h, site)]
    supported = [h for h in h1s if _support(h, others)]
    return supported[0] if len(h1s) == 1 and supported else None


def strip_site_name(title: str | None, site: set[str] | None = None) -> str | None:
    """"Headline | Site" or "Site - Headline" without the site's part."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    named = [p for p in parts if site and p.casefold() in site]
    kept = [p for p in parts if p not in named] if named else parts[:-1] if len(parts[-1].split()) <= 4 else parts
    return " - ".join(kept) if kept else title


def _site_names(metadata: PageMetadata) -> set[str]:
    names = {metadata.site_name.casefold()} if metadata.site_name else set()
    if metadata.url:
        host = re.sub(r"^https?://(?:www\.)?", "", metadata.url).split("/")[0]
        names |= {host.casefold(), host.split(".")[0].casefold()}
    return names


def _good_h1(text: str, site: set[str]) -> bool:
    words = len(text.split())
    return 1 <= words <= 40 and text.casefold() not in site and not _GENERIC_H1.match(text)


def _drop_kicker(h1: str, others: list[str]) -> str:
    """"Local News | Brothel catering to ..." -> "Brothel catering to ..." when another statement
    of the page gives the headline without the kicker."""
    folded = h1.casefold()
    for other in others:
        tail = other.casefold()
        if folded != tail and folded.endswith(tail) and re.search(r"[|:»›]\s*$", h1[: len(h1) - len(other)].strip() + " "):
            return h1[len(h1) - len(other):]
    return h1


def _support(text: str, others: list[str]) -> int:
    folded = " ".join(text.casefold().split())
    return sum(" ".join(o.casefold().split()) == folded for o in others)
