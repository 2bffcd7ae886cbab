"""Clustering linked claims into events without chaining through contradictions.

Linked pairs are merged strongest first (score, then canonical order, so the result never depends
on scheduling), and two groups merge only when no claim of one conflicts with a claim of the other:
a month-level "Macron and Putin talked in February" may join the Moscow talks of 7 February or the
phone call of 12 February, never both, because those two conflict (different days). A claim linked
to two claims that conflict with each other keeps only a clearly stronger link (``AMBIGUITY_MARGIN``).

Each claim keeps its ``TOP_LINKS`` strongest links (an event reported a hundred times needs no
five thousand links to hold together). The work splits by connected component of those links:
components are independent of each other, which is how the stage partitions on Dask (a distributed
union-find over the accepted edges finds them). In a component of up to ``FULL_CHECK_LIMIT`` claims
every pair of claims is checked for conflicts; in a larger one (a troop build-up reported daily for
months) groups carry summaries instead: the span of their dates and one claim per distinct
combination of everything else the rules compare.

Every claim then gets the claim it is linked to: the tree of strongest links grown from the event's
first claim (earliest published), so following ``linked_to`` from any claim reaches the claim whose
rule is ``new``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components, minimum_spanning_tree

from eventbuilder.link.features import NO_DATE, ClaimFeatures, sorted_unique
from eventbuilder.link.pairs import LINK, PairEvaluation, conflict_keys, match_intervals
from eventbuilder.link.rules import AMBIGUITY_MARGIN, FAMILIES, UNDATED_WINDOW_DAYS
from eventbuilder.link.text import TextIndex

TOP_LINKS = 16
FULL_CHECK_LIMIT = 64  # bit masks of 64 members


@dataclass
class Clusters:
    """Per claim (canonical order): its event's first claim, the claim it links to, and the index
    of that link in the pair evaluation (-1 for the first claim)."""

    root: np.ndarray
    parent: np.ndarray
    edge: np.ndarray
    large_components: int  # components merged with group summaries


def cluster(f: ClaimFeatures, pairs: PairEvaluation, candidate_conflicts: np.ndarray, text: TextIndex) -> Clusters:
    """Events from the linked pairs (``pairs``) and the conflicts among candidates (sorted keys
    ``left * n + right``)."""
    link = strongest_links(f.n, pairs)
    labels = _components(f.n, pairs.left[link], pairs.right[link])
    sizes = np.bincount(labels, minlength=f.n) if f.n else np.zeros(0, int)
    conflicts = _conflict_keys(f, candidate_conflicts, labels, sizes, text)
    link = _unambiguous(f.n, pairs, link, conflicts)
    group = np.arange(f.n)
    by_label = _edges_by_component(pairs, link, labels)
    masks = _conflict_masks(f.n, labels, sizes, conflicts)
    for label, edges in by_label.items():
        if sizes[label] <= FULL_CHECK_LIMIT:
            _merge_checked(group, pairs, edges, masks)
        else:
            _SummaryMerger(f, conflicts).merge(group, pairs, edges, np.flatnonzero(labels == label))
    root = _first_of_group(group)
    parent, edge = _link_tree(f.n, root, pairs, link)
    return Clusters(root, parent, edge, int((sizes > FULL_CHECK_LIMIT).sum()))


def strongest_links(n: int, pairs: PairEvaluation) -> np.ndarray:
    """Indices of LINK pairs among each claim's TOP_LINKS strongest (kept when either end keeps it)."""
    link = np.flatnonzero(pairs.status == LINK)
    if not len(link):
        return link
    ends, _, _, index, start = _links_by_end(pairs, link)
    rank = np.arange(len(ends)) - np.repeat(start, np.diff(np.r_[start, len(ends)]))
    return sorted_unique(index[rank < TOP_LINKS])


