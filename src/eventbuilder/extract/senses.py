"""Is a trigger used in its event sense here? Sense checks on the arguments' semantic classes.

The open web brings the event vocabulary in ordinary senses: "helps enforce your code styles"
and "provides details" are not aid, "Wall Street seems to agree" is not an agreement, "Wales beat
Hungary 2-0" is not an attack, "fly up to the next sky island" is not a visit, "Sign up for our
newsletter" is page chrome. A claim whose trigger fails a check keeps its row with ``sense_note``
saying why (the relevance stage then keeps it out of the analyst's default view); a few idioms
change the claim's type instead ("fired back at critics" is a retort: an accusation, not an
attack). Page chrome lines never yield claims at all (:func:`is_chrome`).

The word classes are data (``resources/lexicon/senses.json``); each check below names the
sentence that motivated it, and ``tests/test_senses.py`` holds those sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from eventbuilder.extract import coref, lexicon
from eventbuilder.extract.arguments import is_actor_like
from eventbuilder.extract.syntax import subject_of
from eventbuilder.resources import read_json

_SCORE = re.compile(r"(?<![\d/.:-])\d{1,3}-\d{1,3}(?![\d/.:-])")
_VOTING = re.compile(r"(?i)\b(vot\w*|ballot\w*|senate|house|council|parliament|assembly|jury|court)\b")
_ENTITY_ACTORS = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))
_PERSON_ROLES = frozenset("official officials spokesman spokeswoman spokesperson senator governor candidate candidates "
                          "minister president lawmaker leader critic chairman ceo host star actor singer rapper "
                          "commentator mayor secretary ambassador adviser advisor aide rival rivals hopeful hopefuls "
                          "moderator moderators congressman congresswoman".split())
_WEAPON_WORDS = frozenset("missile missiles rocket rockets gunfire bullet bullets shell shells artillery drone drones "
                          "mortar mortars teargas tear grenade grenades rounds gun guns rifle rifles shots troops "
                          "soldiers militants fighters army forces police".split())
_POLITICAL_GROUPS = frozenset("coalition alliance talks government union bloc party parties forces negotiations "
                              "agreement pact treaty effort efforts war fight opposition protest protests strike "
                              "strikes campaign movement army military rebels insurgency uprising boycott sanctions "
                              "initiative mission operation council committee commission cabinet convention".split())
_LEGAL_VERBS = frozenset("file bring open drop dismiss hear try build settle win lose appeal prosecute".split())
_QUESTION_PREPS = frozenset(("about", "if", "whether", "how", "what", "why", "when", "where", "who"))


@dataclass(frozen=True)
class Verdict:
    """The outcome of the checks: ``note`` says why the trigger is not an event (None: it is one);
    ``sense`` is the sense to use (changed by idioms that are events of another type)."""

    note: str | None
    sense: lexicon.Sense


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return read_json("lexicon/senses.json")


@functools.lru_cache(maxsize=1)
def _chrome() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _data()["chrome"])


@functools.lru_cache(maxsize=16)
def word_class(name: str) -> frozenset[str]:
    return frozenset(_data()["classes"][name])


def civil_groups() -> frozenset[str]:
    return frozenset(_data()["civil_groups"])


def is_chrome(sentence: str) -> bool:
    """Page chrome that reached the text: newsletter sign-ups, comment prompts, credits, cookie
    notices, lists of links ("Progressives oppose funding bill | Senators call for ... | ...")."""
    if sentence.count(_data()["link_list_separator"]) >= 2:
        return True
    return len(sentence.split()) <= 40 and any(p.search(sentence) for p in _chrome())


# ---------------------------------------------------------------- argument classes


def _forms(token: Token) -> set[str]:
    """The word, its lemma and the phrase with its compounds ("wall street")."""
    compounds = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
    forms = {token.lower_, token.lemma_.lower()}
    if compounds:
        forms.add(" ".join([*compounds, token.lower_]))
    return forms


def in_class(token: Token | None, name: str) -> bool:
    return token is not None and bool(_forms(token) & word_class(name))


def _is_named(token: Token | None) -> bool:
    return token is not None and (token.pos_ == "PROPN" or token.ent_type_ in _ENTITY_ACTORS)


def _named_modifier(token: Token) -> bool:
    """"UN experts", "Russia's investigators": a named owner makes a class word an actor ("Spanish
    rice" stays rice)."""
    return any(c.dep_ in ("compound", "poss", "nmod") and _is_named(c) for c in token.children)


def _objects(trigger: Token) -> list[Token]:
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "attr", "oprd")]
    if any(c.dep_ == "auxpass" for c in trigger.children) or (trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod")):
        objects += [c for c in trigger.children if c.dep_ == "nsubjpass"]
        if trigger.dep_ in ("acl", "amod"):
            objects.append(trigger.head)  # "the game is released", "with the hospital closed"
    return objects


def _prep_objects(trigger: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in trigger.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _agent(trigger: Token) -> Token | None:
    return next(iter(_prep_objects(trigger, ("by",))), None)


def _subject(trigger: Token) -> Token | None:
    if trigger.pos_ in ("NOUN", "PROPN"):
        return next((c for c in trigger.children if c.dep_ in ("poss", "compound")), None)
    subject = subject_of(trigger)
    return subject if subject is not None and subject.dep_ != "nsubjpass" else _agent(trigger)


def _arguments(trigger: Token) -> list[Token]:
    args = [a for a in (_subject(trigger), *_objects(trigger)) if a is not None]
    return args + [g for c in trigger.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]


def _military_context(trigger: Token) -> bool:
    return lexicon.involves_military(trigger) or any(t.lower_ in _WEAPON_WORDS for t in trigger.sent)


def _person_like(token: Token | None) -> bool:
    """A person: a PERSON entity or a capitalised name the model did not label ("Haley shot
    back"), a personal pronoun, a role noun ("the senator")."""
    if token is None:
        return False
    if token.ent_type_ in ("ORG", "GPE", "NORP"):
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        return entity is not None and coref.is_person(entity)
    return (token.ent_type_ == "PERSON" or token.lower_ in ("he", "she", "i") or token.pos_ == "PROPN" and token.ent_type_ == ""
            or token.lemma_.lower() in _PERSON_ROLES)


# ---------------------------------------------------------------- the checks


def check(trigger: Token, sense: lexicon.Sense) -> Verdict:
    """The verdict on one trigger in its sentence."""
    retyped = _figurative_idiom(trigger, sense)
    if retyped is not None:
        return Verdict(None, retyped)
    for rule in _RULES:
        note = rule(trigger, sense)
        if note is not None:
            return Verdict(note, sense)
    return Verdict(None, sense)


def _figurative_idiom(trigger: Token, sense: lexicon.Sense) -> lexicon.Sense | None:
    """"She fired back saying her heels are for ammunition", "shot back in a reply", "hit out at
    the NCAA": a retort by a person is an accusation (with a target) or a statement, unless
    weapons are about ("troops fired back at the gunmen")."""
    if sense.event_type != "attack" or trigger.pos_ not in ("VERB", "AUX"):
        return None
    particle = next((c.lower_ for c in trigger.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out")), None)
    idioms = _data()["idioms"]
    lemma = trigger.lemma_.lower()
    entry = next((e for k, e in idioms.items() if e.get("figurative") and e.get("lemma", k) == lemma), None)
    if entry is None or particle not in entry["particles"]:
        return None
    if _military_context(trigger) or not _person_like(subject_of(trigger)):
        return None
    target = _prep_objects(trigger, ("at", "against"))
    return lexicon.as_type(sense, "accusation" if target else "statement")


def _idiom(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Sign up for 4 months of Amazon Music", "join the conversation", "declined to comment",
    "hit the shelves"."""
    lemma = lexicon.lemma_of(trigger)
    for key, entry in _data()["idioms"].items():
        if entry.get("figurative") or entry.get("lemma", key) != lemma:
            continue
        particle = next((c.lower_ for c in trigger.children if c.dep_ == "prt"), None)
        if particle is not None and particle in entry.get("particles", ()):
            return entry["note"]
        if "requires_particle" in entry and particle not in entry["requires_particle"]:
            return entry["note"]
        if any((o.lower_ in entry.get("objects", ()) or o.lemma_.lower() in entry.get("objects", ())) and not _counted(o)
               for o in _objects(trigger)):
            return entry["note"]
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in entry.get("complements", ()) for c in trigger.children):
            return entry["note"]
        if entry.get("requires_weapon_subject"):
            subject = _subject(trigger)
            if subject is not None and subject.lemma_.lower() not in lexicon._WEAPON_SUBJECTS \
                    and subject.lemma_.lower() not in ("bomb", "device", "explosive", "mine", "ied", "grenade"):
                return entry["note"]  # "With Hong Kong protests exploding to new levels"
        if entry.get("complements_clause") and any(c.dep_ == "ccomp" for c in trigger.children):
            return entry["note"]  # "The staff member recalled that he said ..."
        vague = entry.get("objects_without_target", ())
        if any(o.lemma_.lower() in vague for o in _objects(trigger)) and not _prep_objects(trigger, ("against", "on")) \
                and not _military_context(trigger):
            return entry["note"]  # "lawmakers would take action to prevent the use of test scores"
    return None


def _counted(noun: Token) -> bool:
    """"hit eight targets of the Islamic State group" is no idiom: an idiom's object is not counted."""
    if noun.ent_type_ in ("PERCENT", "MONEY"):
        return False  # "captured more than 14 percent of national income" stays the idiom
    return any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def _generic(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"it matters who you vote for", "you can sign up for a trial", "threatening" in "finds the
    changes profoundly threatening": generic "you" and participles used as adjectives report no
    event."""
    if trigger.pos_ not in ("VERB", "AUX") or sense.event_type == "statement":
        return None
    if trigger.tag_ in ("VBG", "VBN") and (trigger.dep_ in ("acomp", "oprd") or trigger.dep_ in ("ccomp", "xcomp")
                                           and trigger.head.lemma_.lower() in _SMALL_CLAUSE_HEADS
                                           and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)):
        return "a participle used as an adjective"
    subject = subject_of(trigger)
    if subject is not None and subject.lower_ in ("you", "one") and not _in_quote(trigger):
        return "generic 'you'"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) and trigger.head.lemma_.lower() == "be" \
            and trigger.dep_ in ("xcomp", "attr", "ccomp", "advcl"):
        return "a generic infinitive"  # "to pause or seek compromise is to surrender entirely"
    return None


_SMALL_CLAUSE_HEADS = frozenset("find consider deem call make keep leave feel seem look sound remain become".split())


def _in_quote(token: Token) -> bool:
    text = token.sent.text
    return text.count('"') + text.count("“") + text.count("”") >= 2


def _imperative(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Allow the mixture to chill", "give your skin a boost", "beat the butter": instructions and
    advertising, never a report of an event."""
    if trigger.tag_ != "VB" or trigger.pos_ not in ("VERB", "AUX"):
        return None
    root = trigger if trigger.dep_ == "ROOT" else trigger.head if trigger.dep_ == "conj" and trigger.head.dep_ == "ROOT" else None
    if root is None or root.tag_ != "VB" or subject_of(trigger) is not None:
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl") for c in root.children):
        return None
    return "imperative (an instruction or advertising)"


def _sport(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Wales beat Hungary 2-0", "the league banned the striker", "joined the league in 2003",
    "teams meet again in Oklahoma City"."""
    if sense.event_type == "statement":
        return None
    word = next((a for a in _arguments(trigger) if in_class(a, "sport") and not _is_named(a)), None)
    if word is not None:
        return f"sport ('{word.text}')"
    sentence = trigger.sent.text
    if sense.event_type in ("attack", "agreement", "sanction", "concession", "meeting") and _SCORE.search(sentence) \
            and not _VOTING.search(sentence):
        return "sport (a score)"
    return None


_SUBJECT_CLASSES = ("product", "market", "expert", "accident")
_AGENTIVE = frozenset(("aid", "agreement", "concession", "sanction", "investigation", "request", "rejection", "meeting",
                       "attack", "threat", "accusation", "protest", "military_exercise", "troop_deployment"))


def _thing_subject(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Spanish rice meets Caribbean jerk seasoning", "Wall Street seems to agree", "a pandemic that
    killed 25 million", "Leveraging Unite Connect helps caregivers": the doer is a thing."""
    if sense.event_type not in _AGENTIVE:
        return None
    subject = _subject(trigger)
    if subject is None or (_is_named(subject) and not in_class(subject, "market")) or _named_modifier(subject):
        return None
    for name in _SUBJECT_CLASSES:
        if in_class(subject, name):
            return f"{name} subject ('{subject.text}')"
    return None


_OBJECT_CLASSES = {
    "attack": ("abstract", "product", "market", "election"),
    "sanction": ("market", "product", "election"),
    "agreement": ("product", "market"),
    "concession": ("product",),
    "investigation": ("product", "market"),
    "meeting": ("product",),
}


@functools.lru_cache(maxsize=1)
def _event_objects() -> dict[str, frozenset[str]]:
    """The objects that make a light verb an event ("set" + "fire"), read from the trigger lexicon."""
    return {verb: frozenset(table) for verb, table in read_json("lexicon/triggers.json")["verb_objects"].items()}


def _thing_object(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"battling anxiety and depression", "cut 4,000 jobs", "has offered its Sony Now service",
    "monitor stock", "Kentucky Democrats beat incumbent Gov. Matt Bevin"."""
    classes = _OBJECT_CLASSES.get(sense.event_type, ())
    for obj in _objects(trigger) + _prep_objects(trigger, ("against",)):
        if sense.via == "object" and lexicon.lemma_of(obj) in _event_objects().get(lexicon.lemma_of(trigger), frozenset()):
            continue  # "set fire to one of its doors": the fire is the act the light verb names
        if "election" in classes and any(in_class(t, "election") for t in obj.subtree):
            return f"election ('{obj.text}')"
        if sense.event_type == "attack" and any(t.ent_type_ in ("PERCENT", "MONEY") for t in obj.subtree):
            return f"an amount, not a target ('{obj.text}')"  # "captured more than 14 percent of national income"
        if _is_named(obj) or _named_modifier(obj):
            continue
        for name in classes:
            if in_class(obj, name):
                return f"{name} object ('{obj.text}')"
    return None


# "support" is not here: supporting someone is backing (a statement), unless aid goods are named.
_HELPING = frozenset("help assist aid arm equip finance fund train shelter evacuate subsidise subsidize "
                     "bankroll airlift".split())


def _aid(trigger: Token, sense: lexicon.Sense) -> str | None:
    """Giving verbs are aid with aid goods ("weapons", "$5 million", "military aid"); helping verbs
    also with an actor helped ("help Ukraine", "support the rebels"). "provides details", "helps
    enforce your code styles", "deliver extremely high fidelity content", "give your skin a boost",
    "provide affordable coverage to people", "it has given the Democratic Party any figurative
    illness" are not aid."""
    if sense.event_type != "aid" or sense.via != "verb" or trigger.pos_ not in ("VERB", "AUX"):
        return None
    objects = _objects(trigger)
    given = objects + [c for c in trigger.children if c.dep_ in ("prep", "dative") and c.lower_ in ("with", "in", "of")]
    if any(in_class(t, "aid_goods") or t.ent_type_ == "MONEY" for g in given for t in g.subtree):
        return None  # "provide Ukraine with $400 million in military aid", "sent them weapons"
    recipients = [c for c in trigger.children if c.dep_ in ("dative", "iobj")] + _prep_objects(trigger, ("to", "for"))
    helping = lexicon.lemma_of(trigger) in _HELPING
    if helping or _prep_objects(trigger, ("with",)):
        recipients += objects  # "help Ukraine", "equip the army with ...": the object receives
    elif objects:
        return f"not aid: giving '{objects[0].text}'"
    if any(is_actor_like(r) and r.lower_ not in ("you", "me", "us", "yourself", "it") and not in_class(r, "market")
           for r in recipients):
        return None
    if not objects and not recipients and _military_context(trigger):
        return None  # "the US will continue to supply" with troops or weapons about
    what = objects[0].text if objects else (recipients[0].text if recipients else "nothing")
    return f"not aid: no aid goods or recipient ('{what}')"


def _release(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Police released dramatic video", "NASA's Inspector General released two reports", "when the
    game is released": a release of captives needs captives ("two hostages were released")."""
    lemma = lexicon.lemma_of(trigger)
    if sense.event_type != "concession" or lemma not in ("release", "free") or sense.via != "verb":
        return None
    objects = _objects(trigger)
    if not objects or any(in_class(o, "captive") or o.ent_type_ in ("PERSON", "NORP") or is_actor_like(o)
                          or _held(o) for o in objects):
        return None
    return f"release of a thing ('{objects[0].text}')"


_HELD = frozenset("captured detained held kidnapped abducted jailed imprisoned arrested seized".split())


def _held(noun: Token) -> bool:
    """"would release the captured Indian pilot": whoever is captured is a captive."""
    return any(c.dep_ in ("amod", "compound", "acl") and c.lower_ in _HELD for c in noun.children)


def _return(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"returned home broke", "returned to the bench", "functions that return strings": going back
    is no concession; handing something back is ("the UK returned the territory to China")."""
    if sense.event_type != "concession" or lexicon.lemma_of(trigger) != "return" or sense.via != "verb":
        return None
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj", "nsubjpass")]
    if objects and not any(in_class(o, "product") or in_class(o, "abstract") for o in objects):
        return None
    return "a return (going back), not a concession"


def _launch(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"launched the campaign", "Stadia launched Tuesday", "launched his distillery", "after launching
    her run": launching is an attack only with weapons or attacks launched."""
    if sense.event_type != "attack" or lexicon.lemma_of(trigger) != "launch" or sense.via != "verb":
        return None
    objects = _objects(trigger)
    launched = objects + [c for c in trigger.children if c.dep_ == "ccomp"]  # "launched what it called ..."
    if any(t.lemma_.lower() in lexicon._WEAPON_SUBJECTS or _is_attack_noun(t) for o in launched for t in o.subtree):
        return None  # "launched what it called an anti-terrorist operation"
    if _military_context(trigger) and not any(in_class(o, "product") or in_class(o, "election") for o in objects):
        return None  # "American forces had launched a rescue mission"
    return f"launch of '{objects[0].text}'" if objects else "launch of a product or venture"


def _dismissal(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"many of her clients fired her", "Editors are fired for running controversial pieces": a
    dismissal, not shooting."""
    if sense.event_type != "attack" or lexicon.lemma_of(trigger) != "fire" or _military_context(trigger):
        return None
    objects = _objects(trigger)
    if objects and all(o.pos_ == "PRON" or o.ent_type_ == "PERSON" or o.lemma_.lower() in _PERSON_ROLES
                       or o.lemma_.lower() in ("editor", "employee", "worker", "staff", "coach", "manager") for o in objects):
        return "a dismissal, not an attack"
    return None


def _figurative_attack(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"fought to get the full script", "fought for the civil rights movement", "fired rhetorical
    rockets at DeSantis" in a debate: a person fighting with words or for a cause."""
    if sense.event_type != "attack":
        return None
    if lexicon.lemma_of(trigger) in ("fight", "battle", "combat") and not _military_context(trigger):
        against = _prep_objects(trigger, ("against", "with", "off"))
        purpose = any(c.dep_ in ("xcomp", "advcl") for c in trigger.children) or _prep_objects(trigger, ("for",))
        if not against and not _objects(trigger) and purpose:
            return "figurative fight (for a goal)"
        things = [o for o in _objects(trigger) + against if (o.pos_ == "NOUN" or o.tag_ == "VBG") and not is_actor_like(o)]
        if things and _person_like(_subject(trigger)):
            return f"figurative fight ('{things[0].text}')"  # "he fought redlining while mayor"
    subject = _subject(trigger)
    if _person_like(subject) and not lexicon.involves_military(trigger) and _figurative_words(trigger):
        return "figurative attack (words in a debate or online)"
    others = _objects(trigger) + _prep_objects(trigger, ("with", "against", "at", "over", "on"))
    if _military_context(trigger):
        return None
    if lexicon.lemma_of(trigger) in _DISPUTES and _person_like(subject) and any(_person_like(o) for o in others):
        return "figurative attack (a dispute between people)"  # "Nikki Haley clashed with Tim Scott on abortion"
    if lexicon.lemma_of(trigger) in _WORDS_OF_ATTACK and any(_person_like(o) for o in others) and (
            subject is None or _person_like(subject) or subject.lemma_.lower() in _PEOPLE_NOUNS
            or any(in_class(t, "election") for t in trigger.sent)):
        return "figurative attack (on a person, with words)"  # "everybody went and attacked Ambassador Haley tonight"
    if lexicon.lemma_of(trigger) in ("beat", "defeat", "trounce", "lead") and any(in_class(t, "election") for t in trigger.sent):
        return "election, not an attack"  # "Trump, who regularly beats DeSantis by 35 percentage points in national polls"
    return None


# Attacks that are words when a person attacks a person: candidates "attacked Ambassador Haley",
# "Ramaswamy's attacks on fellow candidates", "other candidates stepped up their attacks".
_WORDS_OF_ATTACK = frozenset("attack attacks assail target slam".split())
_PEOPLE_NOUNS = frozenset("everybody everyone candidate candidates rival rivals critic critics opponent opponents "
                          "democrats republicans".split())


_DISPUTES = frozenset("clash spar tussle feud".split())


def _figurative_words(trigger: Token) -> bool:
    return any(t.lower_ in word_class("figurative_context") for t in trigger.sent)


def _accident(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"killed in a helicopter crash", "The vehicle struck the deer", "a sting jet could strike the
    north of France", "destroyed by fire": accidents and disasters are not attacks."""
    if sense.event_type != "attack":
        return None
    causes = [a for a in (_subject(trigger), *_prep_objects(trigger, ("in", "by", "from", "after", "during")))
              if a is not None]
    cause = next((c for c in causes if in_class(c, "accident") and not _is_named(c)), None)
    if cause is not None and not any(_is_attack_noun(c) for c in causes):
        return f"an accident or disaster ('{cause.text}')"
    return None


def _is_attack_noun(token: Token) -> bool:
    sense = lexicon.noun_sense(token)
    return sense is not None and sense.event_type == "attack"


def _question(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Asked about the chapter, Rollock says", "Asked why he settled on Sanders": asking a question
    is not a request (a request asks someone to do something or for something)."""
    if sense.event_type != "request" or lexicon.lemma_of(trigger) != "ask":
        return None
    if any(c.dep_ == "xcomp" for c in trigger.children) or _prep_objects(trigger, ("for",)):
        return None
    if any(c.dep_ == "ccomp" and any(m.lower_ in ("that", "to") for m in c.children) for c in trigger.children):
        return None
    if any(lexicon.noun_sense(o) is not None for o in _objects(trigger)):
        return None  # "asked the court for a ruling", "asked permission" with an event noun
    return "a question, not a request"


def _call(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"My grandchildren's mother called emergency services": a phone call is a meeting between
    named parties."""
    if sense.event_type != "meeting" or lexicon.lemma_of(trigger) not in ("call", "phone", "telephone"):
        return None
    named = any(c.dep_ in ("dobj", "obj") for c in trigger.children) or trigger.dep_ == "relcl"
    if any(c.dep_ in ("ccomp", "xcomp") for c in trigger.children) or named and any(
            c.dep_ in ("oprd", "attr") for c in trigger.children):
        return "naming, not a call"  # "what some have called the 'Belfastisation' of the city"
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj", "oprd") and o.tag_ not in ("WDT", "WP")]
    if any(_is_named(o) or o.lemma_.lower() in _PERSON_ROLES or o.lower_ in ("counterpart", "him", "her", "them")
           for o in objects):
        return None
    return f"a call to '{objects[0].text}'" if objects else "a call without a named party"


def _receive(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"We have received reports", "You'll receive daily updates", "after receiving a signal": a
    meeting receives people."""
    if sense.event_type != "meeting" or lexicon.lemma_of(trigger) != "receive" or sense.via != "verb":
        return None
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj")]
    if _agent(trigger) is not None or any(is_actor_like(o) and o.pos_ != "PRON" for o in objects):
        return None
    return f"receiving '{objects[0].text}'" if objects else "receiving something"


def _met_with(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"His refusal ... was also met with hoots of laughter": a reception, not a meeting."""
    if sense.event_type != "meeting" or lexicon.lemma_of(trigger) != "meet":
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    with_ = _prep_objects(trigger, ("with",))
    if passive and with_ and not any(is_actor_like(w) for w in with_):
        return f"met with '{with_[0].text}' (a reception)"
    return None


def _seek(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Organizations that seek to combat political misinformation", "obstruct those seeking it",
    "campaigns have been pressing the boundaries": seeking to act or pressing a thing is no request."""
    lemma = lexicon.lemma_of(trigger)
    if sense.event_type != "request" or lemma not in ("seek", "press") or sense.via != "verb":
        return None
    if lemma == "seek" and any(c.dep_ == "xcomp" for c in trigger.children):
        return "seeking to act, not a request"
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj")]
    wanted = frozenset(_data()["request_objects"])
    if lemma == "seek" and not any(o.lemma_.lower() in wanted or lexicon.noun_sense(o) is not None for o in objects):
        return f"seeking '{objects[0].text}'" if objects else "seeking something unnamed"
    if lemma == "press" and objects and not any(is_actor_like(o) and o.pos_ != "PRON" or _is_named(o) for o in objects):
        return f"pressing '{objects[0].text}'"
    return None


def _not_said(trigger: Token, sense: lexicon.Sense) -> str | None:
    """Statement verbs that report no statement: "He should explain why ...", "it's fair to say",
    "his duty to report his concerns", "did not learn about the retirement", "Protesters believe the
    bill is an example of ...", "Hamas has learned and prepared itself well"."""
    if sense.role != "report" and sense.event_type != "statement":
        return None
    lemma = lexicon.lemma_of(trigger)
    subject = _subject(trigger)
    if lemma in ("believe", "learn") and (not _is_named(subject) or subject is not None and subject.ent_type_ == "PERSON"):
        return f"'{lemma}': a belief or knowledge, not a statement"  # a named outlet learns: "Reuters has learned"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    modal = any(c.dep_ == "aux" and c.lower_ in ("should", "could", "might", "must", "ought") for c in trigger.children)
    if (infinitive or modal) and not _in_quote(trigger) and trigger.dep_ != "xcomp" or infinitive and (
            trigger.head.pos_ in ("ADJ", "NOUN") or trigger.head.lemma_.lower() == "be"):
        return "a statement not made (infinitive or modal)"
    return None


def _visit(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"fly up to the next sky island", "students could book slots to visit different societies",
    "visit the saloon": a visit goes to a named place, a state organ or people."""
    lemma = lexicon.lemma_of(trigger)
    if sense.event_type != "meeting" or lemma not in ("visit", "fly", "travel", "tour") or sense.via not in ("verb", "noun"):
        return None
    places = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj")] + _prep_objects(trigger, ("to", "in", "into"))
    if trigger.pos_ == "NOUN":
        places += [c for c in trigger.children if c.dep_ in ("compound", "poss")]
    if any(_is_named(p) or in_class(p, "place_nouns") for p in places):
        return None
    subject = _subject(trigger)
    if not places and (trigger.pos_ == "NOUN" or lemma == "visit" and (_is_named(subject) or _person_like(subject))):
        return None  # "during the visit", "Xi will visit next month": the destination named elsewhere
    return f"travel to '{places[0].text}'" if places else "travel without a destination"


def _join(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"joined the league in 2003", "I got to join them for a game", "hardware join next year":
    joining is an agreement with a named or political body."""
    if sense.event_type != "agreement" or lexicon.lemma_of(trigger) != "join" or sense.via != "verb":
        return None
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj")] + _prep_objects(trigger, ("in", "with"))
    if any(_is_named(o) and o.ent_type_ != "PERSON" or o.lemma_.lower() in _POLITICAL_GROUPS for o in objects):
        return None
    return f"joining '{objects[0].text}'" if objects else "joining something unnamed"


def _agree(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Experts agree that access to healthcare ...", "Wall Street seems to agree": sharing a view is
    not an agreement between parties."""
    if sense.event_type != "agreement" or lexicon.lemma_of(trigger) != "agree":
        return None
    subject = _subject(trigger)
    if subject is not None and (in_class(subject, "expert") or in_class(subject, "market")):
        return f"sharing a view ('{subject.text}')"
    return None


def _offer(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Obama's involvement offers a powerful reminder", "DeSantis and Haley both offered contrasts",
    "Sony has offered its Sony Now service": an offer is an agreement when it offers to act or offers
    talks, help, terms, concessions."""
    if sense.event_type != "agreement" or lexicon.lemma_of(trigger) != "offer" or sense.via != "verb":
        return None
    if any(c.dep_ == "xcomp" for c in trigger.children):
        return None  # "offered to mediate"
    objects = [o for o in _objects(trigger) if o.dep_ in ("dobj", "obj", "nsubjpass")]
    listed = frozenset(_data()["offer_objects"])
    if any(o.lemma_.lower() in listed or o.lower_ in listed or lexicon.noun_sense(o) is not None for o in objects):
        return None
    return f"offering '{objects[0].text}'" if objects else "offering something unnamed"


_CAUSATIVE = frozenset("allow permit enable ease let".split())


_SPEECH_ACTS = frozenset(("threat", "accusation", "request", "rejection", "agreement"))
# Common nouns for people that the actor vocabulary does not list: they can threaten and agree.
_PERSON_NOUNS = frozenset("man woman men women person people boy girl boys girls father mother son daughter husband "
                          "wife resident residents family families friend friends neighbour neighbor victim victims "
                          "witness witnesses student students teacher teachers worker workers voter voters".split())


_ASSERTIONS = frozenset("charge claim allegation accusation report suggestion assertion".split())


def _speechless_subject(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Rising economic inequality and the creation of monopolistic megacorporations also threaten
    democracy", "the technocratic ideology largely accepts the status quo": threats, demands,
    refusals and agreements are made by someone."""
    if sense.event_type not in _SPEECH_ACTS or trigger.pos_ not in ("VERB", "AUX"):
        return None
    subject = subject_of(trigger)
    if subject is None or subject.dep_ not in ("nsubj",) or subject.pos_ != "NOUN" or _named_modifier(subject):
        return None
    if is_actor_like(subject) or subject.lemma_.lower() in _PERSON_NOUNS or lexicon.noun_sense(subject) is not None \
            or subject.lemma_.lower() in _ASSERTIONS:
        return None  # "a charge Ukraine denied": the parse made the charge the subject
    if subject.ent_type_ or any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in subject.children):
        return None
    return f"subject '{subject.text}' is not an actor"


def _causative_subject(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Peace would allow for the eventual withdrawal of US troops", "the new format allows players
    to ...": allowing is a concession when an actor allows."""
    if sense.event_type != "concession" or lexicon.lemma_of(trigger) not in _CAUSATIVE:
        return None
    subject = subject_of(trigger)
    if subject is not None and subject.lower_ in ("that", "this", "which", "what"):
        return f"subject '{subject.text}' is not an actor"  # "That would help ... while allowing the president to"
    if subject is None or subject.pos_ != "NOUN" or _named_modifier(subject) or is_actor_like(subject):
        return None
    return f"subject '{subject.text}' is not an actor"


def _colonies(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"the UK's position that settlements are illegal under international law": settlements are
    places, a settlement (of a dispute) is an agreement."""
    if trigger.pos_ == "NOUN" and trigger.lower_ == "settlements":
        return "'settlements' (places)"
    return None


def _verbal_attack(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"going on to attack how the national debt grew": attacking a claim or a record is criticism;
    "they symbolically attack private property": a figure of speech."""
    if sense.event_type != "attack" or trigger.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "advmod" and c.lower_ in _data()["figurative_adverbs"] for c in trigger.children):
        return "figurative attack (an adverb says so)"
    if _military_context(trigger):
        return None
    clauses = [c for c in trigger.children if c.dep_ in ("ccomp", "csubj")]
    if clauses and not any(_is_attack_noun(t) for c in clauses for t in c.subtree):
        return "figurative attack (criticism)"  # but "launched what it called an anti-terrorist operation"
    return None


def _commit(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"committed suicide", "committed the crime": not a commitment."""
    if sense.event_type != "agreement" or lexicon.lemma_of(trigger) != "commit":
        return None
    obj = next((o for o in _objects(trigger) if in_class(o, "crime_objects")), None)
    return f"committing '{obj.text}'" if obj is not None else None


def _restriction(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Alibaba shares closed in New York at $185.25", "WeWork is preparing to cut 4,000 jobs", "the
    Thunder scored nine straight points to cut the Lakers' lead": closing and cutting are sanctions
    only for what states close and cut (borders, embassies, aid, ties)."""
    lemma = lexicon.lemma_of(trigger)
    if sense.event_type != "sanction" or lemma not in ("close", "cut", "shut") or sense.via != "verb":
        return None
    listed = set(read_json("lexicon/triggers.json")["verb_objects"].get(lemma, ())) | set(
        read_json("lexicon/triggers.json")["verb_objects"].get("close", ()))
    objects = _objects(trigger)
    subject = _subject(trigger)
    things = objects or ([subject] if subject is not None else [])
    if any(t.lemma_.lower() in listed or t.lower_ in listed for t in things):
        return None
    if not objects and subject is not None and subject.ent_type_ in ("GPE", "NORP"):
        return None  # "Egypt closed": a state closing (its border, named before)
    return f"{lemma} of '{things[0].text}'" if things else f"{lemma} (not a restriction)"


def _legal_case(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Why is this the case", "a wireless charging case": a case is an investigation when it is a
    legal one ("the criminal case against him", "opened a case")."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() != "case" or sense.event_type != "investigation":
        return None
    words = {t.lower_ for c in trigger.children for t in c.subtree} | {trigger.head.lemma_.lower()}
    if words & word_class("legal") or trigger.head.lemma_.lower() in _LEGAL_VERBS:
        return None
    return "'case' in another sense"


def _taking_over(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"After Fiona Hill left the NSC, it was Morrison who took over": taking over a job is no
    deployment; taking over or control of a place with forces is."""
    if lexicon.lemma_of(trigger) != "take" or sense.event_type not in ("troop_deployment", "attack"):
        return None
    if sense.via != "particle" and not any(o.lemma_.lower() == "control" for o in _objects(trigger)):
        return None
    places = _objects(trigger) + _prep_objects(trigger, ("of", "over"))
    if _military_context(trigger) or any(p.ent_type_ in ("GPE", "LOC", "FAC") or in_class(p, "place_nouns") for p in places):
        return None
    return "taking over (not by force)"


def _campaign_rally(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"Trump held a raucous rally in nearby Hialeah", "rallying supporters in a heavily Hispanic part
    of Florida": a politician's campaign rally is not a protest."""
    if sense.event_type != "protest" or lexicon.lemma_of(trigger) not in ("rally", "hold", "stage"):
        return None
    rally = trigger if trigger.lemma_.lower() == "rally" else next(
        (o for o in _objects(trigger) if o.lemma_.lower() == "rally"), None)
    if rally is None:
        return None
    doer = _subject(trigger)
    if doer is not None and doer.lower_ not in ("protesters", "demonstrators", "activists") and (
            _person_like(doer) or any(in_class(t, "election") for t in trigger.sent)):
        return "a campaign rally, not a protest"
    return None


def _bargain(trigger: Token, sense: lexicon.Sense) -> str | None:
    """"An even better deal is if you sign up for the bundle", "Today's deal is a $50 price break",
    "that's a big deal": a bargain, not an agreement."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() != "deal":
        return None
    modifiers = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound", "poss", "nmod")}
    if modifiers & word_class("bargain") or any(in_class(a, "product") for a in _prep_objects(trigger, ("on", "for"))):
        return "'deal' as a bargain"
    return None


_RULES: tuple[Callable[[Token, lexicon.Sense], str | None], ...] = (
    _idiom, _generic, _imperative, _sport, _thing_subject, _thing_object, _aid, _release, _return, _launch, _dismissal,
    _figurative_attack, _verbal_attack, _accident, _question, _call, _receive, _visit, _join, _offer, _agree,
    _causative_subject, _commit, _restriction, _legal_case, _bargain, _colonies, _campaign_rally, _taking_over,
    _met_with, _seek, _not_said, _speechless_subject,
)
