"""The event vocabulary: which words trigger which claim type (``resources/lexicon/triggers.json``).

A verb's sense can depend on its particle or object: "shoot down" is an attack, "call for" a
request, "hold talks" a meeting, "hold drills" an exercise, "send troops" a deployment and "send
aid" aid. Movement verbs ("increase", "move", "pull", "withdraw") only mean a troop deployment
when a military noun is involved: "prices increased" is not a claim.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from dataclasses import replace as dataclass_replace

from spacy.tokens import Token

from eventbuilder.resources import read_json

# Words that make a movement verb military ("troops have increased", "withdrew its forces").
MILITARY_NOUNS = frozenset(
    "troops troop soldiers soldier forces force army armies military servicemen personnel units unit battalion "
    "battalions brigade brigades division divisions regiment regiments tanks tank warships warship ships navy "
    "fleet jets aircraft bombers fighters fighter-jets helicopters submarines marines paratroopers artillery "
    "missiles missile launchers contingent peacekeepers reinforcements reservists conscripts militia militias "
    "garrison convoy columns column vehicles drones destroyers frigates carrier carriers presence fighters "
    "militants militiamen mercenaries insurgents guerrillas guerillas paratroopers marines gunmen rebels separatists "
    "jihadists".split()
)
# Verbs whose troop_deployment sense needs a military subject or object.
_NEEDS_MILITARY = frozenset(
    "increase move pull withdraw build concentrate transfer relocate bolster double triple cross enter advance "
    "arrive gather post position station reinforce mass amass deploy dispatch redeploy patrol mobilize mobilise "
    "garrison roll push".split()
)
# Verbs that are only events with one of their listed objects (light verbs).
_OBJECT_ONLY = frozenset("hold conduct stage carry mount open reach make issue pay file lodge take set seal "
                         "step unleash wage slap break violate".split())


# Nouns that only measure or frame their "of" object: "a state of emergency", "a series of strikes".
_CONTAINER_NOUNS = frozenset("state series wave number round kind set package barrage string volley days weeks "
                             "hours months effort efforts campaign".split())
# Names for an act that make calling it so a condemnation.
_CONDEMNING_LABELS = frozenset("barbarism barbaric treason terrorist terrorism aggression crime criminal provocation "
                               "violation illegal unacceptable genocide lie lies propaganda invasion occupation stab "
                               "murder massacre atrocity outrageous disgrace shameful betrayal blackmail piracy "
                               "hostile reckless irresponsible act mistake disaster catastrophe farce sham absurd "
                               "dangerous provocative deplorable disgraceful appalling scandalous despicable "
                               "hypocritical racist abhorrent reprehensible threat hijacking slap insult outrage "
                               "escalatory unjustified unjustifiable".split())
# Weapons whose landing or falling is an attack ("five of the missiles had landed in its zone").
_WEAPON_SUBJECTS = frozenset("missile missiles rocket rockets shell shells drone drones bomb bombs mortar mortars "
                             "projectile projectiles".split())
# Verbs of holding ground: a troop deployment when troops hold, control or return somewhere.
_HOLDING = frozenset("hold control occupy return keep remain stay".split())
# Verbs of telling that give an order when they take "to" + verb ("Hamas told residents to stay").
_DIRECTING = frozenset("tell instruct direct advise".split())
# Verbs that announce their object: "announced sanctions" is the sanction itself; opening, hosting,
# attending or wrapping up a summit is the summit.
_ANNOUNCING = frozenset("announce unveil order approve authorize authorise introduce adopt declare launch "
                        "begin start resume conduct continue complete finish end stage reiterate renew repeat "
                        "put come wrap attend convene host chair open conclude estimate".split())
# Verbs that grant what is asked: "approved the president's request to use force" is an agreement.
_APPROVING = frozenset("approve authorize authorise endorse back ratify accept grant".split())
# Verbs that send or place forces: with troops, mercenaries or "2,000 more" of them, a deployment.
_SENDING = frozenset("send dispatch deploy put station rush fly ship transfer".split())
# Verbs of giving: with money or aid as object, aid.
_GIVING = frozenset("pledge offer promise give provide grant allocate approve announce commit earmark send "
                    "donate transfer unveil".split())
_AID_WORDS = frozenset("aid assistance dollars euros pounds money funding funds loan loans guarantees grant grants "
                       "weapons arms ammunition munitions supplies package equipment billion million".split())


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


def lemma_of(token: Token) -> str:
    """The token's lemma, repaired against the vocabulary where the small model's lemmatizer
    slips ("staged" -> "stag"): the first of the lemma and simple de-inflections of the word that
    the trigger lexicon knows."""
    lexicon = _lexicon()
    known = lexicon["verbs"].keys() | lexicon["verb_objects"].keys() | lexicon["nouns"].keys()
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for candidate in _deinflections(word):
        if candidate in known:
            return candidate
    return lemma


def _deinflections(word: str) -> list[str]:
    out = []
    if word.endswith(("ied", "ies")):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3] if len(word) > 4 and word[-3] == word[-4] else word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4] if len(word) > 5 and word[-4] == word[-5] else word[:-3]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def verb_sense(token: Token) -> Sense | None:
    """Sense of a verb token from its lemma, particle and object."""
    lemma = lemma_of(token)
    if _is_non_event(token, lemma):
        return None
    return (_object_sense(token, lemma) or _announced_event(token, lemma) or _given_concession(token, lemma)
            or _money_sense(token, lemma) or _situational_sense(token, lemma) or _lexical_sense(token, lemma))


def _is_non_event(token: Token, lemma: str) -> bool:
    """"provided that" (a condition), "seized power", "took office": outside the vocabulary."""
    if token.lower_ in ("provided", "providing") and token.i + 1 < len(token.doc) and token.nbor().lower_ == "that":
        return True
    excluded = _lexicon().get("non_events", {}).get(lemma, ())
    return bool(excluded) and any(o.lemma_.lower() in excluded or o.lower_ in excluded for o in _objects(token))


def _situational_sense(token: Token, lemma: str) -> Sense | None:
    """Senses that depend on who or what is involved rather than on the verb alone."""
    if lemma in _HOLDING and involves_military(token):
        return _sense("troop_deployment", "verb")  # "Russian troops still held Gori", "forces must return"
    if lemma in ("land", "fall", "hit", "explode", "strike") and _weapon_subject(token):
        return _sense("attack", "verb")  # "five of the missiles had landed in its zone"
    if lemma == "hold" and _held_person(token):
        return Sense("sanction", "COERCE", "17", "event", "verb")  # "Bazoum has been held by his guard"
    if lemma in _DIRECTING and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children):
        return _sense("request", "verb", role="complement")  # "told residents to evacuate": an order, its content not a claim
    if lemma in _SENDING and _sends_forces(token):
        return _sense("troop_deployment", "verb")  # "has sent mercenaries", "plans to send about 2,000 more"
    if lemma == "order" and _particle(token) in ("back", "home", "out"):
        return Sense("troop_deployment", "RETREAT", "08", "event", "particle")  # "ordered his fighters back"
    return None


def _sends_forces(verb: Token) -> bool:
    """The object is a force ("sent mercenaries", "put U.S. troops in Kosovo") or a count of more of
    the forces the sentence names ("About 550 French soldiers are now in Mali ... and Paris plans to
    send about 2,000 more")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if any(_is_military_noun(o) or any(_is_military_noun(g) for g in _of_objects(o)) for o in objects):
        return True
    counted = [o for o in objects if o.like_num or o.pos_ == "NUM" or o.lower_ in ("more", "others")]
    more = any(o.lower_ == "more" or any(c.lower_ in ("more", "additional") for c in o.children) for o in counted)
    return more and any(_is_military_noun(t) for t in verb.sent if t.i != verb.i)


def _of_objects(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _lexical_sense(token: Token, lemma: str) -> Sense | None:
    lexicon = _lexicon()
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
    for prep in (c for c in token.children if c.dep_ == "prep"):
        if prep.lower_ in table:  # "voted against", "spoke with"
            return _sense(table[prep.lower_], "particle")
        if any(g.lower_ in table for g in prep.children if g.dep_ == "pobj"):  # "spoke by phone"
            return _sense(table[next(g.lower_ for g in prep.children if g.lower_ in table)], "particle")
    for obj in _objects(token):
        if obj.lemma_.lower() == "part":  # "taking part in joint drills": the drills
            inner = next((g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
            inner = inner or next((g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
            inner_sense = noun_sense(inner) if inner is not None else None
            if inner_sense is not None:
                return dataclass_replace(inner_sense, via="object")
            return None  # "took part in an effort to urge Ukraine": taking part is not an event by itself
        obj = unwrap_container(obj)
        key = obj.lemma_.lower() if obj.lemma_.lower() in table else obj.text.lower()
        if key in table:
            return _sense(table[key], "object")
        for compound in (c for c in obj.children if c.dep_ in ("compound", "amod")):  # "a mediation effort"
            if compound.lower_ in table:
                return _sense(table[compound.lower_], "object")
        # "hold peacekeeping drills": the head noun is the last of a compound
    return None


def unwrap_container(noun: Token) -> Token:
    """"a state of emergency" -> "emergency", "10 days of war games" -> "games"."""
    if noun.lemma_.lower() not in _CONTAINER_NOUNS and noun.lower_ not in _CONTAINER_NOUNS:
        return noun  # "three hours of talks": the lemma is "hour", the word "hours"
    return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), noun)


def _weapon_subject(verb: Token) -> bool:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [g for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]  # "five of the missiles"
    return any(s.lemma_.lower() in _WEAPON_SUBJECTS or s.lower_ in _WEAPON_SUBJECTS for s in subjects)


def _held_person(verb: Token) -> bool:
    """"Bazoum has been held by members of his guard": a detention, not a meeting or a position;
    "Mark is held in high esteem", "held responsible" are not."""
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ in ("acomp", "oprd", "xcomp") for c in verb.children) or any(
            c.dep_ == "prep" and c.lower_ in ("in", "to") and any(g.lemma_.lower() in _REGARD for g in c.subtree)
            for c in verb.children):
        return False
    return any(h.ent_type_ == "PERSON" for h in held) and not any(c.lower_ == "hostage" for c in verb.children)


_REGARD = frozenset("esteem regard contempt awe account standard standards".split())


def _announced_event(verb: Token, lemma: str) -> Sense | None:
    """"announced travel bans", "ordered an investigation", "began a hunger strike", "was put under
    investigation": announcing, starting or continuing one's own act is the act."""
    if lemma not in _ANNOUNCING:
        return None
    objects = _objects(verb) + [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "to")
                                for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "relcl" and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        objects.append(verb.head)  # "defying a ceasefire Libya declared on Friday"
    for obj in objects:
        sense = noun_sense(unwrap_container(obj))
        if sense is not None and lemma in _APPROVING and sense.event_type == "request":
            return _sense("agreement", "object")  # "the upper house approved the president's request"
        if sense is not None and lemma in _ENDING and sense.event_type in ("attack", "sanction", "protest"):
            return Sense("concession", "CONCEDE", "08", "event", "object")  # "Israel must end the war": de-escalation
        if sense is not None and sense.event_type != "statement":
            return Sense(sense.event_type, sense.plover, sense.cameo, "event", "object")
    return None


_ENDING = frozenset("end finish complete".split())


def _given_concession(verb: Token, lemma: str) -> Sense | None:
    """"granted clemency", "offered an amnesty", "gave him a pardon": a concession, not aid."""
    if lemma not in _GIVING:
        return None
    for obj in _objects(verb):
        sense = noun_sense(obj)
        if sense is not None and sense.event_type == "concession":
            return Sense(sense.event_type, sense.plover, sense.cameo, "event", "object")
    return None


def _money_sense(verb: Token, lemma: str) -> Sense | None:
    """"pledged 11 billion euros", "offered $1 billion in loan guarantees": aid, not a promise."""
    if lemma not in _GIVING:
        return None
    for obj in _objects(verb):
        words = {t.lower_ for t in obj.subtree} | {t.lemma_.lower() for t in obj.subtree}
        if words & _AID_WORDS or obj.ent_type_ == "MONEY" or obj.text in ("$", "€", "£"):
            return _sense("aid", "object")
    return None


def _call_sense(token: Token, particle: str | None) -> Sense:
    """"call for" / "call on X to" is a request; "called the strike barbarism" an accusation;
    "called to say" a statement; otherwise a phone call, a meeting."""
    asked = [child for child in token.children if child.dep_ == "prep" and child.lower_ in ("for", "on", "upon")
             and any(g.ent_type_ not in ("DATE", "TIME") for g in child.children if g.dep_ == "pobj")]
    if particle in ("for", "on", "upon") or asked:
        return _sense("request", "particle", role="complement")
    for child in token.children:
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return _sense("request", "verb", role="complement")  # "called the rebels to lay down arms"
    labels = [t.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "obj", "oprd", "attr", "xcomp", "ccomp")
              for t in c.subtree]
    if set(labels) & _CONDEMNING_LABELS:
        return _sense("accusation", "verb")  # "called the strike 'barbarism'", "called the mutiny treason"
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ == "ccomp" for c in token.children) or (objects and any(
            c.dep_ in ("oprd", "attr", "xcomp") or c.is_quote for o in objects for c in o.subtree)):
        return _sense("statement", "verb", role="report")  # "called the suspension a 'minimum measure'"
    if objects and not any(o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for o in objects):
        return _sense("statement", "verb", role="report")  # "called the decision painful": naming, not phoning
    return _sense("meeting", "verb")  # "Biden called Netanyahu"


def as_type(sense: Sense, event_type: str) -> Sense:
    """The same trigger read as another claim type, with that type's PLOVER and CAMEO codes."""
    defaults = _lexicon()["types"][event_type]
    return Sense(event_type, defaults["plover"], defaults["cameo"], sense.role, sense.via)


_LABOUR_STRIKE = frozenset("hunger general labor labour national nationwide workers teachers doctors miners".split())


def noun_sense(token: Token) -> Sense | None:
    entry = _lexicon()["nouns"].get(token.lower_) or _lexicon()["nouns"].get(lemma_of(token))
    if entry == "attack" and token.lemma_.lower() == "strike" and (
            any(c.lower_ in _LABOUR_STRIKE for c in token.children if c.dep_ in ("compound", "amod"))
            or (token.dep_ == "pobj" and token.head.lower_ == "on")):
        entry = "protest"  # "a hunger strike", "went on strike": a protest, not an air strike
    return _sense(entry, "noun") if entry else None


def _particle(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "prt"), None)


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("up", "out", "off")):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    return objects


def involves_military(token: Token) -> bool:
    """True when the subject or object of ``token`` (or the noun a participle describes) is a
    military noun: "troops have increased", "withdrew its forces", "troops stationed at"."""
    heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")]
    heads += [g for c in token.children if c.dep_ in ("aux", "auxpass") for g in c.children
              if g.dep_ in ("nsubj", "nsubjpass")]  # "troops remained deployed", parsed with the subject on "remained"
    heads += [g for h in list(heads) for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]  # "2,400 of the French troops"
    heads += [c for h in list(heads) for c in h.conjuncts]  # "between 169,000 and 190,000 personnel"
    heads += [g for c in token.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if token.dep_ in ("acl", "relcl"):
        heads.append(token.head)
    if token.dep_ == "xcomp" or token.dep_ == "conj":
        heads += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_is_military_noun(h) or any(_is_military_noun(c) for c in h.children if c.dep_ == "compound")
               for h in heads)


def _is_military_noun(token: Token) -> bool:
    return token.lemma_.lower() in MILITARY_NOUNS or token.lower_ in MILITARY_NOUNS
