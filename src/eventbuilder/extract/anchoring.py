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

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Token

from eventbuilder.extract import lexicon
from eventbuilder.extract.quantities import parse_number
from eventbuilder.model import Claim, PlaceMention, Timex
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resolve.dates.direction import report_of_misplaced_date

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
    attached: list[Timex] = []
    owned: dict[int, Timex] = {}
    for timex in timexes:
        if not _dates_claims(timex) or not (sentence.start_char <= timex.start < sentence.end_char):
            continue
        root = _root_of(sentence, timex)
        if root is not None:
            if _attach_one(root, timex, drafts, by_trigger, owned):
                attached.append(timex)
            if framing is None and _frames_sentence(root, sentence):
                framing = timex
    _date_by_sequence(drafts, timexes)
    _share_with_related(drafts)
    _date_by_owning_noun(drafts, owned)
    if framing is not None:
        # "On Wednesday, protesters stormed ... and Tokayev declared ...": the opening expression
        # dates every claim of the sentence that has none of its own, except reported content.
        for claim, token in drafts:
            if claim.date_mention is None and not _is_reported(token):
                claim.date_mention = framing
    if len(attached) == 1 and not owned:
        _share_the_only_date(drafts, attached[0])


def _dates_claims(timex: Timex) -> bool:
    """Dates and times; of the durations only "in the coming days/weeks" (a span after the article)."""
    return timex.type in _DATED_TYPES or timex.type == "DURATION" and _COMING.match(timex.text) is not None


_COMING = re.compile(r"^(?:the\s+)?coming\s+(?:days|weeks)$", re.IGNORECASE)


def _share_the_only_date(drafts, timex: Timex) -> None:
    """A sentence with one date expression tells one occasion: "said on Thursday that five of the
    missiles had landed in its zone and lodged a protest", "Rice, who demanded that Russian troops
    leave" in a sentence dated "on Friday" (the guidelines' "the same occasion"). Claims of a clause
    at another time ("a day after ...", "since ...") and plans keep no date."""
    root = _root_of(drafts[0][1].sent, timex)
    for claim, token in drafts:
        if claim.date_mention is not None or claim.modality not in ("asserted", "negated") or _in_sequence(token):
            continue
        if root is not None and (root.i == token.i or token.is_ancestor(root)):
            continue  # "fired at Kuwait on Thursday, Kuwaiti officials said": the report is today's news
        claim.date_mention = timex


def _in_sequence(token: Token) -> bool:
    """The trigger sits in a clause marked as earlier or later than its main clause."""
    for node in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS for c in node.children):
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in _SEQUENCE_MARKS:
            return True
        if node.dep_ == "ROOT":
            break
    return False


def _root_of(sentence, timex: Timex) -> Token | None:
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attach_one(root: Token, timex: Timex, drafts, by_trigger: dict[int, Claim], owned: dict[int, Timex]) -> bool:
    """Date the claim the expression belongs to; True when it dated one."""
    governor = None
    report = report_of_misplaced_date(root)
    for ancestor in ([report, *report.ancestors] if report is not None else root.ancestors):
        if ancestor.i in by_trigger:
            claim = by_trigger[ancestor.i]
            if claim.date_mention is None:
                claim.date_mention = timex
            return True
        if _is_content_clause(ancestor):
            return False  # "agreed to meet Lavrov late next week": the date of the meeting, not of the agreeing
        if ancestor.pos_ == "NOUN" and _names_an_act(ancestor) and _is_topic(ancestor, by_trigger):
            # "apologised for the downing of a warplane in November", "claimed responsibility for the
            # Feb. 14 suicide bombing": the date of the act the noun names, not of the claim above it
            owned[ancestor.i] = timex
            return False
        if ancestor.pos_ in ("VERB", "AUX") and governor is None:
            governor = ancestor
    # The expression hangs from a clause that is not a claim: it dates the claims inside it,
    # but not those in a coordinated or reported clause ("landed on Wednesday, and Bush said ...").
    if governor is None:
        return False
    dated = False
    for claim, token in drafts:
        if claim.date_mention is None and _within_clause(token, governor):
            claim.date_mention = timex
            dated = True
    return dated


def _names_an_act(noun: Token) -> bool:
    return lexicon.noun_sense(noun) is not None or noun.lemma_.lower() in _ACT_NOUNS


# Prepositions that make an act the occasion of a claim, not its topic: "agreed at a summit in
# Brussels on Monday", "killed ... in their Oct. 7 attack", "said in an address on Wednesday night".
_OCCASION_PREPS = frozenset("at in during amid on throughout".split())


