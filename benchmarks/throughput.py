"""Throughput of the whole per-document stage against spaCy's own parse, and peak memory per worker.

    .venv/bin/python benchmarks/throughput.py [--data DIR] [--corpus gwn|lgl|both] [--limit N]
        [--workers N] [--skip-serial] [--profile N] [--scaling K,K,...] [--json PATH]

Corpus: the article texts of GeoWebNews (``geo/GeoWebNews/GWN.xml``, 200 international news
articles; default) and/or LGL (``geo/LGL/lgl.xml``, 588 local US news articles).

In one run, on the same cores, two functions are timed over the same texts:

- **spaCy**: ``eventbuilder.analyse.pipeline(model)(text)`` -- the product's own spaCy pipeline
  (with its entity rules), one ``nlp(text)`` per document as the stage does; only the token count
  is returned;
- **stage**: ``eventbuilder.pipeline.process_record`` on a ``json`` RawRecord
  ``{"id", "text", "published": "2018-06-01"}`` -- ingest, parse, temporal expressions, geoparse,
  claims, actor/date/place resolution and rows; the whole ``RecordResult`` travels back to the
  main process, as in a build.

Each is run with N workers (the product's ``process`` engine, one pool per function, same N for
both) and with 1 worker (``serial`` engine, in this process). Models are loaded in every worker
before the clock starts. Figures: wall time, docs/s, words/s (``len(text.split())``), the ratio
stage time / spaCy time on wall clock and on the CPU time the tasks used (the CPU ratio is less
sensitive to other load on the machine), and the RSS high-water mark (``ru_maxrss``) of every
worker after warm-up and after the run (max and mean over workers), and of the main process.
For 1 worker the spaCy baseline is also timed with ``nlp.pipe`` (batched), for reference.

``--profile N`` runs cProfile over the serial stage on the first N texts afterwards and prints
the top functions and the stage's breakdown (the callees of ``analyse.analyse``). cProfile
inflates Python-level calls (spaCy's per-token iteration most), so it also estimates one cost
without the profiler: every read of ``Doc.text`` rebuilds the document's text from its tokens,
so (reads per document, counted by the profiler) x (time of one read on that document, timed
unprofiled) summed over the documents, against the unprofiled stage time.

``--scaling 1,4,16,64`` times, serially, one document made of the first k articles joined by
blank lines, for each k: how the stage's cost grows with the length of one document.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import platform
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventbuilder.engines import make_engine
from eventbuilder.model import RawRecord
from eventbuilder.options import BuildOptions
from geo import benchmarks_dir, load_gwn, load_lgl

PUBLISHED = "2018-06-01"
WARMUP_TEXT = ("MOSCOW (Reuters) - Russia said on Monday it had moved 2,000 troops to its border with "
               "Ukraine, and NATO foreign ministers will meet in Brussels next week to discuss the build-up.")
CORPORA = {"gwn": ("GeoWebNews", "GWN.xml", load_gwn), "lgl": ("LGL", "lgl.xml", load_lgl)}


@dataclass(frozen=True)
class Text:
    corpus: str
    doc_id: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Sample:
    """What one task reports about the worker that ran it."""

    pid: int
    maxrss_mb: float  # the worker's RSS high-water mark so far
    cpu_s: float  # CPU time this task used in the worker
    wall_s: float


# ---------------------------------------------------------------- corpus


def load_texts(bench: Path, corpus: str, limit: int = 0) -> list[Text]:
    """Article texts of the chosen corpora, in file order; ``limit`` applies to the total."""
    names = list(CORPORA) if corpus == "both" else [corpus]
    texts = []
    for name in names:
        folder, filename, loader = CORPORA[name]
        texts += [Text(name, a.doc_id, a.text) for a in loader(bench / "geo" / folder / filename) if a.text.strip()]
    return texts[:limit] if limit else texts


def record_for(number: int, text: Text) -> RawRecord:
    fields = {"id": f"{text.corpus}:{text.doc_id}", "text": text.text, "published": PUBLISHED}
    return RawRecord("throughput.jsonl", "json", line=number, fields=fields)


# ---------------------------------------------------------------- measurement


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _measured(fn: Callable[[], Any]) -> tuple[Any, Sample]:
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    sample = Sample(os.getpid(), maxrss_mb(), time.process_time() - cpu, time.perf_counter() - wall)
    return value, sample


def spacy_task(text: str, model: str) -> tuple[int, Sample]:
    """The spaCy baseline for one text: the product's pipeline, one ``nlp(text)``."""
    from eventbuilder.analyse import pipeline

    nlp = pipeline(model)
    return _measured(lambda: len(nlp(text)))


