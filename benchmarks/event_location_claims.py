"""Event location at claim level: is the place the product gives a claim the gold event location?

    .venv/bin/python benchmarks/event_location_claims.py [--data DIR] [--split both|dev|test|all] [--limit N]
        [--json PATH] [--verbose] [--extractor module:function]

Data: ``events/event_location_gold.json`` (Halterman's event_location relabelled records): 496
sentences, each with one VERB span and zero or more LOCATION spans, given as text only. Unlike
``event_location.py`` (which hands the gold verb to ``event_place``), this runs the product end
to end: ``extract_text(sentence, None)`` and scores the claims table rows.

For each sentence with a VERB span (2 of 496 have none and are skipped):

1. **which claim**: the claim whose trigger overlaps an occurrence of the gold VERB text in the
   sentence ("claim for the verb"); if none does, the claim whose trigger is nearest to the verb
   ("nearest claim"); if the sentence has no claim, "no claim". Trigger, verb and place texts are
   located by whole-word search; evidence offsets point into the cleaned text, which for a single
   sentence is the stripped sentence unless ingest took a dateline off its start ("BAGHDAD -"),
   so the cleaned text is located in the sentence and every offset shifted by its position (the
   run counts how often offsets reproduce ``evidence_text`` without a shift);
2. **its place**: a *sentence place* is a row with ``geo_method == "sentence"``; ``dateline``,
   ``document`` and ``none`` count as "no sentence place" (a single sentence has no document);
3. **scoring**: a sentence place is correct when an occurrence of its ``place_text`` overlaps an
   occurrence of a gold LOCATION text, or when its gazetteer ``place_name`` equals a gold
   LOCATION text after folding (case, accents, punctuation) -- the name rule catches "the
   capital" resolved to the gold city; such matches are counted separately. A ``document``
   fallback (a phrase of the sentence the gazetteer does not know, given the story's main place)
   counts as no sentence place, as the brief asks; how many of those phrases are the gold
   location is reported beside it.

Figures: claim coverage (share of sentences with a claim for the gold verb), accuracy of the
chosen place among sentences with a gold location, correct "no place" among sentences without
one, precision = correct / sentence places predicted, recall = correct / sentences with a gold
location, F1, overall accuracy = (correct + correct none) / sentences -- all for every sentence
(nearest-claim fallback; "no claim" counts as no place) and for the sentences with a claim for
the verb only.

Splits (``benchmarks/splits/event_location_gold.json``, frozen by ``make_splits.py``): ``--split
both`` (the default) runs the product once over every sentence and prints dev, test and all side by
side; ``--split dev|test|all`` one side. ``--verbose`` is only allowed with ``--split dev``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    DEFAULT_EXTRACTOR,
    SPLIT_CHOICES,
    as_text,
    check_split_covers,
    fold,
    load_extractor,
    load_split,
    prf,
    ratio,
    side_by_side,
    write_json,
)
from eventbuilder.errors import EventbuilderError
from geo import benchmarks_dir
from make_splits import text_key

Span = tuple[int, int]
NO_SENTENCE_PLACE = ("none", "dateline", "document")


@dataclass
class Outcome:
    """How one sentence was scored."""

    text: str
    verb: str
    gold: list[str]
    match: str  # verb | nearest | first_claim | no_claim
    trigger: str | None = None
    place_text: str | None = None
    place_name: str | None = None
    geo_method: str = "none"
    result: str = ""  # correct | correct_by_name | wrong_place | missed | none_correct | spurious
    offsets_shifted: bool = False
    fallback_phrase_is_gold: bool = False  # a dateline/document fallback whose place_text is the gold location
    claims: int = 0
    verb_claims: int = 0
    notes: list[str] = field(default_factory=list)
    rejected: str | None = None  # the reason ingest refused the sentence
    crash: dict[str, str] | None = None


# ---------------------------------------------------------------- locating text


def occurrences(text: str, needle: str | None) -> list[Span]:
    """Whole-word occurrences of ``needle`` in ``text`` (plain substring ones if there are none)."""
    if not needle:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        found = [m.span() for m in re.finditer(re.escape(needle), text)]
    return found


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def evidence_shift(sentence: str, rows: list[dict[str, Any]]) -> tuple[int, bool]:
    """Offset of the cleaned text in ``sentence``, and whether the rows' offsets needed it.

    ``char_start``/``char_end`` point into the cleaned text; for a single sentence that is the
    sentence stripped of surrounding space and, when ingest found one, of a leading dateline.
    """
    stripped = sentence.strip()
    lead = len(sentence) - len(sentence.lstrip())
    unshifted = all(stripped[int(r["char_start"]):int(r["char_end"])] == r["evidence_text"] for r in rows)
    if unshifted:
        return lead, False
    first = rows[0]
    position = sentence.find(first["evidence_text"])
    return (position - int(first["char_start"]), True) if position >= 0 else (lead, True)


def trigger_spans(sentence: str, row: dict[str, Any], shift: int) -> list[Span]:
    """Where the claim's trigger is in the sentence: occurrences inside its evidence."""
    start = int(row["char_start"]) + shift
    evidence = sentence[start:start + len(row["evidence_text"])]
    trigger = as_text(row.get("trigger")) or ""
    spans = occurrences(evidence, trigger) or occurrences(evidence, trigger.split()[0] if trigger.split() else "")
    return [(start + s, start + e) for s, e in spans]


