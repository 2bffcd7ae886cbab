"""The event vocabulary: which words trigger which claim type (``resources/lexicon/triggers.json``).

A verb's sense can depend on its particle or object: "shoot down" is an attack, "call for" a
request, "hold talks" a meeting, "hold drills" an exercise, "send troops" a deployment and "send
aid" aid. Movement verbs ("increase", "move", "pull", "withdraw") only mean a troop deployment
when a military noun is involved: "prices increased" is not a claim.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from eventbuilder.resources import read_json

LEXICON_VERSION = "triggers/1"

# Words that make a movement verb military ("troops have increased", "withdrew its forces").
MILITARY_NOUNS = frozenset(
    "troops troop soldiers soldier forces force army armies military servicemen personnel units unit battalion "
    "battalions brigade brigades division divisions regiment regiments tanks tank warships warship ships navy "
    "fleet jets aircraft bombers fighters fighter-jets helicopters submarines marines paratroopers artillery "
    "missiles missile launchers contingent peacekeepers reinforcements reservists conscripts militia militias "
    "garrison convoy columns column vehicles drones destroyers frigates carrier carriers presence".split()
)
# Verbs whose troop_deployment sense needs a military subject or object.
_NEEDS_MILITARY = frozenset(
    "increase move pull withdraw build concentrate transfer relocate bolster double triple cross enter advance "
    "arrive gather post position station reinforce mass amass deploy dispatch redeploy patrol mobilize mobilise "
    "garrison".split()
)
# Verbs that are only events with one of their listed objects (light verbs).
_OBJECT_ONLY = frozenset("hold conduct stage carry mount open reach make issue pay file lodge take set seal "
                         "step unleash wage slap break violate".split())


@dataclass(frozen=True)
class Sense:
    """What a trigger means: claim type, PLOVER type, CAMEO root, and its role in the sentence.

    role: ``event`` (a claim of its own), ``report`` (a reporting verb: its complement is
    reported content), ``complement`` (its complement is its content, not a separate claim:
    "urged Russia not to wage war").
    """

    event_type: str
    plover: str | None
    cameo: str | None
    role: str
    via: str  # verb | particle | object | noun


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    return read_json("lexicon/triggers.json")


def units() -> frozenset[str]:
    return frozenset(_lexicon()["units"])


def _sense(entry: dict | str, via: str, role: str | None = None) -> Sense:
    if isinstance(entry, str):
        entry = {"type": entry}
    defaults = _lexicon()["types"][entry["type"]]
    return Sense(entry["type"], entry.get("plover", defaults["plover"]), entry.get("cameo", defaults["cameo"]),
                 role or entry.get("role", "event"), via)


def verb_sense(token: Token) -> Sense | None:
    """Sense of a verb token from its lemma, particle and object."""
    lemma = token.lemma_.lower()
    lexicon = _lexicon()
    by_object = _object_sense(token, lemma)
    if by_object is not None:
        return by_object
    particle = _particle(token)
    if lemma == "call":
        return _call_sense(token, particle)
    if lemma in _OBJECT_ONLY or lemma not in lexicon["verbs"]:
        return None
    sense = _sense(lexicon["verbs"][lemma], "verb")
    if sense.event_type == "troop_deployment" and lemma in _NEEDS_MILITARY and not involves_military(token):
        return None
    if lemma in ("pull", "build") and particle not in ("back", "out", "up"):
        return None
    return sense


def _object_sense(token: Token, lemma: str) -> Sense | None:
    table = _lexicon()["verb_objects"].get(lemma)
    if not table:
        return None
    particle = _particle(token)
    if particle and particle in table:
        return _sense(table[particle], "particle")
    for obj in _objects(token):
        key = obj.lemma_.lower() if obj.lemma_.lower() in table else obj.text.lower()
        if key in table:
            return _sense(table[key], "object")
        # "hold peacekeeping drills": the head noun is the last of a compound
    return None


def _call_sense(token: Token, particle: str | None) -> Sense:
    """"call for" / "call on X to" is a request; "called X a threat" a statement; a phone call a meeting."""
    preps = {child.lower_ for child in token.children if child.dep_ == "prep"}
    if particle in ("for", "on", "upon") or preps & {"for", "on", "upon"} or any(c.dep_ == "xcomp" for c in token.children):
        return _sense("request", "particle", role="complement")
    if any(c.dep_ in ("oprd", "ccomp") for c in token.children):
        return _sense("statement", "verb", role="report")
    return _sense("meeting", "verb")


def noun_sense(token: Token) -> Sense | None:
    entry = _lexicon()["nouns"].get(token.lemma_.lower()) or _lexicon()["nouns"].get(token.lower_)
    return _sense(entry, "noun") if entry else None


def _particle(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "prt"), None)


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("up", "out", "off")):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    return objects


def involves_military(token: Token) -> bool:
    """True when a subject, object or modifier of ``token`` is a military noun ("troops", "forces")."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "pobj", "prep", "agent", "attr"):
            words = {t.lemma_.lower() for t in child.subtree} | {t.lower_ for t in child.subtree}
            if words & MILITARY_NOUNS:
                return True
    head = token.head
    if token.dep_ in ("acl", "relcl") and (head.lemma_.lower() in MILITARY_NOUNS or head.lower_ in MILITARY_NOUNS):
        return True
    return False
