"""Event ids that survive new versions.

- A new event is named after its first report: ``ev-`` + 12 hex digits of sha256 of that claim's id.
- With the previous version's links, every old event hands its id to the new event that holds the
  largest share of its claims (ties: the part holding its earliest claim): an event whose claims all
  stay together keeps its id, and a split keeps the id for the larger part.
- When several old events hand their ids to one new event (a merge), it keeps the oldest id (the
  smallest ``id_generation``, then the smallest id) and every absorbed id becomes a redirect to it.
  Redirects of earlier versions are carried forward and re-pointed, so each names a live id.
- An id is never reused for a different event: a new event whose natural id is taken (by a live
  event or a redirect) takes the next free ``sha256(claim id, n)``.

Nothing here depends on row order or scheduling: only on the claim ids, the grouping and the
previous version's tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa


@dataclass(frozen=True)
class PreviousEvents:
    """What the link stage needs from the parent version (all empty for a first build)."""

    version: str | None = None
    generation: int = 0
    claim_event: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"claim_id": [], "event_id": []}))
    event_generation: dict[str, int] = field(default_factory=dict)
    redirects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"event_id": [], "redirect_to": [], "reason": [], "last_seen_version": [], "generation": [],
         "n_claims": []}))


@dataclass(frozen=True)
class EventIds:
    """The event id (and the generation it was first assigned in) of every group, by group root:
    ``roots`` sorted, ``ids`` (15-byte strings) and ``generations`` aligned with it."""

    roots: np.ndarray
    ids: np.ndarray
    generations: np.ndarray
    redirects: pd.DataFrame
    generation: int

    @property
    def by_root(self) -> dict[int, str]:
        return dict(zip(self.roots.tolist(), (i.decode() for i in self.ids.tolist())))

    @property
    def generation_by_root(self) -> dict[int, int]:
        return dict(zip(self.roots.tolist(), self.generations.tolist()))

    def per_claim(self, roots: np.ndarray) -> pa.Array:
        """The event id of every claim (or event), given its group root."""
        chosen = self.ids[np.searchsorted(self.roots, roots)]
        return pa.array(chosen, type=pa.binary()).cast(pa.string())

    def generations_of(self, roots: np.ndarray) -> np.ndarray:
        return self.generations[np.searchsorted(self.roots, roots)]


def natural_id(claim_id: str, salt: int = 0) -> str:
    text = f"event\x1f{claim_id}" + (f"\x1f{salt}" if salt else "")
    return "ev-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def assign_ids(roots: np.ndarray, claim_ids, previous: PreviousEvents) -> EventIds:
    """Event id for every group, given each claim's group root (canonical indices) and the claim
    ids (a list or an Arrow array, canonical order)."""
    generation = previous.generation + 1
    unique_roots = np.flatnonzero(np.bincount(roots, minlength=len(roots)) > 0) if len(roots) else np.zeros(0, int)
    ids = np.zeros(len(unique_roots), dtype="S15")
    generations = np.full(len(unique_roots), generation, dtype=np.int32)
    inherited = _inherit(roots, claim_ids, previous)
    merged: list[dict] = []
    kept = np.zeros(len(unique_roots), dtype=bool)
    for root, olds in sorted(inherited.items()):
        olds = sorted(olds, key=lambda e: (previous.event_generation.get(e[0], 0), e[0]))
        position = int(np.searchsorted(unique_roots, root))
        ids[position], kept[position] = olds[0][0].encode(), True
        generations[position] = previous.event_generation.get(olds[0][0], generation)
        merged += [{"event_id": old, "redirect_to": olds[0][0], "reason": "merged",
                    "last_seen_version": previous.version, "generation": generation, "n_claims": n}
                   for old, n in olds[1:]]
    retired = np.array([i.encode() for i in [*previous.redirects["event_id"], *(m["event_id"] for m in merged),
                                              *previous.event_generation]], dtype="S15")
    fresh = np.flatnonzero(~kept)
    claim_of = _values(claim_ids, unique_roots[fresh].tolist())
    salts = np.zeros(len(fresh), dtype=np.int64)
    ids[fresh] = [natural_id(c).encode() for c in claim_of]
    # 48-bit ids collide about once in five hundred builds of a million events: the later event
    # (canonical order) takes the next salt, as does one whose id is retired or still in use
    while True:
        clash = _clashes(ids, fresh, retired)
        if not clash.any():
            break
        for k in np.flatnonzero(clash).tolist():
            salts[k] += 1
            ids[fresh[k]] = natural_id(claim_of[k], int(salts[k])).encode()
    redirects = _carry_redirects(previous.redirects, pd.DataFrame(merged, columns=previous.redirects.columns))
    return EventIds(unique_roots, ids, generations, redirects, generation)


def _clashes(ids: np.ndarray, fresh: np.ndarray, retired: np.ndarray) -> np.ndarray:
    """Per fresh id: it is retired, or an earlier group (or an inherited one) has the same id."""
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    repeated = np.zeros(len(ids), dtype=bool)
    repeated[order[1:]] = ordered[1:] == ordered[:-1]
    inherited_ids = np.delete(ids, fresh)
    return repeated[fresh] | np.isin(ids[fresh], retired) | np.isin(ids[fresh], inherited_ids)


def _values(claim_ids, rows: list[int]) -> list[str]:
    if isinstance(claim_ids, (pa.Array, pa.ChunkedArray)):
        return claim_ids.take(pa.array(rows, type=pa.int64())).to_pylist()
    return [claim_ids[r] for r in rows]


def _inherit(roots: np.ndarray, claim_ids, previous: PreviousEvents) -> dict[int, list[tuple[str, int]]]:
    """root -> [(old event id, claims it brings)] for the old events whose largest part is that root."""
    if previous.claim_event.empty or not len(roots):
        return {}
    ids = claim_ids.to_pandas() if isinstance(claim_ids, (pa.Array, pa.ChunkedArray)) else claim_ids
    current = pd.DataFrame({"claim_id": np.asarray(ids, dtype=object), "root": roots, "index": np.arange(len(roots))})
    joined = current.merge(previous.claim_event, on="claim_id", how="inner")
    if joined.empty:
        return {}
    parts = joined.groupby(["event_id", "root"], sort=True).agg(n=("index", "size"), first=("index", "min"))
    parts = parts.reset_index().sort_values(["event_id", "n", "first"], ascending=[True, False, True])
    heirs = parts.drop_duplicates("event_id")
    out: dict[int, list[tuple[str, int]]] = {}
    for event_id, root, n in heirs[["event_id", "root", "n"]].itertuples(index=False):
        out.setdefault(int(root), []).append((str(event_id), int(n)))
    return out


def _carry_redirects(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Old redirects plus this version's, each re-pointed at the id its target now redirects to."""
    frames = [frame for frame in (old, new) if not frame.empty]
    if not frames:
        return new
    table = pd.concat(frames, ignore_index=True)
    target = dict(zip(table["event_id"], table["redirect_to"]))

    def final(event_id: str) -> str:
        seen = set()
        while event_id in target and event_id not in seen:
            seen.add(event_id)
            event_id = target[event_id]
        return event_id

    table["redirect_to"] = [final(t) for t in table["redirect_to"]]
    return table.drop_duplicates("event_id", keep="last").sort_values("event_id", ignore_index=True)
