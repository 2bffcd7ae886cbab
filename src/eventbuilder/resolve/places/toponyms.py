"""Recognising place mentions in a parsed text and resolving them in document context.

Recognition combines spaCy's GPE/LOC/FAC entities with the gazetteer, because the small English
model both misses and mislabels places: in the seed article it tags "Kiev" and "Luhansk" as
PERSON, "Concerns" (a sentence opening) and "Us" (in "Like Us on Facebook") as GPE, and the
masthead "CHINA TOPIX" as the country China. Demonyms ("Russian troops") and seats of power
("the Kremlin said") become mentions too, with ``role="actor"``, as do capitals and countries
that act ("Moscow urged", "Kiev's defense", "the Kiev government").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from spacy.tokens import Doc, Span, Token

from eventbuilder.errors import ConfigError
from eventbuilder.model import PlaceMention
from eventbuilder.nlp.pipeline import text_of
from eventbuilder.resolve.places import lexicon
from eventbuilder.resolve.places.gazetteer import Gazetteer, load_gazetteer
from eventbuilder.resolve.places.gazetteer_build import ENGLISH
from eventbuilder.resolve.places.resolution import DEFAULT_OPTIONS, ResolveOptions, resolve_spans

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer

# entity labels the small English model puts on place names it does not recognise as places
_MISLABELLED = ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT")
# a PERSON or ORG entity, or an untagged proper noun, is taken as a place only when it names one
# of these (a town of 3,000 people named "Jordan" is not worth the false alarms)
NOTABLE_CITY_POPULATION = 500_000
_TITLES = frozenset("mr mrs ms miss dr sir lord lady gen general col colonel capt captain sgt lt president "
                    "senator sen rep gov governor judge justice prof professor rev father saint st".split())
# nouns whose modifier names who acts, not where: "the Kiev government", "Moscow officials"
_ACTOR_HEADS = frozenset("government administration authorities authority officials official forces troops "
                         "army military navy ministry ministries regime leadership leaders leader president "
                         "spokesman spokeswoman spokesperson envoy ambassador delegation diplomats "
                         "prosecutors police parliament cabinet side".split())
# verbs whose object is an addressee: "urged Russia", "asked Washington"
_ADDRESS_VERBS = frozenset("urge ask tell warn accuse criticize criticise call press pressure invite "
                           "condemn blame thank congratulate persuade allow permit".split())
_DEMONYM_HINT = "demonym"
_LANDMARK_HINT = "landmark"


@dataclass(frozen=True)
class Toponym:
    """A recognised place span before resolution; ``hint`` says how it was found."""

    start: int
    end: int
    hint: str | None = None  # demonym | landmark | None


def geoparse(text: str, doc: Doc | None = None, *, dateline: str | None = None,
             options: ResolveOptions = DEFAULT_OPTIONS) -> list[PlaceMention]:
    """Place mentions of ``text`` with their referents chosen in document context.

    ``doc`` must be a spaCy Doc over exactly ``text`` (it is parsed with
    :func:`eventbuilder.nlp.load_pipeline` when None). ``dateline`` is the article's dateline
    ("TBILISI, Georgia"), used as the strongest context. Offsets index ``text``; mentions are in
    text order. Names the gazetteer lacks ("Frenchmen Street", "Ain Issa") get the document's main
    place with score 0.05; a mention is left out only when nothing in the document can be placed.
    """
    if doc is None:
        from eventbuilder.nlp import load_pipeline

        doc = load_pipeline()(text)
    if text_of(doc) != text:
        raise ConfigError("geoparse: the spaCy Doc does not cover exactly the given text")
    g = load_gazetteer()
    toponyms = recognise_toponyms(doc, g)
    mentions = resolve_spans(text, [(t.start, t.end) for t in toponyms], dateline=dateline, options=options,
                             gazetteer=g)
    out = []
    for toponym, mention in zip(toponyms, mentions):
        if mention.place is None:
            continue
        role = "actor" if toponym.hint == _DEMONYM_HINT or _acts(doc, toponym, mention) else "place"
        out.append(replace(mention, role=role))
    return out


# ---------------------------------------------------------------- recognition


def recognise_toponyms(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Place spans of a parsed text, in text order, without overlaps."""
    g = gazetteer or load_gazetteer()
    found: list[Toponym] = _landmarks_in_text(text_of(doc))
    for ent in doc.ents:
        toponym = _from_entity(ent, g)
        if toponym is not None:
            found.append(toponym)
        elif ent.label_ in ("ORG", "FAC", "EVENT"):
            found += _places_inside_name(ent, g)
    found += _untagged_places(doc, g, found)
    found += _state_abbreviations(text_of(doc), found, g)
    return _without_overlaps(found)


