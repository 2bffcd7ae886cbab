"""Events as the views read them: the link stage's table when a version has it, else one
provisional event per claim with the same columns."""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventbuilder.errors import StoreError
from eventbuilder.schemas import load_schema
from eventbuilder.view.events import EVENT_COLUMNS, conform_events, load_events, provisional_events, read_events

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synthetic_events


def _claim(**changes):
    row = {c.name: None for c in load_schema("claims").columns}
    row.update(claim_id="c1", doc_id="d1", sentence_index=0, char_start=0, char_end=30,
               evidence_text="Russia massed 20,000 troops.", event_type="troop_deployment", trigger="massed",
               actor1_name="Russia", actor1_id="RUS", actor1_country="RUS", participants=[], modality="asserted",
               quantity_value=20000.0, quantity_unit="troops", date_start=date(2014, 8, 6), date_end=date(2014, 8, 6),
               date_granularity="day", date_method="relative", place_name="Ukraine", latitude=49.0, longitude=32.0,
               place_country="UKR", geo_precision="country", geo_centroid=True, geo_method="sentence",
               confidence=0.9, extractor="rules/verb@1")
    row.update(changes)
    return row


def _claims(*rows, relevant=None):
    table = pa.Table.from_pylist(list(rows), schema=load_schema("claims").arrow_schema())
    if relevant is not None:
        table = table.append_column("relevant", pa.array(relevant, pa.bool_()))
    return table


DOCUMENTS = pa.table({"doc_id": ["d1"], "published_at": pa.array([datetime(2014, 8, 7, tzinfo=UTC)],
                                                                   pa.timestamp("us", tz="UTC"))})


def test_one_provisional_event_per_claim():
    events = provisional_events(_claims(_claim(), _claim(claim_id="c2", modality="negated", quantity_value=None,
                                                         quantity_low=3000.0, quantity_high=5000.0)), DOCUMENTS)
    assert events.schema.equals(EVENT_COLUMNS)
    first, second = events.to_pylist()
    assert first["event_id"] == "ev-" + hashlib.sha256(b"provisional:c1").hexdigest()[:12]
    assert (first["event_type"], first["event_types"], first["status"], first["claim_ids"], first["summary"]) == (
        "troop_deployment", ["troop_deployment"], "happened", ["c1"], "Russia massed 20,000 troops.")
    assert (first["quantity_value"], first["quantity_min"], first["quantity_max"]) == (20000.0, 20000.0, 20000.0)
    assert (first["n_claims"], first["n_sources"], first["disagreements"], first["relevant"]) == (1, 1, [], True)
    assert first["first_reported_at"] == datetime(2014, 8, 7, tzinfo=UTC)
    assert (second["status"], second["quantity_min"], second["quantity_max"]) == ("denied", 3000.0, 5000.0)
    again = provisional_events(_claims(_claim()), DOCUMENTS)
    assert again.column("event_id").to_pylist() == [first["event_id"]]  # stable: a hash of the claim id


def test_provisional_events_take_relevance_from_claims():
    events = provisional_events(_claims(_claim(), _claim(claim_id="c2"), relevant=[True, False]), DOCUMENTS)
    assert events.column("relevant").to_pylist() == [True, False]


def test_an_events_table_is_read_as_the_contract_says():
    table = synthetic_events.synthetic_tables(3)["events"]
    extra = table.append_column("link_version", pa.array(["link/1"] * 3))
    assert conform_events(extra).equals(table.select(EVENT_COLUMNS.names).cast(EVENT_COLUMNS))
    without_relevance = table.drop_columns(["relevant"])
    assert conform_events(without_relevance).column("relevant").to_pylist() == [True] * 3
    short = conform_events(table.drop_columns(["summary", "announced_first"]))
    assert short.schema.equals(EVENT_COLUMNS) and short.column("summary").null_count == 3
    with pytest.raises(StoreError, match=r"lacks the columns \['claim_ids', 'event_id'\] that the report needs"):
        conform_events(table.drop_columns(["event_id", "claim_ids"]))
    wider = table.set_column(table.schema.get_field_index("n_sources"), "n_sources",
                             table.column("n_sources").cast(pa.int64()))
    assert conform_events(wider).schema.field("n_sources").type == pa.int32()


def test_read_events_prefers_the_events_table(tmp_path):
    info = synthetic_events.write_synthetic_version(tmp_path / "out", 5)
    events, source = read_events(info.path)
    assert (source, events.num_rows) == ("events", 5)
    linked = pq.read_table(info.path / "events.parquet")
    pq.write_table(linked.append_column("link_note", pa.array(["x"] * 5)).drop_columns(["relevant"]),
                   info.path / "events.parquet")
    frame = load_events(root=tmp_path / "out")  # every column the link stage wrote
    assert list(frame.columns) == [n for n in linked.schema.names if n != "relevant"] + ["link_note", "relevant"]
    assert frame.attrs["events_source"] == "events" and frame["relevant"].all()
    (info.path / "events.parquet").unlink()
    events, source = read_events(info.path)
    claims = pq.read_table(info.path / "claims.parquet")
    assert (source, events.num_rows) == ("provisional", claims.num_rows)
    frame = load_events(root=tmp_path / "out")
    assert frame.attrs["events_source"] == "provisional" and list(frame.columns) == EVENT_COLUMNS.names
    assert str(frame["date_start"].dtype).startswith("datetime64")


def test_synthetic_tables_keep_the_evidence_invariant():
    tables = synthetic_events.synthetic_tables(40, hostile=True)
    texts = dict(zip(tables["documents"].column("doc_id").to_pylist(), tables["documents"].column("text").to_pylist()))
    for claim in tables["claims"].to_pylist():
        assert texts[claim["doc_id"]][claim["char_start"]:claim["char_end"]] == claim["evidence_text"]
    events = tables["events"].to_pylist()
    assert sum(e["n_claims"] for e in events) == tables["claims"].num_rows
    assert any("quantity" in e["disagreements"] for e in events)


def test_synthetic_rows_fill_columns_declared_later():
    # a column another stage declares later: null when nullable, else a placeholder of its type
    row = synthetic_events._fill("rejects", {"source_path": "a.txt", "line": None})
    assert row == {"source_path": "a.txt", "line": None, "reason": "unsupported_type", "message": "",
                   "duplicate_of": None}
