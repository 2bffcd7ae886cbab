"""The curated actor dictionary: loading the JSON resources and looking names up by date.

The facts live in ``eventbuilder/resources/actors/*.json`` (countries, organisations, media, people,
titles, ambiguous names); this module only indexes them. Every alias is stored under a key from
:mod:`.normalize`, with the dates it is valid for: "Moscow" means the Soviet Union up to 1991-12-25
and Russia afterwards; a surname alone ("Rasmussen") means the one person of that name holding a
listed role on the day.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventbuilder.errors import ConfigError
from eventbuilder.resolve.actors.normalize import cased_key, is_case_sensitive, normalize

RESOURCE_PACKAGE = "eventbuilder.resources"
RESOURCE_DIR = "actors"
MEDIA_SECTOR = "MED"  # CAMEO's media sector; PLOVER spells the press JRN ("La Prensa" NIC/JRN)
OUT_OF_OFFICE_SECTOR = "ELI"  # PLOVER codes "Carlos Menem", "Alassane Ouattara" out of office as ELI

# When a person holds several roles on one day, the first office in this list names them.
OFFICE_RANK = (
    "president", "monarch", "supreme-leader", "leader", "prime-minister", "chancellor",
    "secretary-general", "high-representative", "general-secretary", "vice-president",
    "foreign-minister", "defence-minister",
)  # fmt: skip


@dataclass(frozen=True)
class ActorEntry:
    """A canonical actor: a country, an organisation, a news outlet, a group or a person."""

    actor_id: str
    name: str
    kind: str  # country | igo | ngo | media | person | group | metonym
    country: str | None  # ISO 3166-1 alpha-3, or PLOVER's IGO / NGO / IMG
    sector: str | None  # PLOVER sector code (GOV, MIL, REB, ...)


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (``resources/actors/first_names.json``), lower case."""
    data = json.loads(resources.files(RESOURCE_PACKAGE).joinpath(f"{RESOURCE_DIR}/first_names.json").read_text("utf-8"))
    return frozenset(data["female"]) | frozenset(data["male"])


def is_person(entry: ActorEntry | None) -> bool:
    """True for a person (a candidate antecedent of "he"/"she")."""
    return entry is not None and entry.kind == "person"


