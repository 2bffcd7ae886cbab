"""Speed and memory of the link stage: a synthetic table of claims, and its share of real builds.

    .venv/bin/python benchmarks/link_scale.py --claims 1000000 [--seed 7] [--json PATH]
    .venv/bin/python benchmarks/link_scale.py --build raw [--workers 2]     # share of a normal build

Synthetic claims: events spread over ten years (2015-2024), each reported 1 to 6 times (mean about
2.2) by documents published on the day or up to three days later, ten claims per document. Types,
actors (200 states, 5,000 people, 300 groups) and places (20,000 in 200 clusters) are drawn with
Zipf-like weights 1 / (rank + c), so blocks look like a news archive: a few busy actors and places
(the busiest state is the doer of about 6% of all events, the busiest place hosts about 2% of the
placed ones), many rare ones. Some
reports are dated only by their publication date, some to the month, some not at all; statements
share content words with the other reports of their event. The table has every claims column, with
the declared types, and is linked by ``link_claims`` exactly as a build does.

The table is generated in a child process and written to Parquet; this process reads the columns
the stage uses and links them. Time is wall-clock for ``link_claims`` alone; memory is this process's peak resident set size
(``ru_maxrss``): the claims and documents tables as read (reported separately) plus the stage.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find the helpers beside it

from _common import write_json
from eventbuilder.link.features import CLAIM_COLUMNS
from eventbuilder.schemas import load_schema

TYPES = np.array(["meeting", "statement", "attack", "troop_deployment", "agreement", "accusation", "request",
                  "sanction", "aid", "protest", "military_exercise", "threat", "rejection", "concession",
                  "investigation"])
TYPE_WEIGHTS = np.array([10, 30, 18, 5, 6, 8, 5, 4, 3, 4, 2, 2, 1, 1, 1], dtype=float)
# a news vocabulary: 20,000 content words; word frequencies follow Zipf's law over all words, of which
# the head (the hundred function words "the", "of", ...) is dropped, as the statement rule drops it
WORD_WEIGHTS = 1.0 / (np.arange(20000) + 100.0)
WORD_WEIGHTS /= WORD_WEIGHTS.sum()
WORDS = np.array(["".join("abcdefghijklmnopqrstuvwxyz"[(k // 26 ** i) % 26] for i in range(4)) + "on"
                  for k in range(20000)])
START = np.datetime64("2015-01-01")
DAYS = 3653


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def synthetic_claims(n: int, seed: int) -> tuple[pa.Table, pa.Table, int]:
    """(claims, documents, number of true events) with ``n`` claims."""
    rng = np.random.default_rng(seed)
    reports = np.minimum(rng.geometric(0.45, size=int(n / 2.0)), 6)
    reports = reports[np.cumsum(reports) <= n]
    events = len(reports)
    event = np.repeat(np.arange(events), reports)[:n]
    n = len(event)
    types = rng.choice(len(TYPES), size=events, p=TYPE_WEIGHTS / TYPE_WEIGHTS.sum())
    day = rng.integers(0, DAYS, size=events)
    states = np.array([f"S{k:02d}" for k in range(200)], dtype=object)
    people = np.array([f"person:p{k:04d}" for k in range(5000)], dtype=object)
    groups = np.array([f"org:g{k:03d}" for k in range(300)], dtype=object)
    doer = _zipf_pick(rng, events, states, people, groups)
    target = np.where(rng.random(events) < 0.6, _zipf_pick(rng, events, states, people, groups), None)
    second = _zipf_pick(rng, events, states, people, groups)
    place_ids = rng.choice(20000, size=events, p=_heavy_head(20000, 5))
    centres = rng.uniform([-40, -120], [60, 140], size=(200, 2))
    place_lat = centres[place_ids % 200, 0] + ((place_ids * 7919) % 1000) / 300.0
    place_lon = centres[place_ids % 200, 1] + ((place_ids * 104729) % 1000) / 300.0
    has_place = rng.random(events) < 0.6
    quantity = np.where(rng.random(events) < 0.2, rng.integers(1, 200, size=events) * 100.0, np.nan)
    # reports: documents published on the event day or up to 3 days later, 10 claims per document
    published = day[event] + rng.integers(0, 4, size=n)
    order = np.argsort(published, kind="stable")
    doc = np.empty(n, dtype=np.int64)
    doc[order] = np.arange(n) // 10
    n_docs = int(doc.max()) + 1
    doc_day = np.zeros(n_docs, dtype=np.int64)
    doc_day[doc] = published
    kind = rng.random(n)
    method = np.select([kind < 0.55, kind < 0.85, kind < 0.95], ["relative", "publication_fallback", "explicit"],
                       "none")
    claim_day = np.where(method == "publication_fallback", doc_day[doc], day[event])
    month_level = rng.random(n) < 0.04
    start = np.where(month_level, claim_day - (claim_day % 30), claim_day)
    end = np.where(month_level, start + 29, claim_day)
    undated = method == "none"
    noisy_quantity = quantity[event] * np.where(rng.random(n) < 0.3, rng.uniform(0.8, 1.2, size=n), 1.0)
    etype = TYPES[types[event]]
    words = rng.choice(len(WORDS), size=(events, 8), p=WORD_WEIGHTS)
    texts = _sentences(rng, event, words, doer)
    columns: dict[str, Any] = {
        "claim_id": [f"c{k:015x}" for k in range(n)], "doc_id": [f"d{d:011x}" for d in doc],
        "sentence_index": (np.arange(n) % 10).astype(np.int32), "char_start": (np.arange(n) % 10 * 120).astype(np.int32),
        "char_end": (np.arange(n) % 10 * 120 + 110).astype(np.int32), "evidence_text": texts,
        "event_type": etype, "trigger": etype,
        "actor1_name": doer[event], "actor1_text": doer[event], "actor1_id": doer[event],
        "actor1_country": np.where(np.char.startswith(doer[event].astype(str), "S"), doer[event], None),
        "actor2_name": target[event], "actor2_text": target[event], "actor2_id": target[event],
        "participants": [[a, b] if t == "meeting" else [] for a, b, t in zip(doer[event], second[event], etype)],
        "speaker": np.where(np.isin(etype, ["statement", "accusation", "request", "threat", "rejection"]), doer[event],
                            None),
        "modality": np.where(rng.random(n) < 0.08, "planned", "asserted"),
        "quantity_value": noisy_quantity, "quantity_unit": np.where(np.isnan(noisy_quantity), None, "troops"),
        "date_start": _dates(start, undated), "date_end": _dates(end, undated),
        "date_granularity": np.where(undated, "unknown", np.where(month_level, "month", "day")),
        "date_method": method,
        "place_text": np.where(has_place[event], [f"place {p}" for p in place_ids[event]], None),
        "place_name": np.where(has_place[event], [f"place {p}" for p in place_ids[event]], None),
        "place_id": np.where(has_place[event], place_ids[event].astype(str), None),
        "latitude": np.where(has_place[event], place_lat[event], np.nan),
        "longitude": np.where(has_place[event], place_lon[event], np.nan),
        "geo_precision": np.where(has_place[event], "city", "none"),
        "geo_method": np.where(has_place[event], "sentence", "none"),
        "confidence": np.full(n, 0.9), "extractor": np.full(n, "synthetic"),
    }
    claims = _table(columns, n)
    documents = pa.table({
        "doc_id": [f"d{d:011x}" for d in range(n_docs)],
        "published_at": pa.array((START + doc_day.astype("timedelta64[D]")).astype("datetime64[us]"))
        .cast(pa.timestamp("us", tz="UTC")),
        "source": [f"outlet {d % 500}" for d in range(n_docs)]})
    return claims, documents, events


def _heavy_head(n: int, offset: float) -> np.ndarray:
    """Zipf-like weights 1 / (rank + offset): a few very frequent items, a long tail."""
    weights = 1.0 / (np.arange(n) + offset)
    return weights / weights.sum()


def _zipf_pick(rng, size, states, people, groups) -> np.ndarray:
    """Doers: 55% states (the busiest about 6% of all events), 35% people, 10% armed groups."""
    kind = rng.random(size)
    out = np.where(kind < 0.55, states[rng.choice(len(states), size, p=_heavy_head(len(states), 2))],
                   np.where(kind < 0.9, people[rng.choice(len(people), size, p=_heavy_head(len(people), 5))],
                            groups[rng.choice(len(groups), size, p=_heavy_head(len(groups), 3))]))
    return out.astype(object)


def _sentences(rng, event, words, doer) -> list[str]:
    """Each report words its event in its own way: 5 of the event's 8 words and 4 of its own."""
    own = np.take_along_axis(words[event], rng.permuted(np.tile(np.arange(8), (len(event), 1)), axis=1)[:, :5], 1)
    noise = rng.choice(len(WORDS), size=(len(event), 4), p=WORD_WEIGHTS)
    picked = np.concatenate([own, noise], axis=1)
    return [f"{d} said {' '.join(WORDS[row])}." for d, row in zip(doer[event], picked)]


