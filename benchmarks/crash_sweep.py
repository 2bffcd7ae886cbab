#!/usr/bin/env python
"""Every real text we hold through the whole pipeline; fails on any ``internal_error`` reject.

    .venv/bin/python benchmarks/crash_sweep.py [DATA] [--workers N] [--only a,b] [--keep DIR] [--json PATH]

DATA is the shared benchmark folder (default: $EVENTBUILDER_SHARED/benchmarks, else
../shared/benchmarks). The texts of every corpus in it are written to a temporary raw folder in
the formats a user would drop there, and built with ``eventbuilder.build`` exactly as
``eventbuilder build`` does (process engine):

- ``lgl``, ``gwn``: LGL and GeoWebNews article texts (JSON lines);
- ``tbaq``: TempEval-3 TBAQ documents, each with its creation time as ``published``;
- ``plover``, ``event_location``: the gold sentences, one record each;
- ``ecbplus``: ``coref/ecbplus/docs.jsonl`` as it is;
- ``pages``: every page of ``pages/dates`` and ``pages/bodies`` as saved HTML and as both text
  renders (``.html`` and ``.txt`` files);
- ``seed``: the seed article (``../seeds``) as a ``.txt`` page.

A rule over a parse meets sentences no unit test imagined: this is the net under them. Exit 0
when no record was rejected as ``internal_error``, 1 otherwise (each one printed with its
message), 2 when the data is missing. Not part of the default test run; ``.ci/run`` runs it
after the tests (``make sweep``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eventbuilder
from eventbuilder.options import BuildOptions
from eventbuilder.resolve.dates.scoring import read_timeml
from geo import load_gwn, load_lgl

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_data() -> Path:
    shared = Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))
    return shared / "benchmarks" if (shared / "benchmarks").is_dir() else shared


# ---------------------------------------------------------------- corpora as raw files


def _jsonl(path: Path, records: Iterator[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_geo(data: Path, raw: Path, name: str) -> int:
    loader, path = (load_lgl, data / "geo/LGL/lgl.xml") if name == "lgl" else (load_gwn, data / "geo/GeoWebNews/GWN.xml")
    return _jsonl(raw / name / "articles.jsonl",
                  ({"id": f"{name}:{a.doc_id}", "text": a.text} for a in loader(path)))


def write_tbaq(data: Path, raw: Path) -> int:
    files = sorted((data / "temporal/TBAQ-cleaned").glob("*/*.tml"))
    docs = (read_timeml(f) for f in files)
    return _jsonl(raw / "tbaq" / "docs.jsonl",
                  ({"id": f"tbaq:{d.name}", "text": d.text, "published": d.dct.isoformat() if d.dct else None}
                   for d in docs))


def write_sentences(data: Path, raw: Path, name: str) -> int:
    path = data / ("events/plover_gsr_dev.json" if name == "plover" else "events/event_location_gold.json")
    items = json.loads(path.read_text(encoding="utf-8"))
    return _jsonl(raw / name / "sentences.jsonl",
                  ({"id": f"{name}:{i}", "text": item["text"]} for i, item in enumerate(items)))


def write_ecbplus(data: Path, raw: Path) -> int:
    source = data / "coref/ecbplus/docs.jsonl"
    target = raw / "ecbplus" / "docs.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    return sum(1 for line in source.read_text(encoding="utf-8").splitlines() if line.strip())


def write_pages(data: Path, raw: Path) -> int:
    """Every page as HTML and as both text renders; the renders are what a scraper saves."""
    count = 0
    for packed in sorted((data / "pages").glob("*/*/*.gz")):
        view = packed.parent.name  # html, txt-inscriptis, txt-soup
        suffix = ".html" if view == "html" else ".txt"
        target = raw / "pages" / packed.parent.parent.name / view / (packed.name[:-len(".html.gz")]
                                                                    if packed.name.endswith(".html.gz")
                                                                    else packed.name[:-len(".txt.gz")])
        target = target.with_name(target.name + suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gzip.decompress(packed.read_bytes()))
        count += 1
    return count


def write_seed(data: Path, raw: Path) -> int:
    seeds = sorted((data.parent / "seeds").glob("*.txt"))
    (raw / "seed").mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (raw / "seed" / seed.name).write_bytes(seed.read_bytes())
    return len(seeds)


CORPORA: dict[str, Callable[[Path, Path], int]] = {
    "lgl": lambda d, r: write_geo(d, r, "lgl"),
    "gwn": lambda d, r: write_geo(d, r, "gwn"),
    "tbaq": write_tbaq,
    "plover": lambda d, r: write_sentences(d, r, "plover"),
    "event_location": lambda d, r: write_sentences(d, r, "event_location"),
    "ecbplus": write_ecbplus,
    "pages": write_pages,
    "seed": write_seed,
}


# ---------------------------------------------------------------- the sweep


def sweep(data: Path, raw: Path, out: Path, corpora: list[str], workers: int) -> dict[str, Any]:
    written = {name: CORPORA[name](data, raw) for name in corpora}
    started = time.perf_counter()
    report = eventbuilder.build(raw, out, BuildOptions(workers=workers))
    seconds = time.perf_counter() - started
    version = out / report.version.name
    rejects = pd.read_parquet(version / "rejects.parquet")
    documents = pd.read_parquet(version / "documents.parquet", columns=["doc_id", "source_path", "text"])
    claims = pd.read_parquet(version / "claims.parquet", columns=["doc_id"])
    return _summary(written, seconds, report.counts, documents, rejects, claims)


def _corpus_of(source_path: str) -> str:
    return source_path.split("/", 1)[0]


def _summary(written: dict[str, int], seconds: float, counts: dict[str, int], documents: pd.DataFrame,
             rejects: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Any]:
    words = int(documents["text"].str.split().str.len().sum())
    docs_by = Counter(_corpus_of(p) for p in documents["source_path"])
    corpus_of_doc = dict(zip(documents["doc_id"], (_corpus_of(p) for p in documents["source_path"])))
    claims_by = Counter(corpus_of_doc.get(d, "?") for d in claims["doc_id"])
    rejects_by: dict[str, Counter] = defaultdict(Counter)
    for path, reason in zip(rejects["source_path"], rejects["reason"]):
        rejects_by[_corpus_of(path)][reason] += 1
    internal = rejects[rejects["reason"] == "internal_error"]
    return {
        "seconds": round(seconds, 1), "words": words, "counts": counts,
        "corpora": {name: {"records": written[name], "documents": docs_by[name], "claims": claims_by[name],
                           "rejects": dict(sorted(rejects_by[name].items()))} for name in written},
        "internal_errors": [{"source_path": p, "line": None if pd.isna(n) else int(n), "message": m}
                            for p, n, m in zip(internal["source_path"], internal["line"], internal["message"])],
    }


def _print(summary: dict[str, Any]) -> None:
    print(f"{'corpus':<16}{'records':>9}{'documents':>11}{'claims':>9}  rejects")
    for name, row in summary["corpora"].items():
        reasons = ", ".join(f"{k} {v}" for k, v in row["rejects"].items()) or "-"
        print(f"{name:<16}{row['records']:>9}{row['documents']:>11}{row['claims']:>9}  {reasons}")
    print(f"build: {summary['seconds']} s for {summary['counts']['input_records']} records, "
          f"{summary['words']:,} words in documents")
    for error in summary["internal_errors"]:
        print(f"INTERNAL ERROR {error['source_path']}#{error['line']}: {error['message']}")
    print(f"internal errors: {len(summary['internal_errors'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", help="the shared benchmarks folder")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--only", help=f"comma-separated corpora (default all: {','.join(CORPORA)})")
    parser.add_argument("--keep", help="build into this folder and keep it (default: a temporary one)")
    parser.add_argument("--json", help="write the summary here")
    args = parser.parse_args(argv)
    data = Path(args.data) if args.data else default_data()
    corpora = args.only.split(",") if args.only else list(CORPORA)
    unknown = [c for c in corpora if c not in CORPORA]
    if unknown or not (data / "geo").is_dir():
        print(f"error: unknown corpora {unknown}" if unknown else f"error: no benchmark data in {data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="eb-sweep-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        summary = sweep(data, work / "raw", work / "outputs", corpora, args.workers)
    _print(summary)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    return 1 if summary["internal_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
