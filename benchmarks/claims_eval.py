"""Claim extraction quality on the hand-annotated gold set (benchmarks/claims_gold/).

    .venv/bin/python benchmarks/claims_eval.py [--gold DIR] [--extractor module:function]
                                               [--split both|dev|test|all] [--json PATH] [--stats]

Runs the extractor over every gold article (``extract(text, published)``) and matches its
predictions one-to-one to the gold claims, greedily, best pair first. A pair is a candidate when the
event types are equal and the prediction's span (``char_start``/``char_end``, relocated through
``evidence_text`` when the offsets point into a differently cleaned text) overlaps the gold
``sentence`` span. Pairs are ranked by trigger agreement, then span overlap (IoU), then closeness.

* strict ("type + actors"): a candidate pair counts only if actor1 agrees and, when the gold has
  one, actor2 agrees (rules in ``actor_agrees``; meetings, agreements and reciprocal actions may
  swap the two actors). Precision = matches / predictions, recall = matches / gold claims.
* lenient ("type only"): any candidate pair counts.
* on the lenient matches: accuracy of modality, quantity (value, previous, unit), date (start and
  end), attribution, place (the sentence place: ``place_agrees``), actor1 and actor2.

Splits (``benchmarks/splits/claims_gold.json``, frozen by ``make_splits.py``): ``--split both`` (the
default) runs the extractor once and prints dev, test and all side by side; ``--split dev|test|all``
prints the full report of one side. The test side never lists its unmatched gold claims: nobody
tuning rules should see which test claims fail.

``--stats`` prints what the gold set covers instead of running an extractor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find _common beside it

from _common import (
    DEFAULT_EXTRACTOR,
    REPO_ROOT,
    SPLIT_CHOICES,
    Extractor,
    GoldDataError,
    as_iso,
    as_number,
    as_text,
    check_split_covers,
    fold,
    load_extractor,
    load_split,
    locate_evidence,
    numbers_equal,
    organisation_names_agree,
    person_names_agree,
    prf,
    ratio,
    run_report,
    side_by_side,
    sources_agree,
    split_members,
    stems,
)
from eventbuilder.errors import EventbuilderError

DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "claims_gold"
EVENT_TYPES = (
    "troop_deployment", "military_exercise", "meeting", "statement", "request", "agreement", "aid",
    "attack", "sanction", "threat", "accusation", "rejection", "protest", "concession", "investigation",
)
# Meetings and agreements have no direction: "A met B" and "B met A" are the same claim.
SYMMETRIC_TYPES = frozenset({"meeting", "agreement"})
TARGET_F1 = 0.85


@dataclass(frozen=True)
class GoldArticle:
    article_id: str
    published: date
    source: str
    title: str
    text: str


@dataclass(frozen=True)
class GoldActor:
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | country | organization | group


@dataclass(frozen=True)
class GoldClaim:
    claim_id: str
    article_id: str
    event_type: str
    sentence: str
    start: int  # span of ``sentence`` in the article text
    end: int
    trigger: str
    actor1: GoldActor | None
    actor2: GoldActor | None
    participants: tuple[str, ...]
    modality: str
    quantity: dict[str, Any] | None
    date_start: str | None
    date_end: str | None
    attributed_to: str | None
    place_text: str | None = None
    place_country: str | None = None


@dataclass(frozen=True)
class Prediction:
    article_id: str
    index: int  # position in the extractor's output for that article
    start: int
    end: int
    row: dict[str, Any]


@dataclass(frozen=True)
class Match:
    gold: GoldClaim
    prediction: Prediction


# ---------------------------------------------------------------- loading


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file; a bad line raises GoldDataError naming it."""
    if not path.is_file():
        raise GoldDataError(f"{path} not found")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldDataError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
    return records


def parse_actor(value: dict[str, Any] | None) -> GoldActor | None:
    if not value:
        return None
    return GoldActor(value["name"], value.get("country"), value.get("sector"), value.get("kind", "country"))