def stage_task(record: RawRecord, options: BuildOptions) -> tuple[Any, Sample]:
    """The whole per-document stage for one record, as a build runs it in a worker."""
    from eventbuilder.pipeline import process_record

    return _measured(lambda: process_record(record, options))


def warm_task(kind: str, options: BuildOptions, pause: float, _item: int) -> Sample:
    """Load every model the task needs; the pause keeps this worker busy so the others start too."""
    if kind == "spacy":
        _, sample = spacy_task(WARMUP_TEXT, options.nlp_model)
    else:
        _, sample = stage_task(record_for(0, Text("warmup", "0", WARMUP_TEXT)), options)
    time.sleep(pause)
    return Sample(sample.pid, maxrss_mb(), sample.cpu_s, sample.wall_s)


def warm_up(engine, kind: str, options: BuildOptions, workers: int) -> dict[int, float]:
    """{pid: RSS high-water after loading} for every worker of the engine."""
    seen: dict[int, float] = {}
    pause = 0.0 if workers == 1 else 1.0
    for _ in range(6):
        for sample in engine.map(functools.partial(warm_task, kind, options, pause), range(workers)):
            seen[sample.pid] = sample.maxrss_mb
        if len(seen) >= workers:
            break
    return seen


def run_function(kind: str, items: list, options: BuildOptions, workers: int) -> dict[str, Any]:
    """Time one function over all items with a fresh engine of ``workers`` workers."""
    task = (functools.partial(spacy_task, model=options.nlp_model) if kind == "spacy"
            else functools.partial(stage_task, options=options))
    with make_engine(options, len(items)) as engine:
        warm = warm_up(engine, kind, options, workers)
        started = time.perf_counter()
        results = list(engine.map(task, items))
        wall = time.perf_counter() - started
    samples = [sample for _, sample in results]
    peaks: dict[int, float] = dict(warm)
    for sample in samples:
        peaks[sample.pid] = max(peaks.get(sample.pid, 0.0), sample.maxrss_mb)
    return {"wall_s": wall, "task_cpu_s": sum(s.cpu_s for s in samples), "task_wall_s": sum(s.wall_s for s in samples),
            "worker_pids": sorted(peaks), "warm_rss_mb": _spread(list(warm.values())),
            "peak_rss_mb": _spread(list(peaks.values())), "values": [value for value, _ in results]}


def _spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {"max": 0.0, "mean": 0.0, "n": 0}
    return {"max": round(max(values), 1), "mean": round(statistics.fmean(values), 1), "n": len(values)}


def spacy_pipe_serial(texts: list[Text], model: str, batch_size: int = 16) -> float:
    """Wall time of ``nlp.pipe`` over the texts in this process (batched; reference only)."""
    from eventbuilder.analyse import pipeline

    nlp = pipeline(model)
    list(nlp.pipe([WARMUP_TEXT] * 2))
    started = time.perf_counter()
    for _ in nlp.pipe((t.text for t in texts), batch_size=batch_size):
        pass
    return time.perf_counter() - started


def outcome_counts(results: list) -> dict[str, Any]:
    """Rows the stage produced, by table (a check that the stage did real work), and why records
    were rejected (an internal error names the product file and line it came from)."""
    counts: dict[str, Any] = {}
    reasons: dict[str, int] = {}
    for result in results:
        for table, rows in result.rows.items():
            counts[table] = counts.get(table, 0) + len(rows)
        for row in result.rows.get("rejects", []):
            where = row["message"].rsplit("(at ", 1)[-1].split(")")[0] if row["reason"] == "internal_error" else ""
            key = f"{row['reason']} {where}".strip()
            reasons[key] = reasons.get(key, 0) + 1
    return {**dict(sorted(counts.items())), "reject_reasons": dict(sorted(reasons.items()))}


