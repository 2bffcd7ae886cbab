"""Parsing a document of any length with offsets into its own text."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# The parser's memory grows with the text; long articles are parsed in paragraph-aligned pieces
# and joined back, so every offset still points into the document's text.
CHUNK_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def parse_text(nlp: Language, text: str) -> Doc:
    """A Doc whose ``text`` equals ``text`` exactly."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    docs = list(nlp.pipe(chunk_text(text)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text, "chunked parse must reproduce the text"
    return doc


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined they give ``text``), cut after paragraph breaks
    and at most ``limit`` characters long unless a single paragraph is longer (then at a line
    break or, failing that, a space)."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = _last_break(window)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _last_break(window: str) -> int:
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(window)]
    if breaks:
        return breaks[-1]
    for separator in ("\n", ". ", " "):
        position = window.rfind(separator)
        if position > 0:
            return position + len(separator)
    return len(window)
