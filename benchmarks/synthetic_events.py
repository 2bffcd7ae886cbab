"""Synthetic versions with events, for the report's size figures and its browser tests.

A real build of 10,000 events needs thousands of articles we do not have; the report only needs
tables with the right columns. This script writes a version whose ``documents`` and ``claims``
follow ``schemas/`` (validated on write) and whose ``events`` and ``event_links`` follow the
contract between the link stage and the report (``eventbuilder.view.events.EVENT_COLUMNS``; once
``schemas/events.json`` exists they are validated against it too). Every claim's evidence is a
sentence of its document (``text[char_start:char_end] == evidence_text``); events have 1 to 6
reports from different outlets that disagree the way real ones do (counts, a day, city against
country). Places and actors are real names with rounded coordinates; ids are ``syn:`` ids.

    .venv/bin/python benchmarks/synthetic_events.py 1000 --root /tmp/synthetic   # then: eventbuilder report --root /tmp/synthetic

``hostile=True`` puts markup and script in every kind of text field of the first event (evidence,
title, outlet, actor, place, unit, URL): the browser test checks that it renders as text.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventbuilder.schemas import TABLES, load_schema, to_arrow
from eventbuilder.store.versions import VersionInfo, publish_version
from eventbuilder.view.events import EVENT_COLUMNS, STATUS_OF_MODALITY

HOSTILE = '</script><script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2"> & \u2028'

OUTLETS = ["Reuters", "Associated Press", "AFP", "BBC News", "Al Jazeera", "The Kyiv Independent", "TASS",
           "Xinhua", "Deutsche Welle", "The Guardian", "Anadolu", "Yonhap"]
# name, id, ISO3, sector
ACTORS = [("Russia", "RUS", "RUS", "GOV"), ("Ukraine", "UKR", "UKR", "GOV"), ("NATO", "igo:nato", None, "IGO"),
          ("United States", "USA", "USA", "GOV"), ("China", "CHN", "CHN", "GOV"), ("Iran", "IRN", "IRN", "GOV"),
          ("Israel", "ISR", "ISR", "GOV"), ("Hamas", "org:hamas", "PSE", "REB"), ("Turkey", "TUR", "TUR", "GOV"),
          ("European Union", "igo:eu", None, "IGO"), ("United Nations", "igo:un", None, "IGO"),
          ("Vladimir Putin", "person:vladimir-putin", "RUS", "GOV"),
          ("Volodymyr Zelensky", "person:volodymyr-zelensky", "UKR", "GOV"),
          ("Joe Biden", "person:joe-biden", "USA", "GOV"), ("Xi Jinping", "person:xi-jinping", "CHN", "GOV"),
          ("Belarus", "BLR", "BLR", "GOV"), ("Syria", "SYR", "SYR", "GOV"), ("Sudan", "SDN", "SDN", "GOV"),
          ("Rapid Support Forces", "org:rsf", "SDN", "REB"), ("North Korea", "PRK", "PRK", "GOV"),
          ("South Korea", "KOR", "KOR", "GOV"), ("Azerbaijan", "AZE", "AZE", "GOV"), ("Armenia", "ARM", "ARM", "GOV")]
# name, lat, lon, ISO3, precision
PLACES = [("Kyiv", 50.45, 30.52, "UKR", "city"), ("Kharkiv", 49.99, 36.23, "UKR", "city"),
          ("Odesa", 46.48, 30.73, "UKR", "city"), ("Mariupol", 47.10, 37.55, "UKR", "city"),
          ("Donetsk Oblast", 48.0, 37.8, "UKR", "admin1"), ("Crimea", 45.3, 34.4, "UKR", "admin1"),
          ("Belgorod", 50.6, 36.59, "RUS", "city"), ("Moscow", 55.75, 37.62, "RUS", "city"),
          ("Minsk", 53.9, 27.57, "BLR", "city"), ("Warsaw", 52.23, 21.01, "POL", "city"),
          ("Vilnius", 54.69, 25.28, "LTU", "city"), ("Brussels", 50.85, 4.35, "BEL", "city"),
          ("Washington", 38.9, -77.04, "USA", "city"), ("New York", 40.71, -74.01, "USA", "city"),
          ("Ankara", 39.93, 32.86, "TUR", "city"), ("Tehran", 35.69, 51.39, "IRN", "city"),
          ("Damascus", 33.51, 36.29, "SYR", "city"), ("Aleppo", 36.2, 37.16, "SYR", "city"),
          ("Gaza Strip", 31.42, 34.36, "PSE", "region"), ("Jerusalem", 31.77, 35.21, "ISR", "city"),
          ("Khartoum", 15.5, 32.56, "SDN", "city"), ("Darfur", 13.5, 24.0, "SDN", "region"),
          ("Pyongyang", 39.03, 125.75, "PRK", "city"), ("Seoul", 37.57, 126.98, "KOR", "city"),
          ("Beijing", 39.91, 116.4, "CHN", "city"), ("Taipei", 25.05, 121.53, "TWN", "city"),
          ("Stepanakert", 39.82, 46.75, "AZE", "city"), ("Baku", 40.41, 49.87, "AZE", "city"),
          ("Ukraine", 49.0, 32.0, "UKR", "country"), ("Russia", 60.0, 100.0, "RUS", "country"),
          ("Syria", 35.0, 38.0, "SYR", "country"), ("Sudan", 15.0, 30.0, "SDN", "country")]
COUNTRY_OF = {"UKR": "Ukraine", "RUS": "Russia", "SYR": "Syria", "SDN": "Sudan"}
# event type, PLOVER, CAMEO root, trigger, sentence, unit (None: no quantity), typical amount
TEMPLATES = [
    ("troop_deployment", "MOBILIZE", "15", "massed", "{a1} has massed {q} troops near {place}, {outlet} reported, citing officials who said the build-up began {when}.", "troops", 20000),
    ("attack", "ASSAULT", "19", "fired", "{a1} fired {q} missiles at {place} {when}, officials said, damaging power stations and killing several people.", "missiles", 40),
    ("attack", "FIGHT", "19", "shelled", "Artillery of {a1} shelled {place} {when}, the regional governor said, adding that {q} people were wounded.", "people", 12),
    ("meeting", "CONSULT", "04", "met", "{a1} met {a2} in {place} {when} to discuss the war, the prisoner exchange and grain exports.", None, 0),
    ("statement", None, "01", "said", "\"We will not give up an inch,\" {a1} said in {place} {when}, in a speech broadcast on national television.", None, 0),
    ("agreement", "AGREE", "05", "agreed", "{a1} and {a2} agreed {when} in {place} to extend the ceasefire by another 60 days.", None, 0),
    ("aid", "AID", "07", "pledged", "{a1} pledged {q} dollars in military aid to {a2} at a meeting in {place} {when}.", "dollars", 500000000),
    ("sanction", "SANCTION", "16", "imposed", "{a1} imposed sanctions on {q} companies linked to {a2} {when}, officials in {place} said.", "companies", 25),
    ("protest", "PROTEST", "14", "marched", "About {q} people marched through {place} {when} to protest against the government of {a2}.", "people", 10000),
    ("accusation", "ACCUSE", "11", "accused", "{a1} accused {a2} of violating the truce near {place} {when}, which {a2} denied.", None, 0),
    ("threat", "THREATEN", "13", "warned", "{a1} warned {a2} {when} that any strike on {place} would be met with force.", None, 0),
    ("request", "REQUEST", "10", "urged", "{a1} urged {a2} {when} to open a humanitarian corridor from {place}.", None, 0),
]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]


def _hex(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _fill(table: str, row: dict[str, Any], extra: Callable[[str], Any] = lambda name: None) -> dict[str, Any]:
    """The row with exactly the declared columns. A column declared later by another stage gets
    ``extra(name)``, else null, else (not nullable) a placeholder of its type: the first allowed
    value, an empty string or list, false or zero."""
    out = {}
    for column in load_schema(table).columns:
        value = row[column.name] if column.name in row else extra(column.name)
        out[column.name] = value if value is not None or column.nullable else _placeholder(column)
    return out


def _placeholder(column: Any) -> Any:
    kind = column.arrow_type
    if pa.types.is_list(kind):
        return []
    if column.allowed:
        return column.allowed[0]
    if pa.types.is_boolean(kind):
        return False
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return 0
    if pa.types.is_date(kind):
        return date(2000, 1, 1)
    if pa.types.is_timestamp(kind):
        return datetime(2000, 1, 1, tzinfo=UTC)
    return ""


def synthetic_tables(n_events: int, seed: int = 11, hostile: bool = False) -> dict[str, pa.Table]:
    """documents, rejects, claims, places, events, event_links for ``n_events`` events."""
    rng = random.Random(seed)
    start = date(2022, 2, 1)
    plans = [_plan_event(rng, i, start) for i in range(n_events)]
    if hostile and plans:
        plans[0]["hostile"] = True
    claims, documents, links = _report(plans, rng, hostile)
    events = [_event_row(plan) for plan in plans]
    tables = {
        "documents": to_arrow("documents", [_fill("documents", d) for d in documents]),
        "rejects": to_arrow("rejects", []),
        "claims": to_arrow("claims", [_fill("claims", c, _claim_extra(c)) for c in claims]),
        "places": to_arrow("places", []),
    }
    if "events" in TABLES:  # the link stage's declaration, once it exists
        tables["events"] = to_arrow("events", [_fill("events", e) for e in events])
    else:
        tables["events"] = pa.Table.from_pylist(events, schema=EVENT_COLUMNS)
    if "event_links" in TABLES:
        tables["event_links"] = to_arrow("event_links", [_fill("event_links", link) for link in links])
    else:
        tables["event_links"] = pa.Table.from_pylist(links)
    return tables


def _claim_extra(claim: dict[str, Any]) -> Callable[[str], Any]:
    return lambda name: {"event_id": claim["_event_id"], "relevant": claim["_relevant"]}.get(name)


def _plan_event(rng: random.Random, index: int, start: date) -> dict[str, Any]:
    template = rng.choice(TEMPLATES)
    a1, a2 = rng.sample(ACTORS, 2)
    place = rng.choice(PLACES)
    day = start + timedelta(days=int(rng.triangular(0, 900, 700)))
    span = rng.choice([0] * 9 + [rng.randint(2, 20)])
    n_reports = rng.choices([1, 2, 3, 4, 5, 6], weights=[45, 25, 14, 8, 5, 3])[0]
    amount = template[6] * rng.uniform(0.3, 3) if template[5] else None
    return {"index": index, "template": template, "a1": a1, "a2": a2, "place": place, "day": day, "span": span,
            "n": n_reports, "amount": round(amount, -1 if amount and amount > 100 else 0) if amount else None,
            "outlets": rng.sample(OUTLETS, n_reports), "modality": rng.choices(
                ["asserted", "planned", "hypothetical", "negated"], weights=[85, 8, 4, 3])[0],
            "relevant": rng.random() > 0.1, "event_id": "ev-" + _hex("synthetic-event", index)[:12], "claims": []}


def _report(plans: list[dict[str, Any]], rng: random.Random, hostile: bool):
    """Claims of every event, gathered into articles of up to four claims per outlet and week."""
    claims: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    articles: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for plan in plans:
        for k, outlet in enumerate(plan["outlets"]):
            claim = _claim(plan, k, outlet, rng)
            if plan.get("hostile") and k == 0:
                _poison(claim)
            week = plan["day"] - timedelta(days=plan["day"].weekday())
            articles.setdefault((outlet, week), []).append(claim)
            plan["claims"].append(claim)
    documents = []
    for (outlet, week), members in sorted(articles.items(), key=lambda item: (item[0][1], item[0][0])):
        for chunk in (members[i:i + 4] for i in range(0, len(members), 4)):
            documents.append(_document(outlet, week, chunk, len(documents)))
    for plan in plans:
        for k, claim in enumerate(plan["claims"]):
            claims.append(claim)
            links.append({"claim_id": claim["claim_id"], "event_id": plan["event_id"],
                          "rule": "new" if k == 0 else "same_place_and_day",
                          "linked_to": None if k == 0 else plan["claims"][0]["claim_id"],
                          "score": None if k == 0 else round(rng.uniform(0.6, 1.0), 3),
                          "explanation": "first report" if k == 0 else "same type, dates overlap, places within 50 km"})
    if hostile and plans:
        poisoned = next(d for d in documents if d["doc_id"] == plans[0]["claims"][0]["doc_id"])
        poisoned.update(title=HOSTILE, source=HOSTILE, url="javascript:window.__pwned=3")
    return claims, documents, links


def _claim(plan: dict[str, Any], k: int, outlet: str, rng: random.Random) -> dict[str, Any]:
    etype, plover, cameo, trigger, sentence, unit, _ = plan["template"]
    day = plan["day"] + timedelta(days=rng.choice([0, 0, 0, 0, -1, 1])) if k else plan["day"]
    place = plan["place"]
    if k and place[4] == "city" and place[3] in COUNTRY_OF and rng.random() < 0.15:
        place = next(p for p in PLACES if p[0] == COUNTRY_OF[place[3]])  # reported at country level only
    amount = plan["amount"]
    if amount is not None and k:
        amount = round(amount * rng.choice([1, 1, 0.8, 1.25, 1.5]), 0)
    end = day + timedelta(days=plan["span"])
    when = f"between {day:%B} {day.day} and {end:%B} {end.day}" if plan["span"] else rng.choice(WEEKDAYS)
    text = sentence.format(a1=plan["a1"][0], a2=plan["a2"][0], place=place[0], outlet=outlet, when=when,
                           q=f"{amount:,.0f}" if amount is not None else "")
    claim_id = _hex("synthetic-claim", plan["index"], k)[:16]
    return {
        "claim_id": claim_id, "evidence_text": text, "event_type": etype, "plover_type": plover, "cameo_root": cameo,
        "trigger": trigger, "sentence_index": 0, "char_start": 0, "char_end": len(text), "doc_id": "",
        **_actor("actor1", plan["a1"]), **_actor("actor2", plan["a2"] if "{a2}" in sentence else None),
        "participants": [plan["a1"][0], plan["a2"][0]] if etype in ("meeting", "agreement") else [],
        "speaker": plan["a1"][0] if etype == "statement" else None,
        "quote": "We will not give up an inch" if etype == "statement" else None,
        "attributed_to": outlet if "{outlet}" in sentence else None,
        "attribution_text": f"{outlet} reported" if "{outlet}" in sentence else None,
        "modality": plan["modality"],
        "quantity_value": amount, "quantity_low": None, "quantity_high": None, "quantity_previous": None,
        "quantity_unit": unit if amount is not None else None,
        "quantity_qualifier": "approx" if amount is not None and text.startswith("About") else ("exact" if amount is not None else None),
        "quantity_text": f"{amount:,.0f}" if amount is not None else None,
        "date_text": when, "date_start": day, "date_end": end,
        "date_granularity": "range" if plan["span"] else "day", "date_method": "relative",
        "place_text": place[0], "place_name": place[0], "place_id": "syn:" + place[0].lower().replace(" ", "-"),
        "latitude": place[1], "longitude": place[2], "place_country": place[3], "place_admin1": None,
        "geo_precision": place[4], "geo_centroid": place[4] != "city", "geo_method": "sentence",
        "confidence": 0.9, "extractor": "synthetic@1",
        "_event_id": plan["event_id"], "_relevant": plan["relevant"], "_published": None,
    }


def _actor(prefix: str, actor: tuple | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("name", "text", "id", "country", "sector")}
    name, actor_id, country, sector = actor
    return {f"{prefix}_name": name, f"{prefix}_text": name, f"{prefix}_id": actor_id,
            f"{prefix}_country": country, f"{prefix}_sector": sector}


def _document(outlet: str, week: date, members: list[dict[str, Any]], number: int) -> dict[str, Any]:
    """An article of ``members``' sentences; fixes their offsets and document id."""
    published = max(m["date_start"] for m in members) + timedelta(days=1)
    text, position = [], 0
    for index, claim in enumerate(members):
        claim["char_start"], claim["char_end"] = position, position + len(claim["evidence_text"])
        claim["sentence_index"] = index
        text.append(claim["evidence_text"])
        position = claim["char_end"] + 2
    body = "\n\n".join(text)
    doc_id = _hex("synthetic-document", outlet, week, number)[:16]
    for claim in members:
        claim["doc_id"] = doc_id
        claim["_published"] = datetime(published.year, published.month, published.day, tzinfo=UTC)
    title = f"{members[0]['actor1_name']}: {members[0]['event_type'].replace('_', ' ')} in {members[0]['place_name']}"
    return {"doc_id": doc_id, "external_id": f"synthetic/{number:06d}", "source_path": f"synthetic/{number:06d}.json",
            "line": None, "format": "json", "source": outlet, "url": f"https://news.example.org/{doc_id}",
            "title": title, "dateline": None, "text": body, "raw_text": body, "captions": [], "segments": [],
            "published_at": members[0]["_published"], "published_date": published,
            "published_source": "metadata", "published_confidence": "high", "published_text": published.isoformat(),
            "published_note": None, "language": "en", "n_chars": len(body), "meta": "{}", "flags": []}