def parse_claim(record: dict[str, Any], article: GoldArticle) -> GoldClaim:
    """One gold claim; its sentence must occur exactly once in the article."""
    sentence = record["sentence"]
    start = article.text.find(sentence)
    if start < 0 or article.text.count(sentence) != 1:
        raise GoldDataError(f"claim {record['claim_id']}: sentence must occur exactly once in {article.article_id}")
    return GoldClaim(
        claim_id=record["claim_id"], article_id=article.article_id, event_type=record["event_type"],
        sentence=sentence, start=start, end=start + len(sentence), trigger=record["trigger"],
        actor1=parse_actor(record.get("actor1")), actor2=parse_actor(record.get("actor2")),
        participants=tuple(record.get("participants") or ()), modality=record["modality"],
        quantity=record.get("quantity"), date_start=record.get("date_start"), date_end=record.get("date_end"),
        attributed_to=record.get("attributed_to"), place_text=record.get("place_text"),
        place_country=record.get("place_country"),
    )


def load_gold(folder: Path) -> tuple[list[GoldArticle], list[GoldClaim]]:
    """The gold articles and claims of a gold folder (``articles.jsonl``, ``gold.jsonl``)."""
    articles = [
        GoldArticle(r["id"], date.fromisoformat(r["published"]), r.get("source", ""), r.get("title", ""), r["text"])
        for r in read_jsonl(folder / "articles.jsonl")
    ]
    by_id = {article.article_id: article for article in articles}
    claims = []
    for record in read_jsonl(folder / "gold.jsonl"):
        if record["article_id"] not in by_id:
            raise GoldDataError(f"claim {record['claim_id']}: unknown article {record['article_id']!r}")
        claims.append(parse_claim(record, by_id[record["article_id"]]))
    return articles, claims


# ---------------------------------------------------------------- running the extractor


def run_extractor(extract: Extractor, articles: Iterable[GoldArticle]) -> tuple[list[Prediction], dict[str, str]]:
    """Every prediction for every article, and the articles the extractor refused (with the reason).

    Only eventbuilder's own errors are caught: an article it rejects scores as having no claims.
    Any other exception is a bug in the extractor and stops the benchmark.
    """
    predictions: list[Prediction] = []
    failures: dict[str, str] = {}
    for article in articles:
        try:
            rows = extract(article.text, article.published)
        except EventbuilderError as exc:
            failures[article.article_id] = f"{type(exc).__name__}: {exc}"
            continue
        for index, row in enumerate(rows):
            start, end = locate_evidence(article.text, row)
            predictions.append(Prediction(article.article_id, index, start, end, dict(row)))
    return predictions, failures


# ---------------------------------------------------------------- agreement rules


def actor_agrees(gold: GoldActor, name: str | None, country: str | None) -> bool:
    """A predicted actor (canonical name, ISO3 country) agrees with a gold actor.

    The country must be equal when the gold actor has one; a person must also have the same
    canonical name (case/accent-folded, surname fallback); an actor without a country (an IGO, an
    IGO official) is compared by name: people by ``person_names_agree``, organisations by
    ``organisation_names_agree``.
    """
    if gold.country and (as_text(country) or "").upper() != gold.country.upper():
        return False
    if gold.kind == "person":
        return person_names_agree(gold.name, name)
    if gold.country:
        return True
    return organisation_names_agree(gold.name, name)


def predicted_actor(row: dict[str, Any], slot: str) -> tuple[str | None, str | None]:
    return row.get(f"{slot}_name"), row.get(f"{slot}_country")


def is_symmetric(gold: GoldClaim) -> bool:
    """Meetings, agreements, and reciprocal actions whose participants list both actors ("fought")."""
    if gold.event_type in SYMMETRIC_TYPES:
        return True
    if not (gold.actor1 and gold.actor2):
        return False
    listed = {fold(name) for name in gold.participants}
    return fold(gold.actor1.name) in listed and fold(gold.actor2.name) in listed


def slot_agrees(gold: GoldActor | None, predicted: tuple[str | None, str | None]) -> bool:
    return gold is None or actor_agrees(gold, *predicted)


def actors_agree(gold: GoldClaim, row: dict[str, Any]) -> bool:
    """actor1 agrees, and actor2 when the gold has one; symmetric claims may have them swapped."""
    first, second = predicted_actor(row, "actor1"), predicted_actor(row, "actor2")
    if slot_agrees(gold.actor1, first) and slot_agrees(gold.actor2, second):
        return True
    if not is_symmetric(gold):
        return False
    return slot_agrees(gold.actor1, second) and slot_agrees(gold.actor2, first)


def modality_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    return as_text(row.get("modality")) == gold.modality


