"""Inter-annotator agreement on the claims gold set: the second annotation pass against the first.

    .venv/bin/python benchmarks/claims_agreement.py [--gold DIR] [--second FILE] [--json PATH] [--details]

``claims_gold/second_pass.jsonl`` re-annotates a sample of the articles from their text alone (same
format as ``gold.jsonl``; ids ``s001``...). The second pass is scored against the first exactly as
``claims_eval.py`` scores an extractor, its claims standing in for predictions (evidence = the gold
sentence): claim-level P/R/F1 for "strict" (type + actors) and "type only", per type, and on the
type-only matches the agreement on modality, quantity, date, attribution, place, actor1 and actor2.
Strict matching checks actor2 only when the reference has one, so it is not symmetric: F1 is given
with either pass as the reference.

Event types are also compared where both passes annotated the same trigger word in the same
sentence, whatever type they gave it (observed agreement and Cohen's kappa over those pairs), which
separates "which type" disagreements from "is it a claim at all" ones.

``--details`` prints every disagreement (claims one pass has and the other lacks, and attribute
differences), which is what the adjudication in ``claims_gold/AGREEMENT.md`` worked from.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find _common beside it

from _common import GoldDataError, run_report, stems
from claims_eval import (
    ATTRIBUTES,
    DEFAULT_GOLD,
    GoldClaim,
    Prediction,
    load_gold,
    match,
    parse_claim,
    read_jsonl,
    score,
)
from make_splits import TUNED_ARTICLES

DEFAULT_SECOND = DEFAULT_GOLD / "second_pass.jsonl"


def as_row(record: dict[str, Any], start: int) -> dict[str, Any]:
    """A gold claim written as an extractor row (the form ``claims_eval.score`` takes)."""
    quantity = record.get("quantity") or {}
    row = {"char_start": start, "char_end": start + len(record["sentence"]), "evidence_text": record["sentence"],
           "event_type": record["event_type"], "trigger": record["trigger"], "modality": record["modality"],
           "attributed_to": record.get("attributed_to"), "date_start": record.get("date_start"),
           "date_end": record.get("date_end"), "quantity_value": quantity.get("value"),
           "quantity_previous": quantity.get("previous"), "quantity_unit": quantity.get("unit"),
           "place_text": record.get("place_text"), "place_country": record.get("place_country"),
           "claim_id": record["claim_id"]}
    for slot in ("actor1", "actor2"):
        actor = record.get(slot) or {}
        row[f"{slot}_name"], row[f"{slot}_country"] = actor.get("name"), actor.get("country")
    return row


def load_passes(gold_folder: Path, second_file: Path) -> tuple[list[GoldClaim], list[GoldClaim], dict[str, dict]]:
    """The first-pass claims of the re-annotated articles, the second-pass claims, and the raw records."""
    articles, first = load_gold(gold_folder)
    by_id = {a.article_id: a for a in articles}
    records = read_jsonl(second_file)
    unknown = sorted({r["article_id"] for r in records} - set(by_id))
    if unknown:
        raise GoldDataError(f"{second_file}: unknown articles {unknown}")
    second = [parse_claim(r, by_id[r["article_id"]]) for r in records]
    sampled = {c.article_id for c in second}
    raw = {r["claim_id"]: r for r in read_jsonl(gold_folder / "gold.jsonl") + records}
    return [c for c in first if c.article_id in sampled], second, raw


def as_predictions(claims: list[GoldClaim], raw: dict[str, dict]) -> list[Prediction]:
    return [Prediction(c.article_id, index, c.start, c.end, as_row(raw[c.claim_id], c.start))
            for index, c in enumerate(claims)]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two labelings of the same items (1.0 when both use one single label)."""
    if not pairs:
        return 0.0
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / len(pairs) ** 2
    return 1.0 if expected == 1 else round((observed - expected) / (1 - expected), 4)


def type_pairs(first: list[GoldClaim], second: list[GoldClaim]) -> list[tuple[GoldClaim, GoldClaim]]:
    """Claims of the two passes on the same sentence and trigger word, paired one-to-one in order."""
    used: set[str] = set()
    pairs = []
    for a in first:
        for b in second:
            if b.claim_id in used or (a.article_id, a.start) != (b.article_id, b.start):
                continue
            if stems(a.trigger) & stems(b.trigger):
                used.add(b.claim_id)
                pairs.append((a, b))
                break
    return pairs


