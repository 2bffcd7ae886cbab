"""What the relevance step costs in a build: its share of the per-document stage's time.

    .venv/bin/python benchmarks/relevance/speed.py --split test [--data DIR] [--json speed.json]

Runs the build's per-document function (``eventbuilder.pipeline.process_record``: ingest, parse,
claims, actors, dates, places, relevance, rows) serially over a split's web pages after a warm-up,
and times, inside it, the relevance stage (the document classifier's features and score, and the
claim relevance: ``assess_document`` + ``assess_claims``) and the trigger-sense checks the
extractor runs for it (``senses.check`` and the page-chrome test). Process-level one-off costs
(loading the spaCy model, the gazetteer, the classifier JSON) are excluded from both sides.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import shared_dir, write_json

HERE = Path(__file__).resolve().parent


class Stopwatch:
    """Accumulates the time spent in the functions it wraps."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
        return timed


def measure(pages: list[str], shared: Path) -> dict[str, Any]:
    import eventbuilder.analyse as analyse
    import eventbuilder.extract.claims as claims
    from eventbuilder.model import RawRecord
    from eventbuilder.options import BuildOptions
    from eventbuilder.pipeline import process_record

    source = shared / "benchmarks" / "pages"
    records = []
    for page in pages:
        folder, file_id = page.split("/")
        data = gzip.decompress((source / folder / "html" / f"{file_id}.html.gz").read_bytes())
        records.append(RawRecord(f"{page}.html", "html", data=data))
    options = BuildOptions(engine="serial")
    process_record(records[0], options)  # warm-up: models, gazetteer, dictionary, classifier

    relevance, senses = Stopwatch(), Stopwatch()
    analyse.assess_document = relevance.wrap(analyse.assess_document)  # type: ignore[method-assign]
    analyse.assess_claims = relevance.wrap(analyse.assess_claims)  # type: ignore[method-assign]
    claims.senses.check = senses.wrap(claims.senses.check)  # type: ignore[method-assign]
    claims.senses.is_chrome = senses.wrap(claims.senses.is_chrome)  # type: ignore[method-assign]
    start = time.perf_counter()
    documents = sum(1 for record in records if process_record(record, options).doc_id is not None)
    total = time.perf_counter() - start
    return {"pages": len(records), "documents": documents, "stage_seconds": round(total, 2),
            "relevance_stage_seconds": round(relevance.seconds, 3),
            "relevance_stage_share": round(relevance.seconds / total, 4),
            "sense_checks_seconds": round(senses.seconds, 3), "sense_checks_share": round(senses.seconds / total, 4),
            "together_share": round((relevance.seconds + senses.seconds) / total, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    parser.add_argument("--data", default=None, help="shared folder [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    pages = json.loads((HERE / "split.json").read_text(encoding="utf-8"))[args.split]
    result = measure(pages, shared_dir(args.data))
    print(f"{result['documents']} documents of {result['pages']} pages: stage {result['stage_seconds']} s; "
          f"relevance stage {result['relevance_stage_seconds']} s ({result['relevance_stage_share']:.1%}); "
          f"sense checks {result['sense_checks_seconds']} s ({result['sense_checks_share']:.1%}); "
          f"together {result['together_share']:.1%}")
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
