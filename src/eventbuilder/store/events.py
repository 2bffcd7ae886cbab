"""Events across versions: the parent's links for stable ids, redirects, and the diff of events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from eventbuilder.errors import StoreError
from eventbuilder.link.ids import PreviousEvents
from eventbuilder.store.versions import latest_version, resolve_version

_LINK_TABLES = ("events", "event_links", "event_redirects")


def previous_events(root: str | Path, version: str | None = None) -> PreviousEvents:
    """What the next build's link stage needs from ``version`` (default: the latest) under ``root``;
    empty when there is no version yet or it predates the link stage."""
    root = Path(root)
    name = version or latest_version(root)
    if name is None:
        return PreviousEvents()
    info = resolve_version(root, name)
    generation = int(info.manifest.get("link", {}).get("generation", 0))
    paths = {t: info.path / f"{t}.parquet" for t in _LINK_TABLES}
    if not all(p.is_file() for p in paths.values()):
        return PreviousEvents(version=info.name, generation=generation)
    links = pq.read_table(paths["event_links"], columns=["claim_id", "event_id"]).to_pandas()
    events = pq.read_table(paths["events"], columns=["event_id", "id_generation"]).to_pandas()
    redirects = pq.read_table(paths["event_redirects"]).to_pandas()
    return PreviousEvents(
        version=info.name, generation=generation, claim_event=links.astype(object),
        event_generation=dict(zip(events["event_id"].astype(str), events["id_generation"].astype(int))),
        redirects=redirects.astype(object))


def resolve_event_id(event_id: str, version: str = "latest", root: str | Path = "outputs") -> str:
    """The id that names ``event_id``'s event in ``version``: itself, or where its redirects lead."""
    info = resolve_version(Path(root), version)
    path = info.path / "event_redirects.parquet"
    if not path.is_file():
        return event_id
    redirects = pq.read_table(path, columns=["event_id", "redirect_to"]).to_pydict()
    target = dict(zip(redirects["event_id"], redirects["redirect_to"]))
    seen = set()
    while event_id in target and event_id not in seen:
        seen.add(event_id)
        event_id = target[event_id]
    return event_id


@dataclass
class EventDiff:
    """Events between two versions, by their claims.

    ``merged``: (absorbed old ids, the id that holds them now); ``split``: (old id, the new ids its
    claims went to, the part keeping the id first); ``changed``: (id, columns whose values differ).
    """

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    merged: list[tuple[list[str], str]] = field(default_factory=list)
    split: list[tuple[str, list[str]]] = field(default_factory=list)


def diff_events(old: str, new: str, root: str | Path = "outputs") -> EventDiff:
    root = Path(root)
    old_info, new_info = resolve_version(root, old), resolve_version(root, new)
    before, after = _read(old_info.path), _read(new_info.path)
    if before is None or after is None:
        raise StoreError(f"{old_info.name if before is None else new_info.name} has no events table "
                         "(built before the link stage)")
    (old_events, old_links), (new_events, new_links) = before, after
    claims = old_links.merge(new_links, on="claim_id", how="inner", suffixes=("_old", "_new"))
    flows = claims.groupby(["event_id_old", "event_id_new"]).size().rename("n").reset_index()
    diff = EventDiff()
    old_ids, new_ids = set(old_events.index), set(new_events.index)
    for new_id, group in flows.groupby("event_id_new"):
        absorbed = sorted(s for s in set(group["event_id_old"]) if s != new_id and s not in new_ids)
        if absorbed:
            diff.merged.append((absorbed, str(new_id)))
    for old_id, group in flows.groupby("event_id_old"):
        targets = group.sort_values(["n", "event_id_new"], ascending=[False, True])["event_id_new"].tolist()
        if len(targets) > 1:
            diff.split.append((str(old_id), [str(t) for t in targets]))
    split_parts = {t for _, targets in diff.split for t in targets}
    absorbed_ids = {s for sources, _ in diff.merged for s in sources}
    diff.added = sorted(i for i in new_ids - old_ids if i not in split_parts)
    diff.removed = sorted(old_ids - new_ids - absorbed_ids)
    for event_id in sorted(old_ids & new_ids):
        columns = _changed_columns(old_events.loc[event_id], new_events.loc[event_id])
        if columns:
            diff.changed.append((event_id, columns))
    return diff


def _read(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    events_path, links_path = folder / "events.parquet", folder / "event_links.parquet"
    if not events_path.is_file() or not links_path.is_file():
        return None
    events = pq.read_table(events_path).to_pandas().set_index("event_id")
    links = pq.read_table(links_path, columns=["claim_id", "event_id"]).to_pandas()
    return events, links


def _changed_columns(old: pd.Series, new: pd.Series) -> list[str]:
    ignore = {"id_generation"}
    return [c for c in old.index if c in new.index and c not in ignore and _text(old[c]) != _text(new[c])]


def _text(value) -> str:
    if hasattr(value, "tolist"):
        value = value.tolist()
    return repr(value)
