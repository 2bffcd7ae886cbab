"""Canonical actors for extracted claims: actor1/actor2, participants, speaker, attribution.

A pronoun actor keeps its text ("He") and takes the identity of the person it refers to.
Countries are ISO 3166-1 alpha-3 only: the dictionary's PLOVER pseudo-codes for
intergovernmental and non-governmental organisations ("IGO", "NGO", "IMG") become a null country
and, for IGO and NGO officials and organs, the sector IGO or NGO ("Anders Fogh Rasmussen", NATO
Secretary General: country null, sector IGO).
``speaker`` and ``attributed_to`` use the canonical name of a known person, outlet or
organisation and otherwise the phrase as written ("a U.S. defense official", "the Kiev
government"), so that a descriptor is not passed off as a name.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from eventbuilder.model import ActorMention, Claim
from eventbuilder.resolve.actors import ActorDictionary, ResolvedActor, load_dictionary, resolve_actor

PSEUDO_COUNTRIES = {"IGO": "IGO", "NGO": "NGO", "IMG": None}
_NAMED_KINDS = frozenset(("person", "media", "igo", "ngo", "group", "organisation", "organization"))


def resolve_claim_actors(claims: list[Claim], on: date | None, dictionary: ActorDictionary | None = None) -> None:
    dictionary = dictionary or load_dictionary()
    for claim in claims:
        claim.actor1 = _resolve(claim.actor1, on, dictionary)
        claim.actor2 = _resolve(claim.actor2, on, dictionary)
        claim.participants = tuple(dict.fromkeys(_canonical(p, on, dictionary) for p in claim.participants))
        if claim.speaker is not None:
            claim.speaker = _source_name(claim.actor1.refers_to or claim.actor1.text if claim.actor1 else claim.speaker,
                                         on, dictionary)
        if claim.attributed_to is not None:
            claim.attributed_to = _source_name(claim.attributed_to, on, dictionary)


def _resolve(mention: ActorMention | None, on: date | None, dictionary: ActorDictionary) -> ActorMention | None:
    if mention is None:
        return None
    resolved = resolve_actor(mention.refers_to or mention.text, on, dictionary)
    country, sector = resolved.country, resolved.sector
    if country in PSEUDO_COUNTRIES:
        pseudo = PSEUDO_COUNTRIES[country]
        country, sector = None, (pseudo if pseudo and sector in (None, "GOV", pseudo) else sector)
    return dataclasses.replace(mention, name=resolved.name, actor_id=resolved.actor_id, country=country,
                               sector=sector, kind=resolved.kind)


def _canonical(text: str, on: date | None, dictionary: ActorDictionary) -> str:
    return resolve_actor(text, on, dictionary).name or text


def _source_name(text: str, on: date | None, dictionary: ActorDictionary) -> str:
    resolved: ResolvedActor = resolve_actor(text, on, dictionary)
    if resolved.actor_id is not None and resolved.kind in _NAMED_KINDS and resolved.name:
        return resolved.name
    return text
