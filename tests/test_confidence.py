"""Calibrated claim confidence (issue 12): the table is fitted on the dev side and kept current."""
import sys
from pathlib import Path

from eventbuilder.api import extract_text
from eventbuilder.extract.confidence import calibrated, smoothed_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def test_smoothing_shrinks_small_cells_towards_their_rule_score():
    outcomes = [(0.9, "statement", True)] * 8 + [(0.9, "statement", False)] * 2 + [(0.9, "attack", False)] * 2
    table = smoothed_table(outcomes, strength=10.0)
    assert table["overall"] == round(8 / 12, 3)
    assert table["by_rule"]["0.9"] == round((8 + 10 * 8 / 12) / 22, 3)
    assert table["by_rule_and_type"]["0.9|attack"] == round((0 + 10 * table["by_rule"]["0.9"]) / 12, 3)
    assert table["counts"] == {"0.9|attack": 2, "0.9|statement": 10}


def test_an_unseen_type_falls_back_to_its_rule_score():
    assert calibrated(0.9, "no-such-type") == calibrated(0.9, "no-such-type-either")


def test_rows_carry_the_rule_score_and_its_calibration(nlp):
    row, = [r for r in extract_text("Russia deployed 20,000 troops to the border on Monday.", "2014-08-07")
            if r["event_type"] == "troop_deployment"]
    assert row["confidence_rule"] == 0.9
    assert row["confidence"] == calibrated(0.9, "troop_deployment")


def test_the_calibration_table_is_current(nlp):
    import calibrate_confidence

    assert calibrate_confidence.main(["--check"]) == 0, "extraction changed: run benchmarks/calibrate_confidence.py"
