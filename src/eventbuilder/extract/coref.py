"""Actor mentions, with a pronoun subject resolved to the most recent person named before it."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from eventbuilder.extract.syntax import phrase_bounds
from eventbuilder.model import ActorMention

_PERSONAL = frozenset(("he", "she", "him", "her"))


class PersonTracker:
    """People named in a document, in order, for "He urged Russia ..." -> the last person named."""

    def __init__(self, doc: Doc):
        self._people = [(ent.end_char, ent.text) for ent in doc.ents if ent.label_ == "PERSON"]
        self._ends = [end for end, _ in self._people]

    def antecedent(self, pronoun: Token) -> str | None:
        position = bisect.bisect_right(self._ends, pronoun.idx)
        return self._people[position - 1][1] if position else None

    def mention(self, head: Token | None) -> ActorMention | None:
        if head is None:
            return None
        if head.lower_ in _PERSONAL:
            return ActorMention(head.text, head.idx, head.idx + len(head.text), refers_to=self.antecedent(head))
        start, end = phrase_bounds(head)
        return ActorMention(head.doc.text[start:end], start, end)
