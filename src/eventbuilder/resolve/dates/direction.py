"""Whether an underspecified date points back or forward from the publication date.

"met on Thursday" (past tense) is the most recent Thursday on or before the article date;
"will meet on Thursday" is the next one. With a spaCy ``Doc`` the governing verb decides; without
one, the nearest tense marker in the same sentence does (preceding markers first, because in
"officials said Friday that talks will resume Monday" each weekday follows its own verb).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is only needed when the caller passes a parsed Doc
    from spacy.tokens import Doc, Token

PAST, FUTURE = "past", "future"

_FUTURE_WORDS = frozenset(
    "will would shall might may upcoming scheduled plans planning intends expects tomorrow".split()
)
# Words right before a date that make it a coming one whatever the sentence's tense:
# "payable Dec. 7", "effective Feb. 1", "expires Friday", "as soon as Tuesday".
_FUTURE_CUE_BEFORE = re.compile(
    r"\b(?:payable|effective|expires?|expiring|due|scheduled\s+(?:for|on)|set\s+for|planned\s+for|slated\s+for|"
    r"as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|deadline\s+of|starting|beginning|of\s+record|"
    r"extended\s+(?:to|until|through))\s+(?:on\s+|in\s+|until\s+)?$",
    re.IGNORECASE,
)
_FUTURE_PHRASE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:expected|scheduled|due|set|going|slated)\s+to|plans?\s+to|planning\s+to|"
    r"scheduled\s+(?:to|for)|due\s+to\s+(?:be|start|begin|meet|hold|take)|will|shall|wo(?=n['’]t))\b|['’]ll\b",
    re.IGNORECASE,
)
_IRREGULAR_PAST = frozenset(
    "was were had did said met told went came made took gave began left fell rose held won lost "
    "spoke sent struck found saw got became brought thought knew stood ran wrote led fled shot "
    "hit cut put set kept paid sold bought built fought caught felt heard meant sought "
    "spent taught understood broke chose drove flew forgot froze hid rode rang sang sank "
    "slept stole swore threw wore withdrew overtook overthrew undertook upheld".split()
)
_NOT_PAST = frozenset("need indeed seed speed feed breed proceed exceed succeed red bed shed".split())
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# A full stop ends a sentence unless it closes an abbreviation ("payable Jan. 2", "U.S. troops").
_SENTENCE_END = re.compile(r"(\w*)[.!?][\"'”’)]*\s+(?=[\"'“‘(`]*[A-Z])|\n")
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st jr sr co corp inc ltd lt gen "
    "col sgt capt gov sen rep no vs bros ave blvd mt ft".split()
)


def _sentence_ends(text: str, start: int, end: int):
    for m in _SENTENCE_END.finditer(text, start, end):
        word = m.group(1) or ""
        if m.group(0) != "\n" and (word.lower() in _ABBREVIATIONS or len(word) == 1 and word.isupper()):
            continue
        yield m


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around ``position`` (line breaks end sentences)."""
    start = 0
    for m in _sentence_ends(text, max(0, position - 600), position):
        start = m.end()
    following = next(_sentence_ends(text, position, min(len(text), position + 1500)), None)
    return start, following.end() if following else len(text)


def _marker(word: str) -> str | None:
    lower = word.lower()
    if lower in _FUTURE_WORDS:
        return FUTURE
    if lower in _IRREGULAR_PAST or (lower.endswith("ed") and len(lower) > 4 and lower not in _NOT_PAST):
        return PAST
    return None


def _future_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _FUTURE_PHRASE.finditer(sentence)]


# "the year ended March 31": a reporting period that has closed.
_PAST_CUE_BEFORE = re.compile(r"\b(?:ended|expired|closed)\s+(?:on\s+)?$", re.IGNORECASE)


def local_cue(text: str, start: int) -> str | None:
    """Past/future from the words right before a span ("payable", "ended"), else None.

    These belong to the expression's own event, so callers may trust them more than the
    sentence's tense (which is often only the reporting verb).
    """
    if _FUTURE_CUE_BEFORE.search(text, max(0, start - 30), start):
        return FUTURE
    if _PAST_CUE_BEFORE.search(text, max(0, start - 15), start):
        return PAST
    return None


