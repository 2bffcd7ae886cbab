"""Every reader in the registry keeps the contract; the crawl formats (WARC, news-please) read as
analysts receive them."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventbuilder.build import build
from eventbuilder.errors import ConfigError
from eventbuilder.ingest.readers import Article, Reader
from eventbuilder.ingest.registry import READERS, reader_for, reader_named
from eventbuilder.model import RawRecord, Reject
from eventbuilder.options import BuildOptions

INGEST_ONLY = BuildOptions(engine="serial", extract_claims=False)

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ukraine and NATO discuss air defence | Example News</title>
<meta property="og:title" content="Ukraine and NATO discuss air defence">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ukraine and NATO discuss air defence",
 "datePublished": "2023-11-08T14:05:00+02:00", "dateModified": "2023-11-09T08:00:00+02:00"}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ukraine and NATO discuss air defence</h1>
<p class="byline">By Olena Petrenko | Published November 8, 2023</p>
<p>KYIV — Ukrainian and NATO officials met in Kyiv on Wednesday to discuss deliveries of air defence systems
before the winter, the defence ministry said in a statement after the talks.</p>
<p>The ministry said the allies had agreed to speed up the delivery of two additional batteries, and that
further talks were planned for December in Brussels.</p>
</article><footer>© 2023 Example News</footer></body></html>"""

FUTURE_BYLINE_HTML = """<html><head><title>Talks resume</title></head><body><h1>Talks resume in Geneva</h1>
<p>By Staff | December 30, 2023</p>
<p>Negotiators from both sides resumed talks in Geneva on Monday after a pause of three weeks, a spokesman for
the mediators said, adding that no date had been set for the next round of the negotiations.</p>
<p>The talks are expected to continue for several days, according to diplomats familiar with the agenda.</p>
</body></html>"""


# ---------------------------------------------------------------- registry contract


def test_unknown_reader_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="unknown reader 'docx'; valid: html, json, jsonl, newsplease, txt, warc"):
        reader_named("docx")


@pytest.mark.parametrize("name", sorted(READERS))
def test_registry_contract(name):
    reader = READERS[name]
    assert isinstance(reader, Reader) and reader.name == name
    assert all(ext.startswith(".") and ext == ext.lower() for ext in reader.extensions)
    for ext in reader.extensions:
        assert reader_for(Path(f"some/file{ext.upper()}")) is reader
    assert callable(reader.records) and callable(reader.article)


