"""Link stage: claims that report the same real-world event become one timeline event.

A function over tables, independent of how the claims were produced: it takes every claim of a
build (a pyarrow table with the claims columns), the documents (for publication times and
sources) and what the parent version knew (its event_links and events, for stable ids), and returns
the event id of every claim plus the ``events``, ``event_links`` and ``event_redirects`` tables.

    features  -> claims as integer-coded columns, in canonical order
    blocking  -> candidate pairs sharing a type family, an entity key and a time bucket
    pairs     -> rules: conflict, compatible, or linked by a named rule with its evidence
    cluster   -> strongest links first, never joining conflicting claims; link trees
    ids       -> stable ids against the parent version, redirects for merges
    consensus -> one row per event, its consensus and disagreements
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from eventbuilder.link.blocking import candidate_pairs
from eventbuilder.link.cluster import cluster
from eventbuilder.link.features import claim_features
from eventbuilder.link.ids import PreviousEvents, assign_ids
from eventbuilder.link.pairs import LINK, TextIndex, evaluate_pairs
from eventbuilder.link.rules import RULES_VERSION
from eventbuilder.link.tables import events_table, links_table, redirects_table

__all__ = ["LinkResult", "PreviousEvents", "link_claims", "RULES_VERSION"]


@dataclass
class LinkResult:
    """The link stage's output; ``event_ids`` is aligned with the input claims' rows."""

    event_ids: pa.Array
    events: pa.Table
    event_links: pa.Table
    event_redirects: pa.Table
    stats: dict[str, object] = field(default_factory=dict)


def link_claims(claims: pa.Table, documents: pa.Table, previous: PreviousEvents | None = None,
                places: pa.Table | None = None) -> LinkResult:
    """Link every claim of a build into events (see the module docstring). ``places`` (the places
    table) is optional: with it, a sentence naming a place of its own is not read as referring back."""
    previous = previous or PreviousEvents()
    clock = _Clock()
    f = claim_features(claims, documents, places)
    clock.lap("features")
    candidates = candidate_pairs(f)
    clock.lap("blocking")
    text = TextIndex(f)
    pairs = evaluate_pairs(f, candidates.left, candidates.right, text)
    clock.lap("pairs")
    clusters = cluster(f, pairs, text)
    clock.lap("clustering")
    claim_ids = f.claims["claim_id"].to_pylist()
    ids = assign_ids(clusters.root, claim_ids, previous)
    event_ids = [ids.by_root[r] for r in clusters.root.tolist()]
    sources, source_names, doc_ids = _document_codes(f, documents)
    events = events_table(f, clusters, ids, sources, source_names, doc_ids)
    clock.lap("events")
    links = links_table(f, clusters, pairs, event_ids, text)
    redirects = redirects_table(ids)
    clock.lap("links")
    aligned = np.empty(f.n, dtype=object)
    aligned[f.order] = event_ids
    stats = {"rules": RULES_VERSION, "claims": f.n, "events": events.num_rows,
             "candidate_pairs": int(len(candidates.left)), "linked_pairs": int((pairs.status == LINK).sum()),
             "blocks": candidates.blocks, "thinned_blocks": candidates.thinned_blocks,
             "unchecked_components": clusters.unchecked_components, "generation": ids.generation,
             "redirects": redirects.num_rows, "seconds": clock.laps}
    return LinkResult(pa.array(aligned, type=pa.string()), events, links, redirects, stats)


def _document_codes(f, documents: pa.Table) -> tuple[np.ndarray, list[str], list[str]]:
    """Per claim: the code of its document's source; the source names; doc_id per document code."""
    doc_id_values = f.claims["doc_id"].to_pylist()
    codes, doc_uniques = pd.factorize(np.array(doc_id_values, dtype=object))
    by_doc: dict[str, str | None] = {}
    if documents.num_rows and "source" in documents.column_names:
        by_doc = dict(zip(documents["doc_id"].to_pylist(), documents["source"].to_pylist()))
    names = sorted({s for s in by_doc.values() if s})
    code_of = {s: i for i, s in enumerate(names)}
    per_doc = np.array([code_of.get(by_doc.get(d) or "", -1) for d in doc_uniques], dtype=np.int64)
    return per_doc[codes], names, [str(d) for d in doc_uniques]


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now
