"""The frozen dev/test splits (benchmarks/splits/) are what make_splits.py's seed and method give.

A split file edited by hand, a corpus changed under a split, or a test side that leaks tuned
articles would make every test figure meaningless; these checks catch all three.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import _common
import make_splits


def frozen(name: str) -> dict:
    return json.loads((_common.SPLITS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def test_claims_split_is_reproducible_and_holds_out_only_new_articles():
    split = frozen("claims_gold")
    assert make_splits.same_split(split, make_splits.build("claims_gold", Path("/nonexistent")))
    assert not set(split["test"]) & make_splits.TUNED_ARTICLES
    assert make_splits.TUNED_ARTICLES <= set(split["dev"])
    assert len(split["test"]) * 3 >= len(split["dev"]) + len(split["test"])
    assert not set(split["dev"]) & set(split["test"])


@pytest.mark.parametrize("name, size, folder", [("plover_gsr_dev", 161, "events"), ("event_location_gold", 496, "events"),
                                               ("lgl", 588, "geo"), ("geowebnews", 200, "geo")])
def test_shared_corpus_splits_are_reproducible_halves(name, size, folder, shared):
    if not (shared / "benchmarks" / folder).is_dir():
        pytest.skip("shared benchmark data not found")
    split = frozen(name)
    assert make_splits.same_split(split, make_splits.build(name, shared))
    assert len(split["dev"]) + len(split["test"]) == size and len(split["test"]) == size // 2


def test_every_split_records_its_seed_and_method():
    for name in make_splits.SPLITS:
        split = frozen(name)
        assert split["seed"] == make_splits.SEED and split["method"] == make_splits.METHOD and split["frozen"]


def test_a_frozen_split_is_not_overwritten(tmp_path, monkeypatch, capsys):
    path = tmp_path / "claims_gold.json"
    path.write_text('{"frozen": "by hand"}', encoding="utf-8")
    monkeypatch.setattr(make_splits, "SPLITS_DIR", tmp_path)
    assert make_splits.main(["--data", str(tmp_path / "no_shared_data")]) == 0
    assert path.read_text(encoding="utf-8") == '{"frozen": "by hand"}'
    assert "exists and is frozen" in capsys.readouterr().out


def test_event_location_units_carry_a_text_digest():
    assert make_splits.text_key(3, "abc") == [3, "a9993e364706"]
