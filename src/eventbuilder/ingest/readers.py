"""Readers of raw formats, behind a registry keyed by file extension.

A reader has two halves. ``records`` runs in the main process: it finds the input records in a
file (one for .txt/.html, one per line of .jsonl, one per element of .json) with only cheap
checks (size, JSON syntax). ``article`` runs in a worker: it decodes and cleans one record into
an :class:`Article`. Every failure is an :class:`InputError` that becomes a ``rejects`` row.

JSON fields: ``text`` is required (a non-empty string); ``id``, ``url``, ``source``,
``published``, ``title`` and ``language`` are optional; any other field is kept in ``meta``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from eventbuilder.errors import InputError
from eventbuilder.ingest.decode import decode_text
from eventbuilder.ingest.published import DateEvidence
from eventbuilder.ingest.textdates import PageView, date_page
from eventbuilder.ingest.textpage import PageParts, segment_page
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions

KNOWN_FIELDS = ("id", "url", "source", "published", "published_origin", "modified", "title", "text", "language")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Article:
    """A decoded, cleaned record, before identity and publication date are settled."""

    raw_text: str
    page: PageParts
    external_id: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    evidence: DateEvidence = DateEvidence()
    flags: tuple[str, ...] = ()


class Reader:
    """Base class: subclasses set ``name`` and ``extensions`` and implement both halves."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        raise NotImplementedError

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        raise NotImplementedError


class _FileReader(Reader):
    """One document per file, read as bytes, with an optional sidecar."""

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        try:
            size = path.stat().st_size
            if size > options.max_document_bytes:
                raise InputError("too_large", f"{size:,} bytes is over the limit of "
                                 f"{options.max_document_bytes:,} bytes for one article (max_document_bytes)")
            if size == 0:
                raise InputError("empty", "the file is empty")
            sidecar = read_sidecar(path)
            data = path.read_bytes()
        except (InputError, OSError) as exc:
            yield _file_reject(rel, exc)
            return
        yield RawRecord(rel, self.name, data=data, sidecar=sidecar)


class TxtReader(_FileReader):
    name = "txt"
    extensions = (".txt",)

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        text, flags = decode_text(record.data or b"")
        if not text.strip():
            raise InputError("empty", "the file holds only white space")
        sidecar = record.sidecar or {}
        page = segment_page(text, title_hint=sidecar.get("title"))
        return _article_from_page(text, page, record, sidecar, flags, options)


class HtmlReader(_FileReader):
    name = "html"
    extensions = (".html", ".htm")

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        markup, flags = decode_text(record.data or b"")
        return html_article(markup, record, record.sidecar or {}, flags, options)


def html_article(markup: str, record: RawRecord, sidecar: dict[str, Any], flags: tuple[str, ...],
                 options: BuildOptions) -> Article:
    """An HTML page as an article: trafilatura's text, the headline and dates the page states,
    cross-checked with its visible byline (read as a scraped page is) when the markup's own
    statements are missing or disagree."""
    from eventbuilder.ingest import html

    extracted = html.extract(markup)
    if not extracted.text.strip():
        raise InputError("no_article_text", "no article text found in the HTML (navigation or markup only)",
                         line=record.line)
    meta = extracted.metadata
    url = record.url or _string(sidecar.get("url")) or extracted.url
    votes = _markup_votes(meta, html.url_date(url))
    headline = sidecar.get("title") or html.settled_headline(meta)
    settled = headline is not None and _markup_settles(extracted.published, votes)
    # Reading the visible page costs as much as a third of the extraction: only when needed.
    visible = None if settled else segment_page(html.visible_text(extracted.tree))
    headline = headline or html.choose_headline(meta, visible.title if visible else None)
    page = segment_page(extracted.text, title_hint=headline, find_headline=False)
    page = replace(page, title=headline or page.title)
    flags += ("truncated_html",) if extracted.truncated else ()
    article = _article_from_page(extracted.text, page, record, sidecar, flags, options, dated=visible)
    modified = tuple((origin, value) for origin, value in (("JSON-LD dateModified", meta.jsonld_modified),
                                                           ("meta modified_time", meta.meta_modified)) if value)
    evidence = replace(article.evidence, html=extracted.published, html_structured=extracted.published_structured,
                       html_votes=votes, modified=article.evidence.modified + modified)
    return replace(article, evidence=evidence, source=article.source or extracted.sitename, url=url)


def _markup_votes(meta: Any, url_day: str | None) -> tuple[tuple[str, str], ...]:
    """The page's own statements of its publication date besides htmldate's: one structured
    statement (JSON-LD, else a meta tag) and the URL's date."""
    votes: tuple[tuple[str, str], ...] = ()
    structured = meta.jsonld_published or meta.meta_published
    if structured:
        votes = (("JSON-LD datePublished" if meta.jsonld_published else "meta published_time", structured),)
    return votes + ((("URL", url_day),) if url_day else ())


def _markup_settles(htmldate: str | None, votes: tuple[tuple[str, str], ...]) -> bool:
    """htmldate and at least one other statement of the markup name the same day."""
    from eventbuilder.ingest.published import parse_timestamp

    days = set()
    for value in ([htmldate] if htmldate else []) + [v for _, v in votes]:
        try:
            days.add(parse_timestamp(value)[1])
        except ValueError:
            return False
    return htmldate is not None and bool(votes) and len(days) == 1


class JsonlReader(Reader):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        try:
            _check_file_size(path, options)
            handle = path.open("rb")
        except (InputError, OSError) as exc:
            yield _file_reject(rel, exc)
            return
        with handle:
            found = False
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                found = True
                yield _json_record(rel, self.name, number, line, options)
        if not found:
            yield Reject(rel, None, "empty", "the file holds no JSON lines")

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        return article_from_fields(record, options)


