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
    """Per group root: its event id and the generation that id was first assigned in."""

    by_root: dict[int, str]
    generation_by_root: dict[int, int]
    redirects: pd.DataFrame
    generation: int


def natural_id(claim_id: str, salt: int = 0) -> str:
    text = f"event\x1f{claim_id}" + (f"\x1f{salt}" if salt else "")
    return "ev-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def assign_ids(roots: np.ndarray, claim_ids: list[str], previous: PreviousEvents) -> EventIds:
    """Event id for every group, given each claim's group root (canonical indices)."""
    generation = previous.generation + 1
    unique_roots = np.unique(roots).tolist()
    inherited = _inherit(roots, claim_ids, previous)
    by_root: dict[int, str] = {}
    generation_by_root: dict[int, int] = {}
    merged: list[dict] = []
    for root, olds in sorted(inherited.items()):
        olds = sorted(olds, key=lambda e: (previous.event_generation.get(e[0], 0), e[0]))
        keep = olds[0][0]
        by_root[root] = keep
        generation_by_root[root] = previous.event_generation.get(keep, generation)
        merged += [{"event_id": old, "redirect_to": keep, "reason": "merged", "last_seen_version": previous.version,
                    "generation": generation, "n_claims": n} for old, n in olds[1:]]
    taken = set(by_root.values()) | set(previous.redirects["event_id"]) | {m["event_id"] for m in merged}
    taken |= set(previous.event_generation)
    for root in unique_roots:
        if root in by_root:
            continue
        salt = 0
        while (candidate := natural_id(claim_ids[root], salt)) in taken:
            salt += 1
        taken.add(candidate)
        by_root[root] = candidate
        generation_by_root[root] = generation
    redirects = _carry_redirects(previous.redirects, pd.DataFrame(merged, columns=previous.redirects.columns))
    return EventIds(by_root, generation_by_root, redirects, generation)


def _inherit(roots: np.ndarray, claim_ids: list[str], previous: PreviousEvents) -> dict[int, list[tuple[str, int]]]:
    """root -> [(old event id, claims it brings)] for the old events whose largest part is that root."""
    if previous.claim_event.empty or not len(roots):
        return {}
    current = pd.DataFrame({"claim_id": claim_ids, "root": roots, "index": np.arange(len(roots))})
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
