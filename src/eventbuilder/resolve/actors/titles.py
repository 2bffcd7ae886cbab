"""Titles and descriptors: which office a title names, and which country and sector a phrase codes to.

"NATO Secretary General" on 2014-08-07 is Anders Fogh Rasmussen; "Ukrainian military spokesman"
is (UKR, MIL); "pro-Russian separatists" are not Russian: a country after "pro-"/"anti-" names the
side a group favours, not where it is, so it never gives the group's country (PLOVER codes "Israel's
militia ally in southern Lebanon" LBN). The word lists are data in ``titles.json``.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventbuilder.resolve.actors.normalize import normalize

if TYPE_CHECKING:
    from eventbuilder.resolve.actors.dictionary import ActorDictionary, ActorEntry

MAX_SPAN = 7  # longest alias or title phrase, in tokens
SIDE_TAKING = frozenset({"pro", "anti"})
NOT_AN_OFFICE_HOLDER = frozenset({"former", "ex", "late", "then", "deputy", "vice", "assistant"})
QUALIFIERS = frozenset({"acting", "interim", "current", "incumbent", "new", "caretaker"})
ORG_KINDS = frozenset({"country", "metonym", "igo", "ngo", "group"})
_WORD = re.compile(r"[\w.'’]+")


@dataclass(frozen=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A run of tokens ``[first, last)`` and what it was matched to."""

    first: int
    last: int
    value: Any