class JsonReader(Reader):
    name = "json"
    extensions = (".json",)

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        try:
            _check_file_size(path, options)
            data = path.read_bytes()
            if not data.strip():
                raise InputError("empty", "the file is empty")
            decoded, _ = decode_text(data)
            value = json.loads(decoded)
        except json.JSONDecodeError as exc:
            yield Reject(rel, None, "malformed_json", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
            return
        except (InputError, OSError) as exc:
            yield _file_reject(rel, exc)
            return
        if isinstance(value, dict):
            yield _object_record(rel, self.name, None, value, options)
        elif isinstance(value, list):
            if not value:
                yield Reject(rel, None, "empty", "the JSON list is empty")
            for number, item in enumerate(value, start=1):
                yield _object_record(rel, self.name, number, item, options)
        else:
            yield Reject(rel, None, "not_an_object", f"expected an object or a list of objects, got {type(value).__name__}")

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        return article_from_fields(record, options)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """The validated ``<stem>.meta.json`` beside ``path``, if any; a bad one is an InputError."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    try:
        value = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("bad_sidecar", f"{side.name} is not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise InputError("bad_sidecar", f"{side.name} must hold a JSON object")
    if "text" in value:
        raise InputError("bad_sidecar", f"{side.name} may not replace the article text")
    if value.get("published") is not None:
        from eventbuilder.ingest.published import parse_timestamp

        try:
            parse_timestamp(str(value["published"]))
        except ValueError as exc:
            raise InputError("bad_sidecar", f"{side.name}: `published` {value['published']!r} is not a date") from exc
    return value


def _file_reject(rel: str, exc: InputError | OSError) -> Reject:
    """The reject row for a whole file that could not be read or is not acceptable."""
    if isinstance(exc, InputError):
        return Reject(rel, None, exc.reason, exc.message)
    return Reject(rel, None, "unreadable", f"cannot read the file: {exc.strerror or exc}")


def _check_file_size(path: Path, options: BuildOptions) -> None:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise InputError("too_large", f"{size:,} bytes is over the limit of {options.max_file_bytes:,} bytes "
                         "for a JSON file (max_file_bytes)")


def _json_record(rel: str, fmt: str, number: int, line: bytes, options: BuildOptions) -> RawRecord | Reject:
    if len(line) > options.max_document_bytes:
        return Reject(rel, number, "too_large", f"line of {len(line):,} bytes is over max_document_bytes")
    try:
        value = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Reject(rel, number, "malformed_json", f"line {number} is not valid JSON: {exc}")
    return _object_record(rel, fmt, number, value, options)


def _object_record(rel: str, fmt: str, number: int | None, value: Any, options: BuildOptions) -> RawRecord | Reject:
    if not isinstance(value, dict):
        return Reject(rel, number, "not_an_object", f"expected a JSON object, got {type(value).__name__}")
    if "text" not in value and "maintext" in value:
        fmt = "newsplease"  # a news-please / CC-NEWS record: read by its own reader (ingest/crawl.py)
    text = value.get("text", value.get("maintext"))
    if isinstance(text, str) and len(text.encode("utf-8", "replace")) > options.max_document_bytes:
        return Reject(rel, number, "too_large", "the article text is over max_document_bytes")
    crawled = value.get("date_download") if fmt == "newsplease" else None
    return RawRecord(rel, fmt, line=number, fields=value, crawled_at=str(crawled) if crawled else None)


def article_from_fields(record: RawRecord, options: BuildOptions) -> Article:
    fields = record.fields or {}
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing_text", "the record has no non-empty string `text` field", line=record.line)
    title = _string(fields.get("title"))
    page = segment_page(text, title_hint=title)
    if title:
        page = replace(page, title=title)
    meta = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    article = _article_from_page(text, page, record, {k: fields.get(k) for k in KNOWN_FIELDS if k != "text"}, (),
                                 options, plain_text=True)
    return replace(article, meta=meta)


def _article_from_page(raw: str, page: PageParts, record: RawRecord, fields: dict[str, Any],
                       flags: tuple[str, ...], options: BuildOptions, *, plain_text: bool = False,
                       dated: PageParts | None = None) -> Article:
    """The article of a segmented page; ``dated`` is the page whose lines carry its dates (for
    HTML, its visible text; else ``page`` itself)."""
    if not page.text.strip():
        raise InputError("no_article_text", "no article body found (only boilerplate, headline or captions)",
                         line=record.line)
    meta = {k: v for k, v in (record.sidecar or {}).items() if k not in KNOWN_FIELDS}
    modified = _string(fields.get("modified"))
    evidence = DateEvidence(
        override=record.published_override,
        metadata=_string(fields.get("published")),
        metadata_note=_string(fields.get("published_origin")),
        body=page.text,
        captions=page.captions,
        page=date_page(page_view(dated or page), _crawl_day(record.crawled_at), options.date_order),
        modified=(("the record's `modified` field", modified),) if modified else (),
        crawl=record.crawled_at,
        plain_text=plain_text,
    )
    return Article(
        raw_text=raw,
        page=page,
        external_id=_string(fields.get("id")),
        source=_string(fields.get("source")),
        url=_string(fields.get("url")) or record.url,
        language=_string(fields.get("language")),
        meta=meta,
        evidence=evidence,
        flags=flags,
    )


def page_view(page: PageParts) -> PageView:
    """What the date finder reads of a segmented page."""
    layout = page.layout
    return PageView([b.text for b in layout.blocks], list(layout.kinds), layout.headline, layout.body_start,
                    layout.body_end)


def _crawl_day(value: str | None) -> date | None:
    if not value:
        return None
    from eventbuilder.ingest.published import parse_timestamp

    try:
        return parse_timestamp(value)[1]
    except ValueError:
        return None


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None