def place_spans(sentence: str, row: dict[str, Any], shift: int) -> list[Span]:
    start = int(row["char_start"]) + shift
    evidence = sentence[start:start + len(row["evidence_text"])]
    return [(start + s, start + e) for s, e in occurrences(evidence, as_text(row.get("place_text")))]


# ---------------------------------------------------------------- one sentence


def choose_claim(sentence: str, verb: str, rows: list[dict[str, Any]], shift: int) -> tuple[str, dict | None, int]:
    """(how it was chosen, the claim row or None, number of claims for the verb)."""
    verb_spans = occurrences(sentence, verb)
    located = [(row, trigger_spans(sentence, row, shift)) for row in rows]
    for_verb = [row for row, spans in located if any(overlaps(s, v) for s in spans for v in verb_spans)]
    if for_verb:
        return "verb", for_verb[0], len(for_verb)
    placed = [(min(gap(s, v) for s in spans for v in verb_spans), index, row)
              for index, (row, spans) in enumerate(located) if spans and verb_spans]
    if placed:
        return "nearest", min(placed, key=lambda item: item[:2])[2], 0
    # the verb or no trigger could be found in the text: nothing to measure a distance with
    return ("first_claim", rows[0], 0) if rows else ("no_claim", None, 0)


def score_sentence(record: dict[str, Any], rows: list[dict[str, Any]]) -> Outcome:
    sentence = record["text"]
    verb = next(s["text"] for s in record["spans"] if s["label"] == "VERB")
    gold = [s["text"] for s in record["spans"] if s["label"] == "LOCATION"]
    shift, shifted = evidence_shift(sentence, rows) if rows else (0, False)
    how, row, n_for_verb = choose_claim(sentence, verb, rows, shift)
    outcome = Outcome(sentence, verb, gold, how, offsets_shifted=shifted, claims=len(rows), verb_claims=n_for_verb)
    if row is not None:
        outcome.trigger, outcome.geo_method = row.get("trigger"), row.get("geo_method") or "none"
        outcome.place_text, outcome.place_name = as_text(row.get("place_text")), as_text(row.get("place_name"))
    gold_spans = [span for text in gold for span in occurrences(sentence, text)]
    phrase_is_gold = row is not None and any(overlaps(p, g) for p in place_spans(sentence, row, shift)
                                             for g in gold_spans)
    if row is None or outcome.geo_method in NO_SENTENCE_PLACE:
        outcome.result = "missed" if gold else "none_correct"
        outcome.fallback_phrase_is_gold = phrase_is_gold
        return outcome
    if phrase_is_gold:
        outcome.result = "correct"
    elif outcome.place_name and fold(outcome.place_name) in {fold(text) for text in gold}:
        outcome.result = "correct_by_name"
    else:
        outcome.result = "wrong_place" if gold else "spurious"
    return outcome


