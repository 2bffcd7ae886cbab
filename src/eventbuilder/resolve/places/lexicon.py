"""Small word lists about places: demonyms, landmarks and seats of power, directional and type words.

Loaded once per process from ``eventbuilder/resources/places/``; every function maps a normalised
phrase to gazetteer rows so the text side never touches the data files itself.
"""

from __future__ import annotations

import functools
import re

from eventbuilder.resolve.places.gazetteer import Gazetteer, load_gazetteer
from eventbuilder.resolve.places.names import normalize_name
from eventbuilder.resources import read_json

# "eastern Ukraine", "central Russia", "northwestern Syria", "the north of Syria"
DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern mid upper lower inner greater far "
    "coastal rural western-most eastern-most".split()
)
# historical or political qualifiers that leave the place itself unchanged: "Nazi Germany"
QUALIFIER_WORDS = frozenset("nazi soviet-era communist imperial colonial ancient modern mainland occupied "
                            "wartime pre-war prewar post-war postwar present-day".split())
# words after a name that make it an administrative area ("Donetsk region", "Rapides Parish")
ADMIN_TYPE_WORDS = frozenset(
    "region oblast province governorate prefecture state county parish district borough territory "
    "department canton krai republic municipality".split()
)
# words before a name that make it a populated place ("the city of Donetsk")
SETTLEMENT_TYPE_WORDS = frozenset("city town village hamlet capital port suburb township settlement".split())
_PLURAL = re.compile(r"(?<=[a-z])(?:ie)?s$")


def _add_demonym(table: dict[str, tuple[str, str]], word: str, target: tuple[str, str]) -> None:
    key = normalize_name(word)
    table.setdefault(key, target)
    if key.endswith("man"):  # "Frenchman" -> "Frenchmen"
        table.setdefault(key[:-3] + "men", target)
    elif not key.endswith(("s", "ese", "sh", "ch", "ic")):  # "Russians", "Czechs" (no "Swisss", "Danishs")
        table.setdefault(key + "s", target)
    if key.endswith("ch"):
        table.setdefault(key + "s", target)


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, str]]:
    """Normalised demonym (singular and plural) -> ("country", ISO2) | ("subdivision", ISO 3166-2)
    | ("place_id", id)."""
    table: dict[str, tuple[str, str]] = {}
    for iso2, entry in read_json("places/countries.json")["countries"].items():
        for word in entry["demonyms"]:
            _add_demonym(table, word, ("country", iso2))
    for word, target in read_json("places/demonyms.json")["demonyms"].items():
        kind, value = next(iter(target.items()))
        _add_demonym(table, word, (kind, value))
    return table


def demonym_place(phrase: str, gazetteer: Gazetteer | None = None) -> int | None:
    """The row a demonym names ("Russian", "Russians", "North Korean", "Welsh", "European"), or None."""
    target = _demonyms().get(normalize_name(phrase))
    if target is None:
        return None
    g = gazetteer or load_gazetteer()
    kind, value = target
    if kind == "country":
        return g.country_row(value)
    if kind == "subdivision":
        return g.subdivision_row(value)
    return g.row_of(value)


@functools.lru_cache(maxsize=1)
def _landmarks() -> dict[str, tuple[str, bool]]:
    """Normalised landmark name -> (place id, is a seat of government)."""
    table: dict[str, tuple[str, bool]] = {}
    for landmark in read_json("places/landmarks.json")["landmarks"]:
        for name in landmark["names"]:
            table[normalize_name(name)] = (landmark["id"], bool(landmark["seat"]))
    return table


def landmark(phrase: str, gazetteer: Gazetteer | None = None) -> int | None:
    """The gazetteer row of a landmark or institution ("the White House", "Blair House", "the Ain
    al-Asad air base"), at its own point (see ``resources/places/landmarks.json``), or None."""
    found = _landmarks().get(normalize_name(phrase))
    if found is None:
        return None
    return (gazetteer or load_gazetteer()).row_of(found[0])


def is_seat(phrase: str) -> bool:
    """True for a landmark that stands for a government or organisation ("the Kremlin", "the U.N.
    Security Council"): asking it something happens there."""
    found = _landmarks().get(normalize_name(phrase))
    return found is not None and found[1]


@functools.lru_cache(maxsize=1)
def landmark_names() -> re.Pattern[str]:
    """Every landmark name as one pattern for scanning text: case-insensitive, so that "Ain al-Asad
    Air Base" and "Ain al-Asad air base" both match; callers check the match starts with a capital.
    Bare numbers ("No. 10") are left out: they read as landmarks only where the parser tags them."""
    names = {name for entry in read_json("places/landmarks.json")["landmarks"] for name in entry["names"]
             if not any(ch.isdigit() for ch in name)}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _postal_codes() -> dict[str, str]:
    """Postal code ("TX") -> ISO 3166-2 code; matched case-sensitively after a comma only."""
    table = read_json("places/admin1_abbreviations.json")["subdivisions"]
    return {code: iso for iso, entry in table.items() for code in entry["postal"]}


def postal_code_admin1(code: str, country2: str | None = None) -> str | None:
    """ISO 3166-2 code of a US/Canadian postal abbreviation ("TX" -> "US-TX")."""
    iso = _postal_codes().get(code)
    if iso is None or (country2 and not iso.startswith(country2 + "-")):
        return None
    return iso


def is_bare_direction(phrase: str) -> bool:
    """ "East", "the North", "Far East", "Central": direction words alone name no place (GeoNames has
    provinces called East and Central in Cameroon, Ghana, Fiji ...; "Russia's Far East" is not one)."""
    words = normalize_name(phrase).split()
    return bool(words) and all(w in DIRECTION_WORDS for w in words)


def strip_direction(phrase: str) -> tuple[str, str | None]:
    """ "eastern Ukraine" -> ("Ukraine", "eastern"); a phrase without a direction word is unchanged."""
    words = phrase.split()
    if len(words) > 1 and words[0].casefold().strip(".,") in DIRECTION_WORDS:
        return " ".join(words[1:]), words[0].casefold()
    return phrase, None


def strip_qualifier(phrase: str) -> str | None:
    """ "Nazi Germany" -> "Germany"; None when the phrase has no qualifier."""
    words = phrase.split()
    if len(words) > 1 and words[0].casefold() in QUALIFIER_WORDS:
        return " ".join(words[1:])
    return None


def singular(word: str) -> str:
    """ "cities" -> "city", "towns" -> "town" (enough for the type words above)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return _PLURAL.sub("", word)