def _is_topic(noun: Token, by_trigger: dict[int, Claim]) -> bool:
    """The act is what a claim is about ("apologised for the downing", "claimed responsibility for the
    bombing"), not the occasion it happened at or the event object of a light verb ("held three hours
    of talks ... on Sunday")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in _OCCASION_PREPS:
        return False
    node = noun
    for _ in range(3):  # "held [three hours of] talks": the light verb's own event
        if node.dep_ in ("dobj", "obj", "attr", "nsubjpass") and node.head.i in by_trigger:
            return False
        if not (node.dep_ == "pobj" and node.head.lower_ == "of" or node.dep_ == "prep" and node.lower_ == "of"):
            break
        node = node.head
    return True


_ACT_NOUNS = frozenset("downing launch test diversion shootdown".split())


def _date_by_owning_noun(drafts, owned: dict[int, Timex]) -> None:
    """"the Feb. 14 suicide bombing that killed 40 police": a relative clause on a dated act is that act."""
    for claim, token in drafts:
        if claim.date_mention is None and token.dep_ in ("relcl", "acl") and token.head.i in owned:
            claim.date_mention = owned[token.head.i]


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


# ---------------------------------------------------------------- dates told relative to another event

_UNIT_DAYS = {"hour": 0, "hours": 0, "minute": 0, "minutes": 0, "day": 1, "days": 1, "week": 7, "weeks": 7}
_RELATIVE_ADVERBS = {"later": 1, "earlier": -1}


def _date_by_sequence(drafts, timexes: Sequence[Timex]) -> None:
    """Dates told as a distance from another event: "struck the port on Saturday, a day after Moscow
    and Kyiv signed a deal" (the signing is Friday), "declared a state of emergency on Tuesday, a day
    after Saudi troops crossed" (Monday), "Speaking at the White House hours later, Clinton said"
    (the day of the last dated event before the sentence)."""
    by_token = {token.i: claim for claim, token in drafts}
    for claim, token in drafts:
        if claim.date_mention is not None:
            continue
        found = _after_clause(token, by_token) or _later_adverb(token, timexes)
        if found is not None:
            claim.date_mention = found


def _after_clause(verb: Token, by_token: dict[int, Claim]) -> Timex | None:
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None:  # "a day after Moscow and Kyiv signed": parsed as "a day [after Moscow]" on the verb
        mark = next((p for c in verb.children if c.dep_ == "npadvmod" for p in c.children
                     if p.dep_ == "prep" and p.lower_ in ("after", "before") and p.i < verb.i), None)
    if mark is None or verb.dep_ not in ("advcl", "conj", "pcomp") or verb.head.i not in by_token:
        return None
    main = by_token[verb.head.i].date_mention
    distance = next((_distance(c) for c in (*mark.children, *verb.children) if c.dep_ == "npadvmod"), None)
    if main is None or distance is None:
        return None
    sign = -1 if mark.lower_ == "after" else 1  # the clause's event is before the main one when "after" it
    start = min(mark.idx, *(c.idx for c in mark.children if c.dep_ == "npadvmod"),
                *(c.left_edge.idx for c in verb.children if c.dep_ == "npadvmod"))
    return _shifted(main, sign * distance, verb.doc.text[start:mark.idx + len(mark.text)], start, mark.idx + len(mark.text))


def _later_adverb(verb: Token, timexes: Sequence[Timex]) -> Timex | None:
    for node in (verb, *verb.ancestors):
        adverb = next((c for c in node.children if c.dep_ == "advmod" and c.lower_ in _RELATIVE_ADVERBS), None)
        measure = None if adverb is None else next((c for c in adverb.children if c.dep_ == "npadvmod"), None)
        if adverb is not None and measure is not None:
            distance = _distance(measure)
            anchor = _last_day_before(timexes, verb.sent.start_char)
            if distance is None or anchor is None:
                return None
            end = adverb.idx + len(adverb.text)
            return _shifted(anchor, _RELATIVE_ADVERBS[adverb.lower_] * distance, verb.doc.text[measure.left_edge.idx:end],
                            measure.left_edge.idx, end)
        if node.dep_ in ("ccomp", "parataxis", "ROOT"):
            break
    return None


def _distance(measure: Token) -> int | None:
    """Days in "a day", "two days", "hours" (the same day), "three weeks"; None for a vague "days"."""
    unit = _UNIT_DAYS.get(measure.lower_)
    if unit is None:
        return None
    if unit == 0:
        return 0
    count = next((c for c in measure.children if c.dep_ in ("nummod", "det")), None)
    if count is None:
        return None
    number = 1 if count.lower_ in ("a", "an", "one") else parse_number(count.text)
    return None if number is None else int(number) * unit


def _last_day_before(timexes: Sequence[Timex], position: int) -> Timex | None:
    earlier = [t for t in timexes if t.end <= position and t.type in _DATED_TYPES and _day_of(t) is not None]
    return earlier[-1] if earlier else None


def _day_of(timex: Timex) -> dt.date | None:
    try:
        return dt.date.fromisoformat((timex.value or "")[:10])
    except ValueError:
        return None


def _shifted(anchor: Timex, days: int, text: str, start: int, end: int) -> Timex | None:
    day = _day_of(anchor)
    if day is None:
        return None
    return dataclasses.replace(anchor, start=start, end=end, text=text, type="DATE", signal=None, mod=None,
                               value=(day + dt.timedelta(days=days)).isoformat(), method="anchored")
