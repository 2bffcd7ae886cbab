"""The document relevance classifier at run time: a logistic regression shipped as plain JSON
(``resources/relevance/document_model.json``: vocabulary with idf and weights, dense-feature
weights and scaling, and a Platt calibration), scored without scikit-learn.

The model is read once per process. ``python -m eventbuilder.relevance.train`` (``make
relevance-model``) rebuilds it; the JSON records what it was trained on and how well it did.
"""

from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventbuilder.errors import ConfigError
from eventbuilder.relevance.features import DENSE_FEATURES, FEATURES_VERSION, DocumentFeatures
from eventbuilder.resources import read_json

MODEL_RESOURCE = "relevance/document_model.json"
# A model file to use instead of the shipped one: only for the cross-validated benchmarks (each
# fold's pages scored by a model trained without them, benchmarks/relevance/evaluate.py --folds).
MODEL_ENV = "EVENTBUILDER_RELEVANCE_MODEL"


@dataclass(frozen=True)
class DocumentModel:
    """Weights of the classifier: ``z = intercept + tfidf . word_weights + scaled dense . dense_weights``,
    relevance = sigmoid(platt_a * z + platt_b)."""

    vocabulary: dict[str, tuple[float, float]]  # word -> (idf, weight)
    dense_weights: dict[str, float]
    dense_mean: dict[str, float]
    dense_scale: dict[str, float]
    intercept: float
    platt_a: float
    platt_b: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentModel:
        if data.get("features_version") != FEATURES_VERSION:
            raise ConfigError(f"{MODEL_RESOURCE} was trained on {data.get('features_version')!r} features but the code "
                              f"computes {FEATURES_VERSION!r}: retrain it (make relevance-model)")
        dense = data["dense"]
        return cls({w: (float(i), float(c)) for w, (i, c) in data["vocabulary"].items()},
                   {n: float(dense[n]["weight"]) for n in DENSE_FEATURES},
                   {n: float(dense[n]["mean"]) for n in DENSE_FEATURES},
                   {n: float(dense[n]["scale"]) or 1.0 for n in DENSE_FEATURES},
                   float(data["intercept"]), float(data["platt"]["a"]), float(data["platt"]["b"]))


@functools.lru_cache(maxsize=1)
def load_model() -> DocumentModel:
    """The shipped model (or the file named by $EVENTBUILDER_RELEVANCE_MODEL), once per process."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return DocumentModel.from_json(json.loads(Path(override).read_text(encoding="utf-8")))
    return DocumentModel.from_json(read_json(MODEL_RESOURCE))


@dataclass(frozen=True)
class Score:
    probability: float
    words: dict[str, float]  # each known word's share of the decision value
    dense: dict[str, float]  # each dense feature's share of the decision value


def score(model: DocumentModel, features: DocumentFeatures) -> Score:
    """Calibrated probability and the contributions behind it."""
    weights = {w: (1.0 + math.log(n)) * model.vocabulary[w][0] for w, n in features.words.items() if w in model.vocabulary}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    words = {w: v / norm * model.vocabulary[w][1] for w, v in weights.items()}
    dense = {n: (features.dense[n] - model.dense_mean[n]) / model.dense_scale[n] * model.dense_weights[n]
             for n in DENSE_FEATURES}
    decision = model.intercept + sum(words.values()) + sum(dense.values())
    return Score(_sigmoid(model.platt_a * decision + model.platt_b), words, dense)


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


_DENSE_LABELS = {
    "political_claims_per_sentence": "claims with political actors",
    "political_claim_share": "share of claims with political actors",
    "event_claims_per_sentence": "event claims",
    "conflict_claims_per_sentence": "conflict claims",
    "actor_countries": "countries acting",
    "url_political_section": "political URL section",
    "url_other_section": "non-political URL section",
}


def explain(result: Score, features: DocumentFeatures, top: int = 4) -> str:
    """"0.93: for: words (minister, troops, election), claims with political actors (0.31/sentence); against: ..."."""
    parts = []
    for sign, label in ((1, "for"), (-1, "against")):
        words = sorted((w for w, v in result.words.items() if v * sign > 0), key=lambda w: -sign * result.words[w])
        dense = sorted((n for n, v in result.dense.items() if v * sign > 0.25), key=lambda n: -sign * result.dense[n])
        items = ([f"words ({', '.join(words[:top])})"] if words else []) + [
            f"{_DENSE_LABELS[n]} ({features.dense[n]:.2f})" for n in dense[:2]]
        if items:
            parts.append(f"{label}: {'; '.join(items)}")
    return f"{result.probability:.2f}; " + " | ".join(parts)
