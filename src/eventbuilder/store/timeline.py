"""The timeline: events of a version in date order, filtered the way an analyst asks for them."""

from __future__ import annotations

from datetime import date

import pandas as pd

from eventbuilder.errors import ConfigError
from eventbuilder.store.events import resolve_event_id
from eventbuilder.store.read import load


def timeline(version: str = "latest", root: str = "outputs", *, date_from: str | date | None = None,
             date_to: str | date | None = None, event_type: str | None = None, actor: str | None = None,
             place: str | None = None, event_id: str | None = None, include_irrelevant: bool = False) -> pd.DataFrame:
    """Events of ``version`` in date order (undated last), as a DataFrame with the events columns.

    - ``date_from``/``date_to`` (YYYY-MM-DD, inclusive): events whose consensus interval overlaps
      them; undated events are left out when either is given;
    - ``event_type``: the event's type or any of its claims' types;
    - ``actor``: a name (case-insensitive, part of a name is enough) among its actors and
      participants, or an actor id (``RUS``, ``person:vladimir-putin``);
    - ``place``: part of a place name its reports give, or an ISO3 country code;
    - ``event_id``: one event, following redirects of merged ids;
    - only relevant events (``events.relevant``) unless ``include_irrelevant``.
    """
    events = load("events", version, root)
    start, end = _day(date_from, "date_from"), _day(date_to, "date_to")
    keep = pd.Series(True, index=events.index)
    if not include_irrelevant and "relevant" in events:
        keep &= events["relevant"].fillna(True).astype(bool)
    if start is not None or end is not None:
        keep &= events["date_start"].notna()
        if start is not None:
            keep &= events["date_end"].dt.date >= start
        if end is not None:
            keep &= events["date_start"].dt.date <= end
    if event_type:
        wanted = event_type.strip().casefold()
        keep &= events["event_types"].map(lambda types: wanted in {t.casefold() for t in types})
    if actor:
        keep &= events.apply(lambda row: _names_actor(row, actor), axis=1).astype(bool)
    if place:
        keep &= events.apply(lambda row: _names_place(row, place), axis=1).astype(bool)
    if event_id:
        keep &= events["event_id"] == resolve_event_id(event_id, version, root)
    chosen = events[keep]
    order = chosen.sort_values(["date_start", "first_reported_at", "event_id"], na_position="last", kind="stable")
    return order.reset_index(drop=True)


def _day(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ConfigError(f"{name} {value!r} is not a date (use YYYY-MM-DD)") from exc


def _names_actor(row: pd.Series, actor: str) -> bool:
    wanted = actor.strip().casefold()
    if wanted in {str(row[c]).casefold() for c in ("actor1_id", "actor2_id") if pd.notna(row[c])}:
        return True
    names = [row["actor1_name"], row["actor2_name"], *row["participants"], *row["actor1_names"]]
    return any(wanted in str(n).casefold() for n in names if isinstance(n, str))


def _names_place(row: pd.Series, place: str) -> bool:
    wanted = place.strip().casefold()
    if isinstance(row["place_country"], str) and row["place_country"].casefold() == wanted:
        return True
    names = [row["place_name"], *row["place_names"]]
    return any(wanted in str(n).casefold() for n in names if isinstance(n, str))


def describe(row: pd.Series) -> list[str]:
    """An event as printed by ``eventbuilder timeline``: a heading line, the summary sentence, its
    sources and, when the reports differ, what they disagree on."""
    when = _when(row)
    actors = ", ".join(row["participants"][:4]) or _text(row["actor1_name"]) or "-"
    status = row["status"] + (", announced first" if row["announced_first"] else "")
    where = f" @ {row['place_name']}" if _text(row["place_name"]) else ""
    lines = [f"{when}  {row['event_type']}  {status}  {actors}{where}  [{row['event_id']}]",
             f"    {row['summary']}",
             f"    {_reports(row)}"]
    for field in row["disagreements"]:
        lines.append(f"    disagreement on {field}: {_disagreement(row, field)}")
    return lines


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _when(row: pd.Series) -> str:
    if pd.isna(row["date_start"]):
        return "undated"
    start, end = row["date_start"].date().isoformat(), row["date_end"].date().isoformat()
    return start if start == end else f"{start}..{end}"


def _reports(row: pd.Series) -> str:
    sources = ", ".join(row["sources"]) if len(row["sources"]) else "no named source"
    n, docs = int(row["n_claims"]), int(row["n_documents"])
    return f"{n} report{'s' if n != 1 else ''} in {docs} document{'s' if docs != 1 else ''}: {sources}"


def _disagreement(row: pd.Series, field: str) -> str:
    if field == "quantity":
        values = " / ".join(f"{v:,.0f}" for v in row["quantity_values"])
        unit = _text(row["quantity_unit"]) or ""
        return f"{values} {unit}".strip()
    if field == "date":
        return f"reports give {row['reported_date_min'].date()} to {row['reported_date_max'].date()}"
    if field == "place":
        return " / ".join(row["place_names"])
    return "doers named: " + " / ".join(row["actor1_names"])
