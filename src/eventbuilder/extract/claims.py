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
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventbuilder.extract import lexicon, senses
from eventbuilder.extract.anchoring import attach_dates, attach_place_phrases
from eventbuilder.extract.arguments import is_actor_like, noun_actors, verb_actors
from eventbuilder.extract.attribution import Attribution, according_to, is_media, outlet_told, reporter_attribution
from eventbuilder.extract.coding import refine_codes
from eventbuilder.extract.coref import PersonTracker
from eventbuilder.extract.modality import modality_of
from eventbuilder.extract.quantities import parse_number, quantity_in
from eventbuilder.extract.syntax import Context, conjuncts, context_of, phrase_bounds, subject_of
from eventbuilder.model import ActorMention, Claim, Quantity, Timex
from eventbuilder.nlp.pipeline import text_of

EXTRACTOR_VERSION = "1"
_QUOTE = re.compile(r"[\"“]([^\"”]{3,}?)[\"”]")
# Eventive predicates whose subject noun is an event: "Fighting erupted", "the talks ended".
_EVENTIVE = frozenset("take happen occur begin start end erupt continue resume break escalate intensify "
                      "kill wound injure destroy hit leave damage rock claim conclude collapse stall fail "
                      "come go proceed last include involve target".split())
_PROTESTERS = frozenset("protester demonstrator crowd rioter student marcher".split())
_SCHEDULED = frozenset("schedule expect plan due set slate".split())


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
        if senses.is_chrome(sentence.text):
            continue  # "Sign up for our new newsletter!", "Want to join the conversation?"
        triggers = _triggers(sentence)
        drafts = _sentence_claims(sentence, index, doc_id, triggers, people)
        refine_codes(drafts)
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
    found = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")), None)
    return None if found is None else lexicon.unwrap_container(found)  # "held three hours of talks": the talks


def _nominal_is_claim(noun: Token, verbs: dict[int, _Trigger]) -> bool:
    """An event noun is a claim only as the predicate of its own clause: the subject of an
    eventive verb ("Fighting erupted", "The exercises are scheduled to continue"), either side of
    a copula ("A Russian offensive is a very real option", "this will be the fifth fund"), or a
    sentence fragment. As an argument of another predicate it is not ("condemned the strike",
    "in retaliation for the group's attacks")."""
    if noun.ent_type_ in ("EVENT", "ORG", "WORK_OF_ART", "LAW", "FAC", "GPE", "PERSON") or noun.pos_ == "PROPN":
        return False  # "the Second World War", "the Security Council"
    head = noun.head
    if noun.dep_ == "ROOT":
        return True
    if noun.dep_ in ("nsubj", "nsubjpass") and head.i not in verbs:
        lemma = head.lemma_.lower()
        if lemma == "be" and _is_anaphoric(noun):
            return False  # "the attack was retaliation for ...": the attack already reported
        return lemma in _EVENTIVE or lemma == "be" or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in _EVENTIVE for c in head.children) or lemma in _SCHEDULED
    if noun.dep_ == "attr" and head.lemma_.lower() == "be":
        return True
    return False


def _is_anaphoric(noun: Token) -> bool:
    """"the attack" with no actor of its own refers back to an event reported before."""
    has_the = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)
    has_actor = any(c.dep_ in ("poss", "amod", "compound") and c.ent_type_ for c in noun.children)
    return has_the and not has_actor


