"""Event location: does ``event_place`` pick the place where the event happened?

    .venv/bin/python benchmarks/event_location.py [--data DIR] [--split both|dev|test|all] [--limit N]
                                                  [--json PATH] [--verbose]

Data: ``events/event_location_gold.json`` (Halterman's event_location relabelled records): each
sentence has one VERB span and zero or more LOCATION spans, given as text only. For each sentence
we parse it, run ``geoparse``, take the first token whose text equals the first word of the VERB
span as the trigger, and call ``event_place``.

- a prediction is correct when the chosen mention overlaps an occurrence of a gold LOCATION text;
- precision = correct / predictions; recall = correct / sentences with a gold location;
- "none accuracy" = share of sentences without a gold location for which we return None.
Records without a VERB span (2 of 496) are skipped and counted.

Splits (``benchmarks/splits/event_location_gold.json``, frozen by ``make_splits.py``; records are
identified by position and a digest of their text): ``--split both`` (the default) prints dev, test
and all side by side; ``--split dev|test|all`` one side. ``--verbose`` (every mistake) is refused on
the test side and on all records.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SPLIT_CHOICES, check_split_covers, load_split, side_by_side
from geo import benchmarks_dir
from make_splits import text_key


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def evaluate(records: list[dict], verbose: bool = False) -> dict:
    """Every figure for ``records`` (counts and the ratios derived from them)."""
    return derive(tally(records, verbose))


def tally(records: list[dict], verbose: bool = False) -> dict:
    """The outcome counts of ``records``; counts of disjoint sets add up (see ``derive``)."""
    from eventbuilder.nlp import load_pipeline
    from eventbuilder.resolve.places import geoparse
    from eventbuilder.resolve.places.event_place import event_place

    nlp = load_pipeline()
    counts = {"sentences": 0, "skipped_no_verb": 0, "verb_not_found": 0, "with_location": 0, "without_location": 0,
              "predictions": 0, "correct": 0, "none_correct": 0, "wrong_place": 0, "missed": 0, "spurious": 0}
    for record in records:
        verbs = [s["text"] for s in record["spans"] if s["label"] == "VERB"]
        if not verbs:
            counts["skipped_no_verb"] += 1
            continue
        text = record["text"]
        gold = [occ for s in record["spans"] if s["label"] == "LOCATION" for occ in _occurrences(text, s["text"])]
        counts["sentences"] += 1
        counts["with_location" if gold else "without_location"] += 1
        doc = nlp(text)
        first = verbs[0].split()[0]
        triggers = [t.i for t in doc if t.text == first]
        if not triggers:
            counts["verb_not_found"] += 1
            counts["missed" if gold else "none_correct"] += 1
            continue
        chosen = event_place(doc, triggers[0], geoparse(text, doc))
        if chosen is None:
            counts["missed" if gold else "none_correct"] += 1
            outcome = "missed" if gold else "none"
        else:
            counts["predictions"] += 1
            hit = any(chosen.start < e and s < chosen.end for s, e in gold)
            counts["correct"] += hit
            outcome = "correct" if hit else ("wrong_place" if gold else "spurious")
            if not hit:
                counts[outcome] += 1
        if verbose and outcome not in ("correct", "none"):
            print(json.dumps({"outcome": outcome, "verb": verbs[0], "chosen": chosen.text if chosen else None,
                              "gold": [s["text"] for s in record["spans"] if s["label"] == "LOCATION"],
                              "text": text[:200]}, ensure_ascii=False))
    return counts


def derive(counts: dict) -> dict:
    """Precision, recall, F1 and accuracies from outcome counts."""
    p = counts["correct"] / counts["predictions"] if counts["predictions"] else 0.0
    r = counts["correct"] / counts["with_location"] if counts["with_location"] else 0.0
    return {
        **counts,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "none_accuracy": (round(counts["none_correct"] / counts["without_location"], 4)
                          if counts["without_location"] else None),
        "accuracy": round((counts["correct"] + counts["none_correct"]) / counts["sentences"], 4),
    }


def split_records(records: list[dict], split_file: str | None = None) -> tuple[dict, dict[str, list[dict]]]:
    """The frozen split and the records of each side (checked against the file's digests)."""
    split = load_split("event_location_gold", split_file)
    keys = [text_key(i, r["text"]) for i, r in enumerate(records)]
    check_split_covers(split, keys, "event_location records")
    sides = {side: [records[position] for position, _ in split[side]] for side in ("dev", "test")}
    return split, sides


def summary_rows(results: dict[str, dict]) -> list[tuple[str, dict[str, str]]]:
    def cell(r: dict, key: str) -> str:
        return f"{r[key]:.3f}" if isinstance(r[key], float) else str(r[key])
    return [(key, {side: cell(r, key) for side, r in results.items()})
            for key in ("sentences", "with_location", "predictions", "correct", "precision", "recall", "f1",
                        "none_accuracy", "accuracy")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json")
    parser.add_argument("--verbose", action="store_true", help="print every mistake (dev side only)")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="both")
    parser.add_argument("--splits", metavar="PATH", help="split file (default benchmarks/splits/event_location_gold.json)")
    args = parser.parse_args(argv)
    if args.verbose and args.split != "dev":
        parser.error("--verbose shows individual mistakes: only with --split dev (never the test side)")
    path = benchmarks_dir(args.data) / "events" / "event_location_gold.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    if args.split == "all":
        result = evaluate(records[: args.limit] if args.limit else records)
    else:
        split, sides = split_records(records, args.splits)
        if args.limit:
            sides = {side: chosen[: args.limit] for side, chosen in sides.items()}
        if args.split in ("dev", "test"):
            result = evaluate(sides[args.split], verbose=args.verbose)
            result["split_side"] = args.split
        else:
            counts = {side: tally(chosen) for side, chosen in sides.items()}
            counts["all"] = {key: counts["dev"][key] + counts["test"][key] for key in counts["dev"]}
            result = {"splits": {side: derive(c) for side, c in counts.items()}, "seed": split["seed"]}
            print(side_by_side(summary_rows(result["splits"])))
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.split != "both":
        print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
