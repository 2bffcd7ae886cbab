"""Clustering measures and a build helper shared by the event-linking benchmarks
(``events_eval.py`` on our gold set, ``ecbplus.py`` on ECB+)."""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd


def pairwise(gold: dict[Hashable, Hashable], predicted: dict[Hashable, Hashable]) -> dict[str, float | int]:
    """Precision, recall and F1 over all pairs of items: a pair is positive when both items share a
    cluster. ``gold`` and ``predicted`` map the same items to cluster labels."""
    items = sorted(gold, key=repr)
    tp = predicted_pos = gold_pos = 0
    by_gold, by_pred = _members(gold, items), _members(predicted, items)
    gold_pos = sum(len(m) * (len(m) - 1) // 2 for m in by_gold.values())
    predicted_pos = sum(len(m) * (len(m) - 1) // 2 for m in by_pred.values())
    for members in by_pred.values():
        for a, b in combinations(members, 2):
            tp += gold[a] == gold[b]
    return _prf(tp, predicted_pos, gold_pos)


def bcubed(gold: dict[Hashable, Hashable], predicted: dict[Hashable, Hashable]) -> dict[str, float | int]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998) over the items of ``gold``."""
    items = sorted(gold, key=repr)
    if not items:
        return {"items": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_gold, by_pred = _members(gold, items), _members(predicted, items)
    precision = recall = 0.0
    for item in items:
        same_pred = by_pred[predicted[item]]
        same_gold = by_gold[gold[item]]
        correct = sum(gold[other] == gold[item] for other in same_pred)
        precision += correct / len(same_pred)
        recall += correct / len(same_gold)
    p, r = precision / len(items), recall / len(items)
    return {"items": len(items), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _members(labels: dict[Hashable, Hashable], items: Iterable[Hashable]) -> dict[Hashable, list[Hashable]]:
    out: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item in items:
        out[labels[item]].append(item)
    return out


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"tp": tp, "predicted_pairs": predicted, "gold_pairs": gold, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def build_records(records: list[dict[str, Any]], workers: int = 1, cache: Path | None = None) -> dict[str, pd.DataFrame]:
    """Build JSON records (id, text, published, source, ...) with the product's own build into a
    temporary folder; returns documents, claims, events and event_links as DataFrames.

    With ``cache`` (a folder), the documents and claims of the first run are kept there, keyed by
    the records, and later runs re-run only the link stage on them (for work on the link rules).
    """
    from eventbuilder.build import build
    from eventbuilder.options import BuildOptions
    from eventbuilder.store.read import load

    if cache is not None:
        return _relink(records, workers, cache)
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        (raw / "articles.jsonl").write_text(lines, encoding="utf-8")
        engine = "serial" if workers == 1 else "process"
        report = build(raw, Path(folder) / "out", BuildOptions(engine=engine, workers=workers))
        root = report.version.path.parent
        return {t: load(t, report.version.name, root)
                for t in ("documents", "claims", "places", "events", "event_links")}


def counts_of(labels: dict[Hashable, Hashable]) -> Counter:
    return Counter(labels.values())


def _relink(records: list[dict[str, Any]], workers: int, cache: Path) -> dict[str, pd.DataFrame]:
    import hashlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventbuilder.link import link_claims
    from eventbuilder.store.read import load

    key = hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:16]
    folder = cache / key
    if not (folder / "claims.parquet").is_file():
        tables = build_records(records, workers)
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("documents", "claims", "places"):
            pq.write_table(pa.Table.from_pandas(tables[name], preserve_index=False), folder / f"{name}.parquet")
    documents = pq.read_table(folder / "documents.parquet")
    claims = pq.read_table(folder / "claims.parquet").drop_columns(["event_id"])
    result = link_claims(claims, documents, places=pq.read_table(folder / "places.parquet"))
    del load
    claims = claims.append_column("event_id", result.event_ids)
    return {"documents": documents.to_pandas(), "claims": claims.to_pandas(), "events": result.events.to_pandas(),
            "event_links": result.event_links.to_pandas()}
