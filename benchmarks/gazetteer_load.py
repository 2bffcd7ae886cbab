"""Gazetteer build and load cost: cold build time, warm load time, resident memory, entries; and the
actor dictionary's load time and memory.

    .venv/bin/python benchmarks/gazetteer_load.py [--runs N] [--json PATH]

Each measurement runs in a fresh Python process so that nothing is cached in memory. The cold
build writes into a temporary cache folder (``EVENTBUILDER_CACHE``) and is removed afterwards;
warm loads read that file. Memory is the process's resident set size (psutil) after loading,
minus the RSS just before (imports of numpy and the package already done).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, time, os, psutil
proc = psutil.Process()
from eventbuilder.resolve.places import gazetteer as gz
mode = os.environ["GAZ_MODE"]
before = proc.memory_info().rss
started = time.perf_counter()
if mode == "build":
    path = gz.build_gazetteer_cache()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "bytes": path.stat().st_size}))
elif mode == "actors":
    from eventbuilder.resolve.actors.dictionary import ActorDictionary, read_resources
    dictionary = ActorDictionary(read_resources())
    print(json.dumps({"seconds": time.perf_counter() - started, "rss_mb": (proc.memory_info().rss - before) / 2**20}))
else:
    g = gz.load_gazetteer()
    seconds = time.perf_counter() - started
    rows = g.lookup("Kiev")  # one lookup, so lazily built parts are counted too
    print(json.dumps({"seconds": seconds, "rss_mb": (proc.memory_info().rss - before) / 2**20,
                      "entries": len(g), "lookup_ok": bool(rows)}))
"""


def _child(mode: str, cache: str) -> dict:
    env = {**os.environ, "EVENTBUILDER_CACHE": cache, "GAZ_MODE": mode}
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm loads to time")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eb-gazetteer-") as cache:
        build = _child("build", cache)
        loads = [_child("load", cache) for _ in range(args.runs)]
        actors = [_child("actors", cache) for _ in range(args.runs)]
    result = {
        "cold_build_seconds": round(build["seconds"], 2),
        "cache_file_mb": round(build["bytes"] / 2**20, 1),
        "warm_load_seconds_median": round(statistics.median(x["seconds"] for x in loads), 3),
        "warm_load_seconds_max": round(max(x["seconds"] for x in loads), 3),
        "resident_memory_mb": round(statistics.median(x["rss_mb"] for x in loads), 1),
        "entries": loads[0]["entries"],
        "actor_dictionary_load_seconds_median": round(statistics.median(x["seconds"] for x in actors), 3),
        "actor_dictionary_memory_mb": round(statistics.median(x["rss_mb"] for x in actors), 1),
        "runs": args.runs,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
