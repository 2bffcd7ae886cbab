"""One raw record to one :class:`Document`: decode, clean, date, identify."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import datetime

from eventbuilder.ingest.published import parse_timestamp, resolve_published
from eventbuilder.ingest.registry import reader_named
from eventbuilder.model import Document, RawRecord, Segment
from eventbuilder.options import BuildOptions

# Frequent English function words; a text where they are rare is not English.
_ENGLISH = frozenset(
    "the of and to in a is that for on was with he it as at by from his be are have has were said "
    "an not but which they this had their its who been will would after also into than more".split()
)


def content_id(text: str) -> str:
    """Document id: sha256 of the normalised text, so the same article twice is one document."""
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def detect_language(text: str) -> str:
    """``en`` when English function words are frequent, else ``und`` (undetermined)."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if not words:
        return "und"
    share = sum(word in _ENGLISH for word in words) / len(words)
    return "en" if share >= 0.12 else "und"


def to_document(record: RawRecord, options: BuildOptions) -> Document:
    """Read, clean and date one record; raises InputError for a record that cannot be a document."""
    if options.published and record.published_override is None:
        record = replace(record, published_override=options.published)
    article = reader_named(record.format).article(record, options)
    result = resolve_published(article.evidence, options.date_order)
    language = article.language or detect_language(article.page.text)
    flags = article.flags + result.flags + (("non_english",) if language != "en" else ())
    return Document(
        doc_id=content_id(article.page.text),
        external_id=article.external_id or _file_id(record),
        source_path=record.source_path,
        line=record.line,
        format=record.format,
        source=article.source,
        url=article.url,
        title=article.page.title,
        dateline=article.page.dateline,
        text=article.page.text,
        raw_text=article.raw_text,
        published=result.published,
        language=language,
        meta=article.meta,
        segments=_mark_page_clocks(article.page.segments, result.page_clocks),
        flags=tuple(dict.fromkeys(flags)),
        captions=article.page.captions,
        modified_date=result.modified,
        crawled_at=_crawl_instant(record.crawled_at),
    )


def _crawl_instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_timestamp(value)[0]
    except ValueError:
        return None


def _file_id(record: RawRecord) -> str:
    return record.source_path if record.line is None else f"{record.source_path}#{record.line}"


def _mark_page_clocks(segments: tuple[Segment, ...], clocks: tuple[str, ...]) -> tuple[Segment, ...]:
    """Date lines that were the site's clock become ``page_date`` segments."""
    return tuple(replace(s, kind="page_date") if s.kind == "date_line" and any(s.text in c for c in clocks) else s
                 for s in segments)

