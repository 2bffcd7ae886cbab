"""NLP stage: spaCy parsing and mention recognition (entities, temporal expressions)."""

from eventbuilder.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