@pytest.mark.parametrize("filename, name", [
    ("a.txt", "txt"), ("a.HTM", "html"), ("a.html", "html"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"),
    ("a.json", "json"), ("crawl.warc", "warc"), ("crawl.warc.gz", "warc"), ("CRAWL.WARC.GZ", "warc"),
])
def test_reader_for_extension(filename, name):
    assert reader_for(Path(filename)).name == name


@pytest.mark.parametrize("filename", ["a.gz", "a.docx", "warc", "a.warc.zip"])
def test_no_reader_for_other_files(filename):
    assert reader_for(Path(filename)) is None


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_reader_turns_its_own_sample_into_articles(tmp_path, name):
    """records() finds the sample's records and article() reads each one (or raises InputError)."""
    path = _sample(tmp_path, name)
    items = list(READERS[name].records(path, path.name, INGEST_ONLY))
    records = [i for i in items if isinstance(i, RawRecord)]
    assert records and all(isinstance(i, RawRecord | Reject) for i in items)
    for record in records:
        article = reader_named(record.format).article(record, INGEST_ONLY)
        assert isinstance(article, Article) and article.page.text.strip()


def _sample(folder: Path, name: str) -> Path:
    text = ("Leaders agree ceasefire after talks\n\nMINSK, Belarus — The leaders of Russia and Ukraine agreed on "
            "Thursday to a ceasefire after 16 hours of talks, officials said.\n")
    samples = {
        "txt": ("a.txt", text.encode()),
        "html": ("a.html", ARTICLE_HTML.encode()),
        "jsonl": ("a.jsonl", (json.dumps({"id": "1", "text": text}) + "\n").encode()),
        "json": ("a.json", json.dumps([{"id": "1", "text": text}]).encode()),
        "newsplease": ("a.jsonl", (json.dumps({"maintext": text, "title": "Ceasefire"}) + "\n").encode()),
        "warc": ("a.warc.gz", _warc([_response("https://example.org/a", ARTICLE_HTML)], gzipped=True)),
    }
    filename, data = samples[name]
    (folder / filename).write_bytes(data)
    return folder / filename


# ---------------------------------------------------------------- WARC


def _response(uri: str, body: str | bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
              when: str = "2023-11-09T05:51:37Z") -> dict:
    return {"kind": "response", "uri": uri, "body": body.encode() if isinstance(body, str) else body,
            "status": status, "type": content_type, "when": when}


def _warc(records: list[dict], *, gzipped: bool) -> bytes:
    """A WARC file written by warcio: a warcinfo record, then each record (responses with their request)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "eventbuilder tests"}))
    for r in records:
        if r["kind"] == "response":
            request = writer.create_warc_record(r["uri"], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                warc_headers_dict={"WARC-Date": r["when"]})
            writer.write_record(request)
            headers = StatusAndHeaders(r["status"], [("Content-Type", r["type"])], protocol="HTTP/1.1")
            record = writer.create_warc_record(r["uri"], "response", payload=io.BytesIO(r["body"]),
                                               http_headers=headers, warc_headers_dict={"WARC-Date": r["when"]})
        else:
            record = writer.create_warc_record(r["uri"], r["kind"], payload=io.BytesIO(r["body"]),
                                               warc_headers_dict={"WARC-Date": r["when"]})
        writer.write_record(record)
    return out.getvalue()


def _build(raw: Path, out: Path):
    report = build(raw, out, INGEST_ONLY)
    documents = pd.read_parquet(report.version.path / "documents.parquet")
    rejects = pd.read_parquet(report.version.path / "rejects.parquet")
    return report, documents, rejects


@pytest.mark.parametrize("filename, gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_pages_become_documents_and_other_responses_rejects(tmp_path, filename, gzipped):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / filename).write_bytes(_warc([
        _response("https://news.example.org/2023/11/08/air-defence", ARTICLE_HTML),
        _response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        _response("https://news.example.org/old", "<html>moved</html>", status="301 Moved Permanently"),
        _response("https://news.example.org/missing", "<html>not found</html>", status="404 Not Found"),
    ], gzipped=gzipped))
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert report.ok and report.counts["input_records"] == 4
    (doc,) = documents.to_dict("records")
    # warcinfo (1), request (2), response (3): the page is the third record of the file
    assert (doc["format"], doc["line"], doc["external_id"]) == ("warc", 3, f"{filename}#3")
    assert doc["url"] == "https://news.example.org/2023/11/08/air-defence"
    assert doc["crawled_at"] == pd.Timestamp(datetime(2023, 11, 9, 5, 51, 37, tzinfo=UTC))
    assert doc["title"] == "Ukraine and NATO discuss air defence"
    assert (doc["published_date"], doc["published_source"], doc["modified_date"]) == (
        date(2023, 11, 8), "html", date(2023, 11, 9))
    assert doc["text"].startswith("Ukrainian and NATO officials met in Kyiv on Wednesday")
    assert doc["dateline"] == "KYIV"
    assert json.loads(doc["meta"])["http_status"] == 200
    assert sorted(zip(rejects["line"], rejects["reason"])) == [(5, "not_html"), (7, "http_status"), (9, "http_status")]
    assert "HTTP status 301" in rejects.set_index("line").loc[7, "message"]


def test_a_date_after_the_crawl_is_impossible(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "crawl.warc").write_bytes(_warc([
        _response("https://example.org/talks", FUTURE_BYLINE_HTML, when="2023-12-01T10:00:00Z"),
    ], gzipped=False))
    _, documents, _ = _build(raw, tmp_path / "out")
    doc = documents.iloc[0]
    assert doc["published_date"] is None or pd.isna(doc["published_date"])
    assert doc["crawled_at"] == pd.Timestamp(datetime(2023, 12, 1, 10, tzinfo=UTC))


def test_a_page_in_its_declared_charset(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    page = ARTICLE_HTML.replace("Olena Petrenko", "Müller Société").replace('charset="utf-8"', 'charset="iso-8859-1"')
    (raw / "crawl.warc").write_bytes(_warc([
        _response("https://example.org/a", page.encode("latin-1", "xmlcharrefreplace"),
                  content_type="text/html; charset=ISO-8859-1"),
    ], gzipped=False))
    _, documents, rejects = _build(raw, tmp_path / "out")
    assert len(rejects) == 0
    assert list(documents.iloc[0]["flags"]) == ["declared_charset"]


def test_a_broken_warc_keeps_what_was_read_and_rejects_the_rest(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = _warc([_response("https://example.org/a", ARTICLE_HTML)], gzipped=False)
    (raw / "crawl.warc").write_bytes(good + b"<html>garbage where the next record should start</html>\r\n")
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert report.ok and len(documents) == 1
    assert (rejects.iloc[0]["reason"], rejects.iloc[0]["line"]) == ("malformed_warc", 4)
    assert "3 record(s) before it were read" in rejects.iloc[0]["message"]


def test_a_truncated_warc_gz_keeps_the_partial_page_flagged(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    data = _warc([_response("https://example.org/a", ARTICLE_HTML)], gzipped=True)
    (raw / "crawl.warc.gz").write_bytes(data[: len(data) - 120])
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert report.ok and report.counts["input_records"] == 1
    assert len(documents) == 1 and "truncated_html" in list(documents.iloc[0]["flags"])


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"<html><body>a.page.saved.with.the.wrong.extension</body></html>\n", "malformed_warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: nonsense\r\n\r\n"), "empty"),  # no page records in it
])
def test_bad_warc_files(tmp_path, content, reason):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "crawl.warc.gz").write_bytes(content)
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert report.ok and len(documents) == 0 and list(rejects["reason"]) == [reason]


def test_a_warc_without_pages_is_one_reject(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warcinfo_record("empty.warc", {"software": "tests"}))
    (raw / "empty.warc").write_bytes(out.getvalue())
    _, documents, rejects = _build(raw, tmp_path / "out")
    assert len(documents) == 0 and rejects.iloc[0]["reason"] == "empty"


# ---------------------------------------------------------------- news-please


NEWSPLEASE = {
    "authors": ["Olena Petrenko"], "date_download": "2023-11-09 06:00:12", "date_modify": "2023-11-09 07:12:00",
    "date_publish": "2023-11-08 14:05:00", "description": "Allies agreed to speed up deliveries.",
    "filename": "https%3A%2F%2Fnews.example.org%2Fair-defence.json", "image_url": None, "language": "en",
    "localpath": None, "source_domain": "news.example.org", "title": "Ukraine and NATO discuss air defence",
    "title_page": None, "title_rss": None, "url": "https://news.example.org/air-defence",
    "maintext": ("KYIV — Ukrainian and NATO officials met in Kyiv on Wednesday to discuss deliveries of air defence "
                 "systems before the winter, the defence ministry said."),
}


def test_newsplease_records_are_mapped_with_their_provenance(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    late = {**NEWSPLEASE, "maintext": NEWSPLEASE["maintext"].replace("Kyiv", "Odesa"), "date_publish": None}
    lines = [json.dumps(NEWSPLEASE), json.dumps({**NEWSPLEASE, "maintext": "  "}), "{broken", json.dumps(late)]
    (raw / "ccnews.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report, documents, rejects = _build(raw, tmp_path / "out")
    assert report.ok and len(documents) == 2
    assert sorted(zip(rejects["line"], rejects["reason"])) == [(2, "missing_text"), (3, "malformed_json")]
    doc = documents.iloc[0]
    assert (doc["format"], doc["source"], doc["url"], doc["title"], doc["language"]) == (
        "newsplease", "news.example.org", "https://news.example.org/air-defence",
        "Ukraine and NATO discuss air defence", "en")
    assert (doc["published_date"], doc["published_source"], doc["published_confidence"]) == (
        date(2023, 11, 8), "metadata", "high")
    assert doc["modified_date"] == date(2023, 11, 9)
    assert doc["crawled_at"] == pd.Timestamp(datetime(2023, 11, 9, 6, 0, 12, tzinfo=UTC))
    meta = json.loads(doc["meta"])
    assert meta["authors"] == ["Olena Petrenko"] and meta["description"] == "Allies agreed to speed up deliveries."
    assert meta["newsplease_fields"] == {"text": "maintext", "title": "title", "published": "date_publish",
                                         "modified": "date_modify", "url": "url", "language": "language",
                                         "source": "source_domain"}
    assert doc["text"].startswith("Ukrainian and NATO officials")
    assert documents.iloc[1]["published_source"] in ("none", "inferred")


def test_a_newsplease_json_file(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "article.json").write_text(json.dumps(NEWSPLEASE), encoding="utf-8")
    _, documents, _ = _build(raw, tmp_path / "out")
    assert (documents.iloc[0]["format"], documents.iloc[0]["published_date"]) == ("newsplease", date(2023, 11, 8))

