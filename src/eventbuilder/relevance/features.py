"""What the document relevance classifier looks at: the words of the title and text, the section
words of the URL, and the claims found in the document (how many have political actors, how many
are events rather than statements, how many are conflict events, how many countries act).

Every feature is a pure function of the document and its claims, so the same document always
gets the same relevance (incremental builds reuse a document's rows). Densities are per sentence
and capped at 1, so a one-sentence wire item and a long page are on one scale.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventbuilder.model import Claim
from eventbuilder.relevance.political import is_political
from eventbuilder.resources import read_json

FEATURES_VERSION = "document-features/1"
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
_URL_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
CONFLICT_TYPES = frozenset(("attack", "troop_deployment", "military_exercise", "sanction", "protest", "threat"))
DENSE_FEATURES = (
    "political_claims_per_sentence",
    "political_claim_share",
    "event_claims_per_sentence",
    "conflict_claims_per_sentence",
    "actor_countries",
    "url_political_section",
    "url_other_section",
)


@dataclass(frozen=True)
class DocumentFeatures:
    words: Counter[str]  # lower-cased words of the title and text
    dense: dict[str, float]  # the DENSE_FEATURES, by name


def words_of(text: str) -> Counter[str]:
    return Counter(match.replace("’", "'") for match in _WORD.findall(text.lower()))


def url_sections(url: str | None) -> tuple[set[str], set[str]]:
    """Political and other section words in the URL's path ("/news/world/..." -> {"world"})."""
    if not url:
        return set(), set()
    path = re.sub(r"^[a-z]+://[^/]*", "", url.lower()).split("?")[0]
    parts = set(_URL_WORD.findall(path))
    parts |= {p for part in list(parts) for p in part.split("-")}
    sections = read_json("relevance/url_sections.json")
    return parts & set(sections["political"]), parts & set(sections["other"])


def document_features(title: str | None, url: str | None, text: str, claims: Sequence[Claim],
                      n_sentences: int) -> DocumentFeatures:
    """The classifier's input for one document; ``claims`` are its resolved claims."""
    sentences = max(n_sentences, 1)
    events = [c for c in claims if c.sense_note is None]
    political = [c for c in events if is_political(c.actor1) or is_political(c.actor2)]
    countries = {a.country for c in political for a in (c.actor1, c.actor2) if is_political(a) and a and a.country}
    political_url, other_url = url_sections(url)
    dense = {
        "political_claims_per_sentence": min(len(political) / sentences, 1.0),
        "political_claim_share": len(political) / len(events) if events else 0.0,
        "event_claims_per_sentence": min(sum(c.event_type != "statement" for c in events) / sentences, 1.0),
        "conflict_claims_per_sentence": min(sum(c.event_type in CONFLICT_TYPES for c in political) / sentences, 1.0),
        "actor_countries": math.log1p(len(countries)),
        "url_political_section": float(bool(political_url)),
        "url_other_section": float(bool(other_url)),
    }
    return DocumentFeatures(words_of(f"{title or ''}\n{text}"), dense)
