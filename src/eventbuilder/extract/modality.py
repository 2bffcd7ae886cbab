"""Modality of a claim: asserted, planned, hypothetical or negated.

Precedence when several cues apply: negated > hypothetical > planned > asserted.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventbuilder.extract.syntax import CONDITIONAL_MARKS, Context, subject_of

# "must return to their positions" is an obligation the claim plans, like "will".
_FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo", "must"))
_HYPOTHETICAL_AUX = frozenset(("could", "might", "may", "can", "should", "ought"))
_HYPOTHETICAL_MODIFIERS = frozenset("proposed possible potential planned prospective hypothetical suggested "
                                    "draft mooted envisaged envisioned".split())
_HYPOTHETICAL_PREDICATES = frozenset("option possibility risk danger prospect scenario threat".split())
_PLANNED_MODIFIERS = frozenset("upcoming forthcoming scheduled planned next expected".split())
_NEGATIONS = frozenset(("not", "n't", "never", "no"))


def modality_of(trigger: Token, context: Context) -> str:
    """Modality from the trigger's own auxiliaries and modifiers, its clause and its context."""
    cues = {context.modality} if context.modality else set()
    cues |= _own_cues(trigger)
    cues |= _conditional_cues(trigger)
    for candidate in ("negated", "hypothetical", "planned"):
        if candidate in cues:
            return candidate
    return "asserted"


def _own_cues(trigger: Token) -> set[str]:
    cues = set()
    for child in trigger.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in ("no", "never")):
            cues.add("negated")
        elif child.dep_ == "aux" and word in _FUTURE_AUX:
            cues.add("planned")
        elif child.dep_ == "aux" and word in _HYPOTHETICAL_AUX:
            cues.add("hypothetical")
        elif child.dep_ == "aux" and word == "would":
            cues.add("planned" if _in_reported_speech(trigger) else "hypothetical")
        elif child.dep_ in ("amod", "compound") and word in _HYPOTHETICAL_MODIFIERS:
            cues.add("hypothetical")
        elif child.dep_ in ("amod", "compound") and word in _PLANNED_MODIFIERS:
            cues.add("planned")
    subject = subject_of(trigger)
    if subject is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        cues.add("negated")  # "No Republican president is going to ban abortions"
    if trigger.pos_ == "NOUN":
        cues |= _nominal_predicate_cues(trigger)
    if _going_to(trigger):
        cues.add("planned")
    return cues


def _nominal_predicate_cues(noun: Token) -> set[str]:
    """"A Russian offensive ... is a very real option": the offensive is hypothetical;
    "this will be the fifth fund": the fund is planned (and the if-clause above makes it hypothetical)."""
    head = noun.head
    if noun.dep_ in ("nsubj", "attr") and head.lemma_ == "be":
        attributes = [c for c in head.children if c.dep_ in ("attr", "acomp")]
        if any(a.lemma_.lower() in _HYPOTHETICAL_PREDICATES for a in attributes):
            return {"hypothetical"}
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in head.children):
            return {"planned"}
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in head.children):
            return {"hypothetical"}
    return set()


def _conditional_cues(trigger: Token) -> set[str]:
    """An "if"/"unless" clause on the trigger or on any clause above it ("If approved, this will be ...")."""
    token = trigger
    while True:
        for child in token.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
                return {"hypothetical"}
        if token.head.i == token.i or token.dep_ == "ROOT":
            return set()
        token = token.head


def _in_reported_speech(token: Token) -> bool:
    """"said the troops would withdraw": future in the past, i.e. planned."""
    while token.dep_ != "ROOT" and token.head.i != token.i:
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def _going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ in ("is", "are", "am", "was", "were", "'s", "'re") for c in head.children)
