"""Quality gate: claim extraction on pinned subsets of the gold set and of the PLOVER records.

Floors sit a little below the figures measured when they were pinned (gold subset: strict F1
0.701, lenient F1 0.883; PLOVER subset: plover_type 0.767, source country 0.850); a change that
drops below them fails the suite. The digests detect a changed corpus (then re-pin knowingly).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import claims_eval
import plover
from eventbuilder.api import extract_text

GOLD_ARTICLES = ["a01-georgia-ceasefire-2008", "a02-crimea-treaty-2014", "a03-mh17-2014",
                 "a04-ukraine-buildup-2022", "a05-odesa-grain-2022", "a06-gaza-truce-2023"]
GOLD_DIGEST = "ab0a7cac1cffe71d3d228a2144e96ce88e27f4f566d6b63f2b5882528dd9d40f"
PLOVER_RECORDS = 60
PLOVER_DIGEST = "e268786a65bb239ddf17ab4c4862cae0a2b8913f41a6375814521308e78205b2"


def _digest(texts) -> str:
    return hashlib.sha256("".join(texts).encode("utf-8")).hexdigest()


def test_gold_subset_floors(nlp):
    articles, golds = claims_eval.load_gold(claims_eval.DEFAULT_GOLD)
    subset = [a for a in articles if a.article_id in GOLD_ARTICLES]
    assert _digest(a.text for a in subset) == GOLD_DIGEST, "the pinned gold articles changed"
    predictions, failures = claims_eval.run_extractor(extract_text, subset)
    result = claims_eval.score([g for g in golds if g.article_id in GOLD_ARTICLES], predictions)
    assert not failures
    assert result["strict"]["f1"] >= 0.68
    assert result["lenient"]["f1"] >= 0.86


def test_plover_subset_floors(nlp, shared):
    path = shared / "benchmarks" / "events" / "plover_gsr_dev.json"
    if not path.is_file():
        pytest.skip(f"PLOVER records not found at {path}")
    records = plover.load_records(path)[:PLOVER_RECORDS]
    assert _digest(r.text for r in records) == PLOVER_DIGEST, "the pinned PLOVER records changed"
    result = plover.score(plover.run(extract_text, records))
    assert result["plover_type"]["accuracy"] >= 0.73
    assert result["source_country"]["accuracy"] >= 0.82