def agreement(gold_folder: Path = DEFAULT_GOLD, second_file: Path = DEFAULT_SECOND) -> dict[str, Any]:
    first, second, raw = load_passes(gold_folder, second_file)
    first_as_reference = score(first, as_predictions(second, raw))
    second_as_reference = score(second, as_predictions(first, raw))
    pairs = type_pairs(first, second)
    labels = [(a.event_type, b.event_type) for a, b in pairs]
    lenient = match(first, as_predictions(second, raw), strict=False)
    differences = {name: [(m.gold.claim_id, m.prediction.row["claim_id"]) for m in lenient
                          if applies(m.gold) and not agrees(m.gold, m.prediction.row)]
                   for name, (agrees, applies) in ATTRIBUTES.items()}
    matched_second = {m.prediction.row["claim_id"] for m in lenient}
    groups = {}
    for group, member in (("first 20 articles", lambda a: a in TUNED_ARTICLES),
                          ("articles added in issue 12", lambda a: a not in TUNED_ARTICLES)):
        ones, twos = [c for c in first if member(c.article_id)], [c for c in second if member(c.article_id)]
        if twos:
            figures = score(ones, as_predictions(twos, raw))
            groups[group] = {"articles": len({c.article_id for c in twos}), "strict": figures["strict"],
                             "lenient": figures["lenient"], "attributes": figures["attributes"]}
    return {
        "articles": sorted({c.article_id for c in second}),
        "claims": {"first": len(first), "second": len(second)},
        "strict": first_as_reference["strict"],
        "lenient": first_as_reference["lenient"],
        "strict_second_as_reference": second_as_reference["strict"],
        "lenient_second_as_reference": second_as_reference["lenient"],
        "per_type": first_as_reference["per_type"],
        "attributes": first_as_reference["attributes"],
        "by_group": groups,
        "type_on_same_trigger": {"pairs": len(labels), "agree": sum(a == b for a, b in labels),
                                 "kappa": cohen_kappa(labels),
                                 "confusions": dict(Counter(f"{a} -> {b}" for a, b in labels if a != b))},
        "only_first": first_as_reference["unmatched_gold"],
        "only_second": sorted(c.claim_id for c in second if c.claim_id not in matched_second),
        "attribute_differences": differences,
    }


def format_agreement(report: dict[str, Any], _: str = "", details: bool = False,
                     raw: dict[str, dict] | None = None) -> str:
    def prf(f: dict[str, Any]) -> str:
        return f"P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  (matched {f['tp']})"

    types = report["type_on_same_trigger"]
    lines = [f"Second annotation pass: {len(report['articles'])} articles; claims: first pass "
             f"{report['claims']['first']}, second pass {report['claims']['second']}", "",
             f"strict (type + actors), first pass as reference    {prf(report['strict'])}",
             f"strict (type + actors), second pass as reference   {prf(report['strict_second_as_reference'])}",
             f"type only                                           {prf(report['lenient'])}",
             f"event type where both passes chose the same trigger: {types['agree']}/{types['pairs']} "
             f"(kappa {types['kappa']:.3f}); {types['confusions'] or 'no confusions'}", "",
             "agreement on type-only matches:"]
    for name, figures in report["attributes"].items():
        lines.append(f"  {name:<28} {figures['accuracy']:.3f}  ({figures['correct']}/{figures['total']})")
    for group, figures in report["by_group"].items():
        lines.append(f"{group} ({figures['articles']} articles): strict {prf(figures['strict'])}; "
                     f"type only F1 {figures['lenient']['f1']:.3f}")
    lines += ["", f"{'event_type':<18} {'first':>5} {'second':>6}  {'strict F1':>9}  {'type-only F1':>12}"]
    for event_type, figures in report["per_type"].items():
        lines.append(f"{event_type:<18} {figures['lenient']['gold']:>5} {figures['lenient']['predicted']:>6}  "
                     f"{figures['strict']['f1']:>9.3f}  {figures['lenient']['f1']:>12.3f}")
    if details and raw is not None:
        def show(claim_id: str) -> str:
            r = raw[claim_id]
            actor = (r.get("actor1") or {}).get("name")
            return f"{claim_id} {r['article_id'][:3]} {r['event_type']} '{r['trigger']}' {actor}"
        lines += ["", "only in the first pass:"] + [f"  {show(c)}" for c in report["only_first"]]
        lines += ["only in the second pass:"] + [f"  {show(c)}" for c in report["only_second"]]
        for name, pairs in report["attribute_differences"].items():
            for first_id, second_id in pairs:
                lines.append(f"{name} differs: {show(first_id)}  |  {show(second_id)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="folder with articles.jsonl and gold.jsonl")
    parser.add_argument("--second", default=str(DEFAULT_SECOND), help="the second-pass claims (JSON lines)")
    parser.add_argument("--json", metavar="PATH", help="write all figures to this JSON file")
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    gold, second = Path(args.gold), Path(args.second)

    def formatted(report: dict[str, Any], extractor: str) -> str:
        raw = load_passes(gold, second)[2] if args.details else None
        return format_agreement(report, extractor, args.details, raw)

    return run_report(lambda: agreement(gold, second), "second annotation pass", formatted, args.json)


if __name__ == "__main__":
    sys.exit(main())
