"""Attach each temporal expression and place phrase to the claim it belongs to, through the parse.

In "Hagel said on Thursday that the troops arrived on Monday", "Thursday" hangs from "said" and
"Monday" from "arrived": each expression goes to the nearest claim trigger above it. An expression
that hangs from a clause that is not a claim ("Concerns escalated on Wednesday after Moscow urged
...") dates the claims inside that clause. A claim still without a date shares the date of a claim
it is a circumstance of, or that is a circumstance of it (an adverbial or participial clause:
"Shoigu spoke before troops conducting drills ... on Wednesday"); reported events never inherit
the date of the report.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Token

from eventbuilder.model import Claim, PlaceMention, Timex

_CIRCUMSTANCE = ("advcl", "acl")
_DATED_TYPES = ("DATE", "TIME")
_LOCATIVE_PREPS = frozenset("in at near on along across inside outside into to from around within throughout "
                            "off over toward towards during".split())
_PLACE_NOUNS = frozenset("border borders region area city capital town village coast waters sea frontier territory "
                         "territories province oblast district peninsula enclave zone base port airport strait gulf "
                         "mountains valley island islands outskirts countryside suburbs neighbourhood neighborhood "
                         "square street camp embassy headquarters parliament palace".split())


def attach_dates(drafts: list[tuple[Claim, Token]], timexes: Sequence[Timex]) -> None:
    """Set ``date_mention`` on the claims of one sentence."""
    if not drafts:
        return
    sentence = drafts[0][1].sent
    by_trigger = {token.i: claim for claim, token in drafts}
    for timex in timexes:
        if timex.type not in _DATED_TYPES or not (sentence.start_char <= timex.start < sentence.end_char):
            continue
        root = _root_of(sentence, timex)
        if root is not None:
            _attach_one(root, timex, drafts, by_trigger)
    _share_with_circumstances(drafts, by_trigger)


def _root_of(sentence, timex: Timex) -> Token | None:
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attach_one(root: Token, timex: Timex, drafts, by_trigger: dict[int, Claim]) -> None:
    governor = None
    for ancestor in root.ancestors:
        if ancestor.i in by_trigger:
            claim = by_trigger[ancestor.i]
            if claim.date_mention is None:
                claim.date_mention = timex
            return
        if ancestor.pos_ in ("VERB", "AUX") and governor is None:
            governor = ancestor
    # The expression hangs from a clause that is not a claim: it dates the claims inside it.
    if governor is None:
        return
    for claim, token in drafts:
        if claim.date_mention is None and any(a.i == governor.i for a in token.ancestors):
            claim.date_mention = timex


def _share_with_circumstances(drafts, by_trigger: dict[int, Claim]) -> None:
    for claim, token in drafts:
        if claim.date_mention is not None:
            continue
        for other, other_token in drafts:
            if other.date_mention is None or other is claim:
                continue
            if _is_circumstance(token, other_token) or _is_circumstance(other_token, token):
                claim.date_mention = other.date_mention
                break


def _is_circumstance(token: Token, governor: Token) -> bool:
    """``token`` heads an adverbial or participial clause attached (directly or via an argument) to ``governor``."""
    if token.dep_ not in _CIRCUMSTANCE:
        return False
    return governor.i in (token.head.i, token.head.head.i)


def attach_place_phrases(drafts: list[tuple[Claim, Token]]) -> None:
    """Set ``place_text`` and an unresolved ``place_mention`` from a locative phrase on the trigger."""
    for claim, token in drafts:
        pobj = _locative_object(token)
        if pobj is None:
            continue
        start, end = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
        text = token.doc.text[start:end]
        claim.place_text = text
        claim.place_mention = PlaceMention(start, end, text, None)


def _locative_object(trigger: Token) -> Token | None:
    """The first place-like object of a locative preposition on the trigger (or on a clause it
    governs), or on a participle describing its subject or object ("troops stationed at the
    border"). Places inside what the claim is about ("agreed to a ceasefire in eastern Ukraine",
    "urged the Council to call for assistance in Donetsk") are its topic, not its location."""
    carriers = [trigger] + [c for c in trigger.children if c.dep_ in ("advcl", "xcomp")]
    arguments = [c for c in trigger.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    carriers += [g for a in arguments for g in a.children if g.dep_ in ("acl", "relcl")]
    for carrier in carriers:
        for prep in (c for c in carrier.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE_PREPS):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = _place_like(pobj)
                if found is not None:
                    return found
    return None


def _place_like(pobj: Token) -> Token | None:
    if pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.lower_ in _PLACE_NOUNS or pobj.lemma_.lower() in _PLACE_NOUNS:
        return pobj
    # "during the NATO conference in Wales": the place of the conference
    for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for inner in (g for g in prep.children if g.dep_ == "pobj"):
            if inner.ent_type_ in ("GPE", "LOC", "FAC"):
                return inner
    return None
