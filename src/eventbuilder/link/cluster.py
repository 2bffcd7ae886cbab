"""Clustering linked claims into events without chaining through contradictions.

Linked pairs are merged strongest first (score, then canonical order, so the result never depends
on scheduling), and two groups merge only when no claim of one conflicts with a claim of the other:
a month-level "Macron and Putin talked in February" may join the Moscow talks of 7 February or the
phone call of 12 February, never both, because those two conflict (different days).

The work splits by connected component of the linked pairs: a component is independent of every
other, which is how the stage partitions on Dask (components are small; a distributed union-find
over the accepted edges finds them).

Every claim then gets the claim it is linked to: the tree of strongest links grown from the event's
first claim (earliest published), so following ``linked_to`` from any claim reaches the claim whose
rule is ``new``.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from eventbuilder.link.features import ClaimFeatures
from eventbuilder.link.pairs import CONFLICT, LINK, PairEvaluation, TextIndex, evaluate_pairs
from eventbuilder.link.rules import AMBIGUITY_MARGIN

# Components larger than this check conflicts only among the pairs the blocking produced.
FULL_CHECK_LIMIT = 2500


@dataclass
class Clusters:
    """Per claim (canonical order): its event's first claim, the claim it links to, and the index
    of that link in the pair evaluation (-1 for the first claim)."""

    root: np.ndarray
    parent: np.ndarray
    edge: np.ndarray
    unchecked_components: int  # components above FULL_CHECK_LIMIT


def cluster(f: ClaimFeatures, pairs: PairEvaluation, text: TextIndex) -> Clusters:
    link = np.flatnonzero(pairs.status == LINK)
    labels = _components(f.n, pairs.left[link], pairs.right[link])
    group = _constrained_groups(f, pairs, link, labels, text)
    root = _first_of_group(group)
    parent, edge = _link_tree(f.n, root, pairs, link, group)
    sizes = np.bincount(labels, minlength=f.n) if f.n else np.zeros(0, int)
    return Clusters(root, parent, edge, int((sizes > FULL_CHECK_LIMIT).sum()))


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _constrained_groups(f: ClaimFeatures, pairs: PairEvaluation, link: np.ndarray, labels: np.ndarray,
                        text: TextIndex) -> np.ndarray:
    """Group id per claim (the smallest canonical index in the group)."""
    group = np.arange(f.n)
    sizes = np.bincount(labels, minlength=f.n) if f.n else np.zeros(0, int)
    edge_label = labels[pairs.left[link]]
    pairs_of_two = sizes[edge_label] == 2
    left, right = pairs.left[link][pairs_of_two], pairs.right[link][pairs_of_two]
    group[right] = np.minimum(left, right)
    group[left] = np.minimum(left, right)
    big = link[~pairs_of_two]
    if not len(big):
        return group
    conflicts = _known_conflicts(f, pairs, labels, sizes, text)
    order = np.lexsort((pairs.right[big], pairs.left[big], -pairs.score[big]))
    by_label: dict[int, list[int]] = {}
    for k in big[order].tolist():
        by_label.setdefault(int(labels[pairs.left[k]]), []).append(k)
    for label, edges in by_label.items():
        table = conflicts.get(label, {})
        _merge_component(group, pairs, _unambiguous(pairs, edges, table), table)
    return group


def _unambiguous(pairs: PairEvaluation, edges: list[int], conflicts: dict[int, set[int]]) -> list[int]:
    """Drop the links of a claim to two claims that conflict with each other, unless one link is
    stronger by AMBIGUITY_MARGIN ("Russia fired 84 missiles" matches the Kyiv and the Lviv strike)."""
    neighbours: dict[int, list[tuple[float, int, int]]] = {}
    for k in edges:
        a, b, s = int(pairs.left[k]), int(pairs.right[k]), float(pairs.score[k])
        neighbours.setdefault(a, []).append((s, b, k))
        neighbours.setdefault(b, []).append((s, a, k))
    dropped: set[int] = set()
    for links in neighbours.values():
        links.sort(key=lambda item: (-item[0], item[1]))
        for x, (score_a, a, k_a) in enumerate(links):
            for score_b, b, k_b in links[x + 1:]:
                if b in conflicts.get(a, ()):
                    dropped.add(k_b)
                    if round(score_a - score_b, 6) < AMBIGUITY_MARGIN:
                        dropped.add(k_a)
    return [k for k in edges if k not in dropped]


def _known_conflicts(f: ClaimFeatures, pairs: PairEvaluation, labels: np.ndarray, sizes: np.ndarray,
                     text: TextIndex) -> dict[int, dict[int, set[int]]]:
    """Conflicting claim pairs inside every component of three or more claims: all pairs of members
    are evaluated (those the blocking never produced too), up to FULL_CHECK_LIMIT members."""
    wanted = np.flatnonzero((sizes >= 3) & (sizes <= FULL_CHECK_LIMIT))
    members = np.flatnonzero(np.isin(labels, wanted))
    order = np.argsort(labels[members], kind="stable")
    members = members[order]
    lefts, rights = [], []
    bounds = np.flatnonzero(np.r_[True, labels[members][1:] != labels[members][:-1], True])
    for start, end in zip(bounds[:-1], bounds[1:]):
        a, b = np.triu_indices(end - start, k=1)
        lefts.append(members[start:end][a])
        rights.append(members[start:end][b])
    out: dict[int, dict[int, set[int]]] = {}
    found = [(pairs.left[pairs.status == CONFLICT], pairs.right[pairs.status == CONFLICT])]
    if lefts:
        full = evaluate_pairs(f, np.concatenate(lefts), np.concatenate(rights), text)
        found.append((full.left[full.status == CONFLICT], full.right[full.status == CONFLICT]))
    for left, right in found:
        inside = (labels[left] == labels[right]) & (sizes[labels[left]] >= 3)
        for a, b in zip(left[inside].tolist(), right[inside].tolist()):
            table = out.setdefault(int(labels[a]), {})
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return out


def _merge_component(group: np.ndarray, pairs: PairEvaluation, edges: list[int],
                     conflicts: dict[int, set[int]]) -> None:
    """Greedy merging, strongest link first, refusing any merge that joins two conflicting claims."""
    parent: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    banned: dict[int, set[int]] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in edges:
        a, b = find(int(pairs.left[k])), find(int(pairs.right[k]))
        if a == b:
            continue
        ma, mb = members.setdefault(a, {a}), members.setdefault(b, {b})
        ba = banned.setdefault(a, set().union(*(conflicts.get(x, set()) for x in ma)))
        bb = banned.setdefault(b, set().union(*(conflicts.get(x, set()) for x in mb)))
        if ba & mb:
            continue
        keep, gone = (a, b) if a < b else (b, a)
        parent[gone] = keep
        members[keep] = ma | mb
        banned[keep] = ba | bb
        members.pop(gone, None)
        banned.pop(gone, None)
    for top, claims in members.items():
        if find(top) == top:
            first = min(claims)
            for claim in claims:
                group[claim] = first


def _first_of_group(group: np.ndarray) -> np.ndarray:
    """The smallest canonical index of each claim's group (the event's first report)."""
    if not len(group):
        return group
    first = np.full(len(group), len(group), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(group)))
    return first[group]


def _link_tree(n: int, root: np.ndarray, pairs: PairEvaluation, link: np.ndarray, group: np.ndarray):
    """Maximum spanning tree of each event's links, grown from its first claim (Prim)."""
    parent = np.full(n, -1, dtype=np.int64)
    edge = np.full(n, -1, dtype=np.int64)
    inside = link[root[pairs.left[link]] == root[pairs.right[link]]]
    del group
    adjacency: dict[int, list[tuple[float, int, int, int]]] = {}
    for k in inside.tolist():
        a, b, s = int(pairs.left[k]), int(pairs.right[k]), float(pairs.score[k])
        adjacency.setdefault(a, []).append((-s, b, a, k))
        adjacency.setdefault(b, []).append((-s, a, b, k))
    for start in np.unique(root[list(adjacency)]).tolist() if adjacency else []:
        seen = {start}
        heap = list(adjacency.get(start, []))
        heapq.heapify(heap)
        while heap:
            _, node, via, k = heapq.heappop(heap)
            if node in seen:
                continue
            seen.add(node)
            parent[node], edge[node] = via, k
            for item in adjacency.get(node, []):
                if item[1] not in seen:
                    heapq.heappush(heap, item)
    return parent, edge
