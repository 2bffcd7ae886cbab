"""Claim relevance: does a claim belong in an event analyst's default view?

A claim is relevant when three things hold:

1. its trigger is used in its event sense (``Claim.sense_note`` is None: the extractor notes
   idioms, metaphors, products and sport, "shot back in a reply", "Spanish rice meets jerk
   seasoning", "the league banned the striker");
2. one of its actors is political (:mod:`.political`); a statement whose speaker is not political
   is relevant when it is about a relevant event reported in the same sentence ("Witnesses said
   soldiers opened fire on the crowd");
3. its document is relevant enough: ``relevance`` (the document's score when 1 and 2 hold) is at
   least the build's ``relevance_threshold``.

``relevance`` is 0 for a trigger outside its event sense, 0.2 x the document's score for a claim
without a political actor (so a threshold below 0.2 would let non-political claims of very
political documents in), and the document's score otherwise. Every claim keeps a note saying which
of the three decided.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventbuilder.model import Claim, DocumentRelevance
from eventbuilder.relevance.political import political_reason

NOT_POLITICAL_FACTOR = 0.2


def assess_claims(claims: Sequence[Claim], document: DocumentRelevance, threshold: float) -> None:
    """Set ``relevant``, ``relevance`` and ``relevance_note`` on every claim of one document."""
    page = document.score if document.score is not None else 0.0
    page_text = f"document {page:.2f}"
    for claim in claims:
        claim.relevance, claim.relevance_note = _score(claim, page, page_text)
    for claim in claims:  # statements by non-political speakers about relevant events
        if claim.event_type == "statement" and claim.sense_note is None and claim.relevance < page:
            about = _relevant_event_beside(claim, claims, page)
            if about is not None:
                claim.relevance = page
                claim.relevance_note = f"about a political event ({about}); {page_text}"
    for claim in claims:
        claim.relevance = round(claim.relevance, 4)
        claim.relevant = claim.relevance >= threshold


def _score(claim: Claim, page: float, page_text: str) -> tuple[float, str]:
    if claim.sense_note is not None:
        return 0.0, f"not an event: {claim.sense_note}"
    reason = political_reason(claim.actor1) or political_reason(claim.actor2)
    if reason is not None:
        role = "speaker" if claim.event_type == "statement" and political_reason(claim.actor1) else "actor"
        return page, f"political {role}: {reason}; {page_text}"
    if claim.actor1 is None and claim.actor2 is None:
        return page * NOT_POLITICAL_FACTOR, f"no actor; {page_text}"
    return page * NOT_POLITICAL_FACTOR, f"no political actor; {page_text}"


def _relevant_event_beside(statement: Claim, claims: Sequence[Claim], page: float) -> str | None:
    """A non-statement claim of the same sentence with a political actor."""
    for other in claims:
        if (other is not statement and other.sentence_index == statement.sentence_index
                and other.event_type != "statement" and other.sense_note is None and other.relevance >= page > 0):
            return f"{other.event_type} '{other.trigger}'"
    return None
