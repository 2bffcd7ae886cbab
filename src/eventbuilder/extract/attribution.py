"""Who a claim comes from when it is not the actor: "Reuters has learned", "The Telegraph
reported", "a U.S. defense official told the New York Times", "according to a statement by the
Kiev government".

A news organisation is a source, never a speaker: "Reuters has learned that ..." gives the
reported event ``attributed_to`` Reuters and no statement by Reuters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventbuilder.extract.syntax import phrase_bounds, phrase_text, subject_of
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resources import read_json

# Phrases that name the press generically rather than an outlet.
_GENERIC_MEDIA = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:state|official|local|russian|chinese|iranian|western|foreign|pro-\w+|\w+)\s+)?"
    r"(?:media|press|news\s+agenc(?:y|ies)|newspapers?|daily|television|tv|broadcasters?|radio|news\s+outlets?|outlets?|"
    r"news\s+websites?|state-run\s+\w+|state\s+news\s+agenc(?:y|ies)|agencies)$"
)


@dataclass(frozen=True)
class Attribution:
    source: str  # the source as written, without "a statement by"
    text: str  # the attribution phrase as written
    is_media: bool
    start: int = -1  # offsets of ``text`` in the document, when known
    end: int = -1


@functools.lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    names = set()
    for outlet in read_json("actors/media.json")["media"]:
        for name in (outlet["name"], *outlet.get("aliases", ())):
            names.add(_normalise(name))
    return frozenset(names)


def _normalise(name: str) -> str:
    text = re.sub(r"[^\w\s-]", "", name.casefold()).strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def is_media(phrase: str) -> bool:
    """True for a news outlet ("The Telegraph", "Reuters", "state broadcaster CCTV") or the press
    generically ("state media", "Russian news agencies")."""
    normalised = _normalise(phrase)
    if normalised in _media_names() or _GENERIC_MEDIA.match(phrase.strip()):
        return True
    words = normalised.split()
    # a known outlet at the end of a descriptive phrase: "state broadcaster CCTV", "Iran's Tasnim news agency"
    return any(" ".join(words[i:]) in _media_names() for i in range(1, len(words)))


def reporter_attribution(reporter: Token) -> Attribution | None:
    """The subject of a reporting verb as the source of what it reports ("Reuters has learned")."""
    subject = subject_of(reporter)
    if subject is None:
        return None
    start, end = phrase_bounds(subject)
    text = text_of(reporter.doc)[min(start, reporter.idx):max(end, reporter.idx + len(reporter.text))]
    source = _strip_statement(subject)
    return Attribution(source, text, is_media(source))


def outlet_told(reporter: Token) -> Attribution | None:
    """"... told the New York Times": the outlet carried the statement."""
    for child in reporter.children:
        if child.dep_ in ("dobj", "dative", "obj"):
            phrase = phrase_text(child)
            if is_media(phrase):
                return Attribution(phrase, f"{reporter.text} {phrase}", True)
        if child.dep_ == "prep" and child.lower_ in ("to", "in", "with"):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                phrase = phrase_text(pobj)
                if is_media(phrase):
                    return Attribution(phrase, f"{reporter.text} {child.text} {phrase}", True)
    return None


def according_to(sentence: Span) -> Attribution | None:
    """"according to a statement by the Kiev government" -> source "the Kiev government"."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            to = token.nbor()
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            start = token.idx
            end = pobj.right_edge.idx + len(pobj.right_edge.text)
            return Attribution(_strip_statement(pobj), text_of(token.doc)[start:end], False, start, end)
    return None


def _strip_statement(head: Token) -> str:
    """"a statement by the Kiev government" -> "the Kiev government"; "sources close to X" unchanged."""
    if head.lemma_.lower() in ("statement", "report", "communique", "announcement", "release", "spokesman",
                               "spokeswoman", "spokesperson"):
        for child in head.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return phrase_text(pobj)
    return phrase_text(head)
