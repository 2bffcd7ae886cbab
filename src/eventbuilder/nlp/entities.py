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


def relabel_places(doc: Doc, is_place: Callable[[str], bool], is_person: Callable[[str], bool]) -> Doc:
    """A one-word "person" that is a well-known place and nobody we know is a place: the small
    model tags "Luhansk" and "Kiev" as people in the seed."""
    changed = False
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        if ent.label_ == "PERSON" and len(ent) == 1 and is_place(ent.text) and not is_person(ent.text):
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
    return nlp
