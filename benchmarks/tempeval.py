#!/usr/bin/env python
"""TempEval-3 style evaluation of eventbuilder's temporal expressions on TBAQ-cleaned.

    .venv/bin/python benchmarks/tempeval.py [--data DIR] [--limit N] [--json PATH] [--doc] [--errors N]

For every TimeML document: the plain text inside <TEXT> and its DCT go to
``eventbuilder.resolve.dates.find_timexes``; the output is scored against the gold TIMEX3 spans
exactly as TempEval-3 scores them (strict/relaxed span P/R/F1, type and value accuracy on
relaxed matches, value F1 = relaxed F1 x value accuracy), overall and per type. ``--doc`` also
parses each text with the spaCy pipeline and passes the Doc (tense from the governing verb);
its parse time is reported separately. ``--errors N`` prints up to N examples of each error kind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from eventbuilder.resolve.dates import find_timexes
from eventbuilder.resolve.dates.scoring import TYPES, Scores, best_match, metrics, read_timeml, score_document

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("benchmarks") / "temporal" / "TBAQ-cleaned"
REFERENCES = "TempEval-3 platinum value F1: HeidelTime 0.776, SUTime 0.674; inter-annotator agreement 0.88"


def default_data_dir() -> Path:
    shared = Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))
    return shared / CORPUS


def corpus_files(data: Path, limit: int | None = None) -> list[Path]:
    files = sorted(data.glob("*/*.tml")) or sorted(data.glob("*.tml"))
    return files[:limit] if limit else files


def _error_examples(doc, system, sink: dict[str, list[str]]) -> None:
    for g in doc.timexes:
        match = best_match(g, system)
        if match is None:
            sink["missed"].append(f"{doc.name}: {g.text!r} {g.type} {g.value}")
        elif match.value != g.value:
            sink["wrong value"].append(f"{doc.name} dct={doc.dct}: {g.text!r} gold {g.value} got {match.text!r} {match.value}")
    for s in system:
        if not any(min(g.end, s.end) > max(g.start, s.start) for g in doc.timexes):
            sink["spurious"].append(f"{doc.name}: {s.text!r} {s.type} {s.value}")


def evaluate(files: list[Path], use_doc: bool = False, errors: int = 0) -> dict:
    nlp = None
    if use_doc:
        from eventbuilder.nlp import load_pipeline

        nlp = load_pipeline()
    total = Scores()
    words = 0
    seconds = parse_seconds = 0.0
    examples: dict[str, list[str]] = {"missed": [], "wrong value": [], "spurious": []}
    for path in files:
        doc = read_timeml(path)
        words += len(doc.text.split())
        parsed = None
        if nlp is not None:
            started = time.perf_counter()
            parsed = nlp(doc.text)
            parse_seconds += time.perf_counter() - started
        started = time.perf_counter()
        system = find_timexes(doc.text, doc.dct, parsed)
        seconds += time.perf_counter() - started
        total.add(score_document(doc.timexes, system))
        if errors:
            _error_examples(doc, system, examples)
    result = {
        "documents": len(files),
        "words": words,
        "use_spacy_doc": use_doc,
        "ms_per_1000_words": 1000 * seconds / words * 1000 if words else 0.0,
        "spacy_parse_ms_per_1000_words": 1000 * parse_seconds / words * 1000 if words and use_doc else None,
        "overall": metrics(total.by_type["ALL"]),
        "by_type": {t: metrics(total.by_type[t]) for t in TYPES},
    }
    if errors:
        result["errors"] = {kind: Counter(items).most_common(errors) for kind, items in examples.items()}
        result["error_counts"] = {kind: len(items) for kind, items in examples.items()}
    return result


def _print(result: dict) -> None:
    print(f"{result['documents']} documents, {result['words']} words, spaCy doc: {result['use_spacy_doc']}")
    header = f"{'':9} {'gold':>5} {'sys':>5} {'strictP':>7} {'strictR':>7} {'strictF1':>8} {'relP':>6} {'relR':>6} {'relF1':>6} {'typeAcc':>7} {'valAcc':>6} {'valF1':>6}"
    print(header)
    for name, m in [("overall", result["overall"]), *result["by_type"].items()]:
        print(
            f"{name:9} {m['gold']:5d} {m['system']:5d} {m['strict_precision']:7.3f} {m['strict_recall']:7.3f} "
            f"{m['strict_f1']:8.3f} {m['relaxed_precision']:6.3f} {m['relaxed_recall']:6.3f} {m['relaxed_f1']:6.3f} "
            f"{m['type_accuracy']:7.3f} {m['value_accuracy']:6.3f} {m['value_f1']:6.3f}"
        )
    print(f"recognise+normalise: {result['ms_per_1000_words']:.1f} ms per 1,000 words")
    if result["spacy_parse_ms_per_1000_words"] is not None:
        print(f"spaCy parse (separate): {result['spacy_parse_ms_per_1000_words']:.1f} ms per 1,000 words")
    print(REFERENCES)
    for kind, items in result.get("errors", {}).items():
        print(f"\n== {kind} ({result['error_counts'][kind]})")
        for text, count in items:
            print(f"{count:3d}  {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="TBAQ-cleaned folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (sorted by path)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this JSON file")
    parser.add_argument("--doc", action="store_true", help="pass a spaCy Doc (tense from the parse)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N examples of each error kind")
    args = parser.parse_args(argv)
    files = corpus_files(args.data, args.limit)
    if not files:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 2
    result = evaluate(files, args.doc, args.errors)
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