def _landmarks_in_text(text: str) -> list[Toponym]:
    """Landmarks of the landmark table wherever they are written with a capital, whatever the
    parser made of them ("at Blair House", "the Ain al-Asad air base"), unless a longer name starts
    with them or ends with them ("Camp David Accords" is an agreement, "National Security Council"
    an office)."""
    out = []
    for match in lexicon.landmark_names().finditer(text):
        start, end = match.span()
        if not text[start].isupper() or _inside_longer_name(text, start, end):
            continue
        out.append(Toponym(start, end, _LANDMARK_HINT))
    return out


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
# capitalised words that may stand next to a landmark without making a longer name of it
_NOT_NAME_PARTS = frozenset("The At In On From To Near Inside Outside Of And For By Monday Tuesday Wednesday "
                            "Thursday Friday Saturday Sunday January February March April May June July August "
                            "September October November December".split())


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    before = re.search(r"([A-Z][\w'’.-]*)[ \t]+$", text[max(0, start - 30):start])
    after = _NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return any(word is not None and word.group(word.lastindex or 0) not in _NOT_NAME_PARTS for word in (before, after))


def _trim(span: Span) -> tuple[int, int]:
    """Character offsets of an entity without a leading "the" and a trailing possessive."""
    text = span.text
    lead = re.match(r"(?:the|The|THE)\s+", text)
    head = lead.end() if lead else 0
    tail = re.search(r"['’]s?$", text)
    stop = tail.start() if tail and tail.start() > head else len(text)
    start, end = span.start_char + head, span.start_char + stop
    return start, end


def _from_entity(ent: Span, g: Gazetteer) -> Toponym | None:
    start, end = _trim(ent)
    name = text_of(ent.doc)[start:end]
    if not name or _is_masthead(ent) or _is_common_word(ent, name) or lexicon.is_bare_direction(name):
        return None
    if lexicon.landmark(name, g) is not None:
        return Toponym(start, end, _LANDMARK_HINT)
    if ent.label_ in ("NORP", "GPE") and lexicon.demonym_place(name, g) is not None:
        return Toponym(start, end, _DEMONYM_HINT)  # spaCy also tags "Ukrainian" as GPE
    if ent.label_ == "NORP" or not any(ch.isupper() for ch in name):
        return None  # "Western", "the eastern coast": descriptions, not names
    return Toponym(start, end) if _names_a_place(ent, name, g) else None


def _names_a_place(ent: Span, name: str, g: Gazetteer) -> bool:
    if ent.label_ in ("LOC", "FAC"):
        return True
    if ent.label_ == "GPE":
        # a name the gazetteer lacks ("Ain Issa") is kept unless it is an ordinary word that
        # opens a sentence ("Concerns escalated ...")
        return _has_candidates(name, g) or not (ent.start == ent.sent.start and _is_dictionary_word(name))
    if _names_a_type(ent):
        return True  # "the strategic peak of Tiger Hill" (tagged PERSON), "the village of Warabe"
    if ent.label_ in _MISLABELLED and not _looks_like_person(ent):
        # "Kiev" and "Luhansk" tagged PERSON; "in Beslan" tagged ORG: a notable place name, or any
        # place name right where a place is expected
        return _is_notable_place(name, g) or (_after_locative_preposition(ent) and bool(g.lookup(name)))
    return False


_LOCATIVE_WORDS = frozenset("in at near outside inside across from into to towards toward around".split())