def _sentence_claims(sentence: Span, index: int, doc_id: str, triggers: dict[int, _Trigger],
                     people: PersonTracker) -> list[tuple[Claim, Token]]:
    def is_trigger(token: Token) -> bool:
        return token.i in triggers and triggers[token.i].sense.role != "report"

    def is_reporting(token: Token) -> bool:
        return token.i in triggers and triggers[token.i].sense.role == "report"

    according = according_to(sentence)
    quoted = [] if any(t.sense.role == "report" for t in triggers.values()) else _quoted_spans(sentence)
    drafts = []
    for trigger in triggers.values():
        context = context_of(trigger.token, is_trigger, is_reporting)
        if context.kind in ("content", "purpose", "hedged", "condition") or _is_redundant_participle(trigger, triggers):
            continue
        if _is_modifier(trigger.token):
            continue  # "French-brokered", "Moscow-backed", "a resolution declaring ...": not a clause
        if _elaborates_speech(trigger, triggers):
            continue  # "denied ..., saying they had no weapons": one speech act
        if according is not None and according.start <= trigger.token.idx < according.end:
            continue  # "according to a statement by ...": the source, not a claim
        if any(start <= trigger.token.idx < end for start, end in quoted):
            continue  # quoted speech with no reporting verb here: content of a statement, not an event
        claim = _claim(sentence, index, doc_id, trigger, context, people, according)
        if claim is not None:
            drafts.append((claim, trigger.token))
    _fold_violence_into_protest(drafts)
    kept = _merge_same_event(drafts)
    _share_counterparts(kept)
    return kept


# Links between two triggers of one event: "shot dead when armed men attacked", "killed ... and
# took hostages", "resume its offensive and keep fighting", "welcomed the deal and thanked".
_SAME_EVENT_LINKS = frozenset(("conj", "advcl", "xcomp"))


def _merge_same_event(drafts: list[tuple[Claim, Token]]) -> list[tuple[Claim, Token]]:
    """One claim per event per sentence: a same-type claim hanging from another by coordination or
    an adverbial clause is folded into it (its missing actors and quantity fill the first's)."""
    kept: list[tuple[Claim, Token]] = []
    for claim, token in drafts:
        host = next((k for k in kept if k[0].event_type == claim.event_type and _linked(k[1], token)
                     and _same_doer(k[0], claim)), None)
        if host is None:
            kept.append((claim, token))
            continue
        target = host[0]
        target.actor1 = target.actor1 or claim.actor1
        target.actor2 = target.actor2 or claim.actor2
        target.quantity = target.quantity or claim.quantity
    return kept


_UNNAMED_DOERS = frozenset("some many most several others they them dozens hundreds thousands".split())


def _fold_violence_into_protest(drafts: list[tuple[Claim, Token]]) -> None:
    """"Thousands of supporters of the junta rallied outside the French embassy, and some of them set
    fire to one of its doors": storming or burning by the protesters themselves is the same protest
    (the guidelines); a named doer's attack stays an attack ("police fired tear gas")."""
    protests = [t for c, t in drafts if c.event_type == "protest"]
    for claim, token in drafts:
        if claim.event_type != "attack" or claim.sense_note or not any(_linked(p, token) for p in protests):
            continue
        doer = subject_of(token)
        if doer is None or doer.lower_ in _UNNAMED_DOERS or doer.lower_ in _PROTESTERS \
                or doer.lemma_.lower() in _PROTESTERS:
            defaults = lexicon.as_type(lexicon.Sense(claim.event_type, None, None, "event", "verb"), "protest")
            claim.event_type, claim.plover_type, claim.cameo_root = "protest", defaults.plover, defaults.cameo


def _share_counterparts(drafts: list[tuple[Claim, Token]]) -> None:
    """"Sharif held three hours of talks with Clinton ... and agreed to take concrete steps": an
    agreement or meeting missing its other party takes it from a meeting or agreement of the same
    party in the same sentence (the guidelines' "X held talks with Y and agreed" is between X and Y)."""
    for claim, _token in drafts:
        if claim.event_type not in _SYMMETRIC or claim.actor1 is None or claim.actor2 is not None:
            continue
        other = next((o for o, t in drafts if o is not claim and o.event_type in _SYMMETRIC and o.actor2 is not None
                      and o.actor1 is not None and o.actor1.text == claim.actor1.text), None)
        if other is not None:
            claim.actor2 = other.actor2
            claim.participants = claim.participants or other.participants


_SYMMETRIC = frozenset(("meeting", "agreement"))


