"""Small builders shared by the build, store and CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLE_A = ("Leaders agree ceasefire after all-night talks in Minsk\n\n"
             "MINSK, Belarus — The leaders of Russia, Ukraine, France and Germany agreed on Thursday to a "
             "ceasefire in eastern Ukraine after 16 hours of talks, officials said.\n\n"
             "The truce is due to take effect on Sunday.\n")
ARTICLE_B = ("NATO to boost eastern flank\n\n"
             "BRUSSELS (Reuters) - NATO defence ministers agreed on Wednesday to create a rapid reaction force "
             "of up to 5,000 troops that could deploy within days, the alliance said.\n")
JSONL_GOOD = {"id": "wire-1", "url": "https://example.org/1", "source": "Example Wire", "published": "2022-02-24",
              "title": "Russia launches invasion", "section": "world",
              "text": "Russia launched a full-scale invasion of Ukraine on Thursday, with missile strikes on cities "
                      "including Kyiv and Kharkiv, Ukrainian officials said."}


def write_raw(folder: Path) -> Path:
    """A small raw folder in every format, with one duplicate and one bad JSON line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "b.meta.json").write_text('{"published": "2015-02-05", "source": "Reuters"}', encoding="utf-8")
    (folder / "copy-of-a.txt").write_text(ARTICLE_A, encoding="utf-8")
    lines = [json.dumps(JSONL_GOOD), '{"id": "wire-2", "text": "broken', json.dumps({"id": "wire-3", "title": "no text"})]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- synthetic claims for the link stage

_CLAIM_DEFAULTS = {
    "sentence_index": 0, "char_start": 0, "char_end": 10, "plover_type": None, "cameo_root": None,
    "actor1_name": None, "actor1_text": None, "actor1_id": None, "actor1_country": None, "actor1_sector": None,
    "actor2_name": None, "actor2_text": None, "actor2_id": None, "actor2_country": None, "actor2_sector": None,
    "participants": [], "speaker": None, "quote": None, "attributed_to": None, "attribution_text": None,
    "modality": "asserted", "quantity_value": None, "quantity_low": None, "quantity_high": None,
    "quantity_previous": None, "quantity_unit": None, "quantity_qualifier": None, "quantity_text": None,
    "date_text": None, "date_start": None, "date_end": None, "date_granularity": "unknown", "date_method": "none",
    "place_text": None, "place_name": None, "place_id": None, "latitude": None, "longitude": None,
    "place_country": None, "place_admin1": None, "geo_precision": "none", "geo_centroid": None,
    "geo_method": "none", "confidence": 0.9, "extractor": "test",
}

# name -> (id, country): the actors the synthetic claims use
ACTORS = {
    "Vladimir Putin": ("person:vladimir-putin", "RUS"), "Emmanuel Macron": ("person:emmanuel-macron", "FRA"),
    "Volodymyr Zelensky": ("person:volodymyr-zelensky", "UKR"), "Antony Blinken": ("person:antony-blinken", "USA"),
    "Wang Yi": ("person:wang-yi", "CHN"), "Xi Jinping": ("person:xi-jinping", "CHN"),
    "Russia": ("RUS", "RUS"), "Ukraine": ("UKR", "UKR"), "Israel": ("ISR", "ISR"), "Hamas": ("org:hamas", "PSE"),
    "Sergei Lavrov": ("person:sergei-lavrov", "RUS"),
}
# name -> (id, latitude, longitude, precision, country, admin1)
PLACES = {
    "Moscow": ("524901", 55.75, 37.62, "city", "RUS", "Moscow"), "Kyiv": ("703448", 50.45, 30.52, "city", "UKR", "Kyiv City"),
    "Lviv": ("702550", 49.84, 24.02, "city", "UKR", "Lviv"), "Geneva": ("2660646", 46.20, 6.14, "city", "CHE", "Geneva"),
    "Ukraine": ("690791", 49.0, 32.0, "country", "UKR", None), "Tel Aviv": ("293397", 32.08, 34.78, "city", "ISR", "Tel Aviv"),
    "Haifa": ("294801", 32.79, 34.99, "city", "ISR", "Haifa"), "Beijing": ("1816670", 39.91, 116.40, "city", "CHN", "Beijing"),
}


def claim(claim_id: str, doc: str, event_type: str, *, day: str | None = None, until: str | None = None,
          granularity: str | None = None, method: str | None = None, doer: str | None = None,
          target: str | None = None, parties: tuple[str, ...] = (), speaker: str | None = None,
          place: str | None = None, place_method: str = "sentence", count: float | None = None,
          unit: str | None = None, sentence: int = 0, text: str | None = None, **fields) -> dict:
    """A claims row (without event_id) with only what a link test needs spelled out."""
    from datetime import date

    row = {**_CLAIM_DEFAULTS, "claim_id": claim_id, "doc_id": doc, "event_type": event_type, "trigger": event_type,
           "sentence_index": sentence, "char_start": sentence * 100, "char_end": sentence * 100 + 90,
           "evidence_text": text or f"{claim_id} {event_type} sentence", "participants": list(parties)}
    if day:
        row.update(date_start=date.fromisoformat(day), date_end=date.fromisoformat(until or day),
                   date_granularity=granularity or ("day" if not until else "range"), date_method=method or "relative")
    for role, name in (("actor1", doer or speaker), ("actor2", target)):
        if name:
            actor_id, country = ACTORS.get(name, (None, None))
            row.update({f"{role}_name": name, f"{role}_text": name, f"{role}_id": actor_id, f"{role}_country": country})
    if speaker:
        row["speaker"] = speaker
    if place:
        place_id, lat, lon, precision, country, admin1 = PLACES[place]
        row.update(place_text=place, place_name=place, place_id=place_id, latitude=lat, longitude=lon,
                   place_country=country, place_admin1=admin1, geo_precision=precision,
                   geo_centroid=precision != "city", geo_method=place_method)
    if count is not None:
        row.update(quantity_value=float(count), quantity_unit=unit, quantity_qualifier="exact")
    row.update(fields)
    return row


def claims_table(rows: list[dict]):
    """The rows as a pyarrow table with the declared claims types (event_id left out)."""
    import pyarrow as pa

    from eventbuilder.schemas import load_schema

    declared = load_schema("claims").arrow_schema()
    return pa.Table.from_pylist(rows, schema=pa.schema([f for f in declared if f.name != "event_id"]))


def documents_table(published: dict[str, str], sources: dict[str, str] | None = None):
    """A documents table with just doc_id, published_at and source."""
    from datetime import UTC, datetime

    import pyarrow as pa

    docs = sorted(published)
    stamps = [datetime.fromisoformat(published[d]).replace(tzinfo=UTC) if published[d] else None for d in docs]
    return pa.table({"doc_id": docs, "published_at": pa.array(stamps, pa.timestamp("us", tz="UTC")),
                     "source": [(sources or {}).get(d) for d in docs]})
