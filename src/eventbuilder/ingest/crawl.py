"""Readers of the crawl formats analysts receive: WARC files and news-please / CC-NEWS records.

WARC (``.warc``, ``.warc.gz``; read with warcio, streamed record by record): each ``response``
(or ``resource``) record is an input record. An HTML page with HTTP status 2xx becomes a
document, with ``WARC-Target-URI`` as its URL and ``WARC-Date`` as its crawl time (a publication
date after it is impossible); any other response (an image, a redirect, an error page) is a
``rejects`` row with the reason, and so is the rest of a file that stops being a valid WARC.
``request``, ``metadata``, ``warcinfo`` and ``revisit`` records carry no page and are not input
records. ``line`` is the record's position in the file (1-based, every record counted).

news-please (and CC-NEWS extracts in its shape): a JSON object with ``maintext`` instead of
``text``, in a ``.jsonl`` or ``.json`` file, is read here field by field: ``maintext`` -> text,
``title`` -> title, ``date_publish`` -> published, ``date_modify`` -> modified, ``date_download``
-> crawl time (set when the record is found), ``url``, ``language``, ``source_domain`` -> source;
every other field is kept in ``meta``, and ``meta.newsplease_fields`` records which field each
value came from.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventbuilder.errors import InputError
from eventbuilder.ingest.decode import decode_declared
from eventbuilder.ingest.readers import Article, JsonlReader, Reader, article_from_fields, html_article
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"(?i)charset\s*=\s*[\"']?([\w.:-]+)")

# news-please field -> our field
NEWSPLEASE_FIELDS = {
    "maintext": "text", "title": "title", "date_publish": "published", "date_modify": "modified",
    "url": "url", "language": "language", "source_domain": "source",
}


class WarcReader(Reader):
    name = "warc"
    extensions = (".warc", ".warc.gz")

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        number, found = 0, False
        try:
            with path.open("rb") as handle:
                for record in ArchiveIterator(handle):
                    number += 1
                    if record.rec_type in ("response", "resource"):
                        found = True
                        yield _warc_record(rel, number, record, options)
        except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
            yield Reject(rel, number + 1, "malformed_warc",
                         f"not a valid WARC from record {number + 1} on ({type(exc).__name__}: {exc}); "
                         f"{number} record(s) before it were read")
            return
        except OSError as exc:
            yield Reject(rel, None, "unreadable", f"cannot read the file: {exc.strerror or exc}")
            return
        if not found:
            yield Reject(rel, None, "empty", "the WARC file holds no response or resource records")

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        fields = record.fields or {}
        markup, flags = decode_declared(record.data or b"", fields.get("charset"))
        article = html_article(markup, record, {}, flags, options)
        meta = {k: v for k, v in fields.items() if k != "charset" and v is not None}
        return replace(article, meta={**article.meta, **meta}, external_id=None)


def _warc_record(rel: str, number: int, record: Any, options: BuildOptions) -> RawRecord | Reject:
    """One response record as a RawRecord, or the reason it is not a page."""
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    status, content_type = _http_status_and_type(record)
    where = f"record {number} ({uri or 'no WARC-Target-URI'})"
    if status is not None and not 200 <= status < 300:
        return Reject(rel, number, "http_status", f"{where}: HTTP status {status}, not a page")
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return Reject(rel, number, "not_html", f"{where}: {content_type or 'no content type'}, not an HTML page")
    payload = record.content_stream().read(options.max_document_bytes + 1)
    if len(payload) > options.max_document_bytes:
        return Reject(rel, number, "too_large", f"{where}: body over max_document_bytes")
    if not payload.strip():
        return Reject(rel, number, "empty", f"{where}: empty body")
    charset = _CHARSET.search(content_type)
    fields = {"warc_record_id": headers.get_header("WARC-Record-ID"), "http_status": status,
              "content_type": content_type, "charset": charset.group(1) if charset else None}
    return RawRecord(rel, "warc", line=number, data=payload, fields=fields, url=uri,
                     crawled_at=headers.get_header("WARC-Date"))


def _http_status_and_type(record: Any) -> tuple[int | None, str]:
    if record.rec_type == "response" and record.http_headers is not None:
        code = record.http_headers.get_statuscode()
        status = int(code) if code and code.isdigit() else None
        return status, record.http_headers.get_header("Content-Type") or ""
    return None, record.rec_headers.get_header("Content-Type") or ""


class NewsPleaseReader(Reader):
    """news-please / CC-NEWS JSON records. The JSON readers route a record here when it has
    ``maintext`` and no ``text``, so this reader claims no file extension of its own."""

    name = "newsplease"
    extensions = ()

    def records(self, path: Path, rel: str, options: BuildOptions) -> Iterator[RawRecord | Reject]:
        yield from JsonlReader().records(path, rel, options)

    def article(self, record: RawRecord, options: BuildOptions) -> Article:
        fields = record.fields or {}
        if not isinstance(fields.get("maintext"), str) or not fields["maintext"].strip():
            raise InputError("missing_text", "the news-please record has no non-empty `maintext`", line=record.line)
        mapped, provenance = newsplease_fields(fields)
        article = article_from_fields(replace(record, fields=mapped), options)
        meta = {**{k: v for k, v in fields.items() if k not in NEWSPLEASE_FIELDS}, "newsplease_fields": provenance}
        return replace(article, meta=meta)


def newsplease_fields(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Our fields from a news-please record, and for each of them the news-please field it came from."""
    mapped = {ours: fields[theirs] for theirs, ours in NEWSPLEASE_FIELDS.items() if fields.get(theirs) is not None}
    if fields.get("id") is not None:
        mapped["id"] = fields["id"]
    if "published" in mapped:
        mapped["published_origin"] = "news-please `date_publish`"
    provenance = {ours: theirs for theirs, ours in NEWSPLEASE_FIELDS.items() if ours in mapped}
    return mapped, provenance

