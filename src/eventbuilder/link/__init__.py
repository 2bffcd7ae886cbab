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
import pyarrow as pa

from eventbuilder.link.blocking import candidate_pairs
from eventbuilder.link.cluster import cluster
from eventbuilder.link.features import claim_features
from eventbuilder.link.ids import PreviousEvents, assign_ids
from eventbuilder.link.pairs import evaluate_candidates
from eventbuilder.link.rules import RULES_VERSION
from eventbuilder.link.tables import events_table, links_table, redirects_table
from eventbuilder.link.text import TextIndex

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
    text = TextIndex(f)
    candidates = candidate_pairs(f, text)
    n_candidates, n_blocks, n_thinned = int(len(candidates.left)), candidates.blocks, candidates.thinned_blocks
    clock.lap("blocking")
    pairs, conflicts = evaluate_candidates(f, candidates.left, candidates.right, text)
    del candidates
    clock.lap("pairs")
    clusters = cluster(f, pairs, conflicts, text)
    del conflicts, text
    n_linked = int(len(pairs.left))
    pairs = _tree_links(pairs, clusters)
    clock.lap("clustering")
    ids = assign_ids(clusters.root, f.claims["claim_id"], previous)
    event_ids = ids.per_claim(clusters.root)
    sources, source_names, doc_ids = _document_codes(f, documents)
    events = events_table(f, clusters, ids, sources, source_names, doc_ids)
    clock.lap("events")
    links = links_table(f, clusters, pairs, event_ids)
    redirects = redirects_table(ids)
    clock.lap("links")
    inverse = np.empty(f.n, dtype=np.int64)
    inverse[f.order] = np.arange(f.n)
    stats = {"rules": RULES_VERSION, "claims": f.n, "events": events.num_rows,
             "candidate_pairs": n_candidates, "linked_pairs": n_linked,
             "blocks": n_blocks, "thinned_blocks": n_thinned,
             "large_components": clusters.large_components, "generation": ids.generation,
             "redirects": redirects.num_rows, "seconds": clock.laps}
    return LinkResult(event_ids.take(pa.array(inverse)), events, links, redirects, stats)


def _tree_links(pairs, clusters):
    """Only the links of the event trees are written out: keep their evidence, drop the rest."""
    from eventbuilder.link.pairs import PairEvaluation

    used = np.flatnonzero(clusters.edge >= 0)
    keep = clusters.edge[used]
    clusters.edge[used] = np.arange(len(used))
    return PairEvaluation(*(getattr(pairs, name)[keep] for name in PairEvaluation.__dataclass_fields__))


def _document_codes(f, documents: pa.Table) -> tuple[np.ndarray, list[str], list[str]]:
    """Per claim: the code of its document's source (sources numbered alphabetically); the source
    names; the doc_id of each document code (``f.doc``)."""
    codes = f.doc.astype(np.int64)
    first = np.full(int(codes.max()) + 1 if len(codes) else 0, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    doc_ids = f.claims.take("doc_id", first).to_pylist()
    by_doc: dict[str, str | None] = {}
    if documents.num_rows and "source" in documents.column_names:
        by_doc = dict(zip(documents["doc_id"].to_pylist(), documents["source"].to_pylist()))
    names = sorted({s for s in by_doc.values() if s})
    code_of = {s: i for i, s in enumerate(names)}
    per_doc = np.array([code_of.get(by_doc.get(d) or "", -1) for d in doc_ids] + [-1], dtype=np.int64)
    return per_doc[codes], names, [str(d) for d in doc_ids]


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        # Arrow's allocator keeps freed buffers for reuse; hand them back between phases of a big build
        pa.default_memory_pool().release_unused()
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now
