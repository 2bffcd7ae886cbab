"""Canonical actors for extracted claims: actor1/actor2, participants, speaker, attribution.

Phrases are resolved with the actor dictionary (``resolve_actor``) and, where that is not enough,
with what the document itself says:

- a surname repeats a person introduced earlier ("U.S. Ambassador Michael Carpenter ...
  Carpenter said" -> Michael Carpenter, USA);
- a pronoun ("He urged Russia") takes the identity of the person it refers to;
- a definite description of a state organ ("the junta", "the government", "the ministry", "the
  country's military rulers") is the document's focus country: the dateline's country, else the
  country named most often;
- "the bloc", "the alliance", "the agency" is the last organisation named before it.

Countries are ISO 3166-1 alpha-3 only: the dictionary's PLOVER pseudo-codes for
intergovernmental and non-governmental organisations ("IGO", "NGO", "IMG") become a null country
and, for IGO and NGO officials and organs, the sector IGO or NGO ("Anders Fogh Rasmussen", NATO
Secretary General: country null, sector IGO). A country acting as a whole ("the United States
imposed sanctions") has the sector GOV. ``speaker`` and ``attributed_to`` use the canonical name
of a known person, outlet or organisation and otherwise the phrase as written ("a U.S. defense
official", "the Kiev government").
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from datetime import date

from spacy.tokens import Doc, Span

from eventbuilder.extract.coref import is_person as is_person_entity
from eventbuilder.extract.syntax import phrase_bounds
from eventbuilder.model import ActorMention, Claim
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resolve.actors import ActorDictionary, ResolvedActor, load_dictionary, resolve_actor
from eventbuilder.resolve.implied_actors import infer_implied_actors

PSEUDO_COUNTRIES = {"IGO": "IGO", "NGO": "NGO", "IMG": None}
_NAMED_KINDS = frozenset(("person", "media", "igo", "ngo", "group", "organisation", "organization"))
# Definite descriptions of a state's organs, with the sector they stand for.
_STATE_ORGANS = {
    "junta": "MIL", "military": "MIL", "army": "MIL", "armed forces": "MIL", "military rulers": "MIL",
    "government": "GOV", "authorities": "GOV", "regime": "GOV", "administration": "GOV", "country": "GOV",
    "ministry": "GOV", "interior ministry": "GOV", "foreign ministry": "GOV", "defence ministry": "MIL",
    "defense ministry": "MIL", "cabinet": "GOV", "leadership": "GOV", "police": "COP", "security forces": "COP",
    "parliament": "LEG", "president": "GOV", "prime minister": "GOV",
}
# Sectors of unnamed groups that belong to the place a story is about ("protesters", "rebels",
# "residents"); government officials ("foreign ministers", "six world powers") often do not.
_LOCAL_SECTORS = frozenset("CVL REB COP LAB EDU AGR REL OPP REF HLH MIL UAF CRM".split())
_ORGANISATION_NOUNS = frozenset("bloc alliance agency organisation organization union group council body "
                                "community mission force".split())
_DEFINITE = re.compile(r"^(?:the|its|their|this|that)\s+(?:country's\s+|nation's\s+)?(.+)$", re.IGNORECASE)


class DocumentActors:
    """What one document says about its actors: people by surname, its focus country, the
    organisations named in order."""

    def __init__(self, doc: Doc | None, on: date | None, dictionary: ActorDictionary, dateline: str | None = None):
        self.on, self.dictionary = on, dictionary
        self.people: dict[str, ResolvedActor] = {}
        self._pending_people: list[ResolvedActor] = []
        self._organisations: list[tuple[int, ResolvedActor]] = []
        countries: Counter[str] = Counter()
        for ent in doc.ents if doc is not None else ():
            if is_person_entity(ent):
                self._remember_person(ent)
            elif ent.label_ in ("ORG", "GPE", "NORP"):
                resolved = resolve_actor(ent.text, on, dictionary)
                if resolved.kind in ("igo", "ngo", "group", "organisation", "organization"):
                    self._organisations.append((ent.start_char, resolved))
                if resolved.country and resolved.country not in PSEUDO_COUNTRIES:
                    countries[resolved.country] += 1
        self._organisation_ends = [start for start, _ in self._organisations]
        self.dateline_country = self._dateline_country(dateline)
        self.focus = self.dateline_country or (countries.most_common(1)[0][0] if countries else None)
        self._give_people_the_focus()

    def _give_people_the_focus(self) -> None:
        """A person named with a title but no nationality ("Military spokesman Daniel Hagari" in a
        story datelined Jerusalem) belongs to the dateline's country; without a dateline nothing is
        assumed (a foreign leader is often the only person in a story about another country)."""
        if self.dateline_country is None:
            return
        for key, person in list(self.people.items()):
            if person.country is None and person.actor_id is None and person.sector not in ("IGO", "NGO"):
                self.people[key] = dataclasses.replace(person, country=self.dateline_country)

    def _remember_person(self, ent: Span) -> None:
        """Remember a named person under full name, surname and (for "Kim Jong Un") first name,
        with the country and sector of the title around the name ("Houthi military spokesman")."""
        start, end = phrase_bounds(ent.root)
        phrase = text_of(ent.doc)[min(start, ent.start_char):max(end, ent.end_char)]
        resolved = resolve_actor(phrase, self.on, self.dictionary)
        if resolved.kind not in (None, "person"):
            return
        if resolved.country is None:
            country, sector = self._title_nearby(ent)
            resolved = dataclasses.replace(resolved, country=country, sector=resolved.sector or sector)
        resolved = dataclasses.replace(resolved, name=resolved.name or ent.text, kind="person",
                                       method=resolved.method if resolved.method != "none" else "document")
        self._pending_people.append(resolved)
        words = [w.lower().strip(".,") for w in ent.text.split()]
        for key in dict.fromkeys([ent.text.lower(), words[-1], words[0] if len(words) > 2 else words[-1]]):
            self.people.setdefault(key, resolved)

    def _title_nearby(self, ent) -> tuple[str | None, str | None]:
        """Country and sector from an apposition: "Alexander Borodai, the self-proclaimed prime minister
        of the separatist Donetsk People's Republic"; "A Houthi military spokesman, Yahya Saree"."""
        root = ent.root
        titles = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            titles.append(root.head)
        for title in titles:
            start, end = phrase_bounds(title, ("of",))
            phrase = text_of(ent.doc)[start:end]
            country, sector = self.dictionary.title_attributes(phrase, self.on)
            if country is None:  # "A Houthi military spokesman": the group's country
                country = resolve_actor(phrase, self.on, self.dictionary).country
            if country is not None:
                return (None if country in PSEUDO_COUNTRIES else country), sector
        return None, None

    def _dateline_country(self, dateline: str | None) -> str | None:
        if not dateline:
            return None
        for part in reversed([p.strip() for p in re.sub(r"\(.*?\)", "", dateline).split(",")]):
            resolved = resolve_actor(part.title() if part.isupper() else part, self.on, self.dictionary)
            if resolved.country and resolved.country not in PSEUDO_COUNTRIES:
                return resolved.country
        return None

    def resolve(self, text: str, position: int) -> ResolvedActor:
        resolved = resolve_actor(text, self.on, self.dictionary)
        namesake = self._person_named(text, resolved)
        if namesake is not None:
            return namesake
        if resolved.actor_id is not None and resolved.kind != "person" or resolved.method == "dictionary":
            return resolved
        remembered = self.people.get(text.lower()) or self.people.get(text.split()[-1].lower().strip(".,'\""))
        if remembered is not None and (resolved.country is None or resolved.kind is None):
            return dataclasses.replace(remembered, text=text)
        if resolved.country is None:
            return self._from_context(text, position) or self._local_group(resolved) or resolved
        return resolved

    def _person_named(self, text: str, resolved: ResolvedActor) -> ResolvedActor | None:
        """A bare name that the document gave to one of its own people is that person, whatever the
        dictionary says the word is: "Tom Holland ... Holland said" is not the Netherlands,
        "Michael R. Bloomberg ... Bloomberg said" is not the news agency, "Emily Johnson ...
        Johnson said" is not Boris Johnson."""
        words = _trim_name(text)
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return None
        remembered = self.people.get(" ".join(words).lower()) or (self.people.get(words[-1].lower()) if len(words) == 1 else None)
        if remembered is None or resolved.kind == "person" and resolved.actor_id == remembered.actor_id:
            return None
        if resolved.kind == "person" and resolved.actor_id is not None and remembered.actor_id is None \
                and len(words) > 1:
            return None  # the dictionary knows this full name: the document's surname match is weaker
        return dataclasses.replace(remembered, text=text)

    def _local_group(self, resolved: ResolvedActor) -> ResolvedActor | None:
        """Unnamed people of the story ("protesters", "residents", "rescue workers", "the rebels")
        are of its focus country; weapons are not people ("hit by airstrikes" is not the focus
        country's doing: the attack's doer comes from the attacks before it)."""
        if self.focus is None or resolved.method != "descriptor" or resolved.sector not in _LOCAL_SECTORS:
            return None
        if resolved.text.split()[-1].lower().strip(".,") in _WEAPON_WORDS:
            return None
        return dataclasses.replace(resolved, country=self.focus, method="document")

    def _from_context(self, text: str, position: int) -> ResolvedActor | None:
        match = _DEFINITE.match(text.strip())
        if not match:
            return None
        noun = match.group(1).lower()
        if noun in _STATE_ORGANS and self.focus:
            name = resolve_actor(self.focus, self.on, self.dictionary).name
            return ResolvedActor(text, name, self.focus, "country", self.focus, _STATE_ORGANS[noun], "document")
        words = noun.split()
        if words[-1] in _ORGANISATION_NOUNS and not any(w[:1].isupper() for w in match.group(1).split()[:-1]) \
                and len(words) <= 2:
            # "the bloc", "the Western alliance"; not "the Gush Etzion settlement bloc" (a place)
            return self._last_organisation(words[-1], position, text)
        return None

    def _last_organisation(self, noun: str, position: int, text: str) -> ResolvedActor | None:
        """"the council" -> the last organisation named with "Council" in its name, else the last IGO."""
        earlier = self._organisations[:bisect.bisect_left(self._organisation_ends, position)]
        for predicate in (lambda r: noun in (r.name or "").lower(), lambda r: r.kind == "igo"):
            match = next((r for _, r in reversed(earlier) if predicate(r)), None)
            if match is not None:
                return dataclasses.replace(match, text=text, method="document")
        return None


