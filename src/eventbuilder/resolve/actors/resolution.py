"""Resolving an actor phrase as written in a sentence to a canonical actor.

Order of evidence, strongest first:

1. the whole phrase is a dictionary name ("Moscow", "the Kremlin", "Reuters", "Rasmussen");
2. the phrase ends with a known person's name after a title ("NATO Secretary General Anders Fogh
   Rasmussen"); a title that contradicts the dictionary (another country) keeps the name as written;
3. the phrase ends with an unknown name after a title ("Ukrainian military spokesman Andriy
   Lysenko"): the name is kept and country and sector come from the title;
4. the phrase is a bare title whose holder the dictionary knows ("the Ukrainian Prime Minister");
5. otherwise it is a descriptor ("Russian combat-ready troops", "the Kiev government", "Western
   allies"): country from the first country or organisation named, sector from the role words.

Pronouns are left to the caller (the extractor links "He" to the last compatible person).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from eventbuilder.model import ActorMention
from eventbuilder.resolve.actors.dictionary import ActorDictionary, ActorEntry, given_names, load_dictionary
from eventbuilder.resolve.actors.titles import (
    Token,
    descriptor_sector,
    entity_spans,
    span_text,
    title_attributes,
    title_vocabulary,
    tokenize,
)

PRONOUNS = frozenset("he she it they we i you him her them his hers its their who whom this that these those".split())
DETERMINERS = frozenset("a an the some several many most other others both all two three four five few only about "
                         "roughly nearly more than at least".split())


@dataclass(frozen=True)
class ResolvedActor:
    """An actor phrase and what it resolved to; ``to_mention`` turns it into the shared record.

    ``method`` says which evidence decided: dictionary | person | title | unknown_person |
    contradicted | descriptor | none. ``actor_id`` is None for actors the dictionary does not
    know (an unknown spokesman, "Western allies"); ``name`` then is the name as written or None.
    """

    text: str
    name: str | None
    actor_id: str | None
    kind: str | None
    country: str | None
    sector: str | None
    method: str

    def to_mention(self, start: int, end: int | None = None) -> ActorMention:
        """The :class:`eventbuilder.model.ActorMention` for this phrase at ``start:end`` of a document."""
        return ActorMention(
            text=self.text, start=start, end=start + len(self.text) if end is None else end,
            name=self.name, actor_id=self.actor_id, country=self.country, sector=self.sector, kind=self.kind,
        )  # fmt: skip


def resolve_actor(
    text: str, on: datetime.date | None, dictionary: ActorDictionary | None = None
) -> ResolvedActor:
    """Resolve an actor phrase as written ("Ukrainian Prime Minister Arseny Yatseniuk") on a day."""
    dictionary = dictionary or load_dictionary()
    trimmed = _trim(text)
    bracketed = re.search(r"\s*\(([^)]{2,15})\)\s*$", trimmed)  # "The International Labor Office (ILO)"
    if bracketed:
        for candidate in (trimmed[:bracketed.start()], bracketed.group(1)):
            entry = dictionary.lookup(candidate, on)
            if entry is not None:
                return _from_entry(text, entry, "dictionary")
        trimmed = trimmed[:bracketed.start()]
    phrase = _AFFILIATION.sub("", trimmed).strip()
    if not phrase or phrase.lower() in PRONOUNS:
        return ResolvedActor(text, None, None, None, None, None, "none")
    entry = dictionary.lookup(phrase, on)
    if entry is not None:
        return _from_entry(text, entry, "dictionary")
    leader = _leader(dictionary, text, trimmed, phrase, on)
    if leader is not None:
        return leader
    owner = _owner(dictionary, text, phrase, on)
    if owner is not None and owner.method == "owner-collective":
        return owner
    tokens = tokenize(phrase)
    named = _named_person(dictionary, phrase, tokens, on)
    if named is not None:
        return named if named.text == text else _with_text(named, text)
    holder = dictionary.person_by_title(phrase, on)
    if holder is not None:
        return _from_entry(text, holder, "title")
    if owner is not None:
        return owner
    return _descriptor(dictionary, text, phrase, tokens, on)


# "Russian-led", "Iran-backed", "Houthi-controlled": who is behind an actor, not the actor itself.
_AFFILIATION = re.compile(r"\b[\w.]+-(?:led|backed|based|controlled|held|allied|aligned|supported|brokered|installed|"
                          r"sponsored|funded|run|dominated|friendly)\b\s*", re.IGNORECASE)


def _leader(dictionary: ActorDictionary, text: str, trimmed: str, phrase: str,
            on: datetime.date | None) -> ResolvedActor | None:
    """"Hamas-led fighters" -> Hamas (fighters it leads), when the rest names no actor itself."""
    match = re.search(r"\b([\w.]+)-led\b", trimmed, re.IGNORECASE)
    if not match or any(word[:1].isupper() for word in phrase.split()):
        return None
    entry = dictionary.lookup(match.group(1), on)
    if entry is None:
        return None
    _, sector = title_attributes(dictionary, phrase, on)
    return ResolvedActor(text, entry.name, entry.actor_id, entry.kind, entry.country, sector or entry.sector, "leader")


def _owner(dictionary: ActorDictionary, text: str, phrase: str, on: datetime.date | None) -> ResolvedActor | None:
    """"Leaders of the Group of Seven" -> G7, "inspectors from the IAEA" -> IAEA: a collective of a
    known organisation or country is that actor, with the collective's sector."""
    match = re.match(r"^(?P<who>[A-Za-z][a-z-]*(?:\s+[a-z][\w-]*)*?)\s+(?:of|from)\s+(?P<owner>.+)$", phrase)
    if not match:
        return None
    entry = dictionary.lookup(_trim(match.group("owner")), on)
    if entry is None or entry.kind == "person":
        return None
    who = match.group("who")
    _, sector = title_attributes(dictionary, who, on)
    # A plural collective ("Leaders of the G7") is the owner before any name heuristics run; a
    # singular title ("President of Ukraine") first gets a chance to name its holder.
    method = "owner-collective" if who.split()[-1].endswith("s") else "owner"
    return ResolvedActor(text, entry.name, entry.actor_id, entry.kind, entry.country, sector or entry.sector, method)


