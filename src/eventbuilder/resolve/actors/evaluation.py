"""Benchmark: actor coding against the PLOVER gold standard sample (country code and sector).

    python -m eventbuilder.resolve.actors.evaluation [SHARED_DIR] [--json PATH]

SHARED_DIR defaults to $EVENTBUILDER_SHARED or <repo root>/../shared. Each gold actor's
``actorText`` goes through :func:`resolve_actor` undated (PLOVER's ``date`` is a placeholder).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventbuilder.resolve.actors.dictionary import load_dictionary
from eventbuilder.resolve.actors.resolution import resolve_actor

GOLD = Path("benchmarks/events/plover_gsr_dev.json")
# Codes in the PLOVER sample that are not ISO 3166-1 (typos of the coders): compared as their ISO code.
PLOVER_CODE_FIXES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
NO_SECTOR = (None, "", "***")


# PLOVER spells the press JRN; eventbuilder uses CAMEO's MED. Sub-codes ("CVLkur") compare on the root.
_SECTOR_SYNONYMS = {"JRN": "MED"}


def _same_sector(got: str | None, gold: str) -> bool:
    def root(code: str) -> str:
        return _SECTOR_SYNONYMS.get(code[:3], code[:3])

    return got is not None and root(got) == root(gold)


def gold_actors(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        for role in ("source", "target"):
            actors = record.get(role)
            for actor in actors if isinstance(actors, list) else []:
                if isinstance(actor, dict) and actor.get("actorText"):
                    yield actor


def score(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and accuracies of country and sector over the gold actors."""
    dictionary = load_dictionary()
    counts: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for actor in gold_actors(records):
        got = resolve_actor(actor["actorText"], None, dictionary)
        code = actor.get("code")
        gold_code = PLOVER_CODE_FIXES.get(code, code) if code is not None else None
        counts["actors"] += 1
        counts["country_found"] += got.country is not None
        counts["country_correct"] += got.country == gold_code
        gold_sector = actor.get("sector")
        if gold_sector not in NO_SECTOR:
            counts["sector_gold"] += 1
            counts["sector_correct"] += _same_sector(got.sector, gold_sector)
        if got.country != gold_code:
            misses.append({"text": actor["actorText"], "gold": gold_code, "got": got.country})
    return {
        "actors": counts["actors"],
        "country_accuracy": round(counts["country_correct"] / max(counts["actors"], 1), 4),
        "country_coverage": round(counts["country_found"] / max(counts["actors"], 1), 4),
        "sector_actors": counts["sector_gold"],
        "sector_accuracy": round(counts["sector_correct"] / max(counts["sector_gold"], 1), 4),
        "country_misses": misses,
    }


def default_shared() -> Path:
    return Path(os.environ.get("EVENTBUILDER_SHARED", Path(__file__).resolve().parents[4].parent / "shared"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    path = (args.shared or default_shared()) / GOLD
    if not path.is_file():
        print(f"PLOVER gold file not found: {path}", file=sys.stderr)
        return 2
    result = score(json.loads(path.read_text(encoding="utf-8")))
    print(f"actors {result['actors']}  country accuracy {result['country_accuracy']:.3f}  "
          f"country coverage {result['country_coverage']:.3f}  "
          f"sector accuracy {result['sector_accuracy']:.3f} (on {result['sector_actors']} with a gold sector)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