def quantity_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    """value, previous and unit equal (a gold claim without quantity needs an empty prediction)."""
    expected = gold.quantity or {}
    unit = (as_text(row.get("quantity_unit")) or "").strip().casefold()
    return (
        numbers_equal(expected.get("value"), row.get("quantity_value"))
        and numbers_equal(expected.get("previous"), row.get("quantity_previous"))
        and unit == (expected.get("unit") or "").casefold()
    )


def date_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    return as_iso(row.get("date_start")) == gold.date_start and as_iso(row.get("date_end")) == gold.date_end


def attribution_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    return sources_agree(gold.attributed_to, as_text(row.get("attributed_to")))


# a claim placed by the dateline or the story's main place has no place of its own in the sentence
NOT_SENTENCE_PLACES = frozenset({"dateline", "document", "none"})


def sentence_place(row: dict[str, Any]) -> str | None:
    """The place the prediction found in its sentence; fallbacks (dateline, document) are not one."""
    if (as_text(row.get("geo_method")) or "sentence") in NOT_SENTENCE_PLACES:
        return None
    return as_text(row.get("place_text"))


def place_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    """The sentence place agrees with the gold ``place_text``: both absent, or one text inside the
    other after folding ("Lachin corridor" ~ "Lachin"), or the gazetteer name equals the gold text."""
    predicted = sentence_place(row)
    if gold.place_text is None:
        return predicted is None
    if predicted is None:
        return False
    gold_folded, predicted_folded = fold(gold.place_text), fold(predicted)
    if gold_folded and predicted_folded and (gold_folded in predicted_folded or predicted_folded in gold_folded):
        return True
    return fold(as_text(row.get("place_name"))) == gold_folded


def actor1_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    first, second = predicted_actor(row, "actor1"), predicted_actor(row, "actor2")
    return slot_agrees(gold.actor1, first) or (is_symmetric(gold) and slot_agrees(gold.actor1, second))


def actor2_agrees(gold: GoldClaim, row: dict[str, Any]) -> bool:
    first, second = predicted_actor(row, "actor1"), predicted_actor(row, "actor2")
    return slot_agrees(gold.actor2, second) or (is_symmetric(gold) and slot_agrees(gold.actor2, first))


ATTRIBUTES = {
    "modality": (modality_agrees, lambda gold: True),
    "quantity": (quantity_agrees, lambda gold: True),
    "quantity_when_gold_has_one": (quantity_agrees, lambda gold: gold.quantity is not None),
    "date": (date_agrees, lambda gold: True),
    "attribution": (attribution_agrees, lambda gold: True),
    "place": (place_agrees, lambda gold: True),
    "place_when_gold_has_one": (place_agrees, lambda gold: gold.place_text is not None),
    "actor1": (actor1_agrees, lambda gold: gold.actor1 is not None),
    "actor2": (actor2_agrees, lambda gold: gold.actor2 is not None),
}


# ---------------------------------------------------------------- matching


def pair_rank(gold: GoldClaim, prediction: Prediction) -> tuple[int, float, int] | None:
    """How good a candidate pair is, or None when it is not a candidate (type or span differ)."""
    if prediction.row.get("event_type") != gold.event_type:
        return None
    overlap = min(gold.end, prediction.end) - max(gold.start, prediction.start)
    if overlap <= 0 and not (prediction.start == prediction.end and gold.start <= prediction.start < gold.end):
        return None
    union = max(gold.end, prediction.end) - min(gold.start, prediction.start)
    same_trigger = int(bool(stems(gold.trigger) & stems(prediction.row.get("trigger"))))
    return same_trigger, max(overlap, 0) / union, -abs(gold.start - prediction.start)


def match(golds: list[GoldClaim], predictions: list[Prediction], strict: bool) -> list[Match]:
    """Greedy one-to-one matching, best-ranked pair first; ``strict`` also requires the actors to agree."""
    candidates = []
    for gold in golds:
        for prediction in predictions:
            if prediction.article_id != gold.article_id:
                continue
            rank = pair_rank(gold, prediction)
            if rank is None or (strict and not actors_agree(gold, prediction.row)):
                continue
            candidates.append((rank, gold, prediction))
    # best rank first; ties go to the earlier gold claim and the earlier prediction (deterministic)
    candidates.sort(key=lambda c: (-c[0][0], -c[0][1], -c[0][2], c[1].claim_id, c[2].article_id, c[2].index))
    matched_gold: set[str] = set()
    matched_predictions: set[tuple[str, int]] = set()
    matches = []
    for _, gold, prediction in candidates:
        key = (prediction.article_id, prediction.index)
        if gold.claim_id in matched_gold or key in matched_predictions:
            continue
        matched_gold.add(gold.claim_id)
        matched_predictions.add(key)
        matches.append(Match(gold, prediction))
    return sorted(matches, key=lambda m: m.gold.claim_id)


