"""Calibrated claim confidence: the probability that a claim is right on type and actors.

The extractor scores each claim by rule (``confidence_rule``: verb or noun trigger, asserted or
reported, actor named, pronoun or implied). That score orders claims well but says nothing about
how often they are right (at 0.9, 56% were right on unseen articles). The calibration table maps
(rule score, event type) to the precision observed on the DEV side of the frozen claims gold split,
smoothed towards the rule score's own precision so that rare pairs do not swing
(``benchmarks/calibrate_confidence.py`` writes it; the test side only measures it).
"""

from __future__ import annotations

import functools

from eventbuilder.resources import read_json

TABLE = "calibration/claims_confidence.json"


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    return read_json(TABLE)


def calibrated(rule_score: float, event_type: str) -> float:
    """The calibrated confidence of a claim with this rule score and type (3 decimals)."""
    table = _table()
    key = _key(rule_score)
    by_type = table["by_rule_and_type"].get(f"{key}|{event_type}")
    if by_type is not None:
        return by_type
    by_rule = table["by_rule"].get(key)
    return by_rule if by_rule is not None else table["overall"]


def _key(rule_score: float) -> str:
    return f"{round(rule_score, 1):.1f}"


def smoothed_table(outcomes: list[tuple[float, str, bool]], strength: float) -> dict:
    """The calibration table of (rule score, event type, right) outcomes: each cell's precision
    shrunk towards its parent's (type cell -> rule cell -> overall) by ``strength`` pseudo-counts."""
    right = sum(ok for _, _, ok in outcomes)
    overall = right / len(outcomes)
    cells: dict[str, list[int]] = {}
    rules: dict[str, list[int]] = {}
    for score, event_type, ok in outcomes:
        for counts, key in ((rules, _key(score)), (cells, f"{_key(score)}|{event_type}")):
            count = counts.setdefault(key, [0, 0])
            count[0] += ok
            count[1] += 1
    by_rule = {key: round((c + strength * overall) / (n + strength), 3) for key, (c, n) in sorted(rules.items())}
    by_cell = {key: round((c + strength * by_rule[key.split("|")[0]]) / (n + strength), 3)
               for key, (c, n) in sorted(cells.items())}
    return {"overall": round(overall, 3), "strength": strength, "by_rule": by_rule, "by_rule_and_type": by_cell,
            "counts": {key: n for key, (_, n) in sorted(cells.items())}}
