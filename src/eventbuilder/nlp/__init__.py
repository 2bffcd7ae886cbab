"""NLP stage: spaCy parsing and mention recognition (entities, temporal expressions)."""

from eventbuilder.nlp.pipeline import DEFAULT_MODEL, check_pipeline, load_pipeline, text_of

__all__ = ["DEFAULT_MODEL", "check_pipeline", "load_pipeline", "text_of"]
