"""Claim relevance: does a claim belong in an event analyst's default view?

A claim is relevant when three things hold:

1. its trigger is used in its event sense (``Claim.sense_note`` is None: the extractor notes
   idioms, metaphors, products and sport, "shot back in a reply", "Spanish rice meets jerk
   seasoning", "the league banned the striker");
2. its actors make it political (:mod:`.political`): one of them is a political actor; a statement
   whose speaker is not political counts when it is about a political event reported in the same
   sentence ("Witnesses said soldiers opened fire on the crowd");
3. its document is relevant enough: ``relevance`` is at least the build's ``relevance_threshold``.

``relevance`` is the document's score times how political the claim itself is:

| the claim | factor |
|---|---|
| a trigger outside its event sense | 0 |
| a political actor (or protesters protesting); a statement by a political speaker or about a political event | 1 |
| a conflict event (attack, deployment, exercise, sanction, protest, threat) whose doer is unnamed or whose only actors are civilians ("more than 40 people were killed") | 0.85 |
| an actor of a known country who is not otherwise typed ("Tokayev", KAZ) | 0.85 |
| no actor named at all ("the summit", "Protests erupted") | 0.85 |
| only actors that are not political (a chef, a company, a scientist, an unresolved "we"); a statement by anyone else | 0.2 |

A claim dated more than two years before its document's publication is noted as background ("McCain
was shot down over Hanoi in 1967"; "the 2018 military agreement"), so an analyst can tell history
from news; it stays in the view (the link stage dates it and merges it with other reports of it).

So with the default threshold 0.8 (chosen on the dev pages: claims of documents scored 0.5 to 0.9
were judged codeable half as often as those of documents above 0.95) a claim with a political actor
needs a document of at least 0.8, a claim without one a document of at least 0.94, and a chef's
remark never passes; a threshold of 0.5 shows more of the partly political pages.
Every claim keeps a note saying which row decided and the document's score.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from eventbuilder.model import ActorMention, Claim, DocumentRelevance
from eventbuilder.relevance.features import CONFLICT_TYPES
from eventbuilder.relevance.political import PSEUDO_COUNTRIES, political_reason

NOT_POLITICAL_FACTOR = 0.2
NO_ACTOR_FACTOR = 0.85
UNTYPED_FACTOR = 0.85
BACKGROUND_AGE = timedelta(days=730)


def assess_claims(claims: Sequence[Claim], document: DocumentRelevance, threshold: float,
                  published: date | None = None) -> None:
    """Set ``relevant``, ``relevance`` and ``relevance_note`` on every claim of one document."""
    page = document.score if document.score is not None else 0.0
    for claim in claims:
        factor, why = claim_factor(claim)
        background = _background(claim, published)
        if background is not None:
            why = f"{why}; background (an event of {background})"
        claim.relevance, claim.relevance_note = page * factor, f"{why}; document {page:.2f}"
    for claim in claims:  # statements by non-political speakers about political events
        if claim.event_type == "statement" and claim.sense_note is None and claim.relevance < page:
            about = _political_event_beside(claim, claims)
            if about is not None:
                claim.relevance = page
                claim.relevance_note = f"about a political event ({about}); document {page:.2f}"
    for claim in claims:
        claim.relevance = round(claim.relevance, 4)
        claim.relevant = claim.relevance >= threshold


def claim_factor(claim: Claim) -> tuple[float, str]:
    """How political the claim itself is (see the module's table) and why."""
    if claim.sense_note is not None:
        return 0.0, f"not an event: {claim.sense_note}"
    if claim.event_type == "statement":  # its speaker, or (below) the political event it is about
        reason = political_reason(claim.actor1)
        return (1.0, f"political speaker: {reason}") if reason else (NOT_POLITICAL_FACTOR, "speaker not political")
    reason = political_reason(claim.actor1) or political_reason(claim.actor2)
    if reason is None and claim.event_type == "protest" and claim.actor1 is not None:
        reason = f"{_label(claim.actor1)} (protesters)"  # "truckers blockaded the border"
    if reason is not None:
        return 1.0, f"political actor: {reason}"
    if claim.event_type in CONFLICT_TYPES and not _private_doer(claim.actor1):
        return UNTYPED_FACTOR, "conflict event without a named political actor"
    national = next((a for a in (claim.actor1, claim.actor2) if _of_a_country(a)), None)
    if national is not None:
        return UNTYPED_FACTOR, f"actor of a country: {_label(national)} ({national.country})"
    if claim.actor1 is None and claim.actor2 is None:
        return NO_ACTOR_FACTOR, "no actor named"
    return NOT_POLITICAL_FACTOR, "no political actor"


def _background(claim: Claim, published: date | None) -> int | None:
    """The year of a claim dated more than two years before its document was published: history
    told as background ("McCain was shot down over Hanoi in 1967"), not the news an analyst codes."""
    interval = claim.date_interval
    if published is None or interval is None or interval.end is None or claim.date_method == "publication_fallback":
        return None
    return interval.end.year if interval.end < published - BACKGROUND_AGE else None


def _label(actor: ActorMention) -> str:
    return actor.name or actor.text or "?"


def _of_a_country(actor: ActorMention | None) -> bool:
    return actor is not None and actor.country is not None and actor.country not in PSEUDO_COUNTRIES \
        and actor.sector in (None, "ELI", "CVL", "REF")


def _private_doer(actor: ActorMention | None) -> bool:
    """A named doer that is not political ("the company", "Chelsea"): the conflict reading is not
    the analyst's (an unnamed doer or civilians are)."""
    return actor is not None and actor.sector in ("BUS", "MED", "EDU", "HLH", "REL") and actor.country is None


def _political_event_beside(statement: Claim, claims: Sequence[Claim]) -> str | None:
    """A claim with a political actor reported in the statement's sentence ("Witnesses said soldiers
    opened fire on the crowd"; "He claimed that 20,000 bandits had attacked Almaty and said ...")."""
    for other in claims:
        reported_here = other.reported_by is not None and other.sentence_index == statement.sentence_index
        if (other.reported_by == statement.trigger_start or reported_here) and other.event_type != "statement" \
                and claim_factor(other)[0] == 1.0:
            return f"{other.event_type} '{other.trigger}'"
    return None
