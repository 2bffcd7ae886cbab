"""Actors a sentence implies and an earlier claim of the same document names.

A sentence-level reading leaves these empty or wrong; the claims just before them say who:

- "The two leaders agreed ...", "Both sides had agreed to a pause", "The two sides had negotiated":
  the two parties of the last claim with two different named actors;
- "Two of them were intercepted", "none of the missiles had been intercepted": the side the last
  attack was aimed at intercepts (and the attacker is the one intercepted);
- "were killed", "two Kalibr cruise missiles hit the port": an attack whose doer is unnamed (or
  only a weapon) continues the last attack with a known doer;
- "condemned the launch", "called the strike barbarism": the act an object noun names without its
  owner was done by the doer of the last claim of that type.

Only claims in the two sentences before (or earlier in the same sentence) are antecedents: past
that, a paragraph break usually changes the subject. An implied actor keeps its phrase as written
(or none: ``text`` None), takes the antecedent's identity, records the antecedent claim
(``Claim.antecedent``, the ``antecedent_claim_id`` column) and lowers the claim's confidence.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from eventbuilder.model import ActorMention, Claim

REACH = 2  # sentences back
IMPLIED_PENALTY = 0.1
_PAIR = re.compile(r"^(?:the\s+|both\s+)?(?:two\s+)?(?:leaders|sides|countries|governments|men|presidents|"
                   r"ministers|parties|neighbours|neighbors|nations|delegations|allies|rivals|foes)$", re.IGNORECASE)
_BOTH = re.compile(r"^(?:the\s+two|both)\b", re.IGNORECASE)
_INTERCEPTING = re.compile(r"^(?:intercept\w*|shot down|shoot\w* down|downed)$", re.IGNORECASE)


def infer_implied_actors(claims: Sequence[Claim]) -> None:
    """Fill the implied actors of one document's claims (in text order), in place."""
    for index, claim in enumerate(claims):
        before = _candidates(claims, index)
        for rule in _RULES:
            if rule(claim, before):
                claim.confidence = round(max(claim.confidence - IMPLIED_PENALTY, 0.1), 2)
                break


def _candidates(claims: Sequence[Claim], index: int) -> list[Claim]:
    """The claims an implied actor may come from, nearest first."""
    claim = claims[index]
    return [c for c in reversed(claims[:index]) if 0 <= claim.sentence_index - c.sentence_index <= REACH
            and (c.sentence_index < claim.sentence_index or c.trigger_start < claim.trigger_start)]


def _known(actor: ActorMention | None) -> bool:
    return actor is not None and (actor.country is not None or actor.actor_id is not None or actor.name is not None)


def _unnamed(actor: ActorMention | None) -> bool:
    """No actor, or one nobody can be told from ("the strikes hit areas near Homs", "air defences");
    "Russian missiles" are Russia's."""
    return actor is None or not _known(actor)


def _same(first: ActorMention | None, second: ActorMention | None) -> bool:
    if first is None or second is None:
        return False
    if first.actor_id is not None and first.actor_id == second.actor_id:
        return True
    return first.name is not None and first.name == second.name and first.country == second.country


def _taken(actor: ActorMention, written: ActorMention | None) -> ActorMention:
    """The antecedent's identity, with the phrase as this sentence writes it (or none)."""
    if written is None:
        return dataclasses.replace(actor, text=None, start=-1, end=-1, refers_to=None)
    return dataclasses.replace(actor, text=written.text, start=written.start, end=written.end,
                               refers_to=actor.name or actor.text)


def _two_parties(claim: Claim, before: list[Claim]) -> bool:
    """"The two leaders agreed", "Both sides had agreed to a pause": the two named parties of the
    last claim that had two."""
    text = (claim.actor1.text or "") if claim.actor1 is not None else ""
    if claim.actor1 is None or _known(claim.actor1) and claim.actor1.name is not None or not (
            _PAIR.match(text) and _BOTH.match(text) or text.lower() in ("both", "the two")):
        return False
    antecedent = next((c for c in before if _known(c.actor1) and _known(c.actor2) and not _same(c.actor1, c.actor2)),
                      None)
    if antecedent is None or antecedent.actor1 is None or antecedent.actor2 is None:
        return False
    claim.actor1 = _taken(antecedent.actor1, claim.actor1)
    claim.actor2 = claim.actor2 if _known(claim.actor2) else _taken(antecedent.actor2, None)
    claim.antecedent = antecedent
    return True


def _interception(claim: Claim, before: list[Claim]) -> bool:
    """"Two of them were intercepted by Patriot missiles", "none of the missiles had been
    intercepted": the side the last attack was aimed at does the intercepting."""
    if claim.event_type != "attack" or not _INTERCEPTING.match(claim.trigger) or not _unnamed(claim.actor1):
        return False
    if claim.actor2 is not None and not _unnamed(claim.actor2):
        return False  # "shot down a jet": a target that is not a weapon is the target
    antecedent = next((c for c in before if c.event_type == "attack" and _known(c.actor1) and _known(c.actor2)
                       and not _same(c.actor1, c.actor2)), None)
    if antecedent is None or antecedent.actor1 is None or antecedent.actor2 is None:
        return False
    claim.actor1 = _taken(antecedent.actor2, claim.actor1 if claim.actor1 is not None and _known(claim.actor1) else None)
    claim.actor2 = _taken(antecedent.actor1, None)
    claim.antecedent = antecedent
    return True


def _continued_attack(claim: Claim, before: list[Claim]) -> bool:
    """An attack whose doer is not named ("were killed", "two Kalibr cruise missiles hit the port")
    continues the last attack with a known doer ("Russian missiles struck the port of Odesa"); never
    one whose doer is the victims' own side ("killed 40 Indian paramilitary police" after an Indian
    strike is not India's doing; civilians killed in a civil war may be)."""
    if claim.event_type != "attack" or not _unnamed(claim.actor1):
        return False
    antecedent = next((c for c in before if c.event_type == "attack" and _known(c.actor1) and not _unnamed(c.actor1)),
                      None)
    if antecedent is None or antecedent.actor1 is None:
        return False
    doer = antecedent.actor1
    victim = claim.actor2
    if victim is not None and (_same(doer, victim) or victim.country is not None and victim.country == doer.country
                               and victim.sector not in (None, "CVL", "REF")):
        return False  # a state's forces killed are not that state's doing; civilians of a civil war may be
    claim.actor1 = _taken(doer, claim.actor1)
    claim.antecedent = antecedent
    return True


def _owner_of_the_act(claim: Claim, before: list[Claim]) -> bool:
    """"condemned the launch", "called the strike barbarism": the doer of the last claim of the type
    the object names, when it is not the speaker's own side."""
    if claim.object_event is None or _known(claim.actor2) or claim.actor1 is None:
        return False
    antecedent = next((c for c in before if c.event_type == claim.object_event and _known(c.actor1)), None)
    if antecedent is None or antecedent.actor1 is None or _same(antecedent.actor1, claim.actor1):
        return False
    claim.actor2 = _taken(antecedent.actor1, None)
    claim.antecedent = antecedent
    return True


_RULES: tuple[Callable[[Claim, list[Claim]], bool], ...] = (
    _two_parties, _interception, _continued_attack, _owner_of_the_act,
)
