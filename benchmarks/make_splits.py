"""Freeze the dev/test splits of the quality benchmarks (issue 12), once, before anybody tunes on them.

    .venv/bin/python benchmarks/make_splits.py [--data DIR] [--check] [--force]

Writes ``benchmarks/splits/{claims_gold,plover_gsr_dev,event_location_gold,lgl,geowebnews}.json``, each with the
method, the seed, and the ``dev`` and ``test`` lists. Method (the same for the three corpora):
``random.Random(SEED).sample(sorted(candidates), k)`` gives the test side, everything else is dev.

* claims gold (unit: article id): candidates are the articles added for issue 12 only; the 20
  articles of the first gold set (``TUNED_ARTICLES``) were used to develop the rules and are all
  dev. k = ceil(articles / 3).
* PLOVER (unit: record ``id``): all 161 records are candidates, k = 161 // 2 = 80.
* event_location (unit: ``[position in the file, first 12 hex digits of sha1(text)]``; the records
  have no id): all 496 records, k = 496 // 2 = 248.
* LGL and GeoWebNews (unit: article id, LGL's ``docid`` and GeoWebNews' ``file``; added in issue 12,
  frozen before the place rules of issue 12 were written): all articles, k = articles // 2 (LGL
  588 -> 294, GeoWebNews 200 -> 100). The rules before issue 12 were developed on these corpora
  whole (benchmarks/notes/places.md), so their test halves are blind only to later changes.

An existing split file is never overwritten (the point of freezing) unless ``--force`` is given;
``--check`` recomputes every split and fails if a frozen file differs (``tests/test_splits.py`` runs
it on the claims gold set and, when the shared data is present, on the two shared corpora).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find _common beside it

from _common import REPO_ROOT, SPLITS_DIR, GoldDataError, shared_dir, write_json

SEED = 12  # the issue number; any fixed value would do, this one is recorded with every split
FROZEN = "2026-12-12"
FROZEN_GEO = "2026-12-13"  # LGL and GeoWebNews, frozen at the start of issue 12's place work
CLAIMS_ARTICLES = REPO_ROOT / "benchmarks" / "claims_gold" / "articles.jsonl"
# The first 20 gold articles: every rule until issue 12 was tuned on them, so they can only be dev.
TUNED_ARTICLES = frozenset({
    "a01-georgia-ceasefire-2008", "a02-crimea-treaty-2014", "a03-mh17-2014", "a04-ukraine-buildup-2022",
    "a05-odesa-grain-2022", "a06-gaza-truce-2023", "a07-red-sea-strikes-2024", "a08-syria-strikes-2018",
    "a09-taiwan-drills-2022", "a10-korea-summit-2018", "a11-korea-military-pact-2023", "a12-niger-ecowas-2023",
    "a13-mali-withdrawal-2022", "a14-sudan-fighting-2023", "a15-karabakh-deal-2020", "a16-iran-nuclear-deal-2015",
    "a17-iran-attack-israel-2024", "a18-wagner-mutiny-2023", "a19-finland-nato-2023", "a20-kazakhstan-unrest-2022",
})
METHOD = "test = random.Random(seed).sample(sorted(candidates), k); dev = every other unit"


def text_key(position: int, text: str) -> list[Any]:
    """The unit of a record without an id: its position and a digest of its text (detects a changed file)."""
    return [position, hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]]


def draw(units: list[Any], candidates: list[Any], k: int) -> dict[str, list[Any]]:
    """The test side (k random candidates, sorted) and the dev side (the rest, in corpus order)."""
    test = random.Random(SEED).sample(sorted(candidates, key=json.dumps), k)
    chosen = {json.dumps(u) for u in test}
    return {"dev": [u for u in units if json.dumps(u) not in chosen], "test": sorted(test, key=json.dumps)}


def claims_split() -> dict[str, Any]:
    ids = [json.loads(line)["id"] for line in CLAIMS_ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = TUNED_ARTICLES - set(ids)
    if missing:
        raise GoldDataError(f"tuned articles missing from {CLAIMS_ARTICLES}: {sorted(missing)}")
    new = [i for i in ids if i not in TUNED_ARTICLES]
    k = math.ceil(len(ids) / 3)
    return {"corpus": "benchmarks/claims_gold/articles.jsonl", "unit": "article id",
            "candidates": "the articles added in issue 12 (every id not in the first 20, which were tuned on)",
            "k": k, **draw(ids, new, k)}


def plover_split(data: Path) -> dict[str, Any]:
    records = json.loads((data / "benchmarks" / "events" / "plover_gsr_dev.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in records]
    return {"corpus": "benchmarks/events/plover_gsr_dev.json (shared)", "unit": "record id", "candidates": "all",
            "k": len(ids) // 2, **draw(ids, ids, len(ids) // 2)}


def event_location_split(data: Path) -> dict[str, Any]:
    records = json.loads((data / "benchmarks" / "events" / "event_location_gold.json").read_text(encoding="utf-8"))
    units = [text_key(i, r["text"]) for i, r in enumerate(records)]
    return {"corpus": "benchmarks/events/event_location_gold.json (shared)",
            "unit": "[position in the file (0-based), sha1(text)[:12]]", "candidates": "all",
            "k": len(units) // 2, **draw(units, units, len(units) // 2)}


def geo_split(data: Path, corpus: str) -> dict[str, Any]:
    from geo import load_corpus

    ids = [a.doc_id for a in load_corpus(corpus, data / "benchmarks")]
    path = "LGL/lgl.xml" if corpus == "lgl" else "GeoWebNews/GWN.xml"
    return {"corpus": f"benchmarks/geo/{path} (shared)", "unit": "article id (LGL docid, GeoWebNews file)",
            "candidates": "all", "k": len(ids) // 2, **draw(ids, ids, len(ids) // 2)}


SPLITS = ("claims_gold", "plover_gsr_dev", "event_location_gold", "lgl", "geowebnews")


def build(name: str, data: Path) -> dict[str, Any]:
    body = {"claims_gold": claims_split, "plover_gsr_dev": lambda: plover_split(data),
            "event_location_gold": lambda: event_location_split(data),
            "lgl": lambda: geo_split(data, "lgl"), "geowebnews": lambda: geo_split(data, "gwn")}[name]()
    frozen = FROZEN_GEO if name in ("lgl", "geowebnews") else FROZEN
    return {"name": name, "method": METHOD, "seed": SEED, "frozen": frozen, **body}


def same_split(frozen: dict[str, Any], fresh: dict[str, Any]) -> bool:
    return frozen["dev"] == fresh["dev"] and frozen["test"] == fresh["test"] and frozen["seed"] == fresh["seed"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (default: $EVENTBUILDER_SHARED or ../shared)")
    parser.add_argument("--check", action="store_true", help="verify the frozen files instead of writing")
    parser.add_argument("--force", action="store_true", help="overwrite frozen files (never after tuning began)")
    args = parser.parse_args(argv)
    data = shared_dir(args.data)
    status = 0
    for name in SPLITS:
        path = SPLITS_DIR / f"{name}.json"
        try:
            fresh = build(name, data)
        except FileNotFoundError as exc:
            print(f"{name}: skipped, data not found ({exc.filename})")
            continue
        if args.check:
            frozen = json.loads(path.read_text(encoding="utf-8"))
            ok = same_split(frozen, fresh)
            print(f"{name}: {'matches' if ok else 'DIFFERS FROM'} the frozen split "
                  f"(dev {len(frozen['dev'])}, test {len(frozen['test'])})")
            status |= 0 if ok else 1
            continue
        if path.exists() and not args.force:
            print(f"{name}: {path} exists and is frozen; not overwritten (use --force only before tuning)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json(path, fresh)
        print(f"{name}: wrote {path} (dev {len(fresh['dev'])}, test {len(fresh['test'])})")
    return status


if __name__ == "__main__":
    sys.exit(main())
