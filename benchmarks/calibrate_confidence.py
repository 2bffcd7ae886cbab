"""Fit the claims' confidence calibration on the DEV side of the frozen claims gold split.

Runs the extractor on the dev articles only, marks each predicted claim right or wrong on type and
actors (the strict match of ``claims_eval.py``), and writes the table that maps (rule score,
event type) to observed precision, each cell shrunk towards its rule score's precision by
``--strength`` pseudo-counts (``eventbuilder.extract.confidence.smoothed_table``). The test side is
never read here: ``claims_eval.py`` measures the result on it (reliability table, ECE).

    .venv/bin/python benchmarks/calibrate_confidence.py            # rewrites the resource
    .venv/bin/python benchmarks/calibrate_confidence.py --check    # exit 1 if the resource is stale

Refit after any change to extraction (the rule scores or the claims found change).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eventbuilder.resources
from _common import DEFAULT_EXTRACTOR, check_split_covers, load_extractor, load_split, split_members
from claims_eval import DEFAULT_GOLD, load_gold, match, run_extractor
from eventbuilder.extract.confidence import TABLE, smoothed_table

DEFAULT_STRENGTH = 10.0


def dev_outcomes(gold_folder: Path, extractor: str) -> list[tuple[float, str, bool]]:
    """(rule score, event type, right on type + actors) of every claim predicted on the dev side."""
    split = load_split("claims_gold")
    articles, golds = load_gold(gold_folder)
    check_split_covers(split, [a.article_id for a in articles], "gold articles")
    dev = set(split_members(split, "dev") or ())
    articles = [a for a in articles if a.article_id in dev]
    predictions, _ = run_extractor(load_extractor(extractor), articles)
    right = {(m.prediction.article_id, m.prediction.index)
             for m in match([g for g in golds if g.article_id in dev], predictions, strict=True)}
    return [(float(p.row["confidence_rule"]), str(p.row["event_type"]), (p.article_id, p.index) in right)
            for p in predictions]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR)
    parser.add_argument("--strength", type=float, default=DEFAULT_STRENGTH)
    parser.add_argument("--check", action="store_true", help="compare with the resource instead of writing it")
    args = parser.parse_args(argv)
    table = smoothed_table(dev_outcomes(args.gold, args.extractor), args.strength)
    table = {"fitted_on": "claims_gold, dev side of the frozen split (benchmarks/splits/claims_gold.json)", **table}
    text = json.dumps(table, indent=1, sort_keys=False) + "\n"
    path = Path(eventbuilder.resources.__file__).parent / TABLE
    if args.check:
        current = path.read_text(encoding="utf-8")
        print("calibration is current" if current == text else "calibration is stale: run calibrate_confidence.py")
        return 0 if current == text else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: overall {table['overall']}, rule scores {table['by_rule']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
