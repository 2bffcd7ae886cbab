"""Quality gate for relevance (issue 16): pinned pages of the TEST split of the shared web pages,
and the gold set's default view.

Floors sit a little below the figures measured on these pinned pages when they were pinned (the
whole test split's figures are in benchmarks/README.md): documents AUC 0.972, 0.0 default-view
claims per off-topic page, 0.60 of the 95 judged default-view claims codeable, all 57 judged
codeable claims kept in the view; on the gold subset the default view keeps the recall of all
claims. The page digest detects a changed corpus (then re-pin knowingly). Skipped without the
shared folder.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "relevance"))

from evaluate import evidence_key

import _common
import claims_eval
from eventbuilder.api import extract_text

RELEVANCE = Path(__file__).resolve().parents[1] / "benchmarks" / "relevance"
PAGES_DIGEST = "bf20f38ba533e347eac8020079c75d0c37f95647ec6204caf5b244e8e586444b"
LABEL_VALUE = {"political": 1.0, "partly": 0.5, "off": 0.0}


def pinned_pages() -> list[str]:
    """The first 8 political, 4 partly and 12 off-topic pages of the test split, by id."""
    split = json.loads((RELEVANCE / "split.json").read_text(encoding="utf-8"))["test"]
    labels = json.loads((RELEVANCE / "labels.json").read_text(encoding="utf-8"))
    chosen = []
    for label, count in (("political", 8), ("partly", 4), ("off", 12)):
        chosen += [p for p in split if labels[p] == label][:count]
    return chosen


@pytest.fixture(scope="module")
def page_rows(shared, nlp):
    from eventbuilder.model import RawRecord
    from eventbuilder.options import BuildOptions
    from eventbuilder.pipeline import process_record

    source = shared / "benchmarks" / "pages"
    if not source.is_dir():
        pytest.skip(f"shared web pages not found at {source}")
    data = {}
    for page in pinned_pages():
        folder, file_id = page.split("/")
        data[page] = gzip.decompress((source / folder / "html" / f"{file_id}.html.gz").read_bytes())
    digest = hashlib.sha256(b"".join(data[p] for p in sorted(data))).hexdigest()
    options = BuildOptions(engine="serial")
    rows = {page: process_record(RawRecord(f"{page}.html", "html", data=raw), options).rows for page, raw in data.items()}
    return digest, rows


def test_pinned_pages_are_unchanged(page_rows):
    assert page_rows[0] == PAGES_DIGEST, "the pinned web pages changed"


def test_documents_relevance_ranks_the_pages(page_rows):
    from sklearn.metrics import roc_auc_score

    labels = json.loads((RELEVANCE / "labels.json").read_text(encoding="utf-8"))
    scored = [(LABEL_VALUE[labels[p]] > 0, r["documents"][0]["relevance"]) for p, r in page_rows[1].items()
              if r.get("documents") and r["documents"][0]["relevance"] is not None]
    assert roc_auc_score([y for y, _ in scored], [s for _, s in scored]) >= 0.95


def test_off_topic_pages_stay_out_of_the_default_view(page_rows):
    labels = json.loads((RELEVANCE / "labels.json").read_text(encoding="utf-8"))
    off = [p for p in page_rows[1] if labels[p] == "off"]
    shown = sum(c["relevant"] for p in off for c in page_rows[1][p].get("claims", ()))
    assert shown / len(off) <= 0.1


def test_judged_claims_of_the_default_view(page_rows):
    """Judged claims are found by id, or by page, sentence, trigger and type when an ingest change
    moved their offsets."""
    judged = {}
    for line in (RELEVANCE / "judgments.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["split"] == "test":
            judged[record["claim_id"]] = judged[record["evidence_key"]] = record
    claims = [(page, c) for page, rows in page_rows[1].items() for c in rows.get("claims", ())]
    found = []
    for page, claim in claims:
        record = judged.get(claim["claim_id"]) or judged.get(evidence_key(page, claim))
        if record is not None and record["event_type"] == claim["event_type"]:
            found.append((claim, record))
    assert len(found) >= 80, "too few judged claims left: judge the pinned pages again (benchmarks/README.md)"
    shown = [j for c, j in found if c["relevant"]]
    codeable = [c for c, j in found if j["codeable"]]
    assert sum(j["codeable"] for j in shown) / len(shown) >= 0.56
    assert sum(c["relevant"] for c in codeable) / len(codeable) >= 0.9


def test_default_view_recall_on_the_gold_test_side(nlp):
    """The default view's recall on the claims gold set's frozen TEST side (political wire text).

    Floors just below the figures measured when issues 15 and 16 were merged (strict 0.448 and
    lenient 0.731 for the view, against 0.470 / 0.765 for every claim): the relevance filter still
    drops a few gold claims there (benchmarks/README.md), so this guards against it dropping more.
    """
    test_ids = set(_common.load_split("claims_gold")["test"])
    articles, golds = claims_eval.load_gold(claims_eval.DEFAULT_GOLD)
    subset = [a for a in articles if a.article_id in test_ids]
    gold = [g for g in golds if g.article_id in test_ids]
    every, _ = claims_eval.run_extractor(extract_text, subset)
    view = claims_eval.score(gold, [p for p in every if p.row["relevant"]])
    assert view["strict"]["recall"] >= 0.44
    assert view["lenient"]["recall"] >= 0.72