def _links_by_end(pairs: PairEvaluation, link: np.ndarray):
    """Each link seen from both its ends, grouped by end and strongest first (ties by the other
    end): (end, other end, score, link index, where each end's group starts)."""
    node = np.concatenate([pairs.left[link], pairs.right[link]])
    other = np.concatenate([pairs.right[link], pairs.left[link]])
    score = np.concatenate([pairs.score[link], pairs.score[link]])
    edge = np.concatenate([link, link])
    order = np.lexsort((other, -score, node))
    node, other, score, edge = node[order], other[order], score[order], edge[order]
    start = np.r_[0, np.flatnonzero(node[1:] != node[:-1]) + 1]
    return node, other, score, edge, start


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _edges_by_component(pairs: PairEvaluation, link: np.ndarray, labels: np.ndarray) -> dict[int, list[int]]:
    """Links of every component, strongest first (ties: canonical order)."""
    order = np.lexsort((pairs.right[link], pairs.left[link], -pairs.score[link]))
    ranked = link[order]
    edge_labels = labels[pairs.left[ranked]]
    out: dict[int, list[int]] = {}
    for k, label in zip(ranked.tolist(), edge_labels.tolist()):
        out.setdefault(label, []).append(k)
    return out


def _conflict_keys(f: ClaimFeatures, candidate_conflicts: np.ndarray, labels: np.ndarray, sizes: np.ndarray,
                   text: TextIndex) -> np.ndarray:
    """Sorted keys (a * n + b, a < b) of conflicting pairs inside components: every pair of members
    of components of 3 to FULL_CHECK_LIMIT claims is evaluated (those the blocking never produced
    too); inside larger components, the conflicts the blocking found."""
    wanted = np.flatnonzero((sizes >= 3) & (sizes <= FULL_CHECK_LIMIT))
    members = np.flatnonzero(np.isin(labels, wanted))
    members = members[np.argsort(labels[members], kind="stable")]
    bounds = np.flatnonzero(np.r_[True, labels[members][1:] != labels[members][:-1], True])
    n = max(f.n, 1)
    found = [part[labels[part // n] == labels[part % n]]
             for part in (candidate_conflicts[s:s + 4_000_000] for s in range(0, len(candidate_conflicts), 4_000_000))]
    component_sizes = np.diff(bounds)
    for size in sorted(set(component_sizes.tolist())):
        starts = bounds[:-1][component_sizes == size]
        a, b = np.triu_indices(size, k=1)
        for chunk in range(0, len(starts), max(1, 400_000 // max(len(a), 1))):
            index = starts[chunk:chunk + max(1, 400_000 // max(len(a), 1))][:, None] + np.arange(size)[None, :]
            found.append(conflict_keys(f, members[index[:, a].ravel()], members[index[:, b].ravel()], text))
    keys = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    return sorted_unique(keys[labels[keys // n] == labels[keys % n]])


def _conflicting(keys: np.ndarray, n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    wanted = np.minimum(a, b).astype(np.int64) * max(n, 1) + np.maximum(a, b)
    position = np.searchsorted(keys, wanted)
    return (position < len(keys)) & (keys[np.minimum(position, len(keys) - 1)] == wanted) if len(keys) else (
        np.zeros(len(wanted), bool))


def _unambiguous(n: int, pairs: PairEvaluation, link: np.ndarray, conflicts: np.ndarray) -> np.ndarray:
    """Drop the links of a claim to two claims that conflict with each other, unless one link is
    stronger by AMBIGUITY_MARGIN ("Russia fired 84 missiles" matches the Kyiv and the Lviv strike)."""
    if not len(link) or not len(conflicts):
        return link
    node, other, score, edge, start = _links_by_end(pairs, link)
    degree = np.diff(np.r_[start, len(node)])
    dropped = []
    for size in sorted(set(degree[degree >= 2].tolist())):
        x, y = np.triu_indices(size, k=1)  # x ranks before y: the stronger link
        firsts = start[degree == size]
        step = max(1, 1_000_000 // len(x))
        for chunk in range(0, len(firsts), step):
            first = firsts[chunk:chunk + step]
            a, b = (first[:, None] + x[None, :]).ravel(), (first[:, None] + y[None, :]).ravel()
            clash = _conflicting(conflicts, n, other[a], other[b])
            dropped.append(edge[b[clash]])
            close = clash & (np.round(score[a] - score[b], 6) < AMBIGUITY_MARGIN)
            dropped.append(edge[a[close]])
    if not dropped:
        return link
    return link[~np.isin(link, np.concatenate(dropped))]


def _conflict_masks(n: int, labels: np.ndarray, sizes: np.ndarray, conflicts: np.ndarray) -> dict[int, int]:
    """For each claim of a small component: a bit mask of the members (by rank in the component)
    it conflicts with."""
    small = (sizes[labels] >= 3) & (sizes[labels] <= FULL_CHECK_LIMIT)
    members = np.flatnonzero(small)
    rank = np.zeros(n, dtype=np.int64)
    order = members[np.argsort(labels[members], kind="stable")]
    start = np.r_[0, np.flatnonzero(labels[order][1:] != labels[order][:-1]) + 1] if len(order) else order
    rank[order] = np.arange(len(order)) - np.repeat(start, np.diff(np.r_[start, len(order)]))
    a, b = conflicts // max(n, 1), conflicts % max(n, 1)
    keep = small[a]
    mask = np.zeros(n, dtype=np.uint64)
    np.bitwise_or.at(mask, a[keep], np.left_shift(np.uint64(1), rank[b[keep]].astype(np.uint64)))
    np.bitwise_or.at(mask, b[keep], np.left_shift(np.uint64(1), rank[a[keep]].astype(np.uint64)))
    out = {int(c): int(m) for c, m in zip(members.tolist(), mask[members].tolist())}
    out.update({-1 - int(c): int(r) for c, r in zip(members.tolist(), rank[members].tolist())})
    return out


def _merge_checked(group: np.ndarray, pairs: PairEvaluation, edges: list[int], masks: dict[int, int]) -> None:
    """Greedy merging, strongest link first, refusing any merge that joins two conflicting claims
    (bit masks over the component's members)."""
    parent: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    inside: dict[int, int] = {}
    banned: dict[int, int] = {}

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
        for x in (a, b):
            if x not in members:
                members[x], inside[x], banned[x] = {x}, 1 << masks.get(-1 - x, 0), masks.get(x, 0)
        if banned[a] & inside[b]:
            continue
        keep, gone = (a, b) if a < b else (b, a)
        parent[gone] = keep
        members[keep] |= members.pop(gone)
        inside[keep] |= inside.pop(gone)
        banned[keep] |= banned.pop(gone)
    _write_groups(group, members)


def _write_groups(group: np.ndarray, members: dict[int, set[int]]) -> None:
    for claims in members.values():
        first = min(claims)
        for claim in claims:
            group[claim] = first


@dataclass
class _Group:
    members: list[int]
    lo: int | None = None  # latest first day of its dated members
    hi: int | None = None  # earliest last day
    anchors: list[int] = field(default_factory=list)  # [min, max] of every member's date or publication day
    undated: list[int] = field(default_factory=list)  # [min, max] publication day of its undated members


class _SummaryMerger:
    """Greedy merging in a large component (a troop build-up reported daily for months): dates are
    checked through each group's date span (exact for the rule: the two farthest dates decide),
    everything else against the conflicts found among the pairs the blocking proposed (two claims
    that share no key are not compared)."""

    def __init__(self, f: ClaimFeatures, conflicts: np.ndarray):
        self.f, self.conflicts = f, conflicts

    def merge(self, group: np.ndarray, pairs: PairEvaluation, edges: list[int], members: np.ndarray) -> None:
        f = self.f
        self.tolerance = FAMILIES[int(f.family[members[0]])].date_tolerance_days
        lo, hi, known = match_intervals(f, members, np.zeros(len(members), bool))
        self.groups: dict[int, _Group] = {}
        for k, claim in enumerate(members.tolist()):
            anchor = int((lo[k] + hi[k]) // 2) if known[k] else int(f.published_day[claim])
            undated = not known[k] and f.published_day[claim] != NO_DATE
            self.groups[claim] = _Group([claim], int(lo[k]) if known[k] else None, int(hi[k]) if known[k] else None,
                                        [anchor, anchor] if anchor != NO_DATE else [],
                                        [anchor, anchor] if undated else [])
        self.parent = {claim: claim for claim in members.tolist()}
        for k in edges:
            a, b = self._find(int(pairs.left[k])), self._find(int(pairs.right[k]))
            if a != b and self._compatible(self.groups[a], self.groups[b]):
                self._join(a, b)
        _write_groups(group, {root: set(g.members) for root, g in self.groups.items()})

    def _find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _compatible(self, a: _Group, b: _Group) -> bool:
        if a.lo is not None and b.lo is not None and b.hi is not None and a.hi is not None:
            if min(a.hi, b.hi) - max(a.lo, b.lo) + 1 < 1 - self.tolerance:
                return False
        for undated, anchors in ((a.undated, b.anchors), (b.undated, a.anchors)):
            if undated and anchors and max(undated[1] - anchors[0], anchors[1] - undated[0]) > UNDATED_WINDOW_DAYS:
                return False
        left = np.repeat(np.array(a.members), len(b.members))
        right = np.tile(np.array(b.members), len(a.members))
        return not _conflicting(self.conflicts, self.f.n, left, right).any()

    def _join(self, a: int, b: int) -> None:
        keep, gone = (a, b) if a < b else (b, a)
        self.parent[gone] = keep
        g, h = self.groups[keep], self.groups.pop(gone)
        g.members += h.members
        if h.lo is not None:
            g.lo = h.lo if g.lo is None else max(g.lo, h.lo)
            g.hi = h.hi if g.hi is None else min(g.hi, h.hi)  # type: ignore[type-var]
        g.anchors = _span(g.anchors, h.anchors)
        g.undated = _span(g.undated, h.undated)


def _span(a: list[int], b: list[int]) -> list[int]:
    if not a or not b:
        return a or b
    return [min(a[0], b[0]), max(a[1], b[1])]


def _first_of_group(group: np.ndarray) -> np.ndarray:
    """The smallest canonical index of each claim's group (the event's first report)."""
    if not len(group):
        return group
    first = np.full(len(group), len(group), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(group)))
    return first[group]


def _link_tree(n: int, root: np.ndarray, pairs: PairEvaluation, link: np.ndarray):
    """Maximum spanning tree of each event's links, grown from its first claim: a minimum spanning
    tree over weights 2 - score, with every event's first claim tied to one extra node, walked
    breadth first from that node."""
    parent = np.full(n, -1, dtype=np.int64)
    edge = np.full(n, -1, dtype=np.int64)
    inside = link[root[pairs.left[link]] == root[pairs.right[link]]]
    if not len(inside):
        return parent, edge
    left, right = pairs.left[inside].astype(np.int64), pairs.right[inside].astype(np.int64)
    roots = np.flatnonzero(root == np.arange(n))
    hub = n
    rows = np.concatenate([left, np.full(len(roots), hub)])
    cols = np.concatenate([right, roots])
    weights = np.concatenate([2.0 - pairs.score[inside], np.full(len(roots), 1e-6)])
    graph = coo_matrix((weights, (rows, cols)), shape=(n + 1, n + 1)).tocsr()
    tree = minimum_spanning_tree(graph)
    _, predecessors = breadth_first_order(tree, hub, directed=False, return_predecessors=True)
    found = (predecessors[:n] >= 0) & (predecessors[:n] != hub)
    parent[found] = predecessors[:n][found]
    keys = np.minimum(left, right) * n + np.maximum(left, right)
    order = np.argsort(keys)
    wanted = np.minimum(np.flatnonzero(found), parent[found]) * n + np.maximum(np.flatnonzero(found), parent[found])
    edge[found] = inside[order[np.searchsorted(keys[order], wanted)]]
    return parent, edge