def _same_doer(first: Claim, second: Claim) -> bool:
    """"Iran launched drones ... but they were intercepted by Israel": different doers, two events."""
    a, b = first.actor1, second.actor1
    return a is None or b is None or a.text == b.text or b.refers_to is not None


def _linked(first: Token, second: Token) -> bool:
    """``second`` hangs from ``first`` (or the reverse) by at most three coordination, adverbial or
    control links: "imposed sanctions ..., closing its borders ..., suspending ..., freezing ..."."""
    for a, b in ((first, second), (second, first)):
        node, steps = b, 0
        while steps < 3 and node.dep_ in _SAME_EVENT_LINKS and node.pos_ in ("VERB", "AUX"):
            if node.dep_ == "conj" and node.tag_ != "VBG" and _has_own_object(node):
                break  # "imposed sanctions on Pelosi ... and suspended cooperation": two acts
            node, steps = node.head, steps + 1
            if node.i == a.i:
                return True
    return False


def _has_own_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _quoted_spans(sentence: Span) -> list[tuple[int, int]]:
    """Character spans inside quotation marks; a sentence opening with a quote that never closes
    (a quoted paragraph continuing) is quoted to its end."""
    text, base = sentence.text, sentence.start_char
    spans = [(base + m.start(), base + m.end()) for m in _QUOTE.finditer(text)]
    stripped = text.lstrip()
    if not spans and stripped[:1] in ('"', "“"):
        spans.append((base, base + len(text)))
    return spans


_SPEECH_PARTICIPLES = frozenset("say add note insist explain argue stress write tell claim ask".split())


def _elaborates_speech(trigger: _Trigger, triggers: dict[int, _Trigger]) -> bool:
    token = trigger.token
    return (token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in _SPEECH_PARTICIPLES
            and token.head.i in triggers)


def _is_modifier(token: Token) -> bool:
    """Non-finite modifiers are not claims ("French-brokered", "held hostage", "a resolution
    declaring ..."); an active participle describing an actor is ("troops conducting drills")."""
    if token.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss"):
        return token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "amod"
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return True
    if token.dep_ == "acl" and token.tag_ == "VBG":
        return not is_actor_like(token.head)
    return False


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
        head1, head2 = verb_actors(token, sense.event_type, trigger.object_token)
    if _thing_subject(token, sense):
        return None  # "the deal is meant to release grain", "the agreement would allow trucks"
    actor1, actor2 = people.mention(head1), people.mention(head2)
    if sense.role == "report" and actor1 is not None and is_media(actor1.text or ""):
        return None  # "The Telegraph reported": a source, not a statement (see attribution)
    if sense.event_type == "attack" and head1 is not None and head1.lemma_.lower() in _PROTESTERS:
        sense = lexicon.as_type(sense, "protest")  # "protesters stormed the parliament": the protest itself
    if _civil_blockade(token, sense, trigger.object_token, head1 or subject_of(token)):
        sense = lexicon.as_type(sense, "protest")  # "truckers blockaded the border": their protest, not a state's sanction
    verdict = senses.check(token, sense)
    sense = verdict.sense
    if actor2 is not None and is_media(actor2.text or ""):
        actor2 = None  # "told the New York Times": the outlet is the attribution
    if sense.event_type == "statement" and actor1 is None:
        return None  # a statement nobody is said to have made ("..., claiming that ...") says nothing
    attribution = _attribution(token, sense, context, according)
    start, end = _sentence_bounds(sentence)
    claim = Claim(
        doc_id=doc_id,
        sentence_index=index,
        char_start=start,
        char_end=end,
        evidence_text=text_of(sentence.doc)[start:end],
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
        sense_note=verdict.note,
        reported_by=context.reporter.idx if context.kind == "reported" and context.reporter is not None else None,
    )
    if sense.role == "report" or sense.event_type == "statement":
        claim.speaker = actor1.text if actor1 else None
        claim.quote = _quote(sentence, token)
    if actor2 is None and sense.event_type in _ANSWERING:
        claim.object_event = _ownerless_act(token)
    return claim