@dataclass(frozen=True)
class Role:
    """One time-bounded office of a person; ``start``/``end`` are inclusive, None means open."""

    office: str
    org: str  # ISO3 country code or organisation id
    title: str
    start: datetime.date | None
    end: datetime.date | None
    country: str | None
    sector: str

    def active(self, on: datetime.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    actor_id: str
    name: str
    nationality: str | None
    sector: str  # used when no listed role is active
    surname: str | None
    roles: tuple[Role, ...]

    def role_on(self, on: datetime.date | None) -> Role | None:
        """The role naming this person on a day; without a day, the most recent role."""
        if on is None:
            return max(self.roles, key=lambda r: r.start or datetime.date.min, default=None)
        active = [r for r in self.roles if r.active(on)]
        return min(active, key=_office_rank, default=None)


@dataclass(frozen=True)
class _Candidate:
    """One reading of a key: which actor, through which kind of alias, on which days."""

    actor_id: str
    via: str  # name | alias | weak | demonym | people | metonym | surname
    entry: ActorEntry | None  # None for people and dated groups: computed for the day
    start: datetime.date | None = None
    end: datetime.date | None = None

    def valid(self, on: datetime.date | None) -> bool:
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _office_rank(role: Role) -> int:
    return OFFICE_RANK.index(role.office) if role.office in OFFICE_RANK else len(OFFICE_RANK)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class ActorDictionary:
    """Indices over the curated actor data; build it with :func:`load_dictionary`."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self._keys: dict[str, list[_Candidate]] = {}
        self._cased: dict[str, list[_Candidate]] = {}
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        self.orgs: dict[str, dict[str, Any]] = {}
        self.countries: dict[str, dict[str, Any]] = {}
        self.people: dict[str, Person] = {}
        self.holders: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        self._index_countries(data["countries"]["countries"])
        self._index_organisations(data["organisations"]["organisations"])
        self._index_media(data["media"]["media"])
        self._index_people(data["people"]["people"])
        for item in data["ambiguous"]["ambiguous"]:
            self.ambiguous[normalize(item["text"])] = tuple(item["candidates"])
        # Names that contain an actor's name but name none ("New Jersey" is not Jersey).
        self.not_actors = frozenset(normalize(item["text"]) for item in data["ambiguous"].get("not_actors", ()))

    # ------------------------------------------------------------ building

    def _add(self, alias: str, candidate: _Candidate) -> None:
        if is_case_sensitive(alias):
            self._cased.setdefault(cased_key(alias), []).append(candidate)
        else:
            self._keys.setdefault(normalize(alias), []).append(candidate)

    def _index_countries(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            iso3 = rec["iso3"]
            self.countries[iso3] = rec
            plain = ActorEntry(iso3, rec["name"], "country", iso3, None)
            for alias in (rec["name"], rec["official_name"], *rec["aliases"]):
                self._add(alias, _Candidate(iso3, "name", plain))
            for demonym in rec["demonyms"]:
                people = _is_people_noun(demonym, rec["demonyms"][0])
                # "Russian" stands for the state (callers refine it); "Russians" for its people
                sector = "CVL" if people else "GOV"
                entry = ActorEntry(iso3, rec["name"], "country", iso3, sector)
                self._add(demonym, _Candidate(iso3, "people" if people else "demonym", entry))
            for met in rec["metonyms"]:
                entry = ActorEntry(iso3, rec["name"], "metonym", iso3, met.get("sector"))
                self._add(met["text"], _Candidate(iso3, "metonym", entry, _day(met.get("start")), _day(met.get("end"))))

    def _index_organisations(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            self.orgs[rec["id"]] = rec
            dated = bool(rec.get("sector_periods"))
            entry = None if dated else self.org_entry(rec["id"], None)
            start = _day(rec.get("start"))  # a name cannot mean a group before it existed
            for alias in (rec["name"], rec.get("full_name"), *rec["aliases"]):
                if alias:
                    self._add(alias, _Candidate(rec["id"], "alias", entry, start))
            for alias in rec.get("weak_aliases", ()):
                self._add(alias, _Candidate(rec["id"], "weak", entry, start))

    def _index_media(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            self.orgs[rec["id"]] = rec
            entry = ActorEntry(rec["id"], rec["name"], "media", rec["country"], MEDIA_SECTOR)
            for alias in (rec["name"], *rec["aliases"]):
                self._add(alias, _Candidate(rec["id"], "alias", entry, _day(rec.get("start"))))

    def _index_people(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            roles = tuple(self._role(r) for r in rec["roles"])
            person = Person(
                rec["id"], rec["name"], rec.get("country"), rec.get("sector") or OUT_OF_OFFICE_SECTOR,
                rec.get("surname"), roles,
            )  # fmt: skip
            self.people[person.actor_id] = person
            for alias in (rec["name"], *rec["aliases"]):
                self._add(alias, _Candidate(person.actor_id, "name", None))
            if person.surname:
                self._add(person.surname, _Candidate(person.actor_id, "surname", None))
            for role in roles:
                self.holders.setdefault((role.org, role.office), []).append((role, person.actor_id))

    def _role(self, rec: dict[str, Any]) -> Role:
        org = rec["org"]
        record = self.orgs.get(org)
        country = org if record is None else record.get("country")
        default = "GOV" if record is None or record.get("kind") == "igo" else record.get("sector") or "GOV"
        return Role(
            rec["office"], org, rec["title"], _day(rec.get("start")), _day(rec.get("end")),
            country, rec.get("sector") or default,
        )  # fmt: skip

    # ------------------------------------------------------------ entries

    def org_entry(self, org_id: str, on: datetime.date | None) -> ActorEntry:
        """The entry of an organisation, with the sector it had on that day (the Taliban governed 1996-2001)."""
        rec = self.orgs[org_id]
        sector = rec.get("sector")
        for period in rec.get("sector_periods", ()):
            # a period without a start or an end is open on that side
            if on is not None and (_day(period.get("start")) or on) <= on <= (_day(period.get("end")) or on):
                sector = period["sector"]
        return ActorEntry(org_id, rec["name"], rec["kind"], rec.get("country"), sector)

    def person_entry(self, person_id: str, on: datetime.date | None) -> ActorEntry:
        """A person coded by the role they held that day: NATO's Rasmussen in 2014 is IGO/GOV."""
        person = self.people[person_id]
        role = person.role_on(on)
        if role is None:
            return ActorEntry(person_id, person.name, "person", person.nationality, person.sector)
        return ActorEntry(person_id, person.name, "person", role.country, role.sector)

    def entry(self, actor_id: str, on: datetime.date | None = None) -> ActorEntry | None:
        """The entry for an id (``RUS``, ``igo:nato``, ``person:...``), or None if unknown."""
        if actor_id in self.people:
            return self.person_entry(actor_id, on)
        if actor_id in self.orgs:
            rec = self.orgs[actor_id]
            if rec["kind"] == "media":
                return ActorEntry(actor_id, rec["name"], "media", rec["country"], MEDIA_SECTOR)
            return self.org_entry(actor_id, on)
        country = self.countries.get(actor_id)
        return ActorEntry(actor_id, country["name"], "country", actor_id, None) if country else None

    def _materialise(self, cand: _Candidate, on: datetime.date | None) -> ActorEntry:
        if cand.entry is not None:
            return cand.entry
        if cand.actor_id in self.people:
            return self.person_entry(cand.actor_id, on)
        return self.org_entry(cand.actor_id, on)

    def holds_role(self, person_id: str, on: datetime.date | None) -> bool:
        person = self.people[person_id]
        return bool(person.roles) if on is None else any(r.active(on) for r in person.roles)

    # ------------------------------------------------------------ lookup

    def candidates(self, text: str) -> list[_Candidate]:
        """Every reading of a name as written, before dates and ambiguity are applied."""
        return self._cased.get(cased_key(text), []) + self._keys.get(normalize(text), [])

    def is_ambiguous(self, text: str) -> bool:
        return normalize(text) in self.ambiguous

    def names_no_actor(self, text: str) -> bool:
        """An ambiguous name or one listed as naming no actor: no part of it may name one either."""
        return normalize(text) in self.ambiguous or normalize(text) in self.not_actors

    def lookup(self, text: str, on: datetime.date | None = None, *, weak: bool = False) -> ActorEntry | None:
        """Exact (case/punctuation/article-insensitive) lookup of a name as written.

        Dated aliases are filtered by ``on``; a surname alone resolves only when exactly one person
        of that name holds a listed role that day; names listed as ambiguous ("Congolese") and
        names with readings in different actors return None. ``weak`` admits weak aliases such as
        "the alliance" (NATO) when no strong reading exists.
        """
        if not text or not text.strip() or self.names_no_actor(text):
            return None
        found = [c for c in self.candidates(text) if c.valid(on)]
        if on is None and any(c.end is None for c in found):
            found = [c for c in found if c.end is None]  # undated: today's meaning of "Moscow"
        strong = [c for c in found if c.via not in ("weak", "surname")]
        if not strong:
            strong = [c for c in found if c.via == "weak"] if weak else []
        if not strong:
            strong = [c for c in found if c.via == "surname" and self.holds_role(c.actor_id, on)]
        chosen = self._single(strong, on)
        return None if chosen is None else self._materialise(chosen, on)

    def _single(self, found: list[_Candidate], on: datetime.date | None) -> _Candidate | None:
        ids = {c.actor_id for c in found}
        if len(ids) > 1 and all(i in self.people for i in ids):
            # "George Bush" is two presidents: keep the one holding a role that day
            found = [c for c in found if self.holds_role(c.actor_id, on)] if on else []
            ids = {c.actor_id for c in found}
        if len(ids) != 1:
            return None
        return found[0]

    def holders_of(self, org: str, offices: Iterable[str], on: datetime.date | None) -> list[str]:
        """Ids of the people holding one of ``offices`` at ``org`` on a day (undated: in office now)."""
        ids: list[str] = []
        for office in offices:
            for role, person_id in self.holders.get((org, office), ()):
                current = role.end is None if on is None else role.active(on)
                if current and person_id not in ids:
                    ids.append(person_id)
        return ids

    # ------------------------------------------------------------ title and pattern helpers

    def person_by_title(
        self, title: str, on: datetime.date | None, country: str | None = None
    ) -> ActorEntry | None:
        """The person holding the office a title names on a day ("NATO Secretary General")."""
        from eventbuilder.resolve.actors.titles import person_by_title

        return person_by_title(self, title, on, country)

    def title_attributes(self, text: str, on: datetime.date | None = None) -> tuple[str | None, str | None]:
        """(country, sector) of a title or descriptor ("Ukrainian military spokesman" -> UKR, MIL)."""
        from eventbuilder.resolve.actors.titles import title_attributes

        return title_attributes(self, text, on)

    def patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler patterns generated from the data, in a deterministic order."""
        from eventbuilder.resolve.actors.patterns import entity_ruler_patterns

        return entity_ruler_patterns(self.data)


def _is_people_noun(demonym: str, adjective: str) -> bool:
    """"Russians", "Britons", "Poles" name people; "Russian", "Swiss", "Lebanese" are adjectives."""
    if demonym == adjective:
        return False
    lowered = demonym.lower()
    if lowered.endswith(("man", "men", "ois", "ss")):
        return lowered.endswith(("man", "men"))
    return lowered.endswith("s") or demonym in _SINGULAR_PEOPLE_NOUNS


_SINGULAR_PEOPLE_NOUNS = frozenset(
    "Briton Brit Pole Dane Swede Finn Turk Scot Croat Serb Kurd Spaniard Filipino Filipina".split()
)

RESOURCE_FILES = ("countries", "organisations", "media", "people", "titles", "ambiguous")


def read_resources(directory: Path | None = None) -> dict[str, Any]:
    """The parsed JSON files of the actor dictionary (from the installed package by default)."""
    data: dict[str, Any] = {}
    base = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_DIR) if directory is None else directory
    for name in RESOURCE_FILES:
        path = base.joinpath(f"{name}.json")
        try:
            data[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"actor dictionary file {name}.json cannot be read: {exc}") from exc
    return data


@functools.lru_cache(maxsize=4)
def load_dictionary(directory: Path | None = None) -> ActorDictionary:
    """Load (once per process) the curated actor dictionary."""
    try:
        return ActorDictionary(read_resources(directory))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"actor dictionary is malformed: {exc!r}") from exc