def _dates(days: np.ndarray, missing: np.ndarray) -> pa.Array:
    values = (START + days.astype("timedelta64[D]")).astype("datetime64[D]")
    return pa.array(values, mask=missing).cast(pa.date32())


def _table(columns: dict[str, Any], n: int) -> pa.Table:
    declared = [f for f in load_schema("claims").arrow_schema() if f.name != "event_id"]
    arrays = []
    for field in declared:
        value = columns.get(field.name)
        if value is None:
            arrays.append(pa.nulls(n, type=field.type))
        elif isinstance(value, pa.Array):
            arrays.append(value.cast(field.type))
        else:
            arrays.append(pa.array(value, type=field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(declared))


def run_synthetic(n: int, seed: int) -> dict[str, Any]:
    """Generate in a child process (its memory is not counted), then read and link here."""
    import pyarrow.parquet as pq

    from eventbuilder.link import link_claims

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", folder, "--claims", str(n), "--seed", str(seed)],
                       check=True)
        generated = time.perf_counter() - started
        # the columns the stage reads (a streaming build hands it no more)
        claims = pq.read_table(Path(folder) / "claims.parquet", columns=list(CLAIM_COLUMNS))
        documents = pq.read_table(Path(folder) / "documents.parquet")
        pa.default_memory_pool().release_unused()  # the Parquet reader's buffers
        true_events = json.loads((Path(folder) / "truth.json").read_text())["events"]
    gc.collect()
    before = current_rss_mb()
    peak_before = rss_mb()
    started = time.perf_counter()
    result = link_claims(claims, documents)
    seconds = time.perf_counter() - started
    return {
        "claims": claims.num_rows, "documents": documents.num_rows, "true_events": true_events,
        "events": result.events.num_rows, "generation_seconds": round(generated, 1),
        "link_seconds": round(seconds, 1), "phases": result.stats["seconds"],
        "candidate_pairs": result.stats["candidate_pairs"], "linked_pairs": result.stats["linked_pairs"],
        "blocks": result.stats["blocks"], "thinned_blocks": result.stats["thinned_blocks"],
        "rss_before_link_mb": round(before), "peak_rss_before_link_mb": round(peak_before),
        "peak_rss_mb": round(rss_mb()),
    }


