"""Corrections to the statistical NER from the actor dictionary and the page structure.

The small English model tags "Kiev" and "Luhansk" as persons, drops "Anders" from "Anders Fogh
Rasmussen", misses "The Telegraph" as an organisation and tags "Us" in "Like Us on Facebook" as a
place. An entity ruler with the dictionary's names (overwriting the model where they disagree)
and a filter of capitalised function words fix these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from spacy.pipeline import EntityRuler

RULER_NAME = "eventbuilder_entity_ruler"
FILTER_NAME = "eventbuilder_entity_filter"
PERSON_MEMO_NAME = "eventbuilder_person_memo"
PERSON_RESTORE_NAME = "eventbuilder_person_restore"
_NER_PERSONS = "eventbuilder_ner_persons"
_NER_NEW_PLACES = "eventbuilder_ner_new_places"
# Capitalised function words and headline words the model mistakes for places or organisations.
_NOT_ENTITIES = frozenset("us we our it this that concerns concern meanwhile however".split())


@Language.component(FILTER_NAME)
def drop_false_entities(doc: Doc) -> Doc:
    """Remove place/organisation entities that are really pronouns or headline words ("Us")."""
    kept = [ent for ent in doc.ents if not _is_false(ent)]
    if len(kept) != len(doc.ents):
        doc.ents = kept
    return doc


def _is_false(ent: Span) -> bool:
    if ent.label_ not in ("GPE", "LOC", "ORG", "NORP", "FAC"):
        return False
    return ent.text.lower() in _NOT_ENTITIES and ent.text != ent.text.upper()


@Language.component(PERSON_MEMO_NAME)
def remember_ner_persons(doc: Doc) -> Doc:
    """Keep the model's multi-word PERSON spans, and its "New ..." place names, before the
    dictionary ruler overwrites them."""
    doc.spans[_NER_PERSONS] = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]
    doc.spans[_NER_NEW_PLACES] = [ent for ent in doc.ents if ent.label_ in ("GPE", "LOC") and len(ent) > 1
                                  and ent[0].text == "New"]
    return doc


def _restore_new_places(doc: Doc) -> None:
    """"New Jersey", "New Mexico", "New England": the ruler knows the country or territory the name
    ends with and would turn the state into Jersey, Mexico or England; the model's whole name
    comes back, without the dictionary's actor."""
    places = list(doc.spans.get(_NER_NEW_PLACES, ()))
    if not places:
        return
    entities = list(doc.ents)
    restored = [p for p in places if any(p.start < e.start and e.end == p.end for e in entities)]
    if not restored:
        return
    covered = {i for p in restored for i in range(p.start, p.end)}
    kept = [e for e in entities if not covered & set(range(e.start, e.end))]
    doc.ents = sorted([*kept, *(Span(doc, p.start, p.end, label=p.label_) for p in restored)], key=lambda e: e.start)
    for token in (doc[i] for i in covered):
        token.ent_id_ = ""  # the ruler's id of the tail ("JEY") would make the state an actor


@Language.component(PERSON_RESTORE_NAME)
def restore_ner_persons(doc: Doc) -> Doc:
    """A surname is never a place: where the ruler turned the surname of the model's "Tom Holland"
    into the place "Holland", the person comes back, and later bare "Holland"s in the same text
    are that person too ("Holland said")."""
    _restore_new_places(doc)
    persons = list(doc.spans.get(_NER_PERSONS, ()))
    if not persons:
        return doc
    entities = list(doc.ents)
    restored = []
    for person in persons:
        inside = [e for e in entities if person.start <= e.start and e.end <= person.end]
        if inside and all(e.label_ in ("GPE", "NORP", "LOC", "ORG") for e in inside) and inside[0].start > person.start:
            restored.append(person)
    if not restored:
        return doc
    covered = {i for p in restored for i in range(p.start, p.end)}
    surnames = {p[-1].text for p in restored}
    kept = [e for e in entities if not covered & set(range(e.start, e.end))]
    kept = [Span(doc, e.start, e.end, label="PERSON") if len(e) == 1 and e.text in surnames and e.label_ != "PERSON"
            else e for e in kept]
    doc.ents = sorted([*kept, *(Span(doc, p.start, p.end, label="PERSON") for p in restored)], key=lambda e: e.start)
    return doc


def relabel_places(doc: Doc, is_place: Callable[[str], bool], is_person: Callable[[str], bool]) -> Doc:
    """A one-word "person" that is a well-known place and nobody we know is a place: the small
    model tags "Luhansk" and "Kiev" as people in the seed."""
    changed = False
    entities = list(doc.ents)
    surnames = {e[-1].text for e in entities if e.label_ == "PERSON" and len(e) > 1}  # "Tom Holland ... Holland said"
    for index, ent in enumerate(entities):
        if ent.label_ == "PERSON" and len(ent) == 1 and is_place(ent.text) and not is_person(ent.text) \
                and ent.text not in surnames:
            entities[index] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    if changed:
        doc.ents = entities
    return doc


def add_entity_rules(nlp: Language, patterns: list[dict]) -> Language:
    """Add the dictionary entity ruler after the NER (once) and the false-entity filter."""
    if RULER_NAME in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return nlp
    # spaCy types add_pipe as returning a plain Doc -> Doc callable; "entity_ruler" makes an EntityRuler.
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", name=RULER_NAME, after="ner",
                                             config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}))
    ruler.add_patterns(patterns)
    nlp.add_pipe(FILTER_NAME, after=RULER_NAME)
    nlp.add_pipe(PERSON_MEMO_NAME, before=RULER_NAME)
    nlp.add_pipe(PERSON_RESTORE_NAME, after=FILTER_NAME)
    return nlp
