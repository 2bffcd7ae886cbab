#!/usr/bin/env python
"""Fit the weights of the page models (headline line, publication date) on the DEV pages only.

    .venv/bin/python benchmarks/pages_fit.py [PAGES] [--l2 X] [--max-wrong X] [--renders A,B]

PAGES is ``../shared/benchmarks/pages`` (as for ``benchmarks/pages.py``). Only the dev split of
``pages_gold/split.json`` is read; the test split is never opened. Each dev page is read in every
render the product meets: the two text renders and the visible text of the HTML page.

- Headline: for every page with a gold headline (``pages_gold/headlines.json``) whose line is
  among the candidates, a conditional logit: the softmax of the candidates' scores should put the
  gold line first. Pages whose headline line is not a candidate teach nothing and are counted.
- Publication date (``dates/``): the page's candidate days and "none of them" compete in a
  softmax; the gold day is the target, "none" when the gold day is not written on the page. The
  threshold ``date_threshold`` is then the lowest margin of the winner over its strongest rival
  at which the dev pages' wrong-day rate stays at or under ``--max-wrong``.

Both are fitted with L-BFGS and an L2 penalty (``--l2``, on every weight but the bias). The fit
is deterministic; it writes ``src/eventbuilder/resources/pages/weights.json`` (review the diff).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventbuilder.ingest import headline as headline_model
from eventbuilder.ingest import textdates
from eventbuilder.ingest.textpage import segment_page
from eventbuilder.ingest.weights import WEIGHTS_FILE
from eventbuilder.resources import read_json
from pages import GOLD_DIR, fold_headline, pages_dir, read_page, split_ids

REPO_ROOT = Path(__file__).resolve().parents[1]
WEIGHTS_PATH = REPO_ROOT / "src" / "eventbuilder" / "resources" / WEIGHTS_FILE
RENDERS = ("txt-inscriptis", "txt-soup", "html")


def page_text(pages: Path, name: str, render: str, page_id: str) -> str:
    """The page as the product reads it in this render (HTML: its visible text)."""
    if render == "html":
        from eventbuilder.ingest.html import visible_text

        return visible_text(read_page(pages, name, "html", page_id).decode("utf-8", "replace"))
    return gzip.decompress((pages / name / render / f"{page_id}.txt.gz").read_bytes()).decode("utf-8", "replace")


# ---------------------------------------------------------------- examples


def headline_examples(pages: Path, renders: tuple[str, ...]) -> tuple[list[tuple[np.ndarray, list[int]]], list[str], int]:
    """(feature matrix of a page's candidates, indices of the gold line among them) per page."""
    gold = json.loads((GOLD_DIR / "headlines.json").read_text(encoding="utf-8"))
    examples, names, missed = [], None, 0
    for name in ("dates", "bodies"):
        for page_id in split_ids(pages, name, "dev"):
            wanted = fold_headline(gold[name].get(page_id))
            if not wanted:
                continue
            for render in renders:
                layout = segment_page(page_text(pages, name, render, page_id)).layout
                if layout.body_start is None:
                    missed += 1
                    continue
                texts, kinds = [b.text for b in layout.blocks], list(layout.kinds)
                lines = headline_model.PageLines.of(texts, kinds, layout.body_start)
                found = headline_model.candidates(texts, kinds, layout.body_start)
                rows = [headline_model.features(i, lines) for i in found]
                positive = [k for k, i in enumerate(found) if fold_headline(texts[i]) == wanted]
                if not positive:
                    missed += 1
                    continue
                names = names or sorted(rows[0])
                examples.append((np.array([[r[n] for n in names] for r in rows]), positive))
    return examples, names or [], missed


def date_examples(pages: Path, renders: tuple[str, ...]) -> tuple[list[tuple[np.ndarray, list[int]]], list[str], list[list[date]]]:
    """Per page: the feature matrix of its best mention per day, and the rows of the gold day
    (the last row, "none of them", when the gold day is not a candidate)."""
    gold = json.loads((pages / "dates" / "gold.json").read_text(encoding="utf-8"))
    examples, names, days_of = [], None, []
    for page_id in split_ids(pages, "dates", "dev"):
        gold_day = date.fromisoformat(gold[page_id]["date"])
        for render in renders:
            parts = segment_page(page_text(pages, "dates", render, page_id))
            found = textdates.candidates(textdates_view(parts))
            if not found:
                continue
            names = names or sorted(found[0].features)
            rows = [[c.features[n] for n in names] for c in found]
            day_of_row = [c.day for c in found]
            target = [k for k, d in enumerate(day_of_row) if d == gold_day] or [len(rows)]
            examples.append((np.array(rows), target))
            days_of.append(day_of_row)
    return examples, names or [], days_of


def textdates_view(parts: Any) -> textdates.PageView:
    layout = parts.layout
    return textdates.PageView([b.text for b in layout.blocks], list(layout.kinds), layout.headline,
                              layout.body_start, layout.body_end)


# ---------------------------------------------------------------- the fit


def fit(examples: list[tuple[np.ndarray, list[int]]], names: list[str], l2: float, with_none: bool) -> dict[str, float]:
    """Conditional logit: maximise log P(gold rows) under a softmax over each page's rows (and a
    "none" score when ``with_none``); a date page's rows of one day share the day's best score."""
    size = len(names) + (1 if with_none else 0)
    penalised = np.array([0.0 if n == "bias" else 1.0 for n in names] + ([0.0] if with_none else []))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * float(np.sum(penalised * w * w)), l2 * penalised * w
        for matrix, target in examples:
            scores = matrix @ w[: len(names)]
            if with_none:
                scores = np.append(scores, w[-1])
            top = scores.max()
            p = np.exp(scores - top)
            p /= p.sum()
            p_target = p[target].sum()
            total -= float(np.log(max(p_target, 1e-12)))
            q = np.zeros_like(p)
            q[target] = p[target] / max(p_target, 1e-12)
            diff = p - q  # gradient of -log P(target) with respect to the scores
            grad[: len(names)] += matrix.T @ diff[: len(matrix)]
            if with_none:
                grad[-1] += diff[-1]
        return total, grad

    result = minimize(loss, np.zeros(size), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    weights = {n: round(float(v), 3) for n, v in zip(names, result.x)}
    if with_none:
        weights["__none__"] = round(float(result.x[-1]), 3)
    return weights


def date_threshold(examples, days_of, names, weights, none, max_wrong: float) -> tuple[float, dict[str, float]]:
    """The lowest winning margin (``textdates.margin``) that keeps the dev wrong-day rate at or
    under ``max_wrong``. As in the product, a day's probability is the sum over its mentions."""
    outcomes = []  # (probability of the winning day, winner correct)
    w = np.array([weights[n] for n in names])
    for (matrix, target), days in zip(examples, days_of):
        scores = np.append(matrix @ w, none)
        p = np.exp(scores - scores.max())
        p /= p.sum()
        by_day: dict[date, float] = {}
        for row, day in enumerate(days):
            by_day[day] = by_day.get(day, 0.0) + float(p[row])
        ranked = sorted(by_day.items(), key=lambda item: (-item[1], item[0]))
        outcomes.append((textdates.margin(ranked, float(p[-1])),
                         any(days[row] == ranked[0][0] for row in target if row < len(days))))
    n = len(outcomes)
    for threshold in np.arange(0.05, 0.96, 0.01):
        wrong = sum(p >= threshold and not ok for p, ok in outcomes) / n
        if wrong <= max_wrong:
            exact = sum(p >= threshold and ok for p, ok in outcomes) / n
            return round(float(threshold), 2), {"wrong": round(wrong, 3), "exact": round(exact, 3), "pages": n}
    return 0.95, {}


def log(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--max-wrong", type=float, default=0.03)
    parser.add_argument("--renders", default=",".join(RENDERS))
    args = parser.parse_args(argv)
    pages = pages_dir(args.pages)
    current = dict(read_json(WEIGHTS_FILE))
    renders = tuple(args.renders.split(","))

    log("headline: collecting candidates of the dev pages")
    examples, names, missed = headline_examples(pages, renders)
    headline_weights = fit(examples, names, args.l2, with_none=False)
    log(f"headline: {len(examples)} page renders, {missed} without the gold line among the candidates")
    current["headline"] = headline_weights
    # The date features depend on where the headline is: the new headline weights go in first.
    write_weights(current)
    log("date: collecting candidates of the dev pages")
    date_rows, date_names, days_of = date_examples(pages, renders)
    fitted = fit(date_rows, date_names, args.l2, with_none=True)
    none = fitted.pop("__none__")
    threshold, at = date_threshold(date_rows, days_of, date_names, fitted, none, args.max_wrong)
    current.update({"date": fitted, "date_none": none, "date_threshold": threshold,
                    "about": ("Fitted by benchmarks/pages_fit.py on the dev split of ../shared/benchmarks/pages "
                              f"(renders {', '.join(renders)}; l2 {args.l2}; date threshold for a dev wrong-day "
                              f"rate <= {args.max_wrong}). Do not edit by hand.")})
    write_weights(current)
    print(json.dumps({"headline_pages": len(examples), "headline_missed": missed, "date_pages": len(date_rows),
                      "date_threshold": threshold, "dev_at_threshold": at}, indent=1))
    log(f"wrote {WEIGHTS_PATH.relative_to(REPO_ROOT)}")
    return 0


def write_weights(weights: dict[str, Any]) -> None:
    WEIGHTS_PATH.write_text(json.dumps(weights, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    read_json.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
