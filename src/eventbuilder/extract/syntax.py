"""Dependency-parse helpers: argument phrases, subjects through control and coordination,
and the context a trigger sits in (asserted, reported, content of another claim, purpose).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventbuilder.nlp.pipeline import text_of

# Verbs whose xcomp is the event itself, with the modality they give it.
RAISING = {
    "expect": "planned", "plan": "planned", "intend": "planned", "schedule": "planned", "set": "planned",
    "due": "planned", "prepare": "planned", "aim": "planned", "going": "planned", "decide": "planned",
    "propose": "hypothetical", "hope": "planned", "want": "planned", "seek": "planned", "try": "asserted",
    "attempt": "asserted", "likely": "hypothetical", "continue": "asserted", "begin": "asserted",
    "start": "asserted", "resume": "asserted", "manage": "asserted", "move": "asserted", "go": "asserted",
    "fail": "negated", "prepared": "planned", "ready": "planned", "able": "hypothetical",
    # "the council is poised to vote", "is slated to sign", "is about to approve": not yet done
    "poised": "planned", "poise": "planned", "slate": "planned", "slated": "planned", "about": "planned",
    "bound": "planned", "scheduled": "planned",
}
# Nouns that make what they govern a possibility, not a reported event ("concerns of a Russian invasion").
HEDGE_NOUNS = frozenset(
    "likelihood possibility concern concerns fear fears risk risks prospect prospects danger option options "
    "pretext pretense pretence threat threats rumour rumours rumor rumors speculation talk chance chances "
    "scenario plan plans proposal idea warning warnings spectre specter hope hopes prevention".split()
)
# Verbs of thinking and wanting: what they govern is an attitude, not a reported event ("Trump thought
# voters would repudiate impeachment", "advisers would like to see China agree to purchases").
ATTITUDE_VERBS = frozenset("think believe hope fear worry doubt suspect imagine assume guess wish want like prefer "
                           "dream bet".split())
TEMPORAL_MARKS = frozenset("after before when while as since once following upon".split())
CONDITIONAL_MARKS = frozenset("if unless whether provided providing".split())
# Clauses that state a goal, not an event: "until Hamas was destroyed", "so that ...".
GOAL_MARKS = frozenset("until till so lest".split())


@dataclass(frozen=True)
class Context:
    """Where a trigger sits: ``asserted`` (main or background clause), ``reported`` (complement of a
    reporting verb, ``reporter`` is that verb), ``content`` (complement of another claim's trigger, not
    a claim of its own), ``purpose`` ("to discuss ..."), ``hedged`` (under "concerns of", "option")."""

    kind: str
    reporter: Token | None = None
    modality: str | None = None  # from a raising verb on the way up ("expected to hold talks")


def phrase_bounds(head: Token, preps: tuple[str, ...] = ("of",)) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``head``: its left modifiers and name parts,
    and a following phrase with one of ``preps`` ("Ministry of Defence"), without relative clauses
    or other trailing phrases."""
    start = head.left_edge.i
    end = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos") and child.i == end + 1:
            end = child.right_edge.i
        elif child.dep_ == "prep" and child.lower_ in preps and child.i == end + 1:
            end = child.right_edge.i
        else:
            break
    doc = head.doc
    if head.ent_type_ and head.ent_iob_ in ("B", "I"):
        entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if entity is not None:  # a name the parse split ("the Russian-led Collective Security Treaty Organization")
            start, end = min(start, entity.start), max(end, entity.end - 1)
    while start < head.i and doc[start].is_punct:
        start += 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and (doc[end + 1].text == "-" or doc[end].text == "-") \
            and not doc[end + 1].is_space:
        end += 1  # "Jaish-e-Mohammed", split at its hyphens: one name
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def phrase_text(head: Token) -> str:
    start, end = phrase_bounds(head)
    return text_of(head.doc)[start:end]


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Russia and Ukraine")."""
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def subject_of(verb: Token) -> Token | None:
    """Subject of ``verb``, through coordination, control ("agreed to set up") and participles."""
    seen = set()
    current = verb
    while current is not None and current.i not in seen:
        seen.add(current.i)
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is None:  # "40,000 troops remained deployed": the parse hangs the subject on the auxiliary
            subject = next((g for c in current.children if c.dep_ in ("aux", "auxpass") for g in c.children
                            if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:  # "after Azerbaijan launched an offensive": parsed as the object of "after"
            subject = next((g for c in current.children if c.dep_ == "mark" and c.i < current.i for g in c.children
                            if g.dep_ == "pobj"), None)
        if subject is None and (current.tag_ != "VBN" or current.i != verb.i):
            subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
            return current.head  # "Rice, who demanded ...": Rice demanded
        if subject is not None:
            return subject
        if current.dep_ == "conj" or current.dep_ in ("xcomp",):
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "shortly after telling parliament": the signer told
        elif current.dep_ in ("acl", "relcl") and current.tag_ == "VBG":
            return current.head  # "troops conducting drills": the troops conduct them
        elif current.dep_ == "advcl" and current.tag_ == "VBG":
            current = current.head  # "..., referring to ...", "after telling ...": the main subject
        else:
            return None
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb ("established by NATO")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def direct_object(verb: Token) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if obj is None and verb.tag_ == "VBN":
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if obj is None and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        obj = verb.head  # "troops stationed at ...", "the 20,000 troops Kremlin posted"
    if obj is None and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")
                                                      for c in verb.children):
        obj = verb.head  # "the 20,000 troops Kremlin posted": the relative clause's head is its object
    return obj


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out



def mark_of(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "mark"), None)


