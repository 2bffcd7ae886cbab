"""spaCy EntityRuler patterns generated from the actor dictionary.

They fix the small English model's known misses on news text: capitals tagged PERSON ("Kiev",
"Luhansk"), first names dropped ("Anders" of "Anders Fogh Rasmussen"), outlets missed ("The
Telegraph"). Labels: GPE for countries and capitals, NORP for demonyms, ORG for organisations,
outlets and institutions standing for a state ("the Kremlin"), PERSON for people's full names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# A person alias starting with one of these is a title, not a name: spaCy's PERSON excludes it.
TITLE_WORDS = ("President ", "King ", "Queen ", "Crown ", "General ", "Lt. ", "Colonel ", "Dr ", "Prince ", "Sir ", "Lord ", "Baroness ")


def entity_ruler_patterns(data: dict[str, Any]) -> list[dict[str, str]]:
    """Phrase patterns ``{"label", "pattern", "id"}``, sorted by label, pattern and id."""
    ambiguous = {item["text"] for item in data["ambiguous"]["ambiguous"]}
    rows = {
        (label, pattern, actor_id)
        for label, pattern, actor_id in _all_rows(data)
        if pattern and pattern not in ambiguous
    }
    return [{"label": label, "pattern": pattern, "id": actor_id} for label, pattern, actor_id in sorted(rows)]


def _strip_article(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def _all_rows(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield from _country_rows(data["countries"]["countries"])
    for rec in data["organisations"]["organisations"]:
        for alias in (rec["name"], rec.get("full_name"), *rec["aliases"]):
            if alias:
                yield "ORG", _strip_article(alias), rec["id"]
    for rec in data["media"]["media"]:
        for alias in (rec["name"], *rec["aliases"]):
            yield "ORG", _strip_article(alias), rec["id"]
    for rec in data["people"]["people"]:
        yield "PERSON", rec["name"], rec["id"]
        for alias in rec["aliases"]:
            if " " in alias and not alias.startswith(TITLE_WORDS):
                yield "PERSON", alias, rec["id"]


def _country_rows(records: list[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    current = {m["text"] for rec in records for m in rec["metonyms"] if not m.get("end")}
    for rec in records:
        iso3 = rec["iso3"]
        for alias in (rec["name"], rec["official_name"], *rec["aliases"]):
            yield "GPE", _strip_article(alias), iso3
        for demonym in rec["demonyms"]:
            yield "NORP", demonym, iso3
        for met in rec["metonyms"]:
            historic_twin = met.get("end") and met["text"] in current
            if met.get("pattern", True) and not historic_twin:
                yield met["label"], _strip_article(met["text"]), iso3