# ---------------------------------------------------------------- figures


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    results = Counter(o.result for o in outcomes)
    with_location = sum(bool(o.gold) for o in outcomes)
    without_location = len(outcomes) - with_location
    correct = results["correct"] + results["correct_by_name"]
    predicted = correct + results["wrong_place"] + results["spurious"]
    return {
        "sentences": len(outcomes),
        "with_location": with_location,
        "without_location": without_location,
        "results": dict(sorted(results.items())),
        "place_accuracy_with_location": ratio(correct, with_location),
        "none_accuracy_without_location": ratio(results["none_correct"], without_location),
        "sentence_place": prf(correct, predicted, with_location),
        "accuracy": ratio(correct + results["none_correct"], len(outcomes)),
        "geo_method": dict(sorted(Counter(o.geo_method for o in outcomes if o.match != "no_claim").items())),
        "fallback_phrase_is_gold": sum(o.fallback_phrase_is_gold for o in outcomes),
    }


def run_sentences(records: list[dict[str, Any]], extract, verbose: bool = False) -> list[Outcome | None]:
    """The outcome of every record, in order (None for a record without a VERB span)."""
    outcomes: list[Outcome | None] = []
    for record in records:
        if not any(s["label"] == "VERB" for s in record["spans"]):
            outcomes.append(None)
            continue
        rejected, crash = None, None
        try:
            rows = extract(record["text"], None)
        except EventbuilderError as exc:  # e.g. a sentence ingest takes for a headline: recorded, scored as no claim
            rows = []
            rejected = getattr(exc, "reason", type(exc).__name__)
            if verbose:
                print(json.dumps({"rejected": str(exc), "text": record["text"]}, ensure_ascii=False))
        except Exception as exc:
            rows = []
            where = traceback.extract_tb(exc.__traceback__)[-1]
            crash = {"error": f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
                     "text": record["text"]}
        outcome = score_sentence(record, rows)
        outcome.rejected, outcome.crash = rejected, crash
        outcomes.append(outcome)
        if verbose and outcome.result not in ("correct", "none_correct"):
            print(json.dumps({k: getattr(outcome, k) for k in ("result", "match", "verb", "trigger", "place_text",
                                                               "place_name", "geo_method", "gold", "text")},
                             ensure_ascii=False))
    return outcomes


def evaluate(records: list[dict[str, Any]], extract, verbose: bool = False) -> dict[str, Any]:
    return report(run_sentences(records, extract, verbose))


def report(scored: list[Outcome | None]) -> dict[str, Any]:
    """Every figure of a list of sentence outcomes (None: a record without a VERB span, skipped)."""
    outcomes = [o for o in scored if o is not None]
    skipped = len(scored) - len(outcomes)
    rejected = Counter(o.rejected for o in outcomes if o.rejected)
    crashed = [o.crash for o in outcomes if o.crash]
    matches = Counter(o.match for o in outcomes)
    covered = [o for o in outcomes if o.match == "verb"]
    return {
        "records": len(scored),
        "skipped_no_verb": skipped,
        "claim_coverage": ratio(matches["verb"], len(outcomes)),
        "claim_match": dict(sorted(matches.items())),
        "sentences_with_several_claims_for_verb": sum(o.verb_claims > 1 for o in outcomes),
        "sentences_with_verb_text_repeated": sum(len(occurrences(o.text, o.verb)) > 1 for o in outcomes),
        "sentences_with_shifted_offsets": sum(o.offsets_shifted for o in outcomes),
        "sentences_without_claims": sum(o.claims == 0 for o in outcomes),
        "sentences_rejected_by_ingest": dict(sorted(rejected.items())),
        "extractor_crashes": crashed,
        "all_sentences": summarise(outcomes),
        "claim_for_verb_only": summarise(covered),
    }


