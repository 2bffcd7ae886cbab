"""Publication date: trust order, page-clock detection, inference from the body."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from eventbuilder.ingest import discover, to_document
from eventbuilder.ingest.published import DateEvidence, DateLine, explicit_dates, resolve_published
from eventbuilder.options import BuildOptions


def _seed_document(shared, tmp_path: Path, sidecar: str | None = None, **options):
    (tmp_path / "seed.txt").write_bytes((shared / "seeds" / "000_fc1be701003c547e.txt").read_bytes())
    if sidecar is not None:
        (tmp_path / "seed.meta.json").write_text(sidecar, encoding="utf-8")
    opts = BuildOptions(**options)
    (record,) = list(discover(tmp_path, opts))
    return to_document(record, opts)


def test_seed_without_override_is_inferred_from_the_body_not_the_page_clock(shared, tmp_path):
    published = _seed_document(shared, tmp_path).published
    assert published.local_date == date(2014, 8, 7)
    assert date(2014, 8, 6) <= published.local_date <= date(2014, 8, 9)
    assert published.at == datetime(2014, 8, 7, tzinfo=UTC)
    assert (published.source, published.confidence) == ("inferred", "low")
    assert published.text == "August 6, 2014; Thursday"
    assert "'05/12/2024 07:39:38 am'" in published.note and "page-clock" in published.note


def test_seed_page_clock_segment_is_marked(shared, tmp_path):
    doc = _seed_document(shared, tmp_path)
    assert [s.kind for s in doc.segments][1] == "page_date"
    assert "page_clock_ignored" in doc.flags


def test_seed_with_published_override(shared, tmp_path):
    published = _seed_document(shared, tmp_path, published="2014-08-07").published
    assert (published.local_date, published.source, published.confidence, published.text) == (
        date(2014, 8, 7), "override", "high", "2014-08-07")


def test_seed_with_sidecar(shared, tmp_path):
    doc = _seed_document(shared, tmp_path, sidecar='{"published": "2014-08-07", "source": "China Topix", "desk": "world"}')
    assert (doc.published.local_date, doc.published.source, doc.published.confidence) == (
        date(2014, 8, 7), "metadata", "high")
    assert doc.source == "China Topix"
    assert doc.meta == {"desk": "world"}


def test_override_beats_sidecar(shared, tmp_path):
    doc = _seed_document(shared, tmp_path, sidecar='{"published": "2014-08-01"}', published="2014-08-07")
    assert doc.published.source == "override"
    assert doc.published.local_date == date(2014, 8, 7)


def test_timezone_offset_keeps_the_local_date():
    result = resolve_published(DateEvidence(metadata="2014-08-07T23:30:00-04:00"))
    assert result.published.at == datetime(2014, 8, 8, 3, 30, tzinfo=UTC)
    assert result.published.local_date == date(2014, 8, 7)


def test_html_date_without_structured_tag_is_medium():
    result = resolve_published(DateEvidence(html="2022-02-24", html_structured=False))
    assert (result.published.source, result.published.confidence) == ("html", "medium")


def test_date_line_below_headline_is_trusted():
    evidence = DateEvidence(date_lines=(DateLine("Published: August 7, 2014", above_headline=False),),
                            body="Talks were held on Thursday.")
    published = resolve_published(evidence).published
    assert (published.local_date, published.source, published.confidence) == (date(2014, 8, 7), "text", "medium")


def test_page_clock_far_after_body_dates_is_ignored_even_without_seconds():
    evidence = DateEvidence(date_lines=(DateLine("May 12, 2024", above_headline=True),),
                            body="The summit opened on September 4, 2014 in Newport.")
    published = resolve_published(evidence).published
    assert (published.local_date, published.source) == (date(2014, 9, 4), "inferred")
    assert "'May 12, 2024'" in published.note


def test_unparseable_metadata_falls_back_and_flags():
    result = resolve_published(DateEvidence(metadata="sometime last week",
                                            body="Fighting resumed on 24 February 2022 near Kharkiv."))
    assert result.published.source == "inferred"
    assert result.published.local_date == date(2022, 2, 24)
    assert result.flags == ("bad_published_field",)


def test_nothing_to_go_on():
    published = resolve_published(DateEvidence(body="Officials met to discuss the crisis.")).published
    assert (published.at, published.source, published.confidence) == (None, "none", "low")


@pytest.mark.parametrize("text, expected", [
    ("on August 6, 2014.", [date(2014, 8, 6)]),
    ("on 24 February 2022 and Feb. 25th, 2022", [date(2022, 2, 24), date(2022, 2, 25)]),
    ("filed 2023-01-10", [date(2023, 1, 10)]),
    ("in May 2014 and on February 30, 2014", []),
])
def test_explicit_dates(text, expected):
    assert [d for d, _ in explicit_dates(text)] == expected