def _trim(text: str) -> str:
    words = text.strip().strip("\"'“”‘’,;:()").split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _from_entry(text: str, entry: ActorEntry, method: str) -> ResolvedActor:
    return ResolvedActor(text, entry.name, entry.actor_id, entry.kind, entry.country, entry.sector, method)


def _with_text(resolved: ResolvedActor, text: str) -> ResolvedActor:
    return ResolvedActor(text, *(getattr(resolved, f) for f in ("name", "actor_id", "kind", "country", "sector", "method")))


def _named_person(
    dictionary: ActorDictionary, phrase: str, tokens: list[Token], on: datetime.date | None
) -> ResolvedActor | None:
    """A title followed by a person's name, known or not. A known name only counts when nothing but
    title words stands before it: "Emily Johnson" is not Boris Johnson, and "Tom Holland" and
    "Michael R. Bloomberg" are people, not the Netherlands and the news agency."""
    vocabulary = title_vocabulary(dictionary)
    for first in range(1, len(tokens)):
        entry = dictionary.lookup(span_text(phrase, tokens, first, len(tokens)), on)
        if entry is not None and entry.kind == "person" and not _given_name_before(tokens, first, vocabulary):
            return _titled_known_person(dictionary, phrase, tokens, first, entry, on)
    start = _unknown_name_start(dictionary, phrase, tokens, on)
    if start is None:
        start = _given_name_start(tokens, vocabulary)
    if start is None:
        return None
    country, sector = title_attributes(dictionary, span_text(phrase, tokens, 0, start), on) if start else (None, None)
    name = span_text(phrase, tokens, start, len(tokens))
    return ResolvedActor(phrase, name, None, "person", country, sector, "unknown_person")


def _given_name_before(tokens: list[Token], first: int, vocabulary: frozenset[str]) -> bool:
    """The word before ``first`` is part of the name (a capitalised non-title word or an initial)."""
    before = tokens[first - 1]
    return before.text[:1].isupper() and before.norm not in vocabulary


def _given_name_start(tokens: list[Token], vocabulary: frozenset[str]) -> int | None:
    """Where a name that starts with a common given name ends the phrase ("Tom Holland", "Former
    New York mayor Michael R. Bloomberg"): the given name, then capitalised words or initials."""
    names = given_names()
    for start in range(len(tokens) - 1):
        rest = tokens[start:]
        if tokens[start].norm in names and all(t.text[:1].isupper() and t.norm not in vocabulary for t in rest[1:]):
            return start
    return None


def _titled_known_person(
    dictionary: ActorDictionary, phrase: str, tokens: list[Token], first: int, entry: ActorEntry,
    on: datetime.date | None,
) -> ResolvedActor:  # fmt: skip
    country, sector = title_attributes(dictionary, span_text(phrase, tokens, 0, first), on)
    person = dictionary.people[entry.actor_id]
    countries = {entry.country, person.nationality, *(r.country for r in person.roles)}
    if country is not None and country not in countries:
        # "Ukrainian Prime Minister Boris Johnson": trust the text's name, not our identification
        name = span_text(phrase, tokens, first, len(tokens))
        return ResolvedActor(phrase, name, None, "person", country, sector, "contradicted")
    return _from_entry(phrase, entry, "person")


def _unknown_name_start(
    dictionary: ActorDictionary, phrase: str, tokens: list[Token], on: datetime.date | None
) -> int | None:
    """Where a trailing capitalised name begins after a title, or None.

    "Ukrainian military spokesman Andriy Lysenko" -> index of "Andriy": the name runs back from the
    end over capitalised words that are neither title words nor dictionary names.
    """
    vocabulary = title_vocabulary(dictionary)
    first = len(tokens)
    while first > 0:
        token = tokens[first - 1]
        if not token.text[:1].isupper() or token.norm in vocabulary:
            break
        entry = dictionary.lookup(token.text, on)
        if entry is not None and entry.kind != "person":
            break
        first -= 1
    has_title = 0 < first < len(tokens) and any(t.norm in vocabulary for t in tokens[:first])
    return first if has_title else None


def _descriptor(
    dictionary: ActorDictionary, text: str, phrase: str, tokens: list[Token], on: datetime.date | None
) -> ResolvedActor:
    spans = [s for s in entity_spans(dictionary, phrase, tokens, on) if not s.value[1]]
    entities: list[ActorEntry] = [s.value[0] for s in spans]
    entity = entities[0] if entities else None
    sector = descriptor_sector(dictionary, tokens, entities)
    if entity is None:
        method = "descriptor" if sector else "none"
        return ResolvedActor(text, None, None, None, None, sector, method)
    return ResolvedActor(text, entity.name, entity.actor_id, entity.kind, entity.country, sector, "descriptor")