_NAME_PREFIXES = frozenset("the a an mr mr. ms ms. mrs mrs. dr dr. sir".split())


def _trim_name(text: str) -> list[str]:
    words = [w.strip(".,'\"’") for w in text.replace("’s", "").replace("'s", "").split()]
    while words and words[0].lower() in _NAME_PREFIXES:
        words = words[1:]
    return [w for w in words if w]


def resolve_claim_actors(claims: list[Claim], on: date | None, doc: Doc | None = None, dateline: str | None = None,
                         dictionary: ActorDictionary | None = None) -> None:
    context = DocumentActors(doc, on, dictionary or load_dictionary(), dateline)
    for claim in claims:
        claim.actor1 = _resolve(claim.actor1, context)
        claim.actor2 = _resolve(claim.actor2, context)
        if _same_actor(claim.actor1, claim.actor2):
            claim.actor2 = None  # "Hungary's parliament ratified it": "it" is not Hungary
        claim.participants = tuple(dict.fromkeys(_canonical(p, claim.char_start, context) for p in claim.participants))
        if claim.speaker is not None:
            spoken = claim.actor1.refers_to or claim.actor1.text or "" if claim.actor1 else claim.speaker
            claim.speaker = _source_name(spoken, claim.char_start, context)
        if claim.attributed_to is not None:
            claim.attributed_to = _source_name(claim.attributed_to, claim.char_start, context)
    infer_implied_actors(claims)