# Speech acts that answer an act another side did ("condemned the launch").
_ANSWERING = frozenset(("accusation", "rejection", "statement", "request", "threat"))


def _ownerless_act(trigger: Token) -> str | None:
    """The type of the act a definite object noun names without its owner: "condemned the launch",
    "called the diversion outrageous" (attack); None for "condemned Russia's strike"."""
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None or obj.pos_ != "NOUN" or not _is_anaphoric(obj):
        return None
    sense = lexicon.noun_sense(obj)
    return _ACT_NOUNS.get(obj.lemma_.lower()) if sense is None else sense.event_type


# Nouns for acts that are no claim of their own (a satellite launch, a product launch) but, answered,
# point back to an attack reported before: "condemned the launch", "called the downing a crime".
_ACT_NOUNS = {"launch": "attack", "launches": "attack", "downing": "attack", "test": "attack", "tests": "attack",
              "diversion": "attack", "shootdown": "attack", "incursion": "attack"}


_BLOCKING = frozenset(("blockade", "block", "blockades"))


def _civil_blockade(token: Token, sense: lexicon.Sense, event_object: Token | None, doer: Token | None) -> bool:
    """A blockade by truckers, farmers or residents is their protest; a sanction is a state's."""
    if sense.event_type != "sanction" or doer is None:
        return False
    words = {token.lemma_.lower(), *(() if event_object is None else (event_object.lemma_.lower(),))}
    if not words & _BLOCKING:
        return False
    groups = senses.civil_groups()
    phrase = " ".join([c.lower_ for c in doer.children if c.dep_ == "compound"] + [doer.lower_])
    return doer.lower_ in groups or doer.lemma_.lower() + "s" in groups or phrase in groups


# Subjects that cannot act: documents, plans and situations ("the deal is meant to release grain").
_ABSTRACT_SUBJECTS = frozenset("deal agreement plan resolution document law treaty measure program programme report "
                               "move decision policy proposal pact accord conflict crisis situation price prices "
                               "economy market matter issue bill text rule rules framework arrangement".split())
_AGENT_TYPES = frozenset(("agreement", "aid", "request", "statement", "concession", "rejection", "accusation",
                          "threat", "meeting", "sanction", "investigation", "protest"))


def _thing_subject(token: Token, sense: lexicon.Sense) -> bool:
    """A verb whose explicit subject is neither an actor nor an event cannot be a deliberate act."""
    if token.pos_ not in ("VERB", "AUX") or sense.event_type not in _AGENT_TYPES:
        return False
    subject = subject_of(token)
    if subject is None or subject.dep_ not in ("nsubj", "nsubjpass") or subject.pos_ != "NOUN":
        return False
    if subject.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or any(
            c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_) for c in subject.children):
        return False  # a named organisation: "the Palestinian Islamic Jihad movement rejected"
    lemma = subject.lemma_.lower()
    return lexicon.noun_sense(subject) is not None or lemma in _ABSTRACT_SUBJECTS


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
    return tuple(text_of(doc)[slice(*phrase_bounds(h))] for h in heads)


def _quantity(trigger: Token, *heads: Token | None) -> Quantity | None:
    """The amount most directly attached to the trigger: what was deployed, fired, killed, released
    or given ("fired 105 missiles", "20,000 troops have increased from 12,000", "$270 million")."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
    if trigger.dep_ in ("relcl", "acl"):
        objects.append(trigger.head)  # "the 20,000 troops Kremlin posted"
    ordered = [*objects, *(h for h in heads if h is not None),
               *(c for c in trigger.children if c.dep_ in ("prep", "npadvmod", "advmod", "nsubj"))]
    change = _change(trigger, ordered)
    if change is not None:
        return change
    for head in ordered:
        quantity = _counted_in(trigger, _own_phrase(head) if head.i != trigger.i else [head])
        if quantity is not None:
            return quantity
    return None


def _own_phrase(head: Token) -> list[Token]:
    """The head's phrase without the clauses nested in it: in "three cousins who had taken refuge
    with hundreds of other people", the hundreds are not what was killed."""
    nested = {t.i for c in head.subtree if c.i != head.i and c.dep_ in _NESTED_CLAUSES for t in c.subtree}
    return [t for t in head.subtree if t.i not in nested]


