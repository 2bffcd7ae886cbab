"""Normalising place names into lookup keys, shared by the gazetteer build and the text side."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "ʼ": "", "ʻ": ""})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/,.;:()\[\]\"]+")
# "St. Louis" and "Saint Louis" are both GeoNames names of the same city; one key serves both.
_LEADING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The lookup key of a place name: accents stripped, case folded, punctuation to single spaces.

    ``"St. Louis"``, ``"Saint-Louis"`` and ``"saint louis"`` all become ``"saint louis"``; a leading
    "the" is dropped (``"the Gaza Strip"`` -> ``"gaza strip"``).
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _SEPARATORS.sub(" ", stripped.translate(_APOSTROPHES).casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in _LEADING_ABBREVIATIONS:
        words[0] = _LEADING_ABBREVIATIONS[words[0]]
    return " ".join(words)


def name_hash(key: str) -> int:
    """A stable 64-bit hash of a normalised key (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def is_latin(name: str) -> bool:
    """True when every letter is Latin script; other scripts never occur in English news text."""
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())
