"""The NLP stage fixes the small model's known mistakes on the seed with dictionary rules."""

from __future__ import annotations

from eventbuilder.analyse import parse, pipeline
from eventbuilder.ingest.textpage import segment_page
from eventbuilder.nlp.parse import chunk_text, parse_text
from eventbuilder.options import DEFAULT_MODEL


def _entities(text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in parse(text, DEFAULT_MODEL).ents}


def test_seed_entity_fixes(nlp, seed_text):
    entities = _entities(segment_page(seed_text).text)
    assert entities["Anders Fogh Rasmussen"] == "PERSON"  # the model alone drops "Anders"
    assert entities["Kiev"] == "GPE"  # the model alone says PERSON
    assert entities.get("Luhansk") != "PERSON"
    assert entities["The Telegraph"] == "ORG"  # the model alone misses it


def test_like_us_on_facebook_is_not_a_place(nlp):
    assert _entities("Like Us on Facebook").get("Us") is None


def test_paragraph_break_starts_a_sentence(nlp):
    doc = pipeline(DEFAULT_MODEL)("Make CT Your Homepage\nNATO and Ukraine met on Thursday.")
    homepage = next(t for t in doc if t.text == "Homepage")
    nato = next(t for t in doc if t.text == "NATO")
    assert homepage.sent.start != nato.sent.start and nato.is_sent_start


def test_long_text_is_parsed_in_pieces_with_exact_offsets(nlp):
    paragraph = "Russian troops massed near the border on Monday, officials said.\n\n"
    text = paragraph * 2000  # about 132,000 characters
    pieces = chunk_text(text, limit=50_000)
    assert "".join(pieces) == text and max(len(p) for p in pieces) <= 50_000
    doc = parse_text(pipeline(DEFAULT_MODEL), text)
    assert doc.text == text
    last_said = [t for t in doc if t.text == "said"][-1]
    assert last_said.idx == text.rindex("said")
    assert len([t for t in doc if t.text == "massed"]) == 2000
