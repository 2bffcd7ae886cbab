"""Content words of statements, for the statement rule and its blocking keys.

The words of a speech act's evidence sentence (which holds its quote), without function words,
reporting words ("said", "told") and the speaker's own name, crudely stemmed ("sanctions" ~
"sanction"). They are computed once for the claims of the speech family and kept as a sparse
matrix (claims x words), so the overlap of millions of pairs is a vectorised row product.
"""

from __future__ import annotations

import functools
import re

import numpy as np
from scipy.sparse import csr_matrix

from eventbuilder.link.features import ClaimFeatures, fold_name
from eventbuilder.link.rules import FAMILIES, REPORTING_WORDS

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    "the and for that with from this was were are has have had will would could should been not but "
    "its their his her they them about after before over into than then there which who whom what when "
    "where while also more most some such only very just any all can may might our your".split())
_SPEECH = [FAMILIES.index(f) for f in FAMILIES if f.identity == "speaker"]


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class TextIndex:
    """Word codes of every speech claim (``rows``: the claims indexed, canonical indices)."""

    def __init__(self, f: ClaimFeatures):
        self.slot = np.full(f.n, -1, dtype=np.int64)
        self.rows = np.flatnonzero(np.isin(f.family, _SPEECH))
        self.slot[self.rows] = np.arange(len(self.rows))
        vocabulary: dict[str, int] = {}
        indptr, indices = [0], []
        names: dict[tuple, frozenset[str]] = {}
        texts = f.claims.take("evidence_text", self.rows).to_pylist() if len(self.rows) else []
        speakers = f.claims.take("speaker", self.rows).to_pylist() if len(self.rows) else []
        actors = f.claims.take("actor1_name", self.rows).to_pylist() if len(self.rows) else []
        for text, speaker, actor in zip(texts, speakers, actors):
            key = (speaker, actor)
            if key not in names:
                names[key] = frozenset(fold_name(" ".join(n for n in key if n)).split()) | REPORTING_WORDS | _STOP
            # sorted, so word codes never depend on the process's string hashing
            words = sorted({stem(w) for w in _WORD.findall((text or "").casefold()) if w not in names[key]})
            indices += sorted(vocabulary.setdefault(w, len(vocabulary)) for w in words)
            indptr.append(len(indices))
        self.indptr = np.array(indptr, dtype=np.int64)
        self.indices = np.array(indices, dtype=np.int64)
        self.matrix = csr_matrix((np.ones(len(self.indices), dtype=np.float32), self.indices, self.indptr),
                                 shape=(len(self.rows), max(len(vocabulary), 1)))
        self.sizes = np.diff(self.indptr)

    def word_codes(self, claims: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """(claim, word code) rows: the first ``limit`` words of each indexed claim."""
        slot = self.slot[claims]
        claims, slot = claims[slot >= 0], slot[slot >= 0]
        counts = np.minimum(self.sizes[slot], limit)
        owner = np.repeat(claims, counts)
        start = np.repeat(self.indptr[slot], counts)
        step = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, self.indices[start + step]

    def similarity(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Overlap coefficient of content words, the number of shared words and the size of the
        shorter word set, per pair (zeros for claims that are not speech acts)."""
        sl, sr = self.slot[left], self.slot[right]
        both = (sl >= 0) & (sr >= 0)
        shared = np.zeros(len(left), dtype=np.int32)
        if both.any():
            product = self.matrix[sl[both]].multiply(self.matrix[sr[both]])
            shared[both] = np.asarray(product.sum(axis=1)).ravel().astype(np.int32)
        shorter = np.where(both, np.minimum(self.sizes[np.maximum(sl, 0)], self.sizes[np.maximum(sr, 0)]), 0)
        sims = np.where(shorter > 0, shared / np.maximum(shorter, 1), 0.0)
        return sims, shared, shorter.astype(np.int32)
