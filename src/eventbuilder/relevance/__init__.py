"""The relevance stage (after resolve): how political a document is, and which claims belong in
an event analyst's default view.

Analysts' crawls bring mostly pages no event analyst would code (reviews, sport, recipes,
science) with the political news among them. This stage scores each document with a classifier
shipped with the package (:mod:`.classifier`, trained by :mod:`.train`) and flags each claim
``relevant`` or not with the reason (:mod:`.claims`); nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventbuilder.model import Claim, Document, DocumentRelevance
from eventbuilder.relevance.claims import assess_claims
from eventbuilder.relevance.classifier import explain, load_model, score
from eventbuilder.relevance.features import document_features


def assess_document(document: Document, claims: Sequence[Claim], n_sentences: int) -> DocumentRelevance:
    """The document's calibrated relevance and a note on what weighed most."""
    features = document_features(document.title, document.url, document.text, claims, n_sentences)
    result = score(load_model(), features)
    return DocumentRelevance(round(result.probability, 4), explain(result, features))


__all__ = ["assess_claims", "assess_document"]
