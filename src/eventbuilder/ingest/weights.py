"""Weights of the page models (headline line, publication date mention), fitted on the dev split.

Both choices are made the same way: every candidate on the page (a line that may be the
headline; a date mention that may be the publication date) is described by a few named
features, its score is the weighted sum, and the page's candidates compete in a softmax (with a
"none of them" option for dates). The weights live in ``resources/pages/weights.json``; they are
fitted by ``benchmarks/pages_fit.py`` on the dev pages of ``../shared/benchmarks/pages`` only
(the test split is never read), so a refit is reproducible and reviewable as a data diff.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from eventbuilder.resources import read_json

WEIGHTS_FILE = "pages/weights.json"


def page_weights() -> dict[str, Any]:
    return read_json(WEIGHTS_FILE)


def linear_score(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """Weighted sum of the named features (a feature without a weight counts zero)."""
    return sum(value * weights.get(name, 0.0) for name, value in features.items())


def softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