def _poison(claim: dict[str, Any]) -> None:
    """Hostile text in every kind of text field of a claim (its document's fields follow later)."""
    claim.update(evidence_text=f"Officials said {HOSTILE} was posted.", trigger="said", actor1_name=HOSTILE,
                 place_name=HOSTILE, quantity_unit=HOSTILE if claim["quantity_value"] is not None else None)
    claim["char_end"] = len(claim["evidence_text"])


def _event_row(plan: dict[str, Any]) -> dict[str, Any]:
    """The event as the link stage would summarise its claims: the most reported date and place,
    the median count with its range, and the fields on which the reports disagree."""
    claims = plan["claims"]
    first = claims[0]
    starts = [c["date_start"] for c in claims]
    day = min(set(starts), key=lambda d: (-starts.count(d), d))
    dated = next(c for c in claims if c["date_start"] == day)
    names = [c["place_name"] for c in claims]
    where = next(c for c in claims if c["place_name"] == max(names, key=lambda n: (names.count(n), -names.index(n))))
    amounts = [c["quantity_value"] for c in claims if c["quantity_value"] is not None]
    disagreements = [name for name, values in (("quantity", set(amounts)), ("date", set(starts)), ("place", set(names)))
                     if len(values) > 1]
    published = [c["_published"] for c in claims]
    return {
        "event_id": plan["event_id"], "event_type": first["event_type"], "event_types": [first["event_type"]],
        "plover_type": first["plover_type"], "cameo_root": first["cameo_root"],
        "status": STATUS_OF_MODALITY[plan["modality"]], "announced_first": False,
        "date_start": day, "date_end": dated["date_end"], "date_granularity": dated["date_granularity"],
        "reported_date_min": min(starts), "reported_date_max": max(c["date_end"] for c in claims),
        **{f"actor{n}_{f}": first[f"actor{n}_{f}"] for n in (1, 2) for f in ("name", "id", "country")},
        "participants": first["participants"],
        **{f: where[f] for f in ("place_name", "place_id", "latitude", "longitude", "place_country", "geo_precision",
                                 "geo_centroid")},
        "quantity_value": statistics.median(amounts) if amounts else None,
        "quantity_min": min(amounts) if amounts else None, "quantity_max": max(amounts) if amounts else None,
        "quantity_unit": first["quantity_unit"] if amounts else None,
        "disagreements": disagreements, "n_claims": len(claims), "n_documents": len({c["doc_id"] for c in claims}),
        "n_sources": len(plan["outlets"]), "first_reported_at": min(published), "last_reported_at": max(published),
        "claim_ids": [c["claim_id"] for c in claims], "summary": first["evidence_text"],
        "representative_claim_id": first["claim_id"], "relevant": plan["relevant"],
        "modalities": sorted({c["modality"] for c in claims}), "actor1_names": sorted({c["actor1_name"] for c in claims
                                                                                    if c["actor1_name"]}),
        "place_names": sorted({n for n in names if n}), "quantity_values": sorted(set(amounts)),
        "sources": sorted(plan["outlets"]), "doc_ids": sorted({c["doc_id"] for c in claims}),
    }


def write_synthetic_version(root: Path, n_events: int, seed: int = 11, hostile: bool = False) -> VersionInfo:
    """Publish a synthetic version under ``root`` (no report: callers render it themselves)."""
    tables = synthetic_tables(n_events, seed, hostile)
    counts = {"input_records": tables["documents"].num_rows, "documents": tables["documents"].num_rows,
              "duplicates": 0, "rejects": 0, "rejects_other_than_duplicates": 0,
              **{name: table.num_rows for name, table in tables.items() if name not in ("documents", "rejects")}}
    manifest = {"eventbuilder_version": "synthetic", "raw": f"synthetic events (n={n_events}, seed={seed})",
                "options": {}, "inputs": [], "counts": counts, "attribution": {},
                "tables": {name: {"schema_version": load_schema(name).version if name in TABLES else "contract"}
                           for name in tables}}
    return publish_version(root, tables, manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("--root", default="synthetic-outputs", help="output root [synthetic-outputs]")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--hostile", action="store_true", help="hostile markup in the first event's text fields")
    args = parser.parse_args(argv)
    info = write_synthetic_version(Path(args.root), args.events, args.seed, args.hostile)
    print(f"wrote {info.path}: {info.manifest['counts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