# nouns that make the name after "of" a place, known to the gazetteer or not: "the border town of Ras
# al-Ain", "the strategic peak of Tiger Hill", "the Caribbean island of St. Vincent"
_PLACE_TYPE_NOUNS = lexicon.SETTLEMENT_TYPE_WORDS | lexicon.ADMIN_TYPE_WORDS | frozenset(
    "peak hill mountain valley island islands peninsula neighbourhood neighborhood district enclave "
    "stronghold outpost governorate area".split())


def _names_a_type(span: Span) -> bool:
    """ "the town of X": a capitalised name right after a place-type noun and "of"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of" or not span.text[:1].isupper():
        return False
    return lexicon.singular(doc[span.start - 2].lower_) in _PLACE_TYPE_NOUNS


def _after_locative_preposition(span: Span) -> bool:
    """ "in Beslan", "the cities of Palmyra": a name right where a place is expected."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    if before.lower_ in _LOCATIVE_WORDS:
        return True
    kind = span.doc[span.start - 2].lower_ if span.start > 1 else ""
    return before.lower_ == "of" and lexicon.singular(kind) in lexicon.SETTLEMENT_TYPE_WORDS | lexicon.ADMIN_TYPE_WORDS


def _places_inside_name(ent: Span, g: Gazetteer) -> list[Toponym]:
    """ "Alexandria Police Department", "University of Texas", "Kanawha County Commission": the
    place an organisation's name starts with or ends "of" with (local news annotates these)."""
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for n in range(len(tokens) - 1, 0, -1):
        if _is_embedded_place(ent.doc[tokens[0].i:tokens[n - 1].i + 1].text, g):
            return [Toponym(tokens[0].idx, tokens[n - 1].idx + len(tokens[n - 1]))]
    of = [t for t in tokens if t.lower_ == "of"]
    if of:
        rest = [t for t in tokens if t.i > of[-1].i and t.lower_ != "the"]
        if rest and _is_embedded_place(ent.doc[rest[0].i:rest[-1].i + 1].text, g):
            return [Toponym(rest[0].idx, rest[-1].idx + len(rest[-1]))]
    return []


def _is_embedded_place(name: str, g: Gazetteer) -> bool:
    if not name[:1].isupper() or lexicon.demonym_place(name, g) is not None or lexicon.is_bare_direction(name):
        return False
    for row, flag in g.lookup(name):
        if flag < ENGLISH:
            continue
        if g.precision(row) in ("country", "admin1", "admin2", "region"):
            return True
        if g.precision(row) == "city" and int(g.population[row]) >= 10_000:
            return True
    return False


def _has_candidates(name: str, g: Gazetteer) -> bool:
    base, _ = lexicon.strip_direction(name)
    words = base.split()
    if len(words) > 1 and words[-1].casefold() in lexicon.ADMIN_TYPE_WORDS:
        base = " ".join(words[:-1])
    return bool(g.lookup(name) or g.lookup(base))


def _is_notable_place(name: str, g: Gazetteer) -> bool:
    """A country, first-level area or region by its own or English name, or a capital or big city
    by any of its names ("Kiev"); a person's surname is seldom that ("Bush" is a town in Egypt)."""
    for row, flag in g.lookup(name):
        precision = g.precision(row)
        if precision in ("country", "admin1", "region") and flag >= ENGLISH:
            return True
        if precision == "city" and (int(g.population[row]) >= NOTABLE_CITY_POPULATION or g.feature_code(row) == "PPLC"):
            return True
    return False


def _looks_like_person(ent: Span) -> bool:
    """ "Mr. Jordan", "Michael Jordan ... Jordan said": a name that is also a person's. Two words
    tagged PERSON are a person's whole name; an organisation tag on "Nagorno-Karabakh" is not."""
    if len(ent) > 1:
        return ent.label_ in ("PERSON", "")
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in _TITLES:
        return True
    surname = ent.text
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == surname for e in ent.doc.ents)