def run_build(raw: Path, workers: int) -> dict[str, Any]:
    from eventbuilder.build import build
    from eventbuilder.options import BuildOptions

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = build(raw, out, BuildOptions(workers=workers))
        seconds = time.perf_counter() - started
    link = report.version.manifest["link"]
    link_seconds = sum(link["seconds"].values())
    return {"raw": str(raw), "documents": report.counts["documents"], "claims": report.counts["claims"],
            "events": report.counts["events"], "build_seconds": round(seconds, 2),
            "link_seconds": round(link_seconds, 3), "link_share": round(link_seconds / seconds, 4),
            "phases": link["seconds"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="synthetic claims [1000000]")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build", metavar="RAW", help="instead: build RAW and report the link stage's share")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", metavar="PATH", help="write the figures to this JSON file")
    parser.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.generate:
        import pyarrow.parquet as pq

        claims, documents, events = synthetic_claims(args.claims, args.seed)
        pq.write_table(claims, Path(args.generate) / "claims.parquet")
        pq.write_table(documents, Path(args.generate) / "documents.parquet")
        (Path(args.generate) / "truth.json").write_text(json.dumps({"events": events}))
        return 0
    report = run_build(Path(args.build), args.workers) if args.build else run_synthetic(args.claims, args.seed)
    print(json.dumps(report, indent=2))
    if args.json:
        write_json(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
