"""Which actors are political: the ones an event analyst codes events between.

The issue's definition: a state, a government body, an official, an armed force or group, a party,
an international organisation, a political movement, protesters. On a resolved actor that is its
kind (a country acting as a whole, a state organ named by its capital, an IGO, an armed or
political group from the dictionary), its PLOVER sector (GOV, MIL, REB, COP, JUD, LEG, OPP, PTY,
SPY, UAF, ELI, IGO, and labour unions), or the words that name protesters. A chef, a reviewer, a
company, a scientist, "the women" or "Americans" are not political actors; an unresolved pronoun
is not either (nothing says who it is).
"""

from __future__ import annotations

from eventbuilder.model import ActorMention

PSEUDO_COUNTRIES = frozenset(("IGO", "NGO", "IMG"))
# Sectors of political actors (PLOVER spelling, see resources/actors/titles.json). ELI are former
# office holders and tribal elders; LAB unions and strikers; HRI human-rights organisations.
POLITICAL_SECTORS = frozenset("GOV MIL REB OPP LEG JUD COP SPY PTY UAF ELI IGO LAB HRI INS".split())
POLITICAL_KINDS = frozenset(("country", "metonym", "igo", "group"))
# A country reading that names its people, not its state: "Russians", "Americans" (sector CVL).
_PEOPLE_SECTORS = frozenset(("CVL", "REF", "EDU", "HLH", "BUS", "MED", "REL", "AGR", "CRM", "DEV", "ENV"))
# Protesters are political actors whatever the resolver made of them ("some protesters" FRA/CVL).
PROTEST_WORDS = frozenset("protester protesters protestor protestors demonstrator demonstrators activist activists "
                          "rioter rioters marcher marchers strikers dissident dissidents insurgents rebels "
                          "militants separatists mutineers".split())
# Parties to a conflict or a negotiation, named as such ("Both sides agreed", "the delegations met").
PARTY_WORDS = frozenset("side sides belligerents combatants negotiators mediators delegation delegations envoy envoys "
                        "diplomat diplomats".split())


def political_reason(actor: ActorMention | None) -> str | None:
    """A short account of why ``actor`` is political ("Russia (GOV)"), or None when it is not."""
    if actor is None:
        return None
    words = (actor.text or "").lower().replace("-", " ").split()
    label = actor.name or actor.text or "?"
    if any(word.strip(".,'\"") in PROTEST_WORDS for word in words):
        return f"{label} (protesters)" if actor.sector is None else f"{label} ({actor.sector})"
    if words and words[-1].strip(".,'\"") in PARTY_WORDS:
        return f"{label} (a party)"
    if actor.sector in POLITICAL_SECTORS:
        return f"{label} ({actor.sector})"
    if actor.kind in POLITICAL_KINDS and actor.sector not in _PEOPLE_SECTORS:
        return f"{label} ({actor.kind})"
    return None


def is_political(actor: ActorMention | None) -> bool:
    return political_reason(actor) is not None
