"""Attach each temporal expression and place phrase to the claim it belongs to, through the parse.

In "Hagel said on Thursday that the troops arrived on Monday", "Thursday" hangs from "said" and
"Monday" from "arrived": each expression goes to the nearest claim trigger above it. An expression
that hangs from a clause that is not a claim ("Concerns escalated on Wednesday after Moscow urged
...") dates the claims inside that clause. A claim still without a date shares the date of a claim
it is coordinated with, or a simultaneous circumstance of (an adverbial or participial clause:
"Shoigu spoke before troops conducting drills ... on Wednesday"), and an expression opening the
sentence ("On Wednesday, ...") dates all its claims; reported events never inherit the date of
the report, and an expression inside the content of a claim ("agreed to meet late next week")
dates that content, not the claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventbuilder.model import Claim, PlaceMention, Timex
from eventbuilder.nlp.pipeline import text_of

_CIRCUMSTANCE = ("advcl", "acl")
_CLAUSE_BOUNDARIES = frozenset(("conj", "ccomp", "parataxis", "xcomp"))
# Markers of a clause at another time than its main clause.
_SEQUENCE_MARKS = frozenset(("after", "before", "since", "until", "till", "once"))
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
    framing = None
    for timex in timexes:
        if timex.type not in _DATED_TYPES or not (sentence.start_char <= timex.start < sentence.end_char):
            continue
        root = _root_of(sentence, timex)
        if root is not None:
            _attach_one(root, timex, drafts, by_trigger)
            if framing is None and _frames_sentence(root, sentence):
                framing = timex
    _share_with_related(drafts)
    if framing is not None:
        # "On Wednesday, protesters stormed ... and Tokayev declared ...": the opening expression
        # dates every claim of the sentence that has none of its own, except reported content.
        for claim, token in drafts:
            if claim.date_mention is None and not _is_reported(token):
                claim.date_mention = framing


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
        if _is_content_clause(ancestor):
            return  # "agreed to meet Lavrov late next week": the date of the meeting, not of the agreeing
        if ancestor.pos_ in ("VERB", "AUX") and governor is None:
            governor = ancestor
    # The expression hangs from a clause that is not a claim: it dates the claims inside it,
    # but not those in a coordinated or reported clause ("landed on Wednesday, and Bush said ...").
    if governor is None:
        return
    for claim, token in drafts:
        if claim.date_mention is None and _within_clause(token, governor):
            claim.date_mention = timex


def _is_content_clause(token: Token) -> bool:
    return token.dep_ in ("xcomp", "ccomp") and token.pos_ in ("VERB", "AUX")


def _within_clause(token: Token, governor: Token) -> bool:
    node = token
    while node.i != governor.i:
        if node.dep_ in _CLAUSE_BOUNDARIES or node.head.i == node.i:
            return False
        node = node.head
    return True


def _frames_sentence(root: Token, sentence) -> bool:
    """An expression at the head of the sentence that modifies its main clause ("On Wednesday, ...")."""
    main = sentence.root
    return root.i < main.i and any(a.i == main.i for a in root.ancestors) and all(
        a.dep_ not in ("ccomp", "xcomp", "advcl", "relcl", "acl") for a in root.ancestors if a.i != main.i)


def _is_reported(token: Token) -> bool:
    return any(a.dep_ in ("ccomp", "parataxis") for a in [token, *token.ancestors] if a.head.i != a.i)


def _share_with_related(drafts) -> None:
    """A claim without a date shares the date of a coordinated claim ("accused Moscow on Friday ...
    and said ...") or of a simultaneous circumstance ("spoke before troops conducting drills on
    Wednesday"); not across "after"/"before" clauses, which say the times differ."""
    for claim, token in drafts:
        if claim.date_mention is not None:
            continue
        for other, other_token in drafts:
            if other.date_mention is None or other is claim:
                continue
            if _related(token, other_token) or _related(other_token, token):
                claim.date_mention = other.date_mention
                break


def _related(token: Token, governor: Token) -> bool:
    """``token`` is coordinated with, or a simultaneous circumstance of, ``governor``."""
    if token.dep_ == "conj" and token.head.i == governor.i:
        return True
    if token.dep_ not in _CIRCUMSTANCE:
        return False
    mark = next((c.lower_ for c in token.children if c.dep_ == "mark"), None)
    # "spoke before Russian troops conducting drills": "before" + a participle with its own subject
    # is "in front of", not "earlier than".
    locative = mark == "before" and token.tag_ == "VBG" and any(c.dep_ == "nsubj" for c in token.children)
    if mark in _SEQUENCE_MARKS and not locative:
        return False
    return governor.i in (token.head.i, token.head.head.i)


def attach_place_phrases(drafts: list[tuple[Claim, Token]]) -> None:
    """Set an unresolved ``place_mention`` (the claim's ``place_text``) from a locative phrase on the trigger."""
    for claim, token in drafts:
        pobj = _locative_object(token)
        if pobj is None:
            continue
        start, end = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
        text = text_of(token.doc)[start:end]
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