def _is_masthead(ent: Span) -> bool:
    """ "CHINA TOPIX": a name inside an all-capitals line that is more than the name (a site or
    section title), as opposed to an all-capitals dateline "WASHINGTON" or "TBILISI, Georgia"."""
    text = text_of(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if not line.isupper() or any(ch in line for ch in ",—–-("):
        return False
    return line != ent.text.strip()


@functools.lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Lower-case English nouns, verbs, adjectives and adverbs (the lemmatizer's word index)."""
    from eventbuilder.nlp import load_pipeline

    lemmatizer = cast("Lemmatizer", load_pipeline().get_pipe("lemmatizer"))  # typed as a bare callable
    index = lemmatizer.lookups.get_table("lemma_index")
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, ()))


def _is_dictionary_word(name: str) -> bool:
    words = name.casefold().split()
    return len(words) == 1 and (words[0] in _english_words() or words[0].rstrip("s") in _english_words())


def _is_common_word(ent: Span, name: str) -> bool:
    """ "Us" in "Like Us on Facebook", "Concerns" at a sentence start: words, not names."""
    if name.isupper() and len(name) > 1:
        return False  # "US", "UK"
    lower = name.casefold()
    if lower in ent.doc.vocab.strings and ent.doc.vocab[lower].is_stop:
        return True
    return False


def _untagged_places(doc: Doc, g: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """Runs of proper nouns the tagger left out that name notable places, or any place when a
    container follows ("Mount Pleasant, Iowa")."""
    covered = {i for t in found for i in range(t.start, t.end)}
    out = []
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN" or doc[i].ent_type_ or doc[i].idx in covered:
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
            j += 1
        span = doc[i:j + 1]
        if lexicon.is_bare_direction(span.text):
            i = j + 1
            continue
        in_context = _container_follows(doc, j, g) or _after_locative_preposition(span) or _conjunct_of(span, found)
        known = _is_notable_place(span.text, g) or (in_context and bool(g.lookup(span.text)))
        if known and not _looks_like_person(span):
            out.append(Toponym(span.start_char, span.end_char))
        i = j + 1
    return out


def _conjunct_of(span: Span, found: list[Toponym]) -> bool:
    """ "Palmyra and Quaryatayn": a proper noun coordinated with a recognised place."""
    head = span.root.head
    return span.root.dep_ == "conj" and any(t.start <= head.idx < t.end for t in found)


def _container_follows(doc: Doc, j: int, g: Gazetteer) -> bool:
    if j + 2 >= len(doc) or doc[j + 1].text != ",":
        return False
    nxt = doc[j + 2]
    if re.fullmatch(r"[A-Z]{2}", nxt.text) and lexicon.postal_code_admin1(nxt.text):
        return True
    return any(g.precision(r) in ("admin1", "country") for r, f in g.lookup(nxt.text) if f >= 0)


_ABBREVIATION = re.compile(r",[ \t]*((?:[A-Z][a-z]{0,4}\.)(?:[ ]?[A-Z][a-z]{0,3}\.)?)")


def _state_abbreviations(text: str, found: list[Toponym], g: Gazetteer) -> list[Toponym]:
    """ "Alexandria, La.": AP abbreviations of US states after a recognised place."""
    out = []
    for toponym in found:
        match = _ABBREVIATION.match(text, toponym.end)
        if match and any(g.precision(r) == "admin1" for r, _ in g.lookup(match.group(1))):
            out.append(Toponym(match.start(1), match.end(1)))
    return out


def _without_overlaps(found: list[Toponym]) -> list[Toponym]:
    out: list[Toponym] = []
    for toponym in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        if out and toponym.start < out[-1].end:
            continue
        out.append(toponym)
    return out


# ---------------------------------------------------------------- roles


def _acts(doc: Doc, toponym: Toponym, mention: PlaceMention) -> bool:
    """True when the place is used as an actor: subject or addressee of a verb, possessor, or the
    modifier of a government noun ("Moscow urged", "urged Russia", "Kiev's defense",
    "the Kiev government", "the Kremlin said")."""
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in _ACTOR_HEADS:
        return True
    if root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() in _ADDRESS_VERBS:
        return True
    return _conjunct_acts(root)


def _conjunct_acts(root: Token) -> bool:
    """ "Moscow and Beijing urged": the second conjunct acts like the first."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.i != root.i and first.dep_ in ("nsubj", "nsubjpass")


__all__ = ["Toponym", "geoparse", "recognise_toponyms"]
