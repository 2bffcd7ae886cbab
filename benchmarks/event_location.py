"""Event location: does ``event_place`` pick the place where the event happened?

    .venv/bin/python benchmarks/event_location.py [--data DIR] [--limit N] [--json PATH] [--verbose]

Data: ``events/event_location_gold.json`` (Halterman's event_location relabelled records): each
sentence has one VERB span and zero or more LOCATION spans, given as text only. For each sentence
we parse it, run ``geoparse``, take the first token whose text equals the first word of the VERB
span as the trigger, and call ``event_place``.

- a prediction is correct when the chosen mention overlaps an occurrence of a gold LOCATION text;
- precision = correct / predictions; recall = correct / sentences with a gold location;
- "none accuracy" = share of sentences without a gold location for which we return None.
Records without a VERB span (2 of 496) are skipped and counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo import benchmarks_dir


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def evaluate(records: list[dict], verbose: bool = False) -> dict:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json")
    parser.add_argument("--verbose", action="store_true", help="print every mistake")
    args = parser.parse_args(argv)
    path = benchmarks_dir(args.data) / "events" / "event_location_gold.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    if args.limit:
        records = records[: args.limit]
    started = time.perf_counter()
    result = evaluate(records, verbose=args.verbose)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