def measure_mode(texts: list[Text], workers: int, options: BuildOptions) -> dict[str, Any]:
    """Both functions with ``workers`` workers (1: serial in this process; else a process pool)."""
    options = options.with_changes(engine="serial" if workers == 1 else "process", workers=workers)
    words, docs = sum(t.words for t in texts), len(texts)
    records = [record_for(i, t) for i, t in enumerate(texts, start=1)]
    spacy_run = run_function("spacy", [t.text for t in texts], options, workers)
    stage_run = run_function("stage", records, options, workers)
    out: dict[str, Any] = {"workers": workers, "engine": options.engine, "docs": docs, "words": words,
                           "tokens": sum(spacy_run.pop("values")),
                           "rows": outcome_counts(stage_run.pop("values"))}
    for name, run in (("spacy", spacy_run), ("stage", stage_run)):
        out[name] = {**run, "wall_s": round(run["wall_s"], 2), "task_cpu_s": round(run["task_cpu_s"], 2),
                     "task_wall_s": round(run["task_wall_s"], 2),
                     "docs_per_s": round(docs / run["wall_s"], 2), "words_per_s": round(words / run["wall_s"], 0),
                     "cpu_ms_per_doc": round(1000 * run["task_cpu_s"] / docs, 1)}
    out["ratio_wall"] = round(stage_run["wall_s"] / spacy_run["wall_s"], 2)
    out["ratio_cpu"] = round(stage_run["task_cpu_s"] / spacy_run["task_cpu_s"], 2)
    if workers == 1:
        pipe = spacy_pipe_serial(texts, options.nlp_model)
        out["spacy_pipe_batched"] = {"wall_s": round(pipe, 2), "docs_per_s": round(docs / pipe, 2),
                                     "words_per_s": round(words / pipe, 0),
                                     "ratio_wall_stage_to_pipe": round(stage_run["wall_s"] / pipe, 2)}
    out["main_peak_rss_mb"] = round(maxrss_mb(), 1)
    return out


# ---------------------------------------------------------------- document length


def length_scaling(texts: list[Text], sizes: list[int], options: BuildOptions) -> list[dict[str, Any]]:
    """Serial spaCy and stage time on one long document made of the first k texts, for each k.

    Per-document work that grows faster than the text (the stage's ratio to spaCy rising with
    k) shows here and not in the corpus figures, whose articles are short."""
    from eventbuilder.analyse import pipeline
    from eventbuilder.pipeline import process_record

    options = options.with_changes(engine="serial", workers=1)
    nlp = pipeline(options.nlp_model)
    process_record(record_for(0, Text("warmup", "0", WARMUP_TEXT)), options)
    rows = []
    for k in sizes:
        text = Text("joined", f"first-{k}", "\n\n".join(t.text for t in texts[:k]))
        started = time.perf_counter()
        nlp(text.text)
        spacy_s = time.perf_counter() - started
        started = time.perf_counter()
        result = process_record(record_for(1, text), options)
        stage_s = time.perf_counter() - started
        rows.append({"articles": min(k, len(texts)), "words": text.words, "spacy_s": round(spacy_s, 2),
                     "stage_s": round(stage_s, 2), "ratio": round(stage_s / spacy_s, 2),
                     "rows": {table: len(found) for table, found in result.rows.items()}})
    return rows


# ---------------------------------------------------------------- profile


def profile_stage(texts: list[Text], options: BuildOptions, top: int = 25) -> dict[str, Any]:
    """cProfile over the serial stage (models already loaded): top functions, the stage breakdown,
    and what rebuilding ``Doc.text`` costs without the profiler."""
    from eventbuilder.analyse import analyse, parse
    from eventbuilder.pipeline import process_record

    options = options.with_changes(engine="serial", workers=1)
    process_record(record_for(0, Text("warmup", "0", WARMUP_TEXT)), options)
    stats, wall, doc_text = None, 0.0, {"calls": 0, "estimated_s": 0.0, "unprofiled_stage_s": 0.0}
    for number, text in enumerate(texts, start=1):
        record = record_for(number, text)
        started = time.perf_counter()
        process_record(record, options)
        doc_text["unprofiled_stage_s"] += time.perf_counter() - started
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(process_record, record, options)
        wall += time.perf_counter() - started
        one = pstats.Stats(profiler)
        calls = _doc_text_calls(one)
        doc_text["calls"] += calls
        doc_text["estimated_s"] += calls * _doc_text_seconds(parse(text.text, options.nlp_model))
        stats = one if stats is None else stats.add(one)
    doc_text = {key: round(value, 2) for key, value in doc_text.items()}
    doc_text["share_of_stage"] = round(doc_text["estimated_s"] / doc_text["unprofiled_stage_s"], 3)
    doc_text["readers"] = _doc_text_readers(stats)
    return {"docs": len(texts), "profiled_wall_s": round(wall, 2), "doc_text": doc_text,
            "breakdown": _callees(stats, analyse.__code__),
            "by_process_record": _callees(stats, process_record.__code__),
            "top_cumulative": _top(stats, "cumulative", top), "top_tottime": _top(stats, "tottime", top)}


