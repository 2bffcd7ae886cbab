"""Quality gate: claim extraction on the frozen TEST sides of the claims gold set and of PLOVER.

The floors sit a little below the figures measured on the test sides when the splits were frozen
(issue 12, main's rules unchanged; benchmarks/README.md "Baseline before issue 12 rules"):

* claims gold, test side (22 articles, 268 claims): strict F1 0.483, type-only F1 0.785, date
  accuracy 0.829, actor1 accuracy 0.772;
* PLOVER, test half (80 records): plover_type 0.738, source country 0.838.

A change that drops below them fails the suite. Only aggregate figures are asserted: the test
sides' individual errors are never printed (rules must not be tuned on them). The digests detect a
changed corpus or split (then re-pin knowingly, from the test figures).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import _common
import claims_eval
import plover
from eventbuilder.api import extract_text

GOLD_DIGEST = "869c53ac5bca7058a4a6d1caecde1c67c716ed48436a97dd9acfc08fe03df5ba"
PLOVER_DIGEST = "b59911bae555c31c0cda4cbb58f8f222ca9b7ff09cfe05540f1a5c9860cf6e3b"


def _digest(texts) -> str:
    return hashlib.sha256("".join(texts).encode("utf-8")).hexdigest()


def test_claims_test_split_floors(nlp):
    test_ids = set(_common.load_split("claims_gold")["test"])
    articles, golds = claims_eval.load_gold(claims_eval.DEFAULT_GOLD)
    subset = [a for a in articles if a.article_id in test_ids]
    assert len(subset) == len(test_ids) == 22
    assert _digest(a.text for a in subset) == GOLD_DIGEST, "the test articles changed"
    predictions, failures = claims_eval.run_extractor(extract_text, subset)
    result = claims_eval.score([g for g in golds if g.article_id in test_ids], predictions)
    assert not failures
    assert result["strict"]["f1"] >= 0.47
    assert result["lenient"]["f1"] >= 0.77
    assert result["attributes"]["date"]["accuracy"] >= 0.81
    assert result["attributes"]["actor1"]["accuracy"] >= 0.75


def test_plover_test_split_floors(nlp, shared):
    path = shared / "benchmarks" / "events" / "plover_gsr_dev.json"
    if not path.is_file():
        pytest.skip(f"PLOVER records not found at {path}")
    test_ids = set(_common.load_split("plover_gsr_dev")["test"])
    records = [r for r in plover.load_records(path) if r.record_id in test_ids]
    assert len(records) == 80
    assert _digest(r.text for r in records) == PLOVER_DIGEST, "the PLOVER test records changed"
    result = plover.score(plover.run(extract_text, records))
    assert result["plover_type"]["accuracy"] >= 0.72
    assert result["source_country"]["accuracy"] >= 0.82
