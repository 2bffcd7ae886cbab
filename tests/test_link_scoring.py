"""The clustering measures of the event-linking benchmarks, on small cases worked by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from _clusters import bcubed, pairwise
from ecbplus import conll_scores

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


@pytest.mark.parametrize(("predicted", "pair", "b3"), [
    ({"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}, (1.0, 1.0), (1.0, 1.0)),
    ({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}, (0.0, 0.0), (1.0, 0.4)),
    ({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}, (0.4, 1.0), (0.52, 1.0)),
    ({"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}, (0.5, 0.5), (0.7333, 0.7333)),
])
def test_pairwise_and_bcubed(predicted, pair, b3):
    scores = pairwise(GOLD, predicted)
    assert (scores["precision"], scores["recall"]) == pair
    scores = bcubed(GOLD, predicted)
    assert (scores["precision"], scores["recall"]) == b3


def test_conll_metrics_are_perfect_on_the_gold_and_penalise_a_merge():
    gold = [{1, 2, 3}, {4, 5}]
    assert conll_scores(gold, gold) == {"muc": 1.0, "bcubed": 1.0, "lea": 1.0, "ceafe": 1.0, "conll": 1.0}
    merged = conll_scores(gold, [{1, 2, 3, 4, 5}])
    assert merged["muc"] == 0.8571 and merged["bcubed"] == 0.6842  # MUC P 3/4, R 1; B-cubed P 0.52, R 1
    assert merged["lea"] < merged["bcubed"] and merged["ceafe"] < 1.0
