"""Who did it and to whom: the actor1 (doer, speaker) and actor2 (target, counterpart) heads of a
trigger, chosen from the parse according to the claim type."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from eventbuilder.extract.lexicon import MILITARY_NOUNS
from eventbuilder.extract.syntax import agent_of, direct_object, prep_objects, subject_of
from eventbuilder.resources import read_json

# Prepositions that introduce the counterpart or target, by claim type.
_TARGET_PREPS = {
    "meeting": ("with",),
    "agreement": ("with", "between"),
    "aid": ("to", "for"),
    "attack": ("on", "against", "at", "upon"),
    "sanction": ("on", "against", "upon"),
    "request": ("on", "upon"),
    "threat": ("against", "with"),
    "accusation": ("against", "with"),
    "protest": ("against",),
    "statement": ("to",),
    "investigation": ("into", "against"),
    "concession": ("to", "for"),
    "rejection": ("to",),
    "troop_deployment": (),
    "military_exercise": ("with",),
}
# Types whose direct object is the target ("urged Russia", "attacked the convoy", "visited Kyiv").
_OBJECT_IS_TARGET = frozenset(("meeting", "request", "attack", "sanction", "threat", "accusation", "rejection",
                               "aid", "investigation", "statement", "concession", "agreement"))
# Nouns for people and institutions besides the dictionary's role words ("officials", "troops").
_COLLECTIVES = frozenset(
    "government governments authorities authority official officials leader leaders ministry ministries "
    "administration council parliament lawmakers legislators junta regime side sides ally allies country "
    "countries nation nations state states member members group groups militia militias coalition alliance "
    "people residents civilians villagers protesters demonstrators crowd crowds students workers rebels "
    "militants fighters insurgents separatists gunmen attackers men women children hostages prisoners "
    "detainees refugees migrants diplomats diplomat envoy envoys delegation delegations negotiators mediators "
    "investigators inspectors monitors observers prosecutors court judge judges agency company companies firm "
    "party parties opposition activists journalists reporters police guard guards navy commander commanders "
    "president minister spokesman spokeswoman spokesperson chief head ambassador premier king emir "
    "supporters loyalists troops soldiers forces army airmen marines sailors personnel servicemen command "
    "headquarters service services office department agency cabinet assembly senate congress committee "
    "commission council presidency mission missions embassy consulate ministers officers defences defenses "
    "spokesmen broadcaster television media newspaper relatives families crew crews pilots jets warplanes "
    "warships navy military militaries farmers fundamentalists islamists extremists guerrillas guerillas "
    "militiamen nationalists landowners youths tribesmen settlers clerics mourners voters traders strikers "
    "peacekeepers jihadists terrorists gangs bandits pirates smugglers dissidents exiles immigrants "
    "counterpart counterparts representative representatives chamber legislature lawmaker".split()
)


@functools.lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """Head nouns that denote actors: the role words of the actor dictionary, military and collective
    nouns, and the civil groups that protest ("truckers", "fishermen")."""
    words = {w["text"].split()[-1] for w in read_json("actors/titles.json")["sector_words"]}
    civil = {w.split()[-1] for w in read_json("lexicon/senses.json")["civil_groups"]}
    return frozenset(words | MILITARY_NOUNS | _COLLECTIVES | civil)


# Statement verbs whose object is the addressee ("told reporters", "assured Kyiv").
_ADDRESSING = frozenset("tell inform brief assure notify remind warn reassure".split())
# Instruments of an attack are not its target ("fired 105 missiles at ...").
_WEAPONS = frozenset("missile missiles rocket rockets shell shells drone drones bomb bombs munitions munition "
                     "grenade grenades round rounds bullets torpedo torpedoes weapons".split())
# Heads that count or group their "of" object: the object is the actor.
_QUANTITY_HEADS = frozenset("tens hundreds thousands millions dozens scores group groups number patch batch "
                            "contingent handful some many most all several one two three four five dozen".split())
_ACTOR_POS = frozenset(("PROPN", "NOUN", "PRON", "ADJ", "NUM"))
# Nouns that are never actors even when they sit where an actor would ("the talks", "concerns").
_NOT_ACTORS = frozenset("talks meeting discussion concerns concern activity threat this that which what "
                        "there time situation visit fund funds aid deal agreement who".split())


def verb_actors(trigger: Token, event_type: str, event_object: Token | None = None) -> tuple[Token | None, Token | None]:
    """(actor1, actor2) heads for a verb trigger; passives put the "by" agent first. For a light
    verb ("imposed sanctions on Russia") the target hangs from the event noun ``event_object``."""
    subject = _event_owner(subject_of(trigger))
    if event_object is not None and _estimates(trigger):
        # "Intelligence put the Chinese build-up at about 40 warships": whoever estimates is a
        # source; the build-up is China's
        subject = _doer_of_noun(event_object)
    has_subject = any(c.dep_ == "nsubj" for c in trigger.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) or (
        trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl") and not has_subject)
    if passive and trigger.dep_ == "acl":
        actor1, actor2 = agent_of(trigger), None
    elif passive:
        actor1 = _wielder(agent_of(trigger)) or _agent_of_complement(trigger)
        actor2 = _target(next((c for c in trigger.children if c.dep_ == "nsubjpass"), None), event_type)
        if event_type in ("troop_deployment", "military_exercise", "aid"):
            actor1, actor2 = actor1 or actor2, None if actor1 is None else actor2
    else:
        actor1, actor2 = subject, None
        if event_object is None and event_type in _OBJECT_IS_TARGET and (
                event_type != "statement" or trigger.lemma_.lower() in _ADDRESSING):
            actor2 = _target(direct_object(trigger), event_type)
    preps = _TARGET_PREPS.get(event_type, ())
    if actor2 is None and event_object is not None:
        actor2 = _first_actor(prep_objects(event_object, preps + ("against", "on")))
    if actor2 is None:
        actor2 = _first_actor(prep_objects(trigger, preps))
    obj = direct_object(trigger)
    if actor2 is None and obj is not None and obj.i != trigger.i and obj.dep_ in ("dobj", "obj"):
        actor2 = _first_actor(prep_objects(obj, preps))  # "signed a road map with Iran"
    if actor2 is None and event_type not in _NO_COUNTERPART:
        actor2 = _counterpart_of_object(event_object or obj, trigger, event_type)
    if actor2 is None and event_type not in _NO_COUNTERPART and event_object is not None:
        actor2 = _first_actor(prep_objects(trigger, _OBJECT_PREPS))  # "suspended development aid to Niger"
    if actor2 is None and event_type == "rejection":
        actor2 = _denied_claimant(trigger, actor1)
    if actor2 is None and event_type in ("request", "threat", "accusation"):
        actor2 = _complement_subject(trigger)
    if actor2 is None and event_type == "request":
        actor2 = _complement_object(trigger)  # "applied to join NATO"
    if actor2 is None and event_type == "aid":
        actor2 = _first_actor(t for t in _deep_preps(trigger, ("to", "for")))
    if actor2 is None and (event_type in _SYMMETRIC or trigger.lemma_.lower() in _RECIPROCAL) and actor1 is not None:
        actor2 = _partner(actor1)  # "Moscow and Kyiv signed a deal", "the army and the RSF fought"
    if actor1 is None and event_type == "attack" and passive:
        actor1 = _doer_of_event_noun(trigger)  # "killed in a rebel ambush", "by gunfire from Syrian rebels"
    if event_type == "troop_deployment" and (actor1 is None or not _names_someone(actor1)):
        actor1 = _origin(trigger) or actor1  # "60 tanks had entered the region from Russia"
    if actor1 is not None and (event_type in _SYMMETRIC or trigger.lemma_.lower() in _RECIPROCAL):
        members = None if actor2 is not None else _named_members(actor1)  # "ministers including Kerry and Zarif"
        if members is not None:
            actor1, actor2 = members
    if actor1 is None and event_type in _SYMMETRIC:
        between = prep_objects(trigger, ("between",)) + [g for c in trigger.subtree if c.dep_ == "prep"
                                                          and c.lower_ == "between" for g in c.children if g.dep_ == "pobj"]
        if between:
            actor1, actor2 = between[0], _partner(between[0])
    if actor2 is None and event_type == "aid":
        actor2 = _dative(trigger)
    return _clean(actor1), _clean(actor2)


def _agent_of_complement(trigger: Token) -> Token | None:
    """"Residents were ordered to evacuate by the Israeli army": the parse hangs the agent of the
    order on its complement; the side that gave the order is still the doer."""
    for clause in (c for c in trigger.children if c.dep_ == "xcomp"):
        agent = agent_of(clause) or next(iter(prep_objects(clause, ("by",))), None)
        if agent is not None:
            return agent
    return None


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
        if child.dep_ in ("amod", "compound") and child.lemma_.lower() in actor_nouns() and child.i < trigger.i:
            actor1 = child  # "a rebel ambush", "a government offensive"
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


_SYMMETRIC = frozenset(("meeting", "agreement"))


_RECIPROCAL = frozenset("fight clash battle skirmish negotiate talk meet".split())


def _event_owner(subject: Token | None) -> Token | None:
    """"The first deployment of NATO peacekeeping troops have arrived": the troops, not the deployment;
    "a charge Ukraine denied" (the parse makes the charge the subject): Ukraine."""
    if subject is None or subject.pos_ != "NOUN" or is_actor_like(subject):
        return subject
    if subject.lemma_.lower() in _ASSERTIONS:
        named = next((c for c in subject.children if c.dep_ == "appos" and is_actor_like(c)), None)
        if named is not None:
            return named
    owner = next((c for c in subject.children if c.dep_ == "poss" and is_actor_like(c)), None)
    return owner or next((g for g in prep_objects(subject, ("of", "by")) if is_actor_like(g)), subject)


def _partner(first: Token) -> Token | None:
    """The second of coordinated parties, also inside "the leaders of Armenia, Azerbaijan and Russia",
    the second of coordinated nationalities ("Russian and Turkish officials") and the first name an
    apposition lists ("Iran and six world powers — the United States, Britain, ...")."""
    partner = next((t for t in first.conjuncts if t.i > first.i), None)
    if partner is None and first.pos_ == "NOUN":
        for owner in prep_objects(first, ("of",)):
            partner = next((t for t in owner.conjuncts if t.i > owner.i), None)
            if partner is not None:
                break
    if partner is None and first.pos_ == "NOUN":
        nationalities = [c for c in first.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
        partner = next((t for n in nationalities for t in n.conjuncts if t.i > n.i and t.ent_type_ in ("NORP", "GPE")),
                       None)
    if partner is not None and partner.pos_ == "NOUN":
        partner = next((c for c in partner.children if c.dep_ == "appos" and c.ent_type_ in _NAMED), partner)
    return partner


_NAMED = frozenset(("PERSON", "ORG", "GPE", "NORP"))
# Types whose object's modifiers and prepositions name no counterpart ("sent troops to Mali": a place).
_NO_COUNTERPART = frozenset(("statement", "troop_deployment", "military_exercise"))
# Counterparts hanging from an object noun: "broke off relations with", "suspended budget support to",
# "imposed sanctions on", "a protest with Beijing".
_OBJECT_PREPS = ("with", "to", "on", "upon", "against", "toward", "towards", "between")
# Whose act an object noun is, for the types that answer an act: "condemned the NATO action",
# "accepted the U.S. offer", "called the U.S.-led war a mistake", "approve Finland's application".
_OWNER_TYPES = frozenset(("accusation", "rejection", "agreement", "concession", "threat", "request", "sanction",
                          "attack"))
# Agreements named after where they were made are not made with that place ("the Minsk agreement").
_PLACE_NAMED = frozenset("agreement agreements deal accord accords treaty pact plan protocol ceasefire truce "
                         "format process talks summit conference declaration".split())


def _counterpart_of_object(obj: Token | None, trigger: Token, event_type: str) -> Token | None:
    """The counterpart named on the trigger's object noun: in a preposition of it, or as the owner
    of the act it names."""
    if obj is None or obj.i == trigger.i or obj.pos_ not in ("NOUN", "PROPN") or is_actor_like(obj):
        return None
    found = _first_actor(g for g in prep_objects(obj, _OBJECT_PREPS) if g.lower_ not in _NOT_ACTORS)
    if found is not None or event_type not in _OWNER_TYPES:
        return found
    for child in obj.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and is_actor_like(child):
            return child
        named = child.ent_type_ in _NAMED or _LED.search(child.text) is not None
        if child.dep_ in ("compound", "amod", "nmod") and named and not (
                child.ent_type_ == "GPE" and obj.lemma_.lower() in _PLACE_NAMED):
            return child
    return None


_LED = re.compile(r"^(?:[A-Z][\w.]*)-(?:led|backed|brokered|sponsored)$")


def _denied_claimant(trigger: Token, denier: Token | None) -> Token | None:
    """Who made the charge a rejection denies: "Indian officials say ... , a charge Islamabad denies";
    "India said it had shot down a Pakistani F-16 during the clash, which Pakistan denied"."""
    denied = [c for c in trigger.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
              and (c.tag_ == "WDT" or c.lemma_.lower() in _ASSERTIONS)]
    if not denied:
        return None
    for ancestor in trigger.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            claimant = subject_of(ancestor)
            if claimant is not None and claimant.tag_ not in ("WDT", "WP") and (denier is None or claimant.i != denier.i):
                return claimant
    for clause in (c for c in trigger.children if c.dep_ in ("ccomp", "parataxis") and c.i < trigger.i):
        claimant = subject_of(clause)  # the parse made the charge's clause a complement of the denial
        if claimant is not None:
            return claimant
    return None


_ASSERTIONS = frozenset("charge charges claim claims allegation allegations accusation accusations report reports "
                        "assertion suggestion".split())
# Event nouns of fighting whose doer is the doer of a passive attack ("killed in a rebel ambush").
_FIGHTING = frozenset("gunfire fire shelling shrapnel ambush clash clashes raid strike strikes airstrike airstrikes "
                      "attack attacks bombing bombardment offensive assault fighting explosion blast".split())


def _wielder(agent: Token | None) -> Token | None:
    """The actor behind a weapon or an act given as a passive's agent: "killed by gunfire from Syrian
    rebels" -> the rebels; else the agent itself."""
    if agent is None or is_actor_like(agent) or agent.lemma_.lower() not in _FIGHTING | _WEAPONS:
        return agent
    return _doer_of_noun(agent) or agent


