"""Claims from a parsed document: one per event trigger in an asserted or reported clause.

A trigger is a verb ("met", "urged", "increased" with troops), a light verb with an event object
("hold talks", "impose sanctions") or an event noun with its own actor ("Moscow's deployment",
"a Russian offensive"). Triggers inside the content of another claim ("urged Russia not to wage
war"), in purpose clauses ("to discuss") or under hedges ("concerns of a Russian invasion") are
not claims of their own. Reporting verbs make statements, except when a news outlet reports: then
the reported events are attributed to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from eventbuilder.extract import lexicon
from eventbuilder.extract.anchoring import attach_dates, attach_place_phrases
from eventbuilder.extract.arguments import noun_actors, verb_actors
from eventbuilder.extract.attribution import Attribution, according_to, is_media, outlet_told, reporter_attribution
from eventbuilder.extract.coref import PersonTracker
from eventbuilder.extract.modality import modality_of
from eventbuilder.extract.quantities import quantity_in
from eventbuilder.extract.syntax import HEDGE_NOUNS, Context, conjuncts, context_of, phrase_bounds
from eventbuilder.model import ActorMention, Claim, Quantity, Timex

EXTRACTOR_VERSION = "1"
_QUOTE = re.compile(r"[\"“]([^\"”]{3,}?)[\"”]")
# Eventive predicates whose subject noun is an event: "Fighting erupted", "the talks ended".
_EVENTIVE = frozenset("take happen occur begin start end erupt continue resume break escalate intensify "
                      "kill wound injure destroy hit leave damage rock claim conclude collapse stall fail".split())


@dataclass
class _Trigger:
    token: Token
    sense: lexicon.Sense
    object_token: Token | None = None  # the event noun of a light verb ("talks" in "hold talks")


def extract_claims(doc: Doc, doc_id: str, timexes: Sequence[Timex] = ()) -> list[Claim]:
    """All claims of ``doc`` (a spaCy Doc over the document's ``text``), in text order."""
    people = PersonTracker(doc)
    claims: list[Claim] = []
    for index, sentence in enumerate(doc.sents):
        triggers = _triggers(sentence)
        drafts = _sentence_claims(sentence, index, doc_id, triggers, people)
        attach_dates(drafts, timexes)
        attach_place_phrases(drafts)
        claims.extend(claim for claim, _ in drafts)
    return claims


def _triggers(sentence: Span) -> dict[int, _Trigger]:
    found: dict[int, _Trigger] = {}
    consumed: set[int] = set()
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
            sense = lexicon.verb_sense(token)
            if sense is not None:
                obj = _event_object(token) if sense.via == "object" else None
                found[token.i] = _Trigger(token, sense, obj)
                if obj is not None:
                    consumed.add(obj.i)
    for token in sentence:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in consumed and token.i not in found:
            sense = lexicon.noun_sense(token)
            if sense is not None and _nominal_is_claim(token, found):
                found[token.i] = _Trigger(token, sense)
    return found


def _event_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")), None)


def _nominal_is_claim(noun: Token, verbs: dict[int, _Trigger]) -> bool:
    """An event noun is a claim when it has its own actor or is the subject of an eventive verb,
    and is not the content of a hedge ("the likelihood of a Russian invasion")."""
    if noun.head.i in verbs and noun.dep_ in ("dobj", "obj", "pobj"):
        return False  # already part of its verb's claim
    if noun.dep_ == "pobj" and noun.head.head.i in verbs:
        return False  # "hold talks during the NATO conference": a circumstance of the talks
    if noun.head.lower_ in HEDGE_NOUNS or (noun.dep_ == "pobj" and noun.head.head.lower_ in HEDGE_NOUNS):
        return False
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _EVENTIVE:
        return True
    actor1, _ = noun_actors(noun, lexicon.noun_sense(noun).event_type)
    return actor1 is not None


def _sentence_claims(sentence: Span, index: int, doc_id: str, triggers: dict[int, _Trigger],
                     people: PersonTracker) -> list[tuple[Claim, Token]]:
    def is_trigger(token: Token) -> bool:
        return token.i in triggers and triggers[token.i].sense.role != "report"

    def is_reporting(token: Token) -> bool:
        return token.i in triggers and triggers[token.i].sense.role == "report"

    according = according_to(sentence)
    drafts = []
    for trigger in triggers.values():
        context = context_of(trigger.token, is_trigger, is_reporting)
        if context.kind in ("content", "purpose", "hedged", "condition") or _is_redundant_participle(trigger, triggers):
            continue
        if according is not None and according.start <= trigger.token.idx < according.end:
            continue  # "according to a statement by ...": the source, not a claim
        claim = _claim(sentence, index, doc_id, trigger, context, people, according)
        if claim is not None:
            drafts.append((claim, trigger.token))
    return drafts


def _is_redundant_participle(trigger: _Trigger, triggers: dict[int, _Trigger]) -> bool:
    """"troops stationed at the border have increased": one deployment claim, not two."""
    token = trigger.token
    if token.dep_ not in ("acl", "relcl") or token.tag_ != "VBN":
        return False
    governor = token.head.head
    return governor.i in triggers and triggers[governor.i].sense.event_type == trigger.sense.event_type


def _claim(sentence: Span, index: int, doc_id: str, trigger: _Trigger, context: Context, people: PersonTracker,
           according: Attribution | None) -> Claim | None:
    token, sense = trigger.token, trigger.sense
    if token.pos_ in ("NOUN", "PROPN"):
        head1, head2 = noun_actors(token, sense.event_type)
    else:
        head1, head2 = verb_actors(token, sense.event_type)
    actor1, actor2 = people.mention(head1), people.mention(head2)
    if sense.role == "report" and actor1 is not None and is_media(actor1.text):
        return None  # "The Telegraph reported": a source, not a statement (see attribution)
    if actor2 is not None and is_media(actor2.text):
        actor2 = None  # "told the New York Times": the outlet is the attribution
    attribution = _attribution(token, sense, context, according)
    start, end = _sentence_bounds(sentence)
    claim = Claim(
        doc_id=doc_id,
        sentence_index=index,
        char_start=start,
        char_end=end,
        evidence_text=sentence.doc.text[start:end],
        event_type=sense.event_type,
        plover_type=sense.plover,
        cameo_root=sense.cameo,
        trigger=_trigger_text(trigger),
        trigger_start=token.idx,
        actor1=actor1,
        actor2=actor2,
        participants=_participants(sense.event_type, head1, head2),
        modality=modality_of(token, context),
        quantity=_quantity(token, head1, head2, trigger.object_token),
        attributed_to=attribution.source if attribution else None,
        attribution_text=attribution.text if attribution else None,
        extractor=f"rules/{'report' if sense.role == 'report' else sense.via}@{EXTRACTOR_VERSION}",
        confidence=_confidence(sense, context, actor1),
    )
    if sense.role == "report" or sense.event_type == "statement":
        claim.speaker = actor1.text if actor1 else None
        claim.quote = _quote(sentence, token)
    return claim


def _attribution(token: Token, sense: lexicon.Sense, context: Context,
                 according: Attribution | None) -> Attribution | None:
    if sense.role == "report":
        told = outlet_told(token)
        if told is not None:
            return told
    if context.kind == "reported" and context.reporter is not None:
        return reporter_attribution(context.reporter) or according
    return according


def _trigger_text(trigger: _Trigger) -> str:
    token = trigger.token
    parts = [token]
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None:
        parts.append(particle)
    if trigger.object_token is not None:
        parts.append(trigger.object_token)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _participants(event_type: str, head1: Token | None, head2: Token | None) -> tuple[str, ...]:
    if event_type not in ("meeting", "agreement"):
        return ()
    heads = [t for h in (head1, head2) if h is not None for t in conjuncts(h)]
    if len(heads) < 2:
        return ()
    doc = heads[0].doc
    return tuple(doc.text[slice(*phrase_bounds(h))] for h in heads)


def _quantity(trigger: Token, *heads: Token | None) -> Quantity | None:
    """An amount of a counted unit among the trigger's arguments ("20,000 troops", "from 12,000 to 20,000")."""
    units = lexicon.units()
    scope = [t for h in heads if h is not None for t in h.subtree]
    if trigger.dep_ in ("relcl", "acl"):
        scope += list(trigger.head.lefts) + [trigger.head]  # "the 20,000 troops Kremlin posted"
    if trigger.pos_ in ("VERB", "AUX", "ADJ"):
        scope += [t for c in trigger.children if c.dep_ in ("prep", "dobj", "npadvmod", "advmod", "attr") for t in c.subtree]
    unit_token = next((t for t in scope if t.lower_ in units or t.lemma_.lower() + "s" in units), None)
    has_number = any(t.like_num or t.pos_ == "NUM" for t in scope) or any(
        t.lower_ in ("dozens", "hundreds", "thousands", "millions", "scores") for t in scope)
    if unit_token is None or not has_number:
        return None
    left = min(t.idx for t in scope)
    right = max(t.idx + len(t.text) for t in scope)
    text = trigger.doc.text[left:right]
    unit = unit_token.lower_ if unit_token.lower_ in units else unit_token.lemma_.lower() + "s"
    return quantity_in(text, unit, unit_token.idx - left)


def _quote(sentence: Span, trigger: Token) -> str | None:
    quoted = _QUOTE.findall(sentence.text)
    if quoted:
        return " ... ".join(q.strip().rstrip(",") for q in quoted)
    complement = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
    if complement is None:
        return None
    start, end = complement.left_edge.idx, complement.right_edge.idx + len(complement.right_edge.text)
    return trigger.doc.text[start:end]


def _sentence_bounds(sentence: Span) -> tuple[int, int]:
    tokens = [t for t in sentence if not t.is_space]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _confidence(sense: lexicon.Sense, context: Context, actor1: ActorMention | None) -> float:
    """0.9 for a verb with an actor in an asserted clause; lower for reported content (0.8),
    event nouns (0.7), missing actors (-0.2) and pronoun actors (-0.1)."""
    score = 0.9 if sense.via in ("verb", "particle", "object") else 0.7
    if context.kind == "reported":
        score -= 0.1
    if actor1 is None:
        score -= 0.2
    elif actor1.refers_to is not None:
        score -= 0.1
    return round(max(score, 0.1), 2)