def _same_actor(first: ActorMention | None, second: ActorMention | None) -> bool:
    """The target resolved to the doer itself: only a pronoun misread can say that ("X ratified it");
    separatists accusing Kyiv are both Ukrainian but not the same actor."""
    if first is None or second is None or first.actor_id is None:
        return False
    return first.actor_id == second.actor_id and (first.sector == second.sector or second.refers_to is not None)


_WEAPON_WORDS = frozenset("missile missiles rocket rockets shell shells drone drones bomb bombs shrapnel munitions "
                          "barrage strike strikes airstrike airstrikes fire gunfire artillery mortar mortars "
                          "defences defenses".split())
_UNRESOLVABLE = frozenset("he she it they we him her them us i you".split())


def _resolve(mention: ActorMention | None, context: DocumentActors) -> ActorMention | None:
    if mention is None:
        return None
    if mention.refers_to is None and (mention.text or "").lower() in _UNRESOLVABLE:
        return None  # a pronoun nobody in the text fits: no actor rather than a wrong or empty one
    resolved = context.resolve(mention.refers_to or mention.text or "", mention.start)
    country, sector = resolved.country, resolved.sector
    if country in PSEUDO_COUNTRIES:
        pseudo = PSEUDO_COUNTRIES[country]
        country, sector = None, (pseudo if pseudo and sector in (None, "GOV", pseudo) else sector)
    if resolved.kind in ("country", "metonym") and sector is None:
        sector = "GOV"
    return dataclasses.replace(mention, name=resolved.name, actor_id=resolved.actor_id, country=country,
                               sector=sector, kind=resolved.kind)


def _canonical(text: str, position: int, context: DocumentActors) -> str:
    return context.resolve(text, position).name or text


def _source_name(text: str, position: int, context: DocumentActors) -> str:
    resolved = context.resolve(text, position)
    if resolved.actor_id is not None and resolved.kind in _NAMED_KINDS and resolved.name:
        return resolved.name
    if resolved.kind == "person" and resolved.name:
        return resolved.name
    return text
