"""Per-document analysis: parse, find dates and places, extract claims, resolve them, assess their
relevance, tabulate.

This composes the stages for one document (nlp -> extract -> resolve -> relevance -> tabulate); the same
function serves ``eventbuilder build`` (in worker processes), ``eventbuilder extract`` and the
benchmarks, so they all measure the product.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventbuilder.extract.claims import extract_claims
from eventbuilder.model import Claim, Document, DocumentRelevance, PlaceMention, Timex
from eventbuilder.nlp import load_pipeline
from eventbuilder.nlp.parse import CHUNK_CHARS, parse_text
from eventbuilder.options import BuildOptions
from eventbuilder.relevance import assess_claims, assess_document
from eventbuilder.resolve.claim_actors import resolve_claim_actors
from eventbuilder.resolve.claim_places import locate_claims
from eventbuilder.resolve.dates import find_timexes
from eventbuilder.resolve.dating import date_claims, date_text
from eventbuilder.resolve.places import geoparse
from eventbuilder.tabulate.rows import NOT_ASSESSED, claim_row, document_row, place_row


@dataclass
class Analysis:
    """Everything found in one document, before tabulation."""

    doc: Doc
    timexes: list[Timex]
    places: list[PlaceMention]
    claims: list[Claim]
    relevance: DocumentRelevance = NOT_ASSESSED


@functools.lru_cache(maxsize=4)
def pipeline(name: str) -> Language:
    """The spaCy pipeline with the actor dictionary's entity patterns, once per process."""
    from eventbuilder.nlp.entities import add_entity_rules
    from eventbuilder.resolve.actors import load_dictionary

    return add_entity_rules(load_pipeline(name), load_dictionary().patterns())


@functools.lru_cache(maxsize=1)
def _known_names():
    from eventbuilder.resolve.actors import load_dictionary
    from eventbuilder.resolve.places import load_gazetteer

    gazetteer, dictionary = load_gazetteer(), load_dictionary()

    def is_place(name: str) -> bool:
        return any(int(gazetteer.population[row]) >= 50_000 or gazetteer.precision(row) in ("admin1", "country")
                   for row, flag in gazetteer.lookup(name) if flag >= 2)

    def is_person(name: str) -> bool:
        entry = dictionary.lookup(name)
        return entry is not None and entry.kind == "person"

    return is_place, is_person


def parse(text: str, nlp_model: str) -> Doc:
    """The parsed document with the NLP stage's dictionary and gazetteer fixes applied."""
    from eventbuilder.nlp.entities import relabel_places

    return relabel_places(parse_text(pipeline(nlp_model), text), *_known_names())


def parse_many(texts: list[str], nlp_model: str, batch_size: int = 16) -> list[Doc]:
    """``parse(text, nlp_model)`` for several texts, parsed together with ``nlp.pipe`` (faster than
    one call per text; spaCy gives the same analyses, which a test checks on real articles)."""
    from eventbuilder.nlp.entities import relabel_places

    nlp = pipeline(nlp_model)
    docs: list[Doc | None] = [None] * len(texts)
    short = [i for i, text in enumerate(texts) if len(text) <= CHUNK_CHARS]
    for i, doc in zip(short, nlp.pipe([texts[i] for i in short], batch_size=batch_size)):
        docs[i] = doc
    names = _known_names()
    return [relabel_places(doc if doc is not None else parse_text(nlp, text), *names) for doc, text in zip(docs, texts)]


def analyse(document: Document, options: BuildOptions, assess: bool = True, doc: Doc | None = None) -> Analysis:
    """Everything found in one document; ``assess=False`` skips the relevance stage (the
    relevance classifier's training computes its features from the unassessed analysis).
    ``doc``: the document's text already parsed (:func:`parse_many`)."""
    doc = doc if doc is not None else parse(document.text, options.nlp_model)
    dct: date | None = document.published.local_date
    timexes = find_timexes(document.text, dct, doc, date_order=options.date_order)
    places = geoparse(document.text, doc, dateline=document.dateline)
    claims = extract_claims(doc, document.doc_id, timexes)
    resolve_claim_actors(claims, dct, doc, document.dateline)
    locate_claims(claims, doc, places, document.dateline, geocoder=online_geocoder(options))
    date_claims(claims, dct)
    result = Analysis(doc, timexes, places, claims)
    if assess:
        result.relevance = assess_document(document, claims, sum(1 for _ in doc.sents))
        assess_claims(claims, result.relevance, options.relevance_threshold, dct)
    return result


def online_geocoder(options: BuildOptions):
    """The opt-in online geocoder for places the gazetteer cannot resolve, or None (offline)."""
    if options.geocoder == "offline":
        return None
    return _geocoder(options.geocoder, json.dumps(options.geocoder_options, sort_keys=True))


@functools.lru_cache(maxsize=2)
def _geocoder(name: str, options_json: str):
    from eventbuilder.resolve.places import make_geocoder

    return make_geocoder(name, **json.loads(options_json))


def analyse_document(document: Document, options: BuildOptions, doc: Doc | None = None) -> dict[str, list[dict[str, Any]]]:
    """The document's row (with its relevance) and its claims and places rows."""
    result = analyse(document, options, doc=doc)
    return {
        "documents": [document_row(document, result.relevance)],
        "claims": [claim_row(claim, date_text(claim)) for claim in result.claims],
        "places": [place_row(document.doc_id, mention) for mention in result.places],
    }