def print_report(result: dict[str, Any]) -> None:
    coverage = result["claim_coverage"]
    print(f"{result['records']} records, {result['skipped_no_verb']} without a VERB skipped; "
          f"claim for the gold verb in {coverage['correct']}/{coverage['total']} ({coverage['accuracy']:.1%}); "
          f"match kinds {result['claim_match']}; offsets shifted (dateline) in "
          f"{result['sentences_with_shifted_offsets']}; rejected by ingest {result['sentences_rejected_by_ingest']}; "
          f"extractor crashes {len(result['extractor_crashes'])}")
    for crash in result["extractor_crashes"]:
        print(f"  crash: {crash['error']}: {crash['text'][:100]}")
    for title, key in (("all sentences (nearest-claim fallback)", "all_sentences"),
                       ("sentences with a claim for the verb", "claim_for_verb_only")):
        s = result[key]
        place, none, prf_ = s["place_accuracy_with_location"], s["none_accuracy_without_location"], s["sentence_place"]
        print(f"\n{title}: {s['sentences']} ({s['with_location']} with a gold location)")
        print(f"  place accuracy with location   {place['correct']:>4}/{place['total']:<4} {place['accuracy']:.3f}")
        print(f"  'no place' without location    {none['correct']:>4}/{none['total']:<4} {none['accuracy']:.3f}")
        print(f"  sentence place P/R/F1          {prf_['precision']:.3f} / {prf_['recall']:.3f} / {prf_['f1']:.3f} "
              f"(tp {prf_['tp']}, predicted {prf_['predicted']}, gold {prf_['gold']})")
        print(f"  overall accuracy               {s['accuracy']['accuracy']:.3f}")
        print(f"  outcomes {s['results']}; geo_method {s['geo_method']}")
        print(f"  dateline/document fallbacks whose place_text is the gold location (counted as missed): "
              f"{s['fallback_phrase_is_gold']}")


def summary_rows(results: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, str]]]:
    def cells(pick) -> dict[str, str]:
        return {side: pick(r) for side, r in results.items()}
    rows = [("sentences", cells(lambda r: str(r["all_sentences"]["sentences"]))),
            ("claim for the gold verb", cells(lambda r: f"{r['claim_coverage']['accuracy']:.3f}"))]
    for title, key in (("all sentences", "all_sentences"), ("claim for the verb only", "claim_for_verb_only")):
        rows.append((f"{title}: sentence place P/R/F1", cells(
            lambda r, k=key: f"{r[k]['sentence_place']['precision']:.3f}/{r[k]['sentence_place']['recall']:.3f}/"
                             f"{r[k]['sentence_place']['f1']:.3f}")))
        rows.append((f"{title}: 'no place' without location", cells(
            lambda r, k=key: f"{r[k]['none_accuracy_without_location']['accuracy']:.3f}")))
        rows.append((f"{title}: overall accuracy", cells(lambda r, k=key: f"{r[k]['accuracy']['accuracy']:.3f}")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared folder (default $EVENTBUILDER_SHARED or ../shared)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--verbose", action="store_true", help="print every wrong or missed sentence")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function(text, published) -> rows")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="both")
    parser.add_argument("--splits", metavar="PATH", help="split file (default benchmarks/splits/event_location_gold.json)")
    args = parser.parse_args(argv)
    if args.verbose and args.split != "dev":
        parser.error("--verbose shows individual mistakes: only with --split dev (never the test side)")
    path = benchmarks_dir(args.data) / "events" / "event_location_gold.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    extract = load_extractor(args.extractor)
    started = time.perf_counter()
    if args.split == "all":
        result = evaluate(records[: args.limit] if args.limit else records, extract)
        print_report(result)
    else:
        split = load_split("event_location_gold", args.splits)
        check_split_covers(split, [text_key(i, r["text"]) for i, r in enumerate(records)], "event_location records")
        sides = {side: [position for position, _ in split[side]] for side in ("dev", "test")}
        if args.limit:
            sides = {side: positions[: args.limit] for side, positions in sides.items()}
        if args.split in ("dev", "test"):
            result = evaluate([records[i] for i in sides[args.split]], extract, verbose=args.verbose)
            result["split_side"] = args.split
            print(f"{args.split} split:")
            print_report(result)
        else:
            wanted = sorted(sides["dev"] + sides["test"])
            scored = dict(zip(wanted, run_sentences([records[i] for i in wanted], extract)))
            result = {"splits": {side: report([scored[i] for i in positions]) for side, positions in sides.items()},
                      "seed": split["seed"]}
            result["splits"]["all"] = report([scored[i] for i in wanted])
            print(side_by_side(summary_rows(result["splits"])))
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
