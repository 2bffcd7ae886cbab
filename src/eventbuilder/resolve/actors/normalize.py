"""Lookup keys for actor names: case-, accent-, punctuation- and article-insensitive.

"the U.N. Security Council", "U.N. Security Council" and "UN Security Council" share one key, and so
do "Kiev's" and "Kiev". A few aliases are ordinary English words in lower case ("US"/"us",
"WHO"/"who", "The Independent"/"independent"); those only match with their capitals.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = ("the ", "a ", "an ")

# Aliases whose key is also a common lower-case English word: matched case-sensitively.
CASE_SENSITIVE_KEYS = frozenset(
    "us who it is am an as at be do go he if in me my no of on or so to up we care car aa ai ice eta "
    "sun independent times guardian observer economist telegraph mail time memorial union commission "
    "alliance commonwealth dawn quartet state press turkey china chad jordan guinea polish french".split()
)

_POSSESSIVE = re.compile(r"'s$")
_DROP = re.compile(r"[.'`]")
_SPACE = re.compile(r"[^\w]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _strip_article(text: str) -> str:
    lowered = text.lower()
    for article in ARTICLES:
        if lowered.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def _key(text: str) -> str:
    text = _fold(text).strip()
    text = _POSSESSIVE.sub("", text)
    text = _DROP.sub("", text)
    text = text.replace("&", " and ")
    text = _SPACE.sub(" ", text).strip()
    return _strip_article(text).strip()


def normalize(text: str) -> str:
    """The case-insensitive key of a name as written ("the U.S." -> "us", "Côte d'Ivoire" -> "cote divoire")."""
    return _key(text).casefold()


def cased_key(text: str) -> str:
    """Like :func:`normalize` but keeping capitals, for aliases that are also common words."""
    return _key(text)


def is_case_sensitive(alias: str) -> bool:
    """True when an alias must keep its capitals to match ("US", "WHO", "The Independent").

    Short acronyms always do: "GIA" (Armed Islamic Group) must not match the name "Gia".
    """
    letters = cased_key(alias).replace(" ", "")
    return normalize(alias) in CASE_SENSITIVE_KEYS or (letters.isupper() and len(letters) <= 5)