def tokenize(text: str) -> list[Token]:
    """Words of a phrase with their keys; hyphens split words so "pro-Russian" is "pro" + "Russian"."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".") if match.group().count(".") == 1 else match.group()
        norm = normalize(word) if word.lower() not in ("the", "a", "an") else word.lower()
        if norm:
            tokens.append(Token(match.group(), norm, match.start(), match.start() + len(match.group())))
    return tokens


def span_text(text: str, tokens: list[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last - 1].end]


def span_key(tokens: list[Token], first: int, last: int) -> str:
    return " ".join(t.norm for t in tokens[first:last])


# ---------------------------------------------------------------- tables from titles.json


@functools.lru_cache(maxsize=4)
def _tables(dictionary: ActorDictionary) -> dict[str, Any]:
    data = dictionary.data["titles"]
    sectors = {normalize(e["text"]): (e["sector"], e["priority"]) for e in data["sector_words"]}
    offices: dict[str, list[str]] = {}
    categories: dict[str, list[str]] = {}
    for office, spec in data["offices"].items():
        for title in spec["titles"]:
            offices.setdefault(normalize(title), []).append(office)
        if spec.get("category"):
            categories.setdefault(spec["category"], []).append(office)
    for category, members in categories.items():
        offices.setdefault(normalize(category.replace("-", " ")), []).extend(members)
    institutions = {normalize(i["text"]): (i["org"], i["office"]) for i in data["institution_titles"]}
    vocabulary = {w for phrase in (*sectors, *offices, *institutions) for w in phrase.split()}
    vocabulary |= {normalize(w) for w in data["region_words"]} | HONORIFICS
    return {"sectors": sectors, "offices": offices, "institutions": institutions, "vocabulary": vocabulary}


HONORIFICS = frozenset(
    "mr mrs ms dr sir lord lady dame gen lt col maj sgt capt adm rev brig cpl pvt cmdr "
    "mister madam gov sen rep amb prof former acting interim then late new".split()
)


def title_vocabulary(dictionary: ActorDictionary) -> frozenset[str]:
    """Every word that can belong to a title or descriptor (used to find where a name starts)."""
    return frozenset(_tables(dictionary)["vocabulary"])


# ---------------------------------------------------------------- sector of a descriptor


def best_sector(dictionary: ActorDictionary, tokens: list[Token]) -> tuple[str, int] | None:
    """The (sector, priority) of the strongest role word in a phrase.

    Ties go to the leftmost match so that an affiliation modifier beats the noun it modifies:
    "rebel commander" is REB, "police commander" COP, "civilian advisers" CVL.
    """
    table = _tables(dictionary)["sectors"]
    found: list[Span] = []
    for first in range(len(tokens)):
        for last in range(min(len(tokens), first + MAX_SPAN), first, -1):
            if (hit := table.get(span_key(tokens, first, last))) is not None:
                found.append(Span(first, last, hit))
                break
    if not found:
        return None
    best = max(found, key=lambda s: (s.value[1], -s.first, s.last - s.first))
    return best.value


def entity_spans(
    dictionary: ActorDictionary, text: str, tokens: list[Token], on: datetime.date | None
) -> list[Span]:
    """Countries, demonyms, metonyms and organisations named in a phrase, longest match first.

    Each span's value is ``(entry, side_taking)``; side_taking marks "pro-Russian"/"anti-NATO".
    """
    spans: list[Span] = []
    first = 0
    while first < len(tokens):
        for last in range(min(len(tokens), first + MAX_SPAN), first, -1):
            if last - first > 1 and dictionary.names_no_actor(span_text(text, tokens, first, last)):
                first = last  # "New Jersey": no part of an ambiguous name names a country
                break
            entry = dictionary.lookup(span_text(text, tokens, first, last), on)
            if entry is not None and entry.kind != "person":
                side = first > 0 and tokens[first - 1].norm in SIDE_TAKING
                spans.append(Span(first, last, (entry, side)))
                first = last
                break
        else:
            first += 1
    return spans


def title_attributes(
    dictionary: ActorDictionary, text: str, on: datetime.date | None = None
) -> tuple[str | None, str | None]:
    """(country, sector) of a title or descriptor.

    The country is the first country/organisation named that is not after "pro-"/"anti-" (an
    organisation gives its code: NATO -> IGO, Hamas -> PSE). The sector is the strongest role word;
    a generic word ("officials", "spokesman") yields to the sector an institution already carries
    ("Pentagon officials" MIL, "Kremlin officials" GOV). A demonym alone codes GOV.
    """
    whole = dictionary.lookup(text, on)
    if whole is not None and whole.kind != "person":
        return whole.country, whole.sector
    tokens = tokenize(text)
    entities = [s.value[0] for s in entity_spans(dictionary, text, tokens, on) if not s.value[1]]
    entity = entities[0] if entities else None
    return (entity.country if entity else None), descriptor_sector(dictionary, tokens, entities)


def descriptor_sector(dictionary: ActorDictionary, tokens: list[Token], entities: list[ActorEntry]) -> str | None:
    """The sector of a descriptor whose named entities (first = the actor's country) are given."""
    entity = entities[0] if entities else None
    match = best_sector(dictionary, tokens)
    if match is None and any(e.sector == "CVL" for e in entities[1:]):
        return "CVL"  # "Bosnian Serbs", "Iraqi Kurds": a people noun after the country adjective
    carried = entity.sector if entity is not None and entity.sector not in (None, "IGO") else None
    if match is not None and (match[1] >= 2 or carried is None):
        return match[0]
    if carried is not None:
        return carried
    return entity.sector if entity is not None else None


# ---------------------------------------------------------------- the person a title names


def person_by_title(
    dictionary: ActorDictionary, title: str, on: datetime.date | None, country: str | None = None
) -> ActorEntry | None:
    """The one person holding the office a title names on a day, or None.

    The organisation comes from the title ("NATO", "U.S.", "Russian", "of Armenia") or else from
    ``country``; "former"/"deputy" titles name no current holder. Undated, the current holder.
    """
    tokens = [t for t in tokenize(title) if t.norm not in ("the", "a", "an")]
    if not tokens or any(t.norm in NOT_AN_OFFICE_HOLDER for t in tokens):
        return None
    tokens = [t for t in tokens if t.norm not in QUALIFIERS]
    parsed = _parse_title(dictionary, title, tokens, on)
    if parsed is None:
        return None
    org, offices = parsed
    org = org or country
    if org is None:
        return None
    holders = dictionary.holders_of(org, offices, on)
    return dictionary.person_entry(holders[0], on) if len(holders) == 1 else None


def _parse_title(
    dictionary: ActorDictionary, title: str, tokens: list[Token], on: datetime.date | None
) -> tuple[str | None, list[str]] | None:
    tables = _tables(dictionary)
    key = span_key(tokens, 0, len(tokens))
    if key in tables["institutions"]:
        org, office = tables["institutions"][key]
        return org, [office]
    # "of" as the last word ("the Union of") names no organisation
    of = next((i for i, t in enumerate(tokens) if t.norm == "of" and 0 < i < len(tokens) - 1), None)
    if of is not None:  # "Secretary General of NATO", "president of Armenia"
        org = _org_id(dictionary.lookup(span_text(title, tokens, of + 1, len(tokens)), on))
        if org is not None and (offices := tables["offices"].get(span_key(tokens, 0, of))):
            return org, offices
    for split in range(min(len(tokens) - 1, MAX_SPAN), 0, -1):  # "U.S. Defense Secretary"
        org = _org_id(dictionary.lookup(span_text(title, tokens, 0, split), on))
        if org is not None:
            offices = tables["offices"].get(span_key(tokens, split, len(tokens)))
            return (org, offices) if offices else None
    offices = tables["offices"].get(key)
    return (None, offices) if offices else None


def _org_id(entry: ActorEntry | None) -> str | None:
    if entry is None or entry.kind not in ORG_KINDS:
        return None
    return entry.actor_id
