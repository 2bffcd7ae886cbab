"""Toponym resolution and geoparsing on LGL and GeoWebNews (Acc@161, error km, AUC).

    .venv/bin/python benchmarks/geo.py [--data DIR] [--corpus lgl|gwn|both] [--limit N]
                                       [--mode gold|e2e|both] [--split all|dev|test|even|odd] [--json PATH]

``--data`` is the shared folder (the one holding ``benchmarks/geo/``) or its ``benchmarks``
subfolder; it defaults to ``$EVENTBUILDER_SHARED`` or ``<repo root>/../shared``.

(a) gold spans: every gold toponym span of an article is resolved in its article context by
``resolve_spans``; accuracy is measured on the spans that have gold coordinates. Two baselines
run on the same spans: the most populous gazetteer entry of that name among populated places
only ("population, cities500") and among all entries ("population, all").
(b) end to end: ``geoparse`` recognises and resolves toponyms itself. Span precision/recall
(exact offsets, and any overlap) are computed against the gold spans with coordinates; Acc@161
is over ALL gold toponyms with coordinates, a missed one counting as wrong ("all_gold"), and,
for comparison with EUPEG-style figures, over the gold toponyms that were recognised (overlap)
("recognised_gold").

Splits: ``--split dev|test`` takes one half of each corpus as frozen in ``benchmarks/splits/lgl.json``
and ``geowebnews.json`` (``make_splits.py``, issue 12); ``--verbose`` (individual mistakes, gold spans
and end to end) is refused on the test half. ``even|odd`` are the older halves by position.

Metrics (as in Gritta et al. 2018, "What's missing in geoparsing?"): error = great-circle km
between the chosen coordinate and the gold one (20,039 km, half the Earth's circumference, when
nothing was chosen); Acc@161 = share of errors <= 161 km; AUC = the area under the curve of
ln(1 + error) over the errors sorted ascending, integrated with the trapezoid rule over unit
steps and normalised by (n - 1) * ln(20039): 0 is perfect, 1 is every error maximal.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find _common beside it
MAX_ERROR_KM = 20039.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def benchmarks_dir(data: str | None) -> Path:
    """The folder holding ``geo/`` and ``events/``, from --data or the environment."""
    root = Path(data) if data else Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))
    for candidate in (root, root / "benchmarks"):
        if (candidate / "geo").is_dir() or (candidate / "events").is_dir():
            return candidate
    raise SystemExit(f"benchmark data not found under {root} (give --data or set EVENTBUILDER_SHARED)")


def _float(node, tag: str) -> float | None:
    value = node.findtext(tag)
    return float(value) if value not in (None, "") else None


def load_lgl(path: Path) -> list[Article]:
    articles = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            lat = _float(gaz, "lat") if gaz is not None else None
            lon = _float(gaz, "lon") if gaz is not None else None
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase"), lat, lon))
        articles.append(Article(art.get("docid"), text, tuple(sorted(tops, key=lambda x: x.start))))
    return articles


def load_gwn(path: Path) -> list[Article]:
    """GeoWebNews; only spans with coordinates are kept (the others are expressions, not places)."""
    articles = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            lat, lon = _float(t, "latitude"), _float(t, "longitude")
            if lat is None or lon is None:
                continue
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            tops.append(GoldToponym(start, end, t.findtext("extractedName"), lat, lon))
        articles.append(Article(art.get("file"), text, tuple(sorted(tops, key=lambda x: x.start))))
    return articles


def load_corpus(name: str, bench: Path) -> list[Article]:
    if name == "lgl":
        return load_lgl(bench / "geo" / "LGL" / "lgl.xml")
    return load_gwn(bench / "geo" / "GeoWebNews" / "GWN.xml")


# ---------------------------------------------------------------- metrics


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def error_km(place, gold: GoldToponym) -> float:
    if place is None:
        return MAX_ERROR_KM
    return haversine_km(place.latitude, place.longitude, gold.lat, gold.lon)


def auc(errors: list[float]) -> float:
    if len(errors) < 2:
        return float("nan")
    y = np.log1p(np.sort(np.asarray(errors, dtype=float)))
    area = float(np.sum((y[1:] + y[:-1]) / 2.0))
    return area / ((len(errors) - 1) * math.log(MAX_ERROR_KM))


def summarise(errors: list[float]) -> dict:
    arr = np.asarray(errors, dtype=float)
    return {
        "n": int(arr.size),
        "acc161": round(float(np.mean(arr <= 161.0)), 4) if arr.size else None,
        "mean_km": round(float(arr.mean()), 1) if arr.size else None,
        "median_km": round(float(np.median(arr)), 1) if arr.size else None,
        "auc": round(auc(errors), 4) if arr.size > 1 else None,
    }


# ---------------------------------------------------------------- (a) gold spans


def gold_span_errors(articles: list[Article]) -> dict[str, list[float]]:
    """Errors of our resolver and of the two population baselines on gold spans."""
    from eventbuilder.resolve.places.gazetteer import load_gazetteer
    from eventbuilder.resolve.places.resolution import resolve_spans, surface_form

    g = load_gazetteer()
    errors: dict[str, list[float]] = {"resolver": [], "population_cities500": [], "population_all": []}
    for art in articles:
        spans = [(t.start, t.end) for t in art.toponyms]
        mentions = resolve_spans(art.text, spans, gazetteer=g)
        for t, m in zip(art.toponyms, mentions):
            if t.lat is None:
                continue
            errors["resolver"].append(error_km(m.place, t))
            rows = [r for r, _ in g.lookup(surface_form(art.text[t.start:t.end]))]
            for label, pool in (("population_cities500", [r for r in rows if g.precision(r) == "city"]),
                                ("population_all", rows)):
                best = max(pool, key=lambda r: (int(g.population[r]), -r)) if pool else None
                errors[label].append(error_km(g.place(best) if best is not None else None, t))
    return errors


def error_classes(articles: list[Article], limit: int = 40) -> list[dict]:
    """The worst resolver mistakes, for error analysis (printed with --verbose)."""
    from eventbuilder.resolve.places.resolution import resolve_spans

    rows = []
    for art in articles:
        mentions = resolve_spans(art.text, [(t.start, t.end) for t in art.toponyms])
        for t, m in zip(art.toponyms, mentions):
            if t.lat is None:
                continue
            err = error_km(m.place, t)
            if err > 161:
                rows.append({"doc": art.doc_id, "phrase": t.phrase, "err_km": round(err),
                             "chosen": None if m.place is None else f"{m.place.name} ({m.place.country}, "
                             f"{m.place.admin1}, {m.place.feature_code})", "gold": (t.lat, t.lon)})
    return rows[:limit] if limit else rows


# ---------------------------------------------------------------- (b) end to end


def end_to_end(articles: list[Article]) -> dict:
    from eventbuilder.nlp import load_pipeline
    from eventbuilder.resolve.places import geoparse

    nlp = load_pipeline()
    tp_exact = tp_overlap_pred = tp_overlap_gold = n_pred = n_gold = 0
    errors: list[float] = []
    matched: list[float] = []
    parse_seconds = geoparse_seconds = 0.0
    for art in articles:
        started = time.perf_counter()
        doc = nlp(art.text)
        parsed = time.perf_counter()
        mentions = [m for m in geoparse(art.text, doc) if m.place is not None]
        parse_seconds += parsed - started
        geoparse_seconds += time.perf_counter() - parsed
        gold = [t for t in art.toponyms if t.lat is not None]
        n_pred += len(mentions)
        n_gold += len(gold)
        exact = {(m.start, m.end) for m in mentions}
        tp_exact += sum((t.start, t.end) in exact for t in gold)
        tp_overlap_pred += sum(any(m.start < t.end and t.start < m.end for t in gold) for m in mentions)
        for t in gold:
            hits = [m for m in mentions if m.start < t.end and t.start < m.end]
            tp_overlap_gold += bool(hits)
            errors.append(min((error_km(m.place, t) for m in hits), default=MAX_ERROR_KM))
            if hits:
                matched.append(errors[-1])
    p_exact = tp_exact / n_pred if n_pred else 0.0
    r_exact = tp_exact / n_gold if n_gold else 0.0
    p_over = tp_overlap_pred / n_pred if n_pred else 0.0
    r_over = tp_overlap_gold / n_gold if n_gold else 0.0
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "exact": {"precision": round(p_exact, 4), "recall": round(r_exact, 4), "f1": round(_f1(p_exact, r_exact), 4)},
        "overlap": {"precision": round(p_over, 4), "recall": round(r_over, 4), "f1": round(_f1(p_over, r_over), 4)},
        "all_gold": summarise(errors),
        "recognised_gold": summarise(matched),  # as EUPEG reports: only toponyms the system found
        "spacy_parse_seconds": round(parse_seconds, 1),
        "geoparse_ms_per_article": round(1000 * geoparse_seconds / max(1, len(articles)), 1),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


SPLIT_NAMES = {"lgl": "lgl", "gwn": "geowebnews"}


def split_articles(articles: list[Article], corpus: str, side: str) -> list[Article]:
    """The articles of one side of the frozen split, in corpus order; the split must cover the corpus."""
    from _common import check_split_covers, load_split

    split = load_split(SPLIT_NAMES[corpus])
    check_split_covers(split, [a.doc_id for a in articles], f"{corpus} articles")
    members = set(split[side])
    return [a for a in articles if a.doc_id in members]


def e2e_mistakes(articles: list[Article]) -> list[dict]:
    """End-to-end mistakes for error analysis (dev only): spurious mentions, missed and wrong gold toponyms."""
    from eventbuilder.nlp import load_pipeline
    from eventbuilder.resolve.places import geoparse

    nlp = load_pipeline()
    rows: list[dict] = []
    for art in articles:
        mentions = [m for m in geoparse(art.text, nlp(art.text)) if m.place is not None]
        gold = [t for t in art.toponyms if t.lat is not None]
        for m in mentions:
            if not any(m.start < t.end and t.start < m.end for t in gold):
                context = art.text[max(0, m.start - 40):m.end + 40].replace("\n", " ")
                rows.append({"doc": art.doc_id, "kind": "spurious", "text": m.text, "role": m.role,
                             "chosen": f"{m.place.name} ({m.place.country}, {m.place.feature_code})", "context": context})
        for t in gold:
            hits = [m for m in mentions if m.start < t.end and t.start < m.end]
            context = art.text[max(0, t.start - 40):t.end + 40].replace("\n", " ")
            if not hits:
                rows.append({"doc": art.doc_id, "kind": "missed", "text": art.text[t.start:t.end], "context": context})
            elif min(error_km(m.place, t) for m in hits) > 161:
                m = hits[0]
                rows.append({"doc": art.doc_id, "kind": "wrong", "text": art.text[t.start:t.end],
                             "chosen": f"{m.place.name} ({m.place.country}, {m.place.feature_code})",
                             "km": round(error_km(m.place, t)), "context": context})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--corpus", choices=("lgl", "gwn", "both"), default="both")
    parser.add_argument("--mode", choices=("gold", "e2e", "both"), default="both")
    parser.add_argument("--limit", type=int, default=0, help="first N articles of each corpus")
    parser.add_argument("--split", choices=("all", "dev", "test", "even", "odd"), default="all",
                        help="a half of each corpus: dev/test as frozen in benchmarks/splits/ (issue 12), "
                             "even/odd by position (the older halves)")
    parser.add_argument("--json")
    parser.add_argument("--verbose", action="store_true", help="print every mistake (dev half only)")
    args = parser.parse_args(argv)
    if args.verbose and args.split != "dev":
        parser.error("--verbose shows individual mistakes: only with --split dev (never the test half)")
    bench = benchmarks_dir(args.data)
    result: dict = {}
    for corpus in ("lgl", "gwn") if args.corpus == "both" else (args.corpus,):
        articles = load_corpus(corpus, bench)
        if args.limit:
            articles = articles[: args.limit]
        if args.split in ("even", "odd"):
            articles = articles[args.split == "odd"::2]
        elif args.split in ("dev", "test"):
            articles = split_articles(articles, corpus, args.split)
        out: dict = {"articles": len(articles), "split": args.split}
        if args.mode in ("gold", "both"):
            started = time.perf_counter()
            errors = gold_span_errors(articles)
            out["gold_spans"] = {label: summarise(errs) for label, errs in errors.items()}
            out["gold_spans"]["seconds"] = round(time.perf_counter() - started, 1)
            if args.verbose:
                for row in error_classes(articles, limit=0):
                    print(json.dumps(row, ensure_ascii=False))
        if args.mode in ("e2e", "both"):
            started = time.perf_counter()
            out["end_to_end"] = end_to_end(articles)
            out["end_to_end"]["seconds"] = round(time.perf_counter() - started, 1)
            if args.verbose:
                for row in e2e_mistakes(articles):
                    print(json.dumps(row, ensure_ascii=False))
        result[corpus] = out
        print(corpus, json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
