"""End-to-end ``build()`` wall time with each execution engine, and whether their tables agree.

    .venv/bin/python benchmarks/engines.py [--data DIR] [--corpus gwn|lgl|both] [--limit N]
        [--workers N] [--engines serial,process,dask] [--no-startup] [--json PATH]

The corpus texts (as in ``throughput.py``) are written as one ``.jsonl`` file
(``{"id", "text", "published"}`` per line) into a temporary raw folder; ``build(raw, out, options)``
then runs once per engine into its own temporary output folder: ``serial`` (this process),
``process`` (a local pool of N workers) and ``dask`` (a ``LocalCluster`` of N single-threaded
worker processes). Each build is a cold start: its own pool or cluster, every worker loading the
spaCy pipeline, gazetteer and actor dictionary. The tables' sha256 digests in the three manifests
are compared table by table.

Startup overheads are measured separately, in a fresh Python process per engine (nothing loaded
yet): ``start`` is the engine's constructor (pool or cluster creation), ``first results`` the
time until every worker (for ``serial``: this process) has loaded the models and answered one
short document, ``close`` the shutdown.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventbuilder.build import build
from eventbuilder.engines import make_engine
from eventbuilder.options import BuildOptions
from geo import benchmarks_dir
from throughput import PUBLISHED, WARMUP_TEXT, Text, load_texts, machine, record_for

ENGINE_NAMES = ("serial", "process", "dask")


def write_raw(texts: list[Text], folder: Path) -> Path:
    """The texts as one jsonl file in ``folder`` (the raw input of a build)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for text in texts:
            line = {"id": f"{text.corpus}:{text.doc_id}", "text": text.text, "published": PUBLISHED}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def engine_options(engine: str, workers: int) -> BuildOptions:
    return BuildOptions(engine=engine, workers=1 if engine == "serial" else workers)


def _first_result(_item: int, options: BuildOptions, pause: float) -> int:
    """One short document through the stage: loads every model in the worker that runs it."""
    from eventbuilder.pipeline import process_record

    process_record(record_for(0, Text("warmup", "0", WARMUP_TEXT)), options)
    time.sleep(pause)  # keep this worker busy so that the next item goes to another one
    return os.getpid()


def startup(engine: str, workers: int) -> dict[str, float | int]:
    """Seconds to start the engine, to get one result from every worker, and to close it.

    Run in a fresh process (see ``startup_in_subprocess``) so that nothing is loaded yet; the
    pause that spreads the first items over the workers is subtracted."""
    options = engine_options(engine, workers)
    wanted = 1 if engine == "serial" else workers
    pause = 0.0 if wanted == 1 else 0.5
    started = time.perf_counter()
    runner = make_engine(options, wanted + 1)
    constructed = time.perf_counter()
    pids = set(runner.map(functools.partial(_first_result, options=options, pause=pause), range(wanted)))
    answered = time.perf_counter()
    runner.close()
    closed = time.perf_counter()
    return {"start_s": round(constructed - started, 2), "first_results_s": round(answered - constructed - pause, 2),
            "close_s": round(closed - answered, 2), "workers_answering": len(pids)}


def startup_in_subprocess(engine: str, workers: int) -> dict[str, float | int]:
    command = [sys.executable, __file__, "--startup-only", engine, "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_build(raw: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    options = engine_options(engine, workers)
    started = time.perf_counter()
    report = build(raw, out, options)
    wall = time.perf_counter() - started
    tables = report.version.manifest["tables"]
    return {"engine": engine, "workers": options.worker_count, "wall_s": round(wall, 2),
            "counts": report.counts, "reject_reasons": report.reject_reasons,
            "sha256": {name: info["sha256"] for name, info in sorted(tables.items())}}


def compare(builds: list[dict[str, Any]]) -> dict[str, Any]:
    """Per table: do all engines' Parquet files have the same sha256?"""
    tables = sorted(builds[0]["sha256"])
    same = {name: len({b["sha256"].get(name) for b in builds}) == 1 for name in tables}
    return {"identical": all(same.values()), "per_table": same}


def run(texts: list[Text], engines: list[str], workers: int, measure_startup: bool = True) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="eb-engines-") as tmp:
        raw = Path(tmp) / "raw"
        write_raw(texts, raw)
        # warm the gazetteer cache file and the page cache once, so no engine pays for them alone
        build(raw, Path(tmp) / "warm", BuildOptions(engine="serial", extract_claims=False))
        builds = [timed_build(raw, Path(tmp) / f"out-{engine}", engine, workers) for engine in engines]
    overheads = {engine: startup_in_subprocess(engine, workers) for engine in engines} if measure_startup else {}
    serial = next((b["wall_s"] for b in builds if b["engine"] == "serial"), None)
    for b in builds:
        b["docs_per_s"] = round(len(texts) / b["wall_s"], 2)
        b["speedup_vs_serial"] = round(serial / b["wall_s"], 2) if serial else None
        if b["engine"] in overheads:
            b["startup"] = overheads[b["engine"]]
    return {"builds": builds, "comparison": compare(builds)}


def print_table(result: dict[str, Any]) -> None:
    print(f"corpus {result['corpus']}: {result['docs']} docs, {result['words']:,} words; machine {result['machine']}")
    print(f"{'engine':<8} {'workers':>7} {'wall s':>7} {'docs/s':>7} {'speedup':>7} "
          f"{'start s':>7} {'1st results s':>13} {'close s':>7}  counts")
    for b in result["builds"]:
        s = b.get("startup", {})
        print(f"{b['engine']:<8} {b['workers']:>7} {b['wall_s']:>7.2f} {b['docs_per_s']:>7.2f} "
              f"{b['speedup_vs_serial'] or 0:>7.2f} {s.get('start_s', 0):>7.2f} {s.get('first_results_s', 0):>13.2f} "
              f"{s.get('close_s', 0):>7.2f}  {b['counts']}")
    comparison = result["comparison"]
    print(f"tables identical across engines (sha256): {comparison['identical']} {comparison['per_table']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared folder (default $EVENTBUILDER_SHARED or ../shared)")
    parser.add_argument("--corpus", choices=["gwn", "lgl", "both"], default="gwn")
    parser.add_argument("--limit", type=int, default=0, help="first N texts only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default=",".join(ENGINE_NAMES))
    parser.add_argument("--no-startup", action="store_true", help="skip the separate startup measurement")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--startup-only", choices=ENGINE_NAMES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.startup_only:  # a fresh process measuring one engine's startup; the parent reads the JSON
        print(json.dumps(startup(args.startup_only, args.workers)))
        return 0
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(ENGINE_NAMES))
    if unknown:
        parser.error(f"unknown engine(s) {unknown}; valid: {', '.join(ENGINE_NAMES)}")
    texts = load_texts(benchmarks_dir(args.data), args.corpus, args.limit)
    result: dict[str, Any] = {"corpus": args.corpus, "docs": len(texts), "words": sum(t.words for t in texts),
                              "machine": machine()}
    result.update(run(texts, engines, args.workers, measure_startup=not args.no_startup))
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    return 0 if result["comparison"]["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