@functools.lru_cache(maxsize=1)
def _doc_text_line() -> int | None:
    """Line of ``Doc.text`` in spaCy's doc.pyx, as the profiler names the property's getter."""
    import spacy.tokens

    source = Path(spacy.tokens.__file__).with_name("doc.pyx")
    if not source.is_file():
        return None
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == "def text(self):":
            return number
    return None


def _doc_text_calls(stats: pstats.Stats) -> int:
    """How often ``Doc.text`` was read: spaCy rebuilds the whole text from its tokens every time."""
    line = _doc_text_line()
    return sum(calls for (filename, first, name), (_, calls, *_rest) in stats.stats.items()  # type: ignore[attr-defined]
               if line and filename.endswith("doc.pyx") and name == "__get__" and first in (line - 1, line))


def _doc_text_readers(stats: pstats.Stats, top: int = 12) -> list[dict[str, Any]]:
    """The product functions that read ``Doc.text`` most often."""
    line = _doc_text_line()
    readers: dict[str, int] = {}
    for (filename, first, name), (*_, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if line and filename.endswith("doc.pyx") and name == "__get__" and first in (line - 1, line):
            for caller, (_, calls, *_rest) in callers.items():
                readers[_label(caller)] = readers.get(_label(caller), 0) + calls
    ranked = sorted(readers.items(), key=lambda item: -item[1])[:top]
    return [{"function": function, "reads": reads} for function, reads in ranked]


def _doc_text_seconds(doc, repeat: int = 5) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        doc.text  # noqa: B018 - the property's cost is what is measured
    return (time.perf_counter() - started) / repeat


def _key_of(code) -> tuple[str, int, str]:
    return (code.co_filename, code.co_firstlineno, code.co_name)


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    parts = Path(filename).parts
    short = "/".join(parts[parts.index("site-packages") + 1:] if "site-packages" in parts else parts[-3:])
    return f"{short}:{line}({name})"


def _callees(stats: pstats.Stats, code) -> list[dict[str, Any]]:
    """Cumulative time of each function called directly by ``code``, as attributed from that caller."""
    parent = _key_of(code)
    total = stats.stats.get(parent, (0, 0, 0.0, 0.0, {}))[3]  # type: ignore[attr-defined]
    rows = []
    for key, (_, _, _, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if parent in callers:
            calls, _, own, cumulative = callers[parent]
            rows.append({"function": _label(key), "calls": calls, "cumulative_s": round(cumulative, 3),
                         "share": round(cumulative / total, 3) if total else 0.0})
    rows.sort(key=lambda row: -row["cumulative_s"])
    return [{"function": _label(parent), "calls": None, "cumulative_s": round(total, 3), "share": 1.0}] + rows


def _top(stats: pstats.Stats, order: str, top: int) -> list[dict[str, Any]]:
    stats.sort_stats(order)
    rows = []
    for key in stats.fcn_list[:top]:  # type: ignore[attr-defined]
        calls, _, own, cumulative, _ = stats.stats[key]  # type: ignore[attr-defined]
        rows.append({"function": _label(key), "calls": calls, "tottime_s": round(own, 3),
                     "cumulative_s": round(cumulative, 3)})
    return rows


# ---------------------------------------------------------------- machine and report


def machine() -> dict[str, Any]:
    """Cores, CPU model, memory, versions and load: what the figures depend on."""
    import spacy

    from eventbuilder.options import DEFAULT_MODEL

    cpu_model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib import metadata

        model_version = metadata.version(DEFAULT_MODEL.replace("_", "-"))
    except Exception:
        model_version = None
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"cores": os.cpu_count(), "affinity": affinity,
            "cpu_model": cpu_model, "python": platform.python_version(), "spacy": spacy.__version__,
            "nlp_model": DEFAULT_MODEL, "nlp_model_version": model_version,
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}


def print_table(result: dict[str, Any]) -> None:
    print(f"corpus {result['corpus']}: {result['docs']} docs, {result['words']:,} words; machine {result['machine']}")
    head = f"{'workers':>7} {'function':<8} {'wall s':>7} {'docs/s':>7} {'words/s':>8} {'cpu ms/doc':>10} " \
           f"{'peak RSS/worker MB max/mean':>28} {'after warm-up':>14}"
    if result["modes"]:
        print(head)
    for mode in result["modes"]:
        for name in ("spacy", "stage"):
            run = mode[name]
            print(f"{mode['workers']:>7} {name:<8} {run['wall_s']:>7.2f} {run['docs_per_s']:>7.2f} "
                  f"{run['words_per_s']:>8,.0f} {run['cpu_ms_per_doc']:>10.1f} "
                  f"{run['peak_rss_mb']['max']:>13.0f} / {run['peak_rss_mb']['mean']:<12.0f} "
                  f"{run['warm_rss_mb']['max']:>10.0f}")
        print(f"{'':>7} ratio stage/spaCy: wall {mode['ratio_wall']:.2f}, CPU {mode['ratio_cpu']:.2f}; "
              f"main process peak RSS {mode['main_peak_rss_mb']:.0f} MB; rows {mode['rows']}")
        if "spacy_pipe_batched" in mode:
            pipe = mode["spacy_pipe_batched"]
            print(f"{'':>7} spaCy nlp.pipe batched: {pipe['wall_s']:.2f} s, {pipe['docs_per_s']:.2f} docs/s "
                  f"(stage / pipe = {pipe['ratio_wall_stage_to_pipe']:.2f})")
    if "length_scaling" in result:
        print("\none long document made of the first k articles (serial):")
        for row in result["length_scaling"]:
            print(f"  k={row['articles']:>3} {row['words']:>7,} words: spaCy {row['spacy_s']:>6.2f} s, "
                  f"stage {row['stage_s']:>7.2f} s, ratio {row['ratio']:>5.2f}  rows {row['rows']}")
    if "profile" in result:
        profile = result["profile"]
        print(f"\nprofile of the serial stage on {profile['docs']} docs ({profile['profiled_wall_s']} s under cProfile)")
        cost = profile["doc_text"]
        print(f"  Doc.text read {cost['calls']} times; rebuilding it costs about {cost['estimated_s']} s of the "
              f"{cost['unprofiled_stage_s']} s stage without the profiler ({100 * cost['share_of_stage']:.1f} %); "
              "read by:")
        for reader in cost["readers"]:
            print(f"    {reader['reads']:>7}  {reader['function']}")
        for title, rows in (("stage breakdown (callees of analyse)", profile["breakdown"]),
                            ("process_record callees", profile["by_process_record"])):
            print(f"  {title}:")
            for row in rows[:14]:
                print(f"    {row['cumulative_s']:>8.2f} s {100 * row['share']:>5.1f} %  {row['function']}")
        print("  top functions by own time:")
        for row in profile["top_tottime"][:20]:
            print(f"    {row['tottime_s']:>8.2f} s own {row['cumulative_s']:>8.2f} s cum {row['calls']:>9}  "
                  f"{row['function']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared folder (default $EVENTBUILDER_SHARED or ../shared)")
    parser.add_argument("--corpus", choices=["gwn", "lgl", "both"], default="gwn")
    parser.add_argument("--limit", type=int, default=0, help="first N texts only")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="pool size for the N-worker run")
    parser.add_argument("--skip-serial", action="store_true", help="only the N-worker run")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile the serial stage on N texts")
    parser.add_argument("--scaling", metavar="K,K,...", help="also time one document made of the first K texts, "
                        "for each K (e.g. 1,4,16,64): serial spaCy vs stage")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args(argv)
    texts = load_texts(benchmarks_dir(args.data), args.corpus, args.limit)
    options = BuildOptions()
    result: dict[str, Any] = {"corpus": args.corpus, "docs": len(texts), "words": sum(t.words for t in texts),
                              "machine": machine(), "published": PUBLISHED, "modes": []}
    # the pooled run comes first, so the main process's peak there is the orchestration alone
    worker_counts = [args.workers] if args.workers > 1 else []
    worker_counts += [] if args.skip_serial else [1]
    for workers in worker_counts:
        result["modes"].append(measure_mode(texts, workers, options))
    if args.scaling:
        result["length_scaling"] = length_scaling(texts, [int(k) for k in args.scaling.split(",")], options)
    if args.profile:
        result["profile"] = profile_stage(texts[: args.profile], options)
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
