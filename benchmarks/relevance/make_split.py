"""Freeze the dev/test split of the web pages in ``../shared/benchmarks/pages`` (run once).

    .venv/bin/python benchmarks/relevance/make_split.py [--data DIR] [--out split.json]

Page ids are ``<folder>/<file id>`` (``dates/011579aa0ac8a340``). Each folder is shuffled with a
fixed seed and 40 % of it goes to the test split, so the split is the same on every machine. The
split was frozen before any labelling, tuning or rule writing for issue 16; never regenerate it
with other parameters.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import shared_dir

SEED = 16
TEST_FRACTION = 0.4
FOLDERS = ("dates", "bodies")


def page_ids(pages: Path, folder: str) -> list[str]:
    return sorted(f"{folder}/{p.name.split('.')[0]}" for p in (pages / folder / "html").glob("*.html.gz"))


def split(pages: Path) -> dict[str, object]:
    dev: list[str] = []
    test: list[str] = []
    for folder in FOLDERS:
        ids = page_ids(pages, folder)
        random.Random(f"{SEED}/{folder}").shuffle(ids)
        cut = round(len(ids) * TEST_FRACTION)
        test += sorted(ids[:cut])
        dev += sorted(ids[cut:])
    return {"seed": SEED, "test_fraction": TEST_FRACTION, "dev": sorted(dev), "test": sorted(test)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="shared folder [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--out", default=str(Path(__file__).with_name("split.json")))
    args = parser.parse_args()
    result = split(shared_dir(args.data) / "benchmarks" / "pages")
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"dev {len(result['dev'])} pages, test {len(result['test'])} pages -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