def direction_from_text(text: str, start: int, end: int) -> str | None:
    """``"past"``, ``"future"`` or None, from tense markers in the sentence around a span."""
    s_start, s_end = sentence_bounds(text, start)
    sentence = text[s_start:s_end]
    local_start, local_end = start - s_start, end - s_start
    markers: list[tuple[int, str]] = []
    futures = _future_spans(sentence)
    for a, _ in futures:
        markers.append((a, FUTURE))
    for m in _WORD.finditer(sentence):
        if local_start <= m.start() < local_end or any(a <= m.start() < b for a, b in futures):
            continue
        kind = _marker(m.group(0))
        if kind:
            markers.append((m.start(), kind))
    before = [(pos, kind) for pos, kind in markers if pos < local_start]
    if before:
        return max(before)[1]
    after = [(pos, kind) for pos, kind in markers if pos >= local_end]
    return min(after)[1] if after else None


# ---------------------------------------------------------------- with a parsed Doc

_FUTURE_HEADS = frozenset("expect schedule plan due set intend aim hope prepare slate".split())


_REPORTING = frozenset("say tell announce report state add warn insist confirm deny claim write".split())


def report_of_misplaced_date(root: Token) -> Token | None:
    """The reporting verb an expression belongs to when the parser hung it on the report's content:
    without "that", "Ukraine said on Monday it would send 5,000 troops" parses "on Monday" under
    "send". An expression after the reporting verb and before the content's subject is the report's."""
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ != "ccomp" or verb.head.i > root.i or verb.head.lemma_.lower() not in _REPORTING:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.left_edge.i <= root.i:
        return None
    if any(c.dep_ == "mark" and c.i < root.i for c in verb.children):
        return None  # "said that on Monday it would ...": the content's date
    return verb.head


def _governing_verb(token: Token) -> Token | None:
    report = report_of_misplaced_date(token)
    if report is not None:
        return report
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        seen += 1
    return None


def _verb_direction(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {a.lower_ for a in auxes}
    if lowered & {"will", "'ll", "’ll", "shall", "wo", "would", "might", "may"}:
        return FUTURE
    if verb.tag_ == "VBG" and lowered & {"is", "are", "am", "'s", "'re"}:
        return FUTURE  # "is meeting Tuesday": a present progressive with a date is an arrangement
    if verb.tag_ == "VBD" or lowered & {"had", "was", "were", "did", "has", "have"}:
        return PAST
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"):
        return FUTURE  # "is to resume trading Tuesday"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_HEADS:
        return FUTURE
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _FUTURE_HEADS:
        return FUTURE
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head is not verb:
        return _verb_direction(verb.head) if verb.tag_ in ("VB", "VBG") else None
    return None


def direction_from_doc(doc: Doc, start: int, end: int) -> str | None:
    """Direction from the verb governing the span in a parsed ``Doc`` (None when unclear)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return _verb_direction(verb) if verb is not None else None


def direction_of(text: str, start: int, end: int, doc: Doc | None = None) -> str | None:
    """The doc's verb when it is decisive, else the sentence heuristic."""
    return tense_of(text, start, end, doc)[0]


def tense_of(text: str, start: int, end: int, doc: Doc | None = None) -> tuple[str | None, bool]:
    """The direction of a span and whether it is certain: a cue word right before it ("payable",
    "ended"), or a past-tense verb the expression itself modifies ("changed to a calendar year in
    December", "In January, the company brought in a new chief": the most recent December or January
    however far back, not the nearest one). A tense read from elsewhere in the sentence (often only
    the reporting verb) is a guess."""
    cue = local_cue(text, start)
    if cue:
        return cue, True
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None and len(span) else None
        found = _verb_direction(verb) if verb is not None else None
        if found and verb is not None and span is not None:
            return found, found == PAST and _owns_date(verb, span.root) and _simple_past(verb)
    return direction_from_text(text, start, end), False


def _owns_date(verb: Token, root: Token) -> bool:
    """The expression modifies the verb itself (through a preposition or as a bare adverbial), not
    a noun of its clause ("under a June agreement", "the downing of a warplane in November")."""
    token = root
    while token.i != verb.i:
        head = token.head
        if head.i == token.i or not (token.dep_ in ("pobj", "npadvmod", "tmod", "advmod", "prep", "nmod")
                                     and (head.i == verb.i or head.pos_ == "ADP")):
            return False
        token = head
    return True


def _simple_past(verb: Token) -> bool:
    """A completed event told in the past: "changed", "had changed", "was changed"; not "would
    have", "has been" (the perfect reaches into the present) or a conditional."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "would", "shall", "might", "may", "could", "should", "has", "have", "'s", "'ve"}:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxes & {"had", "was", "were"}))
