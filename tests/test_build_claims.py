"""Whole builds with claim extraction: every table validated, evidence offsets exact, identical
tables whatever the engine, and the opt-in online geocoder consulted only for unresolved places."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from eventbuilder.build import build
from eventbuilder.options import BuildOptions
from eventbuilder.store import validate_version
from helpers import ARTICLE_A, ARTICLE_B


@pytest.fixture(scope="module")
def raw(tmp_path_factory, shared):
    folder = tmp_path_factory.mktemp("raw")
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "a.meta.json").write_text('{"published": "2015-02-12"}', encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "b.meta.json").write_text('{"published": "2015-02-05"}', encoding="utf-8")
    shutil.copy(shared / "seeds" / "000_fc1be701003c547e.txt", folder / "seed.txt")
    (folder / "seed.meta.json").write_text('{"published": "2014-08-07"}', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial_build(raw, tmp_path_factory, nlp):
    return build(raw, tmp_path_factory.mktemp("out"), BuildOptions(engine="serial"))


def test_claims_and_places_tables_are_written_and_valid(serial_build):
    path = serial_build.version.path
    assert validate_version(serial_build.version.name, path.parent).ok
    claims = pd.read_parquet(path / "claims.parquet")
    places = pd.read_parquet(path / "places.parquet")
    documents = pd.read_parquet(path / "documents.parquet").set_index("doc_id")
    assert serial_build.counts["claims"] == len(claims) > 20 and len(places) > 10
    for claim in claims.itertuples():
        assert documents.loc[claim.doc_id, "text"][claim.char_start:claim.char_end] == claim.evidence_text
    for mention in places.itertuples():
        assert documents.loc[mention.doc_id, "text"][mention.char_start:mention.char_end] == mention.text
    assert set(claims["date_method"]) <= {"explicit", "relative", "anchored", "publication_fallback", "none"}
    assert claims.loc[claims["date_method"] != "none", "date_start"].notna().all()


def test_manifest_credits_geonames(serial_build):
    attribution = serial_build.version.manifest["attribution"]
    assert "GeoNames" in attribution["geonames"] and "CC BY 4.0" in attribution["geonames"]


def test_process_pool_and_dask_give_identical_tables(raw, serial_build, tmp_path):
    hashes = {t: e["sha256"] for t, e in serial_build.version.manifest["tables"].items()}
    pooled = build(raw, tmp_path / "pool", BuildOptions(engine="process", workers=2))
    assert {t: e["sha256"] for t, e in pooled.version.manifest["tables"].items()} == hashes


def test_dask_engine_on_an_existing_scheduler_gives_identical_tables(raw, serial_build, tmp_path):
    # a LocalCluster started here stands for a cluster's scheduler (--dask-address); ~30 s
    from dask.distributed import LocalCluster

    hashes = {t: e["sha256"] for t, e in serial_build.version.manifest["tables"].items()}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = build(raw, tmp_path / "dask", BuildOptions(engine="dask", workers=2,
                                                                  dask_address=cluster.scheduler_address))
    assert {t: e["sha256"] for t, e in distributed.version.manifest["tables"].items()} == hashes


def test_rebuild_is_identical(raw, serial_build, tmp_path):
    again = build(raw, tmp_path / "again", BuildOptions(engine="serial"))
    assert {t: e["sha256"] for t, e in again.version.manifest["tables"].items()} == {
        t: e["sha256"] for t, e in serial_build.version.manifest["tables"].items()}


class _CannedGeocoder:
    """Stands in for an online geopy geocoder: canned answers, and a record of what was asked."""

    def __init__(self):
        self.asked = []

    def geocode(self, query, exactly_one=True):
        from geopy.location import Location

        self.asked.append(query)
        raw = {"place_id": "osm:123", "name": "Zhanaozen", "country": "KAZ", "admin1": "Mangystau",
               "feature_class": "P", "feature_code": "PPL", "population": 0, "precision": "city", "centroid": False}
        return Location("Zhanaozen, Kazakhstan", (43.34, 52.86), raw)


def test_online_geocoder_is_asked_only_for_unresolved_place_phrases(nlp):
    from eventbuilder.analyse import parse
    from eventbuilder.extract.claims import extract_claims
    from eventbuilder.resolve.claim_places import locate_claims
    from eventbuilder.resolve.places import geoparse

    text = "Protesters rallied in Xqztown on Sunday. Troops were deployed in Minsk."
    doc = parse(text, BuildOptions().nlp_model)
    claims = extract_claims(doc, "d1")
    geocoder = _CannedGeocoder()
    locate_claims(claims, doc, geoparse(text, doc), None, geocoder=geocoder)
    by_trigger = {c.trigger: c for c in claims}
    assert geocoder.asked == ["Xqztown"]
    assert by_trigger["rallied"].place_mention.place.name == "Zhanaozen"
    assert by_trigger["deployed"].place_mention.place.name == "Minsk"


def test_unknown_place_name_is_marked_as_the_documents_place_not_the_sentences(nlp):
    from eventbuilder.analyse import parse
    from eventbuilder.extract.claims import extract_claims
    from eventbuilder.resolve.claim_places import locate_claims
    from eventbuilder.resolve.places import geoparse

    text = "Protesters rallied in Xqztown on Sunday. Troops were deployed in Minsk."
    doc = parse(text, BuildOptions().nlp_model)
    claims = extract_claims(doc, "d1")
    locate_claims(claims, doc, geoparse(text, doc), None)
    rallied = next(c for c in claims if c.trigger == "rallied")
    assert (rallied.place_mention.text, rallied.place_mention.place.name, rallied.geo_method) == (
        "Xqztown", "Minsk", "document")
