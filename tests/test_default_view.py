"""The analyst's default view (issue 16): load() and `eventbuilder show` give the relevant claims
unless asked for all; every claim stays in claims.parquet with its flag and note; the threshold is
a build option recorded in the manifest."""

from __future__ import annotations

import pandas as pd
import pytest

import eventbuilder
from eventbuilder.cli import main
from eventbuilder.errors import ConfigError
from eventbuilder.options import BuildOptions
from test_relevance import POLITICAL_NEWS, PRODUCT_REVIEW


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw")
    (folder / "news.txt").write_text(POLITICAL_NEWS, encoding="utf-8")
    (folder / "review.txt").write_text(PRODUCT_REVIEW, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def out(raw, tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("out")
    assert main(["build", str(raw), "--out", str(root), "--engine", "serial"]) == 0
    assert main(["build", str(raw), "--out", str(root), "--engine", "serial", "--relevance-threshold", "0"]) == 0
    return root


def test_load_gives_the_relevant_claims_unless_asked_for_all(out):
    every = eventbuilder.load("claims", "1", out, relevant_only=False)
    view = eventbuilder.load("claims", "1", out)
    documents = eventbuilder.load("documents", "1", out).set_index("source_path")
    assert len(view) == int(every["relevant"].sum()) and 0 < len(view) < len(every)
    assert set(view["doc_id"]) == {documents.loc["news.txt", "doc_id"]}
    assert every["relevance_note"].str.len().min() > 0 and every["relevance"].between(0, 1).all()
    assert documents.loc["news.txt", "relevance"] > 0.5 > documents.loc["review.txt", "relevance"]


def test_documents_keep_every_row(out):
    assert len(eventbuilder.load("documents", "1", out)) == len(eventbuilder.load("documents", "1", out, relevant_only=False))


def test_threshold_is_a_build_option_in_the_manifest(out):
    first, second = (eventbuilder.load("claims", v, out, relevant_only=False) for v in ("1", "2"))
    from eventbuilder.store.versions import resolve_version

    assert resolve_version(out, "1").manifest["options"]["relevance_threshold"] == 0.8
    assert resolve_version(out, "2").manifest["options"]["relevance_threshold"] == 0.0
    assert second["relevant"].all() and len(second) == len(first)
    pd.testing.assert_series_equal(first["relevance"], second["relevance"])


def test_threshold_must_be_a_probability():
    with pytest.raises(ConfigError, match="relevance_threshold"):
        BuildOptions(relevance_threshold=1.5)


def test_show_gives_the_default_view_and_all_on_request(out, capsys):
    every = len(eventbuilder.load("claims", "1", out, relevant_only=False))
    view = len(eventbuilder.load("claims", "1", out))
    assert main(["show", "--root", str(out), "--version", "1", "--table", "claims", "--columns", "event_type"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"({view} rows; relevant rows only, --all shows every row)")
    assert main(["show", "--root", str(out), "--version", "1", "--table", "claims", "--all", "--limit", "1"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"({every} rows)")
