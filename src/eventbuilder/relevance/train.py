"""Train the document relevance classifier and write it as plain JSON (run from the repository root).

    .venv/bin/python -m eventbuilder.relevance.train [--data SHARED] [--workers 2]   # or: make relevance-model

What it is trained on (all read from the shared benchmark folder, never copied into the repository):

- the **dev split** of the 369 web pages in ``benchmarks/pages/`` (``benchmarks/relevance/split.json``;
  the test split is never read), with our labels (``benchmarks/relevance/labels.json``:
  political 1, partly 0.5, off 0, a partly page entering as half a positive and half a negative);
- the 200 **GeoWebNews** articles, labelled the same way from their titles
  (``benchmarks/relevance/labels_geowebnews.json``: GeoWebNews is international news of every kind,
  a quarter of it political);
- the **PLOVER** gold sentences and the **event_location** sentences as positives (every one reports a
  political event), each weighted ``SENTENCE_WEIGHT`` so that 650 one-sentence items do not outweigh
  the pages.

LGL (local US news of every kind), ECB+ (crime, disasters, trials) and TBAQ (general news) are not
used: they are neither reliably political nor reliably not.

Each item runs through the product's own pipeline (ingest, parse, claims, actors) to get its
features (:mod:`.features`). The model is an L2 logistic regression over tf-idf words and the dense
features; its calibration is a Platt scaling fitted on out-of-fold decision values of the dev pages
(5 folds, fixed seed), so ``relevance`` reads as a probability on pages like the ones analysts crawl.
The regularisation and the sentence weight are chosen by the same cross-validation (log loss).
Everything is seeded: the same data give the same JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventbuilder.model import RawRecord
from eventbuilder.relevance.classifier import MODEL_RESOURCE
from eventbuilder.relevance.features import DENSE_FEATURES, FEATURES_VERSION, DocumentFeatures, document_features

REPO_ROOT = Path(__file__).resolve().parents[3]
LABELS_DIR = REPO_ROOT / "benchmarks" / "relevance"
MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / MODEL_RESOURCE
TARGETS = {"political": 1.0, "partly": 0.5, "off": 0.0}
SEED = 16
FOLDS = 5
MIN_DOCUMENT_FREQUENCY = 3
MAX_VOCABULARY = 4000
C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
SENTENCE_WEIGHT_GRID = (0.05, 0.15)


@dataclass(frozen=True)
class Item:
    """One training document: where it comes from, its target (0, 0.5, 1) and its features."""

    item_id: str
    group: str  # pages | geowebnews | plover | event_location
    target: float
    features: DocumentFeatures


# ---------------------------------------------------------------- reading the training data


def shared_dir(argument: str | None) -> Path:
    if argument:
        return Path(argument)
    return Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))


def page_records(benchmarks: Path, split: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, str, float, RawRecord]]:
    out = []
    for page_id in split["dev"]:
        folder, file_id = page_id.split("/")
        data = gzip.decompress((benchmarks / "pages" / folder / "html" / f"{file_id}.html.gz").read_bytes())
        out.append((page_id, "pages", TARGETS[labels[page_id]], RawRecord(f"{page_id}.html", "html", data=data)))
    return out


def geowebnews_records(benchmarks: Path, labels: dict[str, str]) -> list[tuple[str, str, float, RawRecord]]:
    out = []
    for article in ET.parse(benchmarks / "geo" / "GeoWebNews" / "GWN.xml").getroot().iter("article"):
        file_id = article.get("file") or ""
        fields = {"text": article.findtext("text") or "", "title": article.findtext("title"),
                  "url": article.findtext("link")}
        out.append((f"gwn/{file_id}", "geowebnews", TARGETS[labels[file_id]], RawRecord(f"gwn/{file_id}", "json", fields=fields)))
    return out


def sentence_records(benchmarks: Path) -> list[tuple[str, str, float, RawRecord]]:
    out = []
    for group, name in (("plover", "plover_gsr_dev.json"), ("event_location", "event_location_gold.json")):
        for number, record in enumerate(json.loads((benchmarks / "events" / name).read_text(encoding="utf-8"))):
            out.append((f"{group}/{number}", group, 1.0, RawRecord(f"{group}/{number}", "json", fields={"text": record["text"]})))
    return out


def _featurise(job: tuple[str, str, float, RawRecord]) -> Item | None:
    from eventbuilder.analyse import analyse
    from eventbuilder.errors import InputError
    from eventbuilder.ingest import to_document
    from eventbuilder.options import BuildOptions

    item_id, group, target, record = job
    options = BuildOptions(engine="serial")
    try:
        document = to_document(record, options)
    except InputError:
        return None  # a page without article text: nothing to learn from
    if document.language != "en":
        return None  # the product does not assess non-English documents either
    result = analyse(document, options, assess=False)
    features = document_features(document.title, document.url, document.text, result.claims,
                                 sum(1 for _ in result.doc.sents))
    return Item(item_id, group, target, features)


def featurise(jobs: list[tuple[str, str, float, RawRecord]], workers: int) -> list[Item]:
    if workers <= 1:
        items = [_featurise(job) for job in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            items = list(pool.map(_featurise, jobs, chunksize=8))
    return [item for item in items if item is not None]


# ---------------------------------------------------------------- the model


@dataclass
class Design:
    """Vocabulary, idf and dense scaling fitted on the training items."""

    vocabulary: list[str]
    idf: list[float]
    mean: list[float]
    scale: list[float]

    @classmethod
    def fit(cls, items: list[Item]) -> Design:
        frequency: Counter[str] = Counter()
        for item in items:
            frequency.update(item.features.words.keys())
        kept = sorted((w for w, n in frequency.items() if n >= MIN_DOCUMENT_FREQUENCY), key=lambda w: (-frequency[w], w))
        vocabulary = sorted(kept[:MAX_VOCABULARY])
        n = len(items)
        idf = [math.log((1 + n) / (1 + frequency[w])) + 1.0 for w in vocabulary]
        columns = [[item.features.dense[name] for item in items] for name in DENSE_FEATURES]
        mean = [sum(col) / n for col in columns]
        scale = [math.sqrt(sum((v - m) ** 2 for v in col) / n) or 1.0 for col, m in zip(columns, mean)]
        return cls(vocabulary, idf, mean, scale)

    def matrix(self, items: list[Item]):
        """Rows: l2-normalised sublinear tf-idf of the vocabulary, then the scaled dense features."""
        import numpy as np
        from scipy import sparse

        index = {w: i for i, w in enumerate(self.vocabulary)}
        rows, cols, values = [], [], []
        for r, item in enumerate(items):
            weights = {index[w]: (1.0 + math.log(c)) * self.idf[index[w]] for w, c in item.features.words.items() if w in index}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            for c, v in weights.items():
                rows.append(r)
                cols.append(c)
                values.append(v / norm)
        words = sparse.csr_matrix((values, (rows, cols)), shape=(len(items), len(self.vocabulary)))
        dense = np.array([[(item.features.dense[name] - m) / s for name, m, s in zip(DENSE_FEATURES, self.mean, self.scale)]
                          for item in items])
        return sparse.hstack([words, sparse.csr_matrix(dense)]).tocsr()


def _expanded(items: list[Item], sentence_weight: float):
    """Each item as (row item, class, weight): a target of 0.5 becomes half a positive and half a negative."""
    rows, classes, weights = [], [], []
    for item in items:
        weight = sentence_weight if item.group in ("plover", "event_location") else 1.0
        for cls, share in ((1, item.target), (0, 1.0 - item.target)):
            if share > 0:
                rows.append(item)
                classes.append(cls)
                weights.append(weight * share)
    return rows, classes, weights


def fit_logistic(items: list[Item], c: float, sentence_weight: float):
    from sklearn.linear_model import LogisticRegression

    design = Design.fit(items)
    rows, classes, weights = _expanded(items, sentence_weight)
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    model.fit(design.matrix(rows), classes, sample_weight=weights)
    return design, model


def page_folds(items: list[Item]) -> list[tuple[list[Item], list[Item]]]:
    """(training items, held-out dev pages) of each fold: the dev pages split in FOLDS stratified
    folds (fixed seed); the other sources are always in training."""
    from sklearn.model_selection import StratifiedKFold

    pages = [i for i in items if i.group == "pages"]
    others = [i for i in items if i.group != "pages"]
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return [([pages[i] for i in train_index] + others, [pages[i] for i in test_index])
            for train_index, test_index in folds.split(pages, [str(p.target) for p in pages])]


def out_of_fold(items: list[Item], c: float, sentence_weight: float) -> list[tuple[Item, float]]:
    """Decision values of each dev page from a model trained without its fold."""
    decided: list[tuple[Item, float]] = []
    for training, held in page_folds(items):
        design, model = fit_logistic(training, c, sentence_weight)
        decided += zip(held, model.decision_function(design.matrix(held)))
    return decided


def write_fold_models(items: list[Item], c: float, sentence_weight: float, a: float, b: float, folder: Path) -> None:
    """One model per fold, trained without that fold's dev pages (with the final Platt scaling),
    and ``folds.json`` (page id -> fold): the dev pages can then be built out of sample."""
    folder.mkdir(parents=True, exist_ok=True)
    assignment = {}
    for number, (training, held) in enumerate(page_folds(items)):
        design, model = fit_logistic(training, c, sentence_weight)
        payload = model_json(design, model, a, b, {"fold": number, "held_out_dev_pages": len(held)})
        (folder / f"fold-{number}.json").write_text(json.dumps(payload) + "\n", encoding="utf-8")
        assignment.update({item.item_id: number for item in held})
    (folder / "folds.json").write_text(json.dumps(assignment, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def platt(decided: list[tuple[Item, float]]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    rows, classes, weights = [], [], []
    for item, value in decided:
        for cls, share in ((1, item.target), (0, 1.0 - item.target)):
            if share > 0:
                rows.append([value])
                classes.append(cls)
                weights.append(share)
    model = LogisticRegression(C=1e6, max_iter=1000).fit(rows, classes, sample_weight=weights)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def calibrated(decided: list[tuple[Item, float]], a: float, b: float) -> list[tuple[Item, float]]:
    return [(item, 1.0 / (1.0 + math.exp(-(a * value + b)))) for item, value in decided]


def metrics(scored: list[tuple[Item, float]]) -> dict[str, Any]:
    """Log loss and Brier score against the graded targets, ROC AUC of political-or-partly vs off,
    and a reliability table (mean predicted vs mean target per probability bin)."""
    from sklearn.metrics import roc_auc_score

    eps = 1e-6
    log_loss = -sum(i.target * math.log(max(p, eps)) + (1 - i.target) * math.log(max(1 - p, eps))
                    for i, p in scored) / len(scored)
    brier = sum((p - i.target) ** 2 for i, p in scored) / len(scored)
    auc = roc_auc_score([i.target > 0 for i, _ in scored], [p for _, p in scored])
    return {"pages": len(scored), "log_loss": round(log_loss, 4), "brier": round(brier, 4),
            "auc_political_or_partly": round(float(auc), 4), "reliability": reliability(scored)}


def reliability(scored: list[tuple[Item, float]], edges: Iterable[float] = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)) -> list[dict[str, Any]]:
    bounds = list(edges)
    table = []
    for low, high in zip(bounds, bounds[1:]):
        inside = [(i, p) for i, p in scored if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            table.append({"bin": f"{low:.1f}-{high:.1f}", "pages": len(inside),
                          "mean_relevance": round(sum(p for _, p in inside) / len(inside), 3),
                          "mean_label": round(sum(i.target for i, _ in inside) / len(inside), 3)})
    return table


def model_json(design: Design, model, a: float, b: float, report: dict[str, Any]) -> dict[str, Any]:
    weights = model.coef_[0]
    n_words = len(design.vocabulary)
    vocabulary = {w: [round(design.idf[i], 6), round(float(weights[i]), 6)]
                  for i, w in enumerate(design.vocabulary) if abs(weights[i]) >= 1e-6}
    dense = {name: {"weight": round(float(weights[n_words + k]), 6), "mean": round(design.mean[k], 6),
                    "scale": round(design.scale[k], 6)} for k, name in enumerate(DENSE_FEATURES)}
    return {"model": "eventbuilder document relevance (logistic regression, tf-idf words + dense features, Platt-calibrated)",
            "features_version": FEATURES_VERSION, "intercept": round(float(model.intercept_[0]), 6),
            "platt": {"a": round(a, 6), "b": round(b, 6)}, "trained_on": report, "dense": dense,
            "vocabulary": vocabulary}


def train(data: Path, workers: int, folds_folder: Path | None = None) -> dict[str, Any]:
    benchmarks = data / "benchmarks"
    split = json.loads((LABELS_DIR / "split.json").read_text(encoding="utf-8"))
    labels = json.loads((LABELS_DIR / "labels.json").read_text(encoding="utf-8"))
    gwn_labels = json.loads((LABELS_DIR / "labels_geowebnews.json").read_text(encoding="utf-8"))
    jobs = page_records(benchmarks, split, labels) + geowebnews_records(benchmarks, gwn_labels) + sentence_records(benchmarks)
    items = featurise(jobs, workers)
    search = []
    for c in C_GRID:
        for sentence_weight in SENTENCE_WEIGHT_GRID:
            decided = out_of_fold(items, c, sentence_weight)
            a, b = platt(decided)
            search.append((metrics(calibrated(decided, a, b))["log_loss"], c, sentence_weight, decided, a, b))
    loss, c, sentence_weight, decided, a, b = min(search, key=lambda s: (s[0], s[1], s[2]))
    design, model = fit_logistic(items, c, sentence_weight)
    if folds_folder is not None:
        write_fold_models(items, c, sentence_weight, a, b, folds_folder)
    counts = Counter((i.group, i.target) for i in items)
    report = {
        "command": "python -m eventbuilder.relevance.train (make relevance-model)",
        "sources": {
            "pages (dev split, benchmarks/relevance/labels.json)": _counts(counts, "pages"),
            "geowebnews (benchmarks/relevance/labels_geowebnews.json)": _counts(counts, "geowebnews"),
            "plover gold sentences (all political)": counts[("plover", 1.0)],
            "event_location sentences (all political)": counts[("event_location", 1.0)],
        },
        "targets": "political 1, partly 0.5, off 0",
        "chosen": {"C": c, "sentence_weight": sentence_weight, "vocabulary": len(design.vocabulary)},
        "cross_validation": {"grid_log_loss": {f"C={s[1]} sentence_weight={s[2]}": s[0] for s in search},
                             "dev_pages_out_of_fold": metrics(calibrated(decided, a, b))},
    }
    return model_json(design, model, a, b, report)


def _counts(counts: Counter, group: str) -> dict[str, int]:
    return {label: counts[(group, target)] for label, target in TARGETS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="shared folder holding benchmarks/ [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(MODEL_PATH), help=f"where to write the model [{MODEL_PATH}]")
    parser.add_argument("--folds", default=None, help="also write one model per cross-validation fold here "
                        "(for out-of-sample dev builds: benchmarks/relevance/evaluate.py --folds)")
    args = parser.parse_args(argv)
    payload = train(shared_dir(args.data), args.workers, Path(args.folds) if args.folds else None)
    Path(args.out).write_text(json.dumps(payload, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    cv = payload["trained_on"]["cross_validation"]["dev_pages_out_of_fold"]
    print(f"wrote {args.out}: {len(payload['vocabulary'])} words; dev pages out of fold: log loss {cv['log_loss']}, "
          f"Brier {cv['brier']}, AUC {cv['auc_political_or_partly']}")
    for row in cv["reliability"]:
        print(f"  {row['bin']}: {row['pages']:>3} pages, mean relevance {row['mean_relevance']:.3f}, mean label {row['mean_label']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