_ESTIMATING = frozenset("put estimate place number reckon assess".split())


def _estimates(verb: Token) -> bool:
    """A verb of estimating with its figure ("put ... at about 40 warships", "estimated ... at 8,000")."""
    return verb.lemma_.lower() in _ESTIMATING and any(
        c.dep_ == "prep" and c.lower_ == "at" and any(g.dep_ == "pobj" and (g.like_num or any(
            n.dep_ == "nummod" for n in g.children)) for g in c.children) for c in verb.children)


def _names_someone(token: Token) -> bool:
    """A name, a pronoun, or a noun whose modifiers name its owner ("Belarusian troops", "Kyiv's
    forces"); "60 tanks" or "the soldiers" name no one."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in _NAMED:
        return True
    return any(c.dep_ in ("amod", "compound", "poss", "nmod") and (c.ent_type_ in _NAMED or c.pos_ in ("PROPN", "PRON"))
               for c in token.children)


def _origin(trigger: Token) -> Token | None:
    """The country forces came from, when the forces themselves name no one ("60 tanks and 30
    rocket launchers had entered the region from Russia"): whoever sends forces across a border
    is the actor of the deployment."""
    return next((g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"
                 for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP")), None)


def _doer_of_noun(noun: Token) -> Token | None:
    """The doer named on a fighting noun: its owner or actor modifier ("a rebel ambush", "the U.S.
    strike"), the origin of fire ("gunfire from Syrian rebels") or the other side of a clash ("a
    clash with Chinese troops", said of the dead)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and is_actor_like(child):
            return child
        if child.dep_ in ("amod", "compound", "nmod") and (child.ent_type_ in ("NORP", "GPE", "ORG")
                                                          or child.lemma_.lower() in actor_nouns()):
            return child
    return _first_actor(prep_objects(noun, ("from", "by", "with")))


def _doer_of_event_noun(trigger: Token) -> Token | None:
    """A passive attack's doer from the fighting noun it happened in ("Ten Macedonian soldiers were
    killed in a rebel ambush", "Twenty Indian soldiers were killed in a clash with Chinese troops")."""
    for noun in prep_objects(trigger, ("in", "during", "by")):
        if noun.lemma_.lower() in _FIGHTING:
            doer = _doer_of_noun(noun)
            if doer is not None:
                return doer
    return None


def _named_members(group: Token) -> tuple[Token, Token | None] | None:
    """"Foreign ministers including John Kerry and Iran's Mohammad Javad Zarif": the first two
    named members of a collective party to a meeting or agreement."""
    if group.pos_ != "NOUN":
        return None
    members = [g for g in prep_objects(group, ("including",)) if g.ent_type_ in _NAMED or g.pos_ == "PROPN"]
    if not members:
        return None
    first = members[0]
    return first, next((t for t in first.conjuncts if t.i > first.i), None)


def _target(obj: Token | None, event_type: str) -> Token | None:
    """The target in an object: the object itself when it is an actor, else its owner
    ("denounced Russia's actions") or its nationality ("struck Syrian facilities")."""
    if obj is None:
        return None
    if event_type == "attack" and obj.lemma_.lower() in _WEAPONS:
        return _first_actor(prep_objects(obj.head, ("at", "on", "against", "into")))
    if is_actor_like(obj):
        return obj
    for child in obj.children:
        if child.dep_ == "poss" and is_actor_like(child):
            return child
    for owner in prep_objects(obj, ("of", "by", "from")):  # "condemned the deployment of Russian mercenaries"
        if is_actor_like(owner):
            return owner
    if event_type in ("attack", "sanction", "accusation"):
        return next((c for c in obj.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None)
    return None


def _deep_preps(token: Token, preps: tuple[str, ...]):
    """Objects of ``preps`` anywhere under the trigger's object ("pledged 11 billion euros in aid to Ukraine")."""
    for node in token.subtree:
        if node.dep_ == "prep" and node.lower_ in preps:
            yield from (g for g in node.children if g.dep_ == "pobj")


def _complement_subject(trigger: Token) -> Token | None:
    """"demanded that Russia withdraw": the one asked to act."""
    for clause in (c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON" and is_actor_like(subject):
            return subject
    return None


def _complement_object(trigger: Token) -> Token | None:
    for clause in (c for c in trigger.children if c.dep_ == "xcomp"):
        obj = next((c for c in clause.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and is_actor_like(obj):
            return obj
    return None


def _dative(trigger: Token) -> Token | None:
    return next((c for c in trigger.children if c.dep_ in ("dative", "iobj")), None)


def _first_actor(tokens) -> Token | None:
    return next((t for t in tokens if is_actor_like(t)), None)


def is_actor_like(token: Token) -> bool:
    """Names, pronouns, demonyms and nouns for people or institutions ("officials", "troops",
    "the government"); not things ("a draft resolution", "further sanctions")."""
    if token.pos_ not in _ACTOR_POS or token.lower_ in _NOT_ACTORS:
        return False
    owners = prep_objects(token, ("of",)) if token.lower_ in _QUANTITY_HEADS or token.pos_ == "NUM" else []
    if owners:  # "Tens of thousands of students", "five of them"
        return any(is_actor_like(g) for g in owners)
    if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
        return False
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if token.tag_ == "NNS" and any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
                                   for c in token.children):
        return True  # "Islamic fundamentalists", "Radical French farmers", "Iraqi Kurds"
    return token.lower_ in actor_nouns() or token.lemma_.lower() in actor_nouns()


def _clean(token: Token | None) -> Token | None:
    if token is None or not is_actor_like(token):
        return None
    if token.pos_ == "PRON" and token.lower_ not in ("he", "she", "him", "her", "it", "they", "them", "we"):
        return None
    return token
