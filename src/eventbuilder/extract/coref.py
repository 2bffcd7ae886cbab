"""Actor mentions, with pronouns resolved to the most recent compatible antecedent.

"He urged Russia ..." refers to the last person named before it whose gender fits: "she said"
after "Nikki Haley ... Tim Scott ..." is Haley, and a "she" with no woman named before it refers to
nobody (the gender comes from honorifics and given names, ``resources/actors/first_names.json``,
and carries over to later surname-only mentions). "it" and "its missiles" refer to the last country
or organisation named; "his armed forces" to the last person's side. The pronoun stays the
mention's ``text``; ``refers_to`` holds the antecedent as written.
"""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc, Span, Token

from eventbuilder.extract.syntax import phrase_bounds
from eventbuilder.model import ActorMention
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resources import read_json

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

    def before(self, offset: int, subjects_first: bool = False, subject_since: int | None = None) -> str | None:
        """The last entity before ``offset``; with ``subject_since``, only an entity that is a subject
        in a sentence starting at or after that offset (or None)."""
        position = bisect.bisect_right(self._ends, offset)
        if not position:
            return None
        if subject_since is not None:
            return next((text for _end, text, is_subject, start in reversed(self._items[:position])
                         if is_subject and start >= subject_since), None)
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


_GENDER_OF_PRONOUN = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Given names and honorifics -> "female" / "male"."""
    data = read_json("actors/first_names.json")
    genders: dict[str, str] = {}
    for gender in ("female", "male"):
        for word in (*data[gender], *data[f"{gender}_honorifics"]):
            genders[word] = gender
    return genders


def person_gender(ent: Span) -> str | None:
    """"female", "male" or None from the honorific before a name ("Ms Robison") or its given name."""
    names = _names()
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in names:
        return names[before.lower_.rstrip(".")]
    first = ent[0].lower_.rstrip(".")
    return names.get(first) if len(ent) > 1 or ent[0].lower_ in ("mr", "ms", "mrs") else None


def is_person(ent: Span) -> bool:
    """A PERSON entity, or a two-word name the model labelled otherwise whose first word is a given
    name ("Nikki Haley" tagged ORG)."""
    return ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE", "NORP") and len(ent) == 2
                                      and ent[0].lower_ in _names() and ent[1].is_title)


class _People:
    """Named people in text order with their gender; surname-only mentions inherit the gender of
    the full name they repeat ("Nikki Haley ... Haley")."""

    def __init__(self, doc: Doc):
        self._items: list[tuple[int, str, str | None, bool, int]] = []
        surnames: dict[str, str | None] = {}
        for ent in (e for e in doc.ents if is_person(e)):
            gender = person_gender(ent)
            last = ent[-1].lower_
            if len(ent) > 1 and gender is not None:
                surnames.setdefault(last, gender)
            elif gender is None:
                gender = surnames.get(last)
            self._items.append((ent.end_char, ent.text, gender, ent.root.dep_ == "nsubj", ent.sent.start_char))
        self._ends = [item[0] for item in self._items]

    def before(self, offset: int, gender: str | None, sentence_start: int, previous_start: int) -> str | None:
        """The person a "he"/"she" at ``offset`` refers to: a person of its gender (or of unknown
        gender) that is the subject of the pronoun's own sentence before it, else the subject of the
        sentence before, else the nearest one named before it ("Ramaswamy accused Haley of ... while
        Cheney's name came up. He then demanded ...": he = Ramaswamy)."""
        position = bisect.bisect_right(self._ends, offset)
        candidates = [item for item in reversed(self._items[:position]) if gender is None or item[2] in (None, gender)]
        if not candidates:
            return None
        for start in (sentence_start, previous_start):
            subject = next((c for c in candidates if c[4] == start and c[3]), None)
            if subject is not None:
                return subject[1]
        return candidates[0][1]


class PersonTracker:
    """Resolves pronoun actors of one document."""

    def __init__(self, doc: Doc):
        self._people = _People(doc)
        self._bodies = _Antecedents(doc, ("GPE", "ORG", "NORP"))

    def antecedent(self, pronoun: Token) -> str | None:
        word = pronoun.lower_
        speaker = _reporting_subject(pronoun)
        if speaker is not None:
            return speaker  # "Switzerland said it had expelled", "farmers said they would blockade"
        if word in _PERSONAL or word in _POSSESSIVE_PERSON:
            sentence = pronoun.sent
            previous = pronoun.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
            return self._people.before(pronoun.idx, _GENDER_OF_PRONOUN.get(word), sentence.start_char, previous)
        if word in ("they", "we"):
            # "they"/"we" are mostly people ("the candidates", "protesters"): a country or
            # organisation only when it is a subject of this sentence or the one before
            sentence = pronoun.sent
            previous = pronoun.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
            return self._bodies.before(pronoun.idx, subject_since=previous)
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
        # "his armed forces" are his side's; "his Indian counterpart, Jaswant Singh" is someone else
        owner = None if named is not None else next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        refers_to = self.antecedent(owner) if owner is not None else None
        return ActorMention(text_of(head.doc)[start:end], start, end, refers_to=refers_to)
