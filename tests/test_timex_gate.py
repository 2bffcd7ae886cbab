"""Quality gate: TempEval-3 scores on a pinned TBAQ sample must not drop below their floors.

The sample is the first 20 AQUAINT documents by name; a digest of their bytes detects a changed
corpus (then re-measure and re-pin). Floors sit a little below what was measured when pinned
(relaxed F1 0.924, strict F1 0.857, value accuracy 0.764, type accuracy 0.964; the whole
corpus is measured by ``benchmarks/tempeval.py``, see ``benchmarks/notes/dates.md``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eventbuilder.resolve.dates import find_timexes
from eventbuilder.resolve.dates.scoring import Scores, metrics, read_timeml, score_document

SAMPLE_SIZE = 20
SAMPLE_SHA256 = "a7c552d2b6eb15fe4983caa40e30b70c8efebbdd44c4324592f8033925869ab4"
FLOORS = {"relaxed_f1": 0.90, "strict_f1": 0.83, "value_accuracy": 0.72, "type_accuracy": 0.93}


@pytest.fixture(scope="module")
def sample(shared) -> list[Path]:
    folder = shared / "benchmarks" / "temporal" / "TBAQ-cleaned" / "AQUAINT"
    if not folder.is_dir():
        pytest.skip(f"TBAQ-cleaned corpus not found at {folder}")
    return sorted(folder.glob("*.tml"))[:SAMPLE_SIZE]


def test_sample_is_the_pinned_one(sample):
    digest = hashlib.sha256()
    for path in sample:
        digest.update(path.read_bytes())
    assert digest.hexdigest() == SAMPLE_SHA256, "the TBAQ sample changed: re-measure and re-pin the floors"


def test_scores_stay_above_floors(sample):
    total = Scores()
    for path in sample:
        document = read_timeml(path)
        total.add(score_document(document.timexes, find_timexes(document.text, document.dct)))
    measured = metrics(total.by_type["ALL"])
    assert measured["gold"] == 115
    below = {name: round(measured[name], 3) for name, floor in FLOORS.items() if measured[name] < floor}
    assert not below, f"below the floors {FLOORS}: {below}"


def test_gold_offsets_point_into_the_plain_text(sample):
    document = read_timeml(sample[0])
    assert document.name == "APW19980807.0261"
    assert str(document.dct) == "1998-08-07"
    assert [(g.text, g.type, g.value) for g in document.timexes] == [("Friday", "DATE", "1998-08-07")]
    for path in sample:
        document = read_timeml(path)
        assert all(document.text[g.start : g.end] == g.text for g in document.timexes)
        assert "<" not in document.text and "&amp;" not in document.text


def test_scoring_follows_tempeval3():
    from eventbuilder.model import Timex
    from eventbuilder.resolve.dates.scoring import GoldTimex

    gold = [GoldTimex(0, 14, "Friday morning", "TIME", "1998-08-07TMO"), GoldTimex(20, 29, "last week", "DATE", "1998-W31")]
    system = [
        Timex(0, 6, "Friday", "DATE", "1998-08-07"),  # relaxed match only, wrong type and value
        Timex(20, 29, "last week", "DATE", "1998-W31"),  # strict match, right value
        Timex(40, 45, "today", "DATE", "1998-08-07"),  # spurious
    ]
    m = metrics(score_document(gold, system).by_type["ALL"])
    assert (m["strict_precision"], m["strict_recall"]) == (1 / 3, 1 / 2)
    assert (m["relaxed_precision"], m["relaxed_recall"]) == (2 / 3, 1.0)
    assert (m["type_accuracy"], m["value_accuracy"]) == (0.5, 0.5)
    assert m["value_f1"] == pytest.approx(0.8 * 0.5)