# ---------------------------------------------------------------- scoring


def per_type(golds: list[GoldClaim], predictions: list[Prediction], matches: list[Match]) -> dict[str, dict]:
    gold_counts = Counter(g.event_type for g in golds)
    predicted_counts = Counter(p.row.get("event_type") for p in predictions)
    matched_counts = Counter(m.gold.event_type for m in matches)
    return {t: prf(matched_counts[t], predicted_counts[t], gold_counts[t]) for t in EVENT_TYPES}


def attribute_accuracy(matches: list[Match]) -> dict[str, dict]:
    figures = {}
    for name, (agrees, applies) in ATTRIBUTES.items():
        relevant = [m for m in matches if applies(m.gold)]
        figures[name] = ratio(sum(agrees(m.gold, m.prediction.row) for m in relevant), len(relevant))
    return figures


def reliability(predictions: list[Prediction], strict: list[Match], lenient: list[Match]) -> dict[str, Any]:
    """Observed precision per tenth of the predictions' ``confidence`` (0.0-0.1, ..., 0.9-1.0): how
    many predictions, their mean confidence, how many are right on type + actors (strict) and on
    type only. ``ece`` is the expected calibration error of the strict precision: the count-weighted
    mean of |mean confidence - precision| over the buckets (0 for a perfectly calibrated confidence)."""
    right_strict = {(m.prediction.article_id, m.prediction.index) for m in strict}
    right_lenient = {(m.prediction.article_id, m.prediction.index) for m in lenient}
    buckets: dict[int, list[tuple[float, Prediction]]] = {}
    for prediction in predictions:
        value = as_number(prediction.row.get("confidence"))
        if value is not None:
            buckets.setdefault(min(int(value * 10 + 1e-9), 9), []).append((value, prediction))
    rows, error = [], 0.0
    for tenth in sorted(buckets, reverse=True):
        members = buckets[tenth]
        keys = [(p.article_id, p.index) for _, p in members]
        correct = sum(k in right_strict for k in keys)
        precision, mean = correct / len(members), sum(v for v, _ in members) / len(members)
        rows.append({"confidence": f"{tenth / 10:.1f}-{(tenth + 1) / 10:.1f}", "mean_confidence": round(mean, 4),
                     "predictions": len(members), "strict_correct": correct, "strict_precision": round(precision, 4),
                     "lenient_precision": round(sum(k in right_lenient for k in keys) / len(members), 4)})
        error += len(members) * abs(mean - precision)
    counted = sum(len(m) for m in buckets.values())
    return {"buckets": rows, "ece": round(error / counted, 4) if counted else 0.0}


def score(golds: list[GoldClaim], predictions: list[Prediction]) -> dict[str, Any]:
    """All figures of a run (see the module docstring for the rules)."""
    strict = match(golds, predictions, strict=True)
    lenient = match(golds, predictions, strict=False)
    strict_by_type, lenient_by_type = per_type(golds, predictions, strict), per_type(golds, predictions, lenient)
    return {
        "strict": prf(len(strict), len(predictions), len(golds)),
        "lenient": prf(len(lenient), len(predictions), len(golds)),
        "per_type": {t: {"strict": strict_by_type[t], "lenient": lenient_by_type[t]} for t in EVENT_TYPES},
        "attributes": attribute_accuracy(lenient),
        "reliability": reliability(predictions, strict, lenient),
        "unmatched_gold": sorted({g.claim_id for g in golds} - {m.gold.claim_id for m in lenient}),
        "target_f1": TARGET_F1,
    }


