"""Schema and consistency checks of the curated actor dictionary (resources/actors/*.json)."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict

import pycountry
import pytest

from eventbuilder.resolve.actors.dictionary import ActorDictionary, read_resources
from eventbuilder.resolve.actors.normalize import normalize

SECTORS = {
    "GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "SPY", "MED", "JRN", "REF", "CVL", "EDU", "LAB", "AGR",
    "BUS", "CRM", "PTY", "UAF", "ELI", "HLH", "REL", "HRI", "DEV", "ENV", "IGO",
}  # fmt: skip
PSEUDO_COUNTRIES = {"IGO", "NGO", "IMG"}
# Offices several people hold at once (rotating spokespeople, group commanders) are not checked for overlap.
MULTI_HOLDER_OFFICES = {
    "spokesperson", "foreign-ministry-spokesperson", "commander", "leader", "chairman", "speaker",
    "chief-of-staff", "finance-minister", "national-security-adviser", "administrator",
    "security-council-secretary", "entity-president",
}  # fmt: skip
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def data():
    return read_resources()


@pytest.fixture(scope="module")
def dictionary(data):
    return ActorDictionary(data)


def _day(value):
    return None if value is None else datetime.date.fromisoformat(value)


def _known_iso3(code):
    return pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)


def test_every_iso_country_is_present_once(data):
    codes = [c["iso3"] for c in data["countries"]["countries"]]
    assert len(codes) == len(set(codes))
    assert {c.alpha_3 for c in pycountry.countries} <= set(codes)


def test_every_country_code_is_known_to_pycountry(data):
    for rec in data["countries"]["countries"]:
        assert _known_iso3(rec["iso3"]) or rec.get("user_assigned"), rec["iso3"]
        if _known_iso3(rec["iso3"]) and not rec.get("historic"):
            assert pycountry.countries.get(alpha_3=rec["iso3"]).alpha_2 == rec["iso2"]


def test_inhabited_countries_have_demonym_and_capital(data):
    records = data["countries"]["countries"]
    with_both = [r for r in records if r["demonyms"] and r["capital"]]
    assert len(with_both) >= 220
    for iso3 in ("RUS", "UKR", "USA", "GBR", "FRA", "DEU", "CHN", "ISR", "PSE", "IRN", "IRQ", "SYR", "TUR"):
        rec = next(r for r in records if r["iso3"] == iso3)
        assert rec["demonyms"] and rec["capital"] and rec["metonyms"], iso3


def test_at_least_eighty_countries_have_rich_variants(data):
    rich = [
        r for r in data["countries"]["countries"]
        if len(r["aliases"]) + len(r["demonyms"]) + len(r["metonyms"]) >= 5
    ]  # fmt: skip
    assert len(rich) >= 80


def test_ids_are_unique_across_files(data):
    ids = [o["id"] for o in data["organisations"]["organisations"]]
    ids += [m["id"] for m in data["media"]["media"]] + [p["id"] for p in data["people"]["people"]]
    ids += [c["iso3"] for c in data["countries"]["countries"]]
    assert len(ids) == len(set(ids))
    prefixes = {"igo": "igo:", "ngo": "ngo:", "group": "group:"}
    for org in data["organisations"]["organisations"]:
        assert org["id"].startswith(prefixes[org["kind"]]), org["id"]


def test_codes_and_sectors_are_valid(data):
    for org in data["organisations"]["organisations"] + data["media"]["media"]:
        assert org["country"] in PSEUDO_COUNTRIES or _known_iso3(org["country"]) or org["country"] == "XKX", org
        assert org["sector"] is None or org["sector"] in SECTORS, org["id"]
        for period in org.get("sector_periods", ()):
            assert period["sector"] in SECTORS
    for rec in data["countries"]["countries"]:
        for met in rec["metonyms"]:
            assert met["sector"] is None or met["sector"] in SECTORS, met
            assert met["label"] in ("GPE", "ORG")
    for entry in data["titles"]["sector_words"]:
        assert entry["sector"] in SECTORS and entry["priority"] in (1, 2, 3, 4), entry


def test_people_roles_are_well_formed(data):
    orgs = {o["id"] for o in data["organisations"]["organisations"]}
    countries = {c["iso3"] for c in data["countries"]["countries"]}
    offices = set(data["titles"]["offices"]) | MULTI_HOLDER_OFFICES | {
        "chief-of-defence", "high-commissioner-refugees", "high-commissioner-human-rights",
        "general-secretary", "national-security-adviser", "pm-spokesperson",
    }  # fmt: skip
    for person in data["people"]["people"]:
        assert person["id"].startswith("person:") and person["name"]
        assert person["country"] in countries, person["id"]
        for role in person["roles"]:
            assert role["org"] in orgs or role["org"] in countries, (person["id"], role["org"])
            assert role["office"] in offices, (person["id"], role["office"])
            assert ISO_DAY.match(role["start"]), (person["id"], role)
            if role["end"] is not None:
                assert ISO_DAY.match(role["end"]) and role["start"] <= role["end"], (person["id"], role)
            assert role.get("sector") is None or role["sector"] in SECTORS


def test_single_holder_offices_never_overlap(data):
    by_office = defaultdict(list)
    for person in data["people"]["people"]:
        for role in person["roles"]:
            if role["office"] not in MULTI_HOLDER_OFFICES:
                by_office[(role["org"], role["office"])].append((_day(role["start"]), _day(role["end"]), person["id"]))
    for office, terms in by_office.items():
        terms.sort(key=lambda t: t[0])
        for (_s1, e1, p1), (s2, _, p2) in itertools.pairwise(terms):
            assert e1 is not None and e1 < s2, (office, p1, p2)


def test_aliases_of_different_countries_are_listed_as_ambiguous(dictionary):
    """No name means two countries at once unless ambiguous.json says so (dated readings may differ)."""
    for store in (dictionary._keys, dictionary._cased):
        for key, candidates in store.items():
            strong = [c for c in candidates if c.via not in ("surname", "weak")]
            for a, b in itertools.combinations(strong, 2):
                ca, cb = _country(dictionary, a), _country(dictionary, b)
                disjoint = (a.end and b.start and a.end < b.start) or (b.end and a.start and b.end < a.start)
                if ca != cb and not disjoint:
                    assert normalize(key) in dictionary.ambiguous, (key, a.actor_id, b.actor_id)


def _country(dictionary, candidate):
    if candidate.actor_id in dictionary.people:
        return dictionary.people[candidate.actor_id].nationality
    return dictionary._materialise(candidate, None).country


def test_ambiguous_names_list_real_candidates(data, dictionary):
    for item in data["ambiguous"]["ambiguous"]:
        assert len(item["candidates"]) >= 2
        for actor_id in item["candidates"]:
            assert dictionary.entry(actor_id) is not None, actor_id


@pytest.mark.parametrize(
    ("person", "office", "start", "end"),
    [
        ("person:javier-solana", "secretary-general", "1995-12-05", "1999-10-06"),
        ("person:george-robertson", "secretary-general", "1999-10-14", "2003-12-31"),
        ("person:jaap-de-hoop-scheffer", "secretary-general", "2004-01-01", "2009-07-31"),
        ("person:anders-fogh-rasmussen", "secretary-general", "2009-08-01", "2014-09-30"),
        ("person:jens-stoltenberg", "secretary-general", "2014-10-01", "2024-09-30"),
        ("person:mark-rutte", "secretary-general", "2024-10-01", None),
        ("person:chuck-hagel", "defence-minister", "2013-02-27", "2015-02-16"),
        ("person:sergei-shoigu", "defence-minister", "2012-11-06", "2024-05-12"),
        ("person:petro-poroshenko", "president", "2014-06-07", "2019-05-19"),
        ("person:barack-obama", "president", "2009-01-20", "2017-01-19"),
    ],
)
def test_key_dates(data, person, office, start, end):
    record = next(p for p in data["people"]["people"] if p["id"] == person)
    assert any(r["office"] == office and r["start"] == start and r["end"] == end for r in record["roles"])


def test_media_and_igo_coverage(dictionary):
    for name in ("Reuters", "AP", "AFP", "TASS", "RIA Novosti", "Interfax", "Xinhua", "the New York Times",
                 "The Telegraph", "the Guardian", "BBC", "CNN", "Al Jazeera", "Kyiv Independent"):  # fmt: skip
        assert dictionary.lookup(name).kind == "media", name
    for name in ("NATO", "OSCE", "G7", "G20", "African Union", "Arab League", "ASEAN", "OPEC", "IMF",
                 "World Bank", "CSTO", "SCO", "CIS", "BRICS", "ECOWAS", "GCC", "OAS", "ICC", "ICJ",
                 "Interpol", "UNHCR", "WFP", "UNICEF", "IAEA", "WHO", "UNIFIL", "European Commission",
                 "European Council", "European Parliament", "General Assembly"):  # fmt: skip
        assert dictionary.lookup(name).kind == "igo", name
    for name in ("ICRC", "Red Cross", "MSF", "Amnesty International", "Human Rights Watch"):
        assert dictionary.lookup(name).kind == "ngo", name
