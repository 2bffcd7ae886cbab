"""The seed article, built with --published 2014-08-07: the claims the issue lists, exactly."""

from __future__ import annotations

from datetime import date

import pytest

from eventbuilder.api import extract_records, records_from_path
from eventbuilder.ingest.textpage import segment_page


@pytest.fixture(scope="module")
def claims(shared, nlp):
    path = shared / "seeds" / "000_fc1be701003c547e.txt"
    ((_, rows),) = list(extract_records(records_from_path(path, "2014-08-07")))
    return rows


def _one(claims, **where):
    found = [c for c in claims if all(c[k] == v for k, v in where.items())]
    assert len(found) == 1, f"{len(found)} claims match {where}: {[(c['event_type'], c['trigger']) for c in found]}"
    return found[0]


def test_every_claim_quotes_its_evidence_from_the_document_text(claims, seed_text):
    text = segment_page(seed_text).text
    for claim in claims:
        assert text[claim["char_start"]:claim["char_end"]] == claim["evidence_text"]


def test_nothing_from_boilerplate(claims):
    for claim in claims:
        for chrome in ("Like Us on Facebook", "Make CT", "Real Time Analytics", "CHINA TOPIX", "05/12/2024"):
            assert chrome not in claim["evidence_text"]


def test_rasmussen_yatseniuk_meeting(claims):
    c = _one(claims, event_type="meeting", trigger="met")
    assert (c["actor1_name"], c["actor1_country"], c["actor1_sector"]) == ("Anders Fogh Rasmussen", None, "IGO")
    assert (c["actor2_name"], c["actor2_country"], c["actor2_sector"]) == ("Arseniy Yatsenyuk", "UKR", "GOV")
    assert c["actor2_text"] == "Ukrainian Prime Minister Arseny Yatseniuk"
    assert c["participants"] == ["Anders Fogh Rasmussen", "Arseniy Yatsenyuk"]
    assert (c["date_text"], c["date_start"], c["date_end"], c["date_granularity"], c["date_method"]) == (
        "Thursday", date(2014, 8, 7), date(2014, 8, 7), "day", "relative")
    assert (c["plover_type"], c["cameo_root"], c["modality"]) == ("CONSULT", "04", "asserted")


def test_troop_build_up(claims):
    c = _one(claims, event_type="troop_deployment", trigger="increased")
    assert (c["actor1_name"], c["actor1_country"], c["actor1_sector"]) == ("Russia", "RUS", "MIL")
    assert (c["quantity_value"], c["quantity_previous"], c["quantity_unit"], c["quantity_qualifier"]) == (
        20000.0, 12000.0, "troops", "exact")
    assert (c["date_text"], c["date_start"], c["date_end"], c["date_granularity"]) == (
        "since July", date(2014, 7, 1), date(2014, 8, 7), "range")
    assert (c["attributed_to"], c["attribution_text"]) == ("Reuters", "Reuters has learned")
    assert c["place_text"] == "the border with Ukraine"
    assert c["modality"] == "asserted"


@pytest.mark.parametrize("speaker, country, sector, attributed_to", [
    ("Oana Lungescu", None, "IGO", None),
    ("Chuck Hagel", "USA", "GOV", None),
    ("Anders Fogh Rasmussen", None, "IGO", None),
    ("a U.S. defense official", "USA", "MIL", "New York Times"),
])
def test_statements(claims, speaker, country, sector, attributed_to):
    found = [c for c in claims if c["event_type"] == "statement" and c["speaker"] == speaker]
    assert found, f"no statement by {speaker}"
    c = found[0]
    assert (c["actor1_country"], c["actor1_sector"], c["attributed_to"]) == (country, sector, attributed_to)


def test_shoigu_speech_reported_by_the_telegraph(claims):
    c = _one(claims, event_type="statement", trigger="spoke")
    assert (c["speaker"], c["actor1_country"], c["attributed_to"]) == ("Sergei Shoigu", "RUS", "The Telegraph")
    assert (c["date_start"], c["date_end"]) == (date(2014, 8, 6), date(2014, 8, 6))


def test_moscow_request_to_the_security_council(claims):
    c = _one(claims, event_type="request", actor1_text="Moscow")
    assert (c["actor1_name"], c["actor1_country"]) == ("Russia", "RUS")
    assert c["actor2_name"] == "UN Security Council"
    assert (c["date_text"], c["date_start"], c["date_end"]) == ("Wednesday", date(2014, 8, 6), date(2014, 8, 6))
    assert c["plover_type"] == "DEMAND"


def test_rasmussen_urges_russia(claims):
    c = _one(claims, event_type="request", actor1_text="He")
    assert (c["actor1_name"], c["actor2_name"], c["actor2_country"]) == ("Anders Fogh Rasmussen", "Russia", "RUS")
    assert "not to wage a war under the pretext of peacekeeping" in c["evidence_text"]
    assert c["modality"] == "asserted"  # the negation belongs to what is requested


def test_planned_talks_in_wales(claims):
    c = _one(claims, event_type="meeting", modality="planned")
    assert c["trigger"] == "hold talks"
    assert (c["date_text"], c["date_start"], c["date_end"], c["date_granularity"]) == (
        "next month", date(2014, 9, 1), date(2014, 9, 30), "month")
    assert c["place_text"] == "Wales"
    assert c["plover_type"] == "AGREE"  # PLOVER codes an intention to meet as AGREE


def test_june_agreement(claims):
    c = _one(claims, event_type="agreement")
    assert (c["actor1_name"], c["trigger"], c["modality"]) == ("NATO", "agreed", "asserted")
    assert (c["date_text"], c["date_start"], c["date_end"], c["date_granularity"]) == (
        "June", date(2014, 6, 1), date(2014, 6, 30), "month")


def test_hypothetical_trust_fund(claims):
    c = _one(claims, event_type="aid")
    assert c["evidence_text"].startswith("If approved, this will be the fifth fund")
    assert (c["actor1_name"], c["actor2_name"], c["modality"]) == ("NATO", "Ukraine", "hypothetical")
    assert (c["date_start"], c["date_method"]) == (None, "none")


def test_peacekeeping_drills_in_central_russia(claims):
    c = _one(claims, event_type="military_exercise")
    assert (c["actor1_name"], c["actor1_country"], c["actor1_sector"]) == ("Russia", "RUS", "MIL")
    assert (c["date_text"], c["date_start"]) == ("Wednesday", date(2014, 8, 6))
    assert c["place_text"] == "central Russia"
    assert c["attributed_to"] == "The Telegraph"


def test_statement_without_date_falls_back_to_publication(claims):
    c = _one(claims, event_type="statement", speaker="Chuck Hagel")
    assert (c["date_start"], c["date_end"], c["date_granularity"], c["date_method"]) == (
        date(2014, 8, 7), date(2014, 8, 7), "day", "publication_fallback")


def test_claim_ids_are_stable_and_unique(claims):
    ids = [c["claim_id"] for c in claims]
    assert len(set(ids)) == len(ids) and all(len(i) == 16 for i in ids)