def evaluate(extract: Extractor, gold_folder: Path = DEFAULT_GOLD,
             article_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Run ``extract`` over the gold articles (those of ``article_ids`` when given) and score it; the
    library entry point of this script."""
    articles, golds = load_gold(gold_folder)
    if article_ids is not None:
        wanted = set(article_ids)
        articles = [a for a in articles if a.article_id in wanted]
        golds = [g for g in golds if g.article_id in wanted]
    predictions, failures = run_extractor(extract, articles)
    report = score(golds, predictions)
    report.update(articles=len(articles), failures=failures)
    return report


def report_for(articles: list[GoldArticle], golds: list[GoldClaim], predictions: list[Prediction],
               failures: dict[str, str], ids: set[str] | None, hide_errors: bool) -> dict[str, Any]:
    """The report of a subset of articles (all when ``ids`` is None) from one extractor run."""
    keep = (lambda article_id: True) if ids is None else (lambda article_id: article_id in ids)
    report = score([g for g in golds if keep(g.article_id)], [p for p in predictions if keep(p.article_id)])
    report.update(articles=sum(keep(a.article_id) for a in articles),
                  failures={k: v for k, v in failures.items() if keep(k)})
    if hide_errors:  # the test side: aggregate figures only
        report.pop("unmatched_gold")
    return report


def evaluate_splits(extract: Extractor, gold_folder: Path = DEFAULT_GOLD,
                    split_file: str | Path | None = None) -> dict[str, Any]:
    """One extractor run, scored on the dev side, the test side and all articles of the frozen split."""
    split = load_split("claims_gold", split_file)
    articles, golds = load_gold(gold_folder)
    check_split_covers(split, [a.article_id for a in articles], "gold articles")
    predictions, failures = run_extractor(extract, articles)
    reports = {side: report_for(articles, golds, predictions, failures, set(split[side]), side == "test")
               for side in ("dev", "test")}
    reports["all"] = report_for(articles, golds, predictions, failures, None, True)
    return {"splits": reports, "split": {"seed": split["seed"], "method": split["method"], "test": split["test"]}}


def evaluate_side(extract: Extractor, gold_folder: Path, side: str, split_file: str | Path | None) -> dict[str, Any]:
    """The full report of one side of the split (``all``: every article)."""
    if side == "all":  # the unmatched claims would include the test side's: left out
        report = evaluate(extract, gold_folder)
        report.pop("unmatched_gold")
        return report
    split = load_split("claims_gold", split_file)
    articles, _ = load_gold(gold_folder)
    check_split_covers(split, [a.article_id for a in articles], "gold articles")
    report = evaluate(extract, gold_folder, split_members(split, side))
    if side == "test":
        report.pop("unmatched_gold")
    report["split_side"] = side
    return report


# ---------------------------------------------------------------- gold statistics


def gold_statistics(articles: list[GoldArticle], golds: list[GoldClaim]) -> dict[str, Any]:
    """What the gold set covers: counts per type, modality, date granularity, and of special fields."""
    words = [len(a.text.split()) for a in articles]
    return {
        "articles": len(articles),
        "claims": len(golds),
        "words_per_article": {"min": min(words), "max": max(words), "total": sum(words)},
        "years": sorted({a.published.year for a in articles}),
        "event_type": dict(Counter(g.event_type for g in golds).most_common()),
        "modality": dict(Counter(g.modality for g in golds).most_common()),
        "with_quantity": sum(g.quantity is not None for g in golds),
        "with_attribution": sum(g.attributed_to is not None for g in golds),
        "with_actor2": sum(g.actor2 is not None for g in golds),
        "without_actor1": sum(g.actor1 is None for g in golds),
        "with_date": sum(g.date_start is not None for g in golds),
        "person_actor1": sum(bool(g.actor1 and g.actor1.kind == "person") for g in golds),
    }


# ---------------------------------------------------------------- report


def format_prf(label: str, figures: dict[str, Any]) -> str:
    return (f"{label:<24} P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}"
            f"   (tp {figures['tp']}, predicted {figures['predicted']}, gold {figures['gold']})")


def format_report(report: dict[str, Any], extractor: str) -> str:
    side = f" ({report['split_side']} split)" if report.get("split_side") else ""
    lines = [f"Claims gold set{side}: {report['articles']} articles, {report['strict']['gold']} gold claims; "
             f"extractor {extractor}", ""]
    lines.append(format_prf("type + actors (strict)", report["strict"]))
    lines.append(format_prf("type only (lenient)", report["lenient"]))
    verdict = "meets" if report["strict"]["f1"] >= report["target_f1"] else "below"
    lines.append(f"target strict F1 >= {report['target_f1']:.2f}: {verdict}")
    lines += ["", f"{'event_type':<18} {'gold':>5} {'pred':>5}  {'strict F1':>9}  {'lenient F1':>10}"]
    for event_type, figures in report["per_type"].items():
        lines.append(f"{event_type:<18} {figures['lenient']['gold']:>5} {figures['lenient']['predicted']:>5}  "
                     f"{figures['strict']['f1']:>9.3f}  {figures['lenient']['f1']:>10.3f}")
    lines += ["", "on lenient matches:"]
    for name, figures in report["attributes"].items():
        lines.append(f"  {name:<28} {figures['accuracy']:.3f}  ({figures['correct']}/{figures['total']})")
    for article_id, reason in report["failures"].items():
        lines.append(f"extractor refused {article_id}: {reason}")
    return "\n".join(lines)


def prf_cell(figures: dict[str, Any]) -> str:
    return f"{figures['precision']:.3f}/{figures['recall']:.3f}/{figures['f1']:.3f}"


def format_splits(result: dict[str, Any], extractor: str) -> str:
    """Dev, test and all side by side (the default report)."""
    reports = result["splits"]
    sides = ("dev", "test", "all")
    header = ", ".join(f"{side} {reports[side]['articles']} articles / {reports[side]['strict']['gold']} claims"
                       for side in sides)
    rows: list[tuple[str, dict[str, str]]] = [
        ("strict P/R/F1 (type + actors)", {s: prf_cell(reports[s]["strict"]) for s in sides}),
        ("type-only P/R/F1", {s: prf_cell(reports[s]["lenient"]) for s in sides}),
    ]
    for name in reports["all"]["attributes"]:
        rows.append((f"{name} (on type-only matches)", {
            s: f"{reports[s]['attributes'][name]['accuracy']:.3f} "
               f"({reports[s]['attributes'][name]['correct']}/{reports[s]['attributes'][name]['total']})"
            for s in sides}))
    for event_type in EVENT_TYPES:
        rows.append((f"{event_type} strict / type-only F1", {
            s: f"{reports[s]['per_type'][event_type]['strict']['f1']:.3f} / "
               f"{reports[s]['per_type'][event_type]['lenient']['f1']:.3f} "
               f"({reports[s]['per_type'][event_type]['lenient']['gold']})" for s in sides}))
    lines = [f"Claims gold set, frozen split (seed {result['split']['seed']}): {header}; extractor {extractor}", "",
             side_by_side(rows, sides), "", format_reliability(reports)]
    for side in sides:
        for article_id, reason in reports[side]["failures"].items():
            lines.append(f"extractor refused {article_id} ({side}): {reason}")
    return "\n".join(lines)


def format_reliability(reports: dict[str, dict[str, Any]], sides: tuple[str, ...] = ("dev", "test")) -> str:
    """Observed precision per confidence value, for each side (predictions: strict-correct, precision)."""
    lines = ["confidence reliability (bucket: predictions, mean confidence, right on type + actors, precision; "
             "type-only precision):"]
    for side in sides:
        table = reports[side]["reliability"]
        cells = [f"{b['confidence']}: {b['predictions']}, {b['mean_confidence']:.3f}, {b['strict_correct']}, "
                 f"{b['strict_precision']:.3f}; {b['lenient_precision']:.3f}" for b in table["buckets"]]
        lines.append(f"  {side:<5} " + " | ".join(cells) + f"   ECE {table['ece']:.3f}")
    return "\n".join(lines)


def format_statistics(stats: dict[str, Any]) -> str:
    return json.dumps(stats, indent=2, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="folder with articles.jsonl and gold.jsonl")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function to evaluate")
    parser.add_argument("--json", metavar="PATH", help="write all figures to this JSON file")
    parser.add_argument("--stats", action="store_true", help="describe the gold set instead of scoring")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="both",
                        help="both (default: dev, test and all side by side), dev, test or all")
    parser.add_argument("--splits", metavar="PATH", help="split file (default benchmarks/splits/claims_gold.json)")
    args = parser.parse_args(argv)
    if args.stats:
        return run_report(lambda: gold_statistics(*load_gold(Path(args.gold))), args.extractor,
                          lambda stats, _: format_statistics(stats), args.json)
    if args.split == "both":
        return run_report(lambda: evaluate_splits(load_extractor(args.extractor), Path(args.gold), args.splits),
                          args.extractor, format_splits, args.json)
    return run_report(lambda: evaluate_side(load_extractor(args.extractor), Path(args.gold), args.split, args.splits),
                      args.extractor, format_report, args.json)


if __name__ == "__main__":
    sys.exit(main())