_NESTED_CLAUSES = frozenset(("relcl", "acl", "advcl", "ccomp"))


def _change(trigger: Token, heads: list[Token]) -> Quantity | None:
    """"troops ... have increased from 12,000 to 20,000": the numbers hang from the verb, the unit
    is its subject or object."""
    preps = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"]
    if not preps:
        return None
    units = lexicon.units()
    unit = next((h for h in heads if h.i != trigger.i and (h.lower_ in units or lexicon.lemma_of(h) + "s" in units)),
                None)
    if unit is None:
        return None
    start, end = preps[0].left_edge.idx, max(t.idx + len(t.text) for t in trigger.subtree)
    name = unit.lower_ if unit.lower_ in units else lexicon.lemma_of(unit) + "s"
    quantity = quantity_in(text_of(trigger.doc)[start:end], _PEOPLE.get(name, name))
    return quantity if quantity is not None and quantity.previous is not None else None


def _counted_in(trigger: Token, scope: list[Token]) -> Quantity | None:
    units = lexicon.units()
    money = next((t for t in scope if t.ent_type_ == "MONEY" and (t.like_num or t.pos_ == "NUM")), None)
    for token in scope:
        unit = token.lower_ if token.lower_ in units else lexicon.lemma_of(token) + "s"
        if unit not in units or not _has_count(token):
            continue
        left = min(t.idx for t in scope)
        text = text_of(trigger.doc)[left:max(t.idx + len(t.text) for t in scope)]
        return quantity_in(text, _PEOPLE.get(unit, unit), token.idx - left)
    if money is not None:
        return _money(trigger.doc, money)
    return None


def _has_count(unit: Token) -> bool:
    """A number modifies the unit noun, or the unit is counted by an "of" phrase ("thousands of")."""
    if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in unit.children):
        return True
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ == "of" and (head.head.like_num or head.head.pos_ == "NUM"
                                                         or head.head.lower_ in _VAGUE_COUNTS):
        return True  # "2,400 of the French troops", "thousands of supporters"
    window = unit.doc[max(unit.i - 4, unit.sent.start):unit.i]
    return any(t.like_num or parse_number(t.text) is not None for t in window)


def _money(doc, token: Token) -> Quantity | None:
    entity = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if entity is None:
        return None
    text = entity.text
    unit = "dollars" if "$" in text or "dollar" in text.lower() else "euros" if ("€" in text or "euro" in text.lower()) \
        else "pounds" if ("£" in text or "pound" in text.lower()) else None
    if unit is None:
        return None
    number = re.sub(r"[^\d.,\s\w-]|dollars?|euros?|pounds?|US|USD", " ", text).strip()
    quantity = quantity_in(number, unit)
    return None if quantity is None else Quantity(quantity.value, quantity.low, quantity.high, quantity.previous,
                                                  unit, quantity.qualifier, text)


# People counted as people, whatever noun the article uses (victims, hostages, protesters ...).
_PEOPLE = dict.fromkeys("civilians women children hostages prisoners detainees protesters demonstrators residents victims staff " "workers refugees migrants villagers passengers bandits criminals youths men women boys girls cousins " "relatives brothers sisters sons daughters students journalists patients pilgrims worshippers".split(), "people")
_VAGUE_COUNTS = frozenset("dozens hundreds thousands millions scores tens".split())


def _quote(sentence: Span, trigger: Token) -> str | None:
    quoted = _QUOTE.findall(sentence.text)
    if quoted:
        return " ... ".join(q.strip().rstrip(",") for q in quoted)
    complement = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
    if complement is None:
        return None
    start, end = complement.left_edge.idx, complement.right_edge.idx + len(complement.right_edge.text)
    return text_of(trigger.doc)[start:end]


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
