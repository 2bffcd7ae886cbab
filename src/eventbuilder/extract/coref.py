"""Actor mentions, with pronouns resolved to the most recent compatible antecedent.

"He urged Russia ..." refers to the last person named before it; "it" and "its missiles" to the
last country or organisation named; "his armed forces" to the last person's side. The pronoun
stays the mention's ``text``; ``refers_to`` holds the antecedent as written.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from eventbuilder.extract.syntax import phrase_bounds
from eventbuilder.model import ActorMention
from eventbuilder.nlp.pipeline import text_of

_PERSONAL = frozenset(("he", "she", "him", "her"))
_IMPERSONAL = frozenset(("it", "they", "we"))
_POSSESSIVE_PERSON = frozenset(("his", "her"))
_POSSESSIVE_IMPERSONAL = frozenset(("its",))


def _noun_phrase(ent) -> str:
    """The phrase an entity heads ("Russia's Defence Ministry" for "Defence Ministry")."""
    start, end = phrase_bounds(ent.root)
    return text_of(ent.doc)[min(start, ent.start_char):max(end, ent.end_char)]


class _Antecedents:
    """Entities of some labels in text order, for "the last one before this offset"; with
    ``subjects_first``, a subject earlier in the same sentence wins over a nearer non-subject
    ("China fired missiles into waters around Taiwan as it began exercises": it = China)."""

    def __init__(self, doc: Doc, labels: tuple[str, ...], whole: bool = True):
        self._items = [(ent.end_char, _noun_phrase(ent) if whole else ent.text, ent.root.dep_ == "nsubj",
                        ent.sent.start_char) for ent in doc.ents if ent.label_ in labels]
        self._ends = [item[0] for item in self._items]

    def before(self, offset: int, subjects_first: bool = False) -> str | None:
        position = bisect.bisect_right(self._ends, offset)
        if not position:
            return None
        if subjects_first:
            sentence_start = self._items[position - 1][3]
            for _end, text, is_subject, start in reversed(self._items[:position]):
                if start != sentence_start:
                    break
                if is_subject:
                    return text
        return self._items[position - 1][1]


_REPORTING = frozenset("say tell announce declare insist claim warn vow pledge promise threaten state add "
                       "confirm deny admit report".split())
_SUBJECT_PRONOUNS = frozenset(("he", "she", "it", "they", "we"))


def _reporting_subject(pronoun: Token) -> str | None:
    """The subject of the reporting verb whose complement the pronoun is the subject of."""
    if pronoun.lower_ not in _SUBJECT_PRONOUNS or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ not in ("ccomp", "xcomp") or clause.head.lemma_.lower() not in _REPORTING:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    if subject is None:
        return None
    plural = pronoun.lower_ in ("they", "we")
    if plural != (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)):
        return None
    if pronoun.lower_ in ("he", "she") and subject.ent_type_ != "PERSON":
        return None
    start, end = phrase_bounds(subject)
    return text_of(pronoun.doc)[start:end]


class PersonTracker:
    """Resolves pronoun actors of one document."""

    def __init__(self, doc: Doc):
        self._people = _Antecedents(doc, ("PERSON",), whole=False)
        self._bodies = _Antecedents(doc, ("GPE", "ORG", "NORP"))

    def antecedent(self, pronoun: Token) -> str | None:
        word = pronoun.lower_
        speaker = _reporting_subject(pronoun)
        if speaker is not None:
            return speaker  # "Switzerland said it had expelled", "farmers said they would blockade"
        if word in _PERSONAL or word in _POSSESSIVE_PERSON:
            return self._people.before(pronoun.idx)
        if word in _IMPERSONAL or word in _POSSESSIVE_IMPERSONAL:
            return self._bodies.before(pronoun.idx, subjects_first=True)
        return None

    def mention(self, head: Token | None) -> ActorMention | None:
        if head is None:
            return None
        if head.lower_ in _PERSONAL or head.lower_ in _IMPERSONAL:
            return ActorMention(head.text, head.idx, head.idx + len(head.text), refers_to=self.antecedent(head))
        named = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), None)
        # "Crimea's leader, Sergei Aksyonov"; "Separatist leaders in eastern Ukraine", "inspectors from the IAEA"
        preps = ("of", "from", "in") if head.pos_ == "NOUN" and named is None else ("of",)
        start, end = phrase_bounds(named if named is not None else head, preps)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        refers_to = self.antecedent(owner) if owner is not None else None
        return ActorMention(text_of(head.doc)[start:end], start, end, refers_to=refers_to)