def context_of(trigger: Token, is_trigger, is_reporting) -> Context:
    """Classify the clause ``trigger`` sits in by walking up the parse.

    ``is_trigger(token)`` says whether a token is another claim's trigger; ``is_reporting(token)``
    whether it is a reporting verb ("said", "reported", "learned").
    """
    token = trigger
    modality = None
    while token.dep_ != "ROOT" and token.head.i != token.i:
        head, dep = token.head, token.dep_
        if dep == "xcomp":
            lemma = head.lemma_.lower()
            if lemma in RAISING and not is_trigger(head):
                modality = modality or RAISING[lemma]
            elif is_trigger(head):
                return Context("content")
            elif lemma in ATTITUDE_VERBS and not is_reporting(head):
                return Context("hedged")  # "would like to see China agree to purchases"
        elif dep in ("advcl", "acl") and _is_purpose(token):
            return Context("purpose")
        elif dep == "advcl" and mark_of(token) in CONDITIONAL_MARKS:
            return Context("condition")
        elif dep == "advcl" and mark_of(token) in GOAL_MARKS:
            return Context("purpose")
        elif dep in ("ccomp", "advcl") and head.lower_ in ("provided", "providing"):
            return Context("condition")  # "provided that Russia does not invade"
        elif dep == "pcomp" and head.lower_ not in TEMPORAL_MARKS and head.lower_ not in ("by", "in"):
            return Context("content")  # "thanked them for helping", "accused Kyiv of preparing"
        elif dep == "pcomp" and head.lower_ in ("until", "till"):
            return Context("purpose")
        elif dep in ("ccomp", "xcomp") and head.lemma_.lower() in ATTITUDE_VERBS and not is_reporting(head) \
                and not is_trigger(head):
            return Context("hedged")
        elif dep == "ccomp" and _charge_denied(token, head):
            pass  # "X accused Kyiv of ..., a charge Ukraine denied": the accusation is asserted
        elif dep in ("ccomp", "parataxis") or (dep == "pcomp" and head.lower_ == "of" and is_reporting(head.head)):
            reporter = head if dep != "pcomp" else head.head
            if is_reporting(reporter):
                negated = reporter.lemma_.lower() in ("deny", "refute")  # "denied that the rebels had shot down"
                return Context("reported", reporter, "negated" if negated else modality)
            if is_trigger(head):
                return Context("content")
        elif dep == "pobj" and head.dep_ == "prep" and head.head.lower_ in HEDGE_NOUNS:
            return Context("hedged")
        token = head
    return Context("asserted", None, modality)


_ASSERTION_NOUNS = frozenset("charge claim allegation accusation report assertion".split())


def _charge_denied(clause: Token, verb: Token) -> bool:
    """"Separatist leaders accused Kyiv of preparing an offensive, a charge Ukraine denied": the parse
    hangs the accusation under the denial as its complement; it comes before the denial's subject,
    the charge that names it."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "dobj")), None)
    return subject is not None and subject.lemma_.lower() in _ASSERTION_NOUNS and clause.i < subject.i


def _is_purpose(clause: Token) -> bool:
    """"to discuss ...", "intended to support", "in order to": a purpose, not a claim."""
    aux_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return (aux_to and clause.dep_ in ("advcl", "acl")) or (clause.lemma_ in ("intend", "design", "aim") and clause.dep_ == "acl")

