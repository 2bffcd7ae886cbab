"""Who did it and to whom: the actor1 (doer, speaker) and actor2 (target, counterpart) heads of a
trigger, chosen from the parse according to the claim type."""

from __future__ import annotations

from spacy.tokens import Token

from eventbuilder.extract.syntax import agent_of, direct_object, prep_objects, subject_of

# Prepositions that introduce the counterpart or target, by claim type.
_TARGET_PREPS = {
    "meeting": ("with",),
    "agreement": ("with", "between"),
    "aid": ("to", "for"),
    "attack": ("on", "against", "at", "upon"),
    "sanction": ("on", "against", "upon"),
    "request": ("on", "upon"),
    "threat": ("against", "with"),
    "accusation": ("against",),
    "protest": ("against",),
    "statement": ("to",),
    "investigation": ("into", "against"),
    "concession": ("to", "for"),
    "rejection": (),
    "troop_deployment": (),
    "military_exercise": ("with",),
}
# Types whose direct object is the target ("urged Russia", "attacked the convoy", "visited Kyiv").
_OBJECT_IS_TARGET = frozenset(("meeting", "request", "attack", "sanction", "threat", "accusation", "rejection",
                               "aid", "investigation", "statement", "concession"))
# Statement verbs whose object is the addressee ("told reporters", "assured Kyiv").
_ADDRESSING = frozenset("tell inform brief assure notify remind warn reassure".split())
_ACTOR_POS = frozenset(("PROPN", "NOUN", "PRON", "ADJ", "NUM"))
# Nouns that are never actors even when they sit where an actor would ("the talks", "concerns").
_NOT_ACTORS = frozenset("talks meeting discussion concerns concern activity threat it this that which what "
                        "there time situation visit fund funds aid deal agreement who".split())


def verb_actors(trigger: Token, event_type: str) -> tuple[Token | None, Token | None]:
    """(actor1, actor2) heads for a verb trigger; passives put the "by" agent first."""
    subject = subject_of(trigger)
    has_subject = any(c.dep_ == "nsubj" for c in trigger.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) or (
        trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl") and not has_subject)
    if passive:
        actor1 = agent_of(trigger)
        actor2 = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
        if event_type in ("troop_deployment", "military_exercise", "aid"):
            actor1, actor2 = actor1 or actor2, None if actor1 is None else actor2
    else:
        actor1, actor2 = subject, None
        if event_type in _OBJECT_IS_TARGET and (event_type != "statement" or trigger.lemma_.lower() in _ADDRESSING):
            obj = direct_object(trigger)
            actor2 = obj if obj is not None and _is_actor_like(obj) else None
    if actor2 is None:
        actor2 = _first_actor(prep_objects(trigger, _TARGET_PREPS.get(event_type, ())))
    if actor2 is None and event_type == "aid":
        actor2 = _dative(trigger)
    return _clean(actor1), _clean(actor2)


def noun_actors(trigger: Token, event_type: str) -> tuple[Token | None, Token | None]:
    """(actor1, actor2) of a nominal trigger: "Moscow's deployment", "a NATO trust fund",
    "the fund to be established by NATO", "a Russian offensive", "sanctions against Iran"."""
    actor1 = None
    for child in trigger.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN"):
            actor1 = child
            break
        if child.dep_ == "amod" and child.pos_ in ("ADJ", "PROPN") and child.ent_type_ in ("NORP", "GPE"):
            actor1 = child
            break
    if actor1 is None:
        actor1 = _agent_in_modifier(trigger) or _first_actor(prep_objects(trigger, ("by", "from")))
    actor2 = _first_actor(prep_objects(trigger, _TARGET_PREPS.get(event_type, ()) + ("of",) * (event_type == "attack")))
    if actor2 is None:
        actor2 = _beneficiary_in_modifier(trigger)
    return _clean(actor1), _clean(actor2)


def _agent_in_modifier(noun: Token) -> Token | None:
    """"the fifth fund to be established by NATO": the agent of a passive clause on the noun."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl"):
            agent = agent_of(child)
            if agent is not None:
                return agent
    return None


def _beneficiary_in_modifier(noun: Token) -> Token | None:
    """"a fund intended to support Ukraine's capacities": the one supported or assisted."""
    for clause in (c for c in noun.subtree if c.dep_ in ("xcomp", "advcl", "acl", "relcl") and c.lemma_ in (
            "support", "assist", "help", "aid", "benefit", "strengthen", "fund", "equip", "arm")):
        obj = next((c for c in clause.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            return owner if owner is not None else obj
    return None


def _dative(trigger: Token) -> Token | None:
    return next((c for c in trigger.children if c.dep_ in ("dative", "iobj")), None)


def _first_actor(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if _is_actor_like(t)), None)


def _is_actor_like(token: Token) -> bool:
    if token.pos_ not in _ACTOR_POS or token.lower_ in _NOT_ACTORS:
        return False
    if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
        return False
    return True


def _clean(token: Token | None) -> Token | None:
    if token is None or not _is_actor_like(token):
        return None
    if token.pos_ == "PRON" and token.lower_ not in ("he", "she", "him", "her", "they", "them", "we"):
        return None
    return token
