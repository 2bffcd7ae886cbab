"""Event type and actor coding on the PLOVER gold-standard sentences (events/plover_gsr_dev.json).

    .venv/bin/python benchmarks/plover.py [--data DIR] [--extractor module:function]
                                          [--split both|dev|test|all] [--json PATH]

``--data`` is the shared folder (holding ``benchmarks/events/``), its ``benchmarks`` or ``events``
subfolder, or the JSON file itself; it defaults to ``$EVENTBUILDER_SHARED`` or ``<repo>/../shared``.

Each record is one wire sentence coded with one PLOVER event. The extractor runs on the sentence
(``published=None``: the records' date field is a placeholder) and ONE predicted claim is picked
for the gold event: among the claims whose trigger shares a word with an ``(EVT: ...)`` phrase of
the markup, else among those whose evidence span covers an EVT phrase, else among all claims, the
one with the highest confidence (first on ties). A record without any claim scores as wrong.

Figures: ``plover_type`` accuracy; ``event_type`` accuracy under ``PLOVER_TO_EVENT_TYPE``; source
country accuracy (predicted ``actor1_country`` in the gold source codes; the gold code "IGO",
which PLOVER uses for intergovernmental organisations, is matched by a predicted
``actor1_sector`` of "IGO", since eventbuilder gives IGOs no country); target country accuracy the
same way with ``actor2``; records without a gold source (target) are left out of that figure;
a confusion table of plover types; coverage (share of records with any claim).

Splits (``benchmarks/splits/plover_gsr_dev.json``, frozen by ``make_splits.py``): ``--split both``
(the default) runs the extractor once and prints dev, test and all side by side; ``--split
dev|test|all`` prints the full report of one side. Per-record outcomes (``records_detail``) are
never written for the test side.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find _common beside it

from _common import (
    DEFAULT_EXTRACTOR,
    SPLIT_CHOICES,
    Extractor,
    GoldDataError,
    as_number,
    as_text,
    check_split_covers,
    load_extractor,
    load_split,
    locate_evidence,
    ratio,
    run_report,
    shared_dir,
    side_by_side,
    stems,
)
from eventbuilder.errors import EventbuilderError

DATA_FILE = "plover_gsr_dev.json"
# PLOVER event classes -> eventbuilder's event_type (the lead's mapping, used by every figure).
# Where PLOVER is finer than our 15 types the nearest one is used: cooperation -> agreement,
# (verbal) support -> statement, retreat -> concession, coercion (arrests, curfews, repression)
# -> sanction.
PLOVER_TO_EVENT_TYPE = {
    "AGREE": "agreement",
    "COOPERATE": "agreement",
    "CONSULT": "meeting",
    "SUPPORT": "statement",
    "CONCEDE": "concession",
    "RETREAT": "concession",
    "AID": "aid",
    "DEMAND": "request",
    "REQUEST": "request",
    "DISAPPROVE": "accusation",
    "ACCUSE": "accusation",
    "REJECT": "rejection",
    "THREATEN": "threat",
    "PROTEST": "protest",
    "SANCTION": "sanction",
    "COERCE": "sanction",
    "FIGHT": "attack",
    "ASSAULT": "attack",
    "MOBILIZE": "troop_deployment",
    "INVESTIGATE": "investigation",
}
IGO_CODE = "IGO"
NO_CLAIM = "NONE"
TARGET_PLOVER_ACCURACY = 0.70
TARGET_SOURCE_ACCURACY = 0.80
# "(EVT: agreed)"; the markup sometimes closes with "}" instead of ")" ("(EVT: has sent}").
EVT_PATTERN = re.compile(r"\(EVT:\s*([^)}]*)[)}]")


@dataclass(frozen=True)
class PloverRecord:
    record_id: str
    event: str
    text: str
    evt_phrases: tuple[str, ...]
    source_codes: frozenset[str]
    target_codes: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """What the extractor predicted for one record (NO_CLAIM when it produced no claim)."""

    record: PloverRecord
    claims: int
    picked_by: str  # trigger | evidence | confidence | none
    plover_type: str
    event_type: str | None
    source_country: str | None
    source_sector: str | None
    target_country: str | None
    target_sector: str | None
    failure: str | None = None


# ---------------------------------------------------------------- loading


def resolve_data_file(data: str | None) -> Path:
    """The PLOVER file from --data (shared folder, benchmarks/ or events/ folder, or the file)."""
    root = shared_dir(data)
    for candidate in (root, root / DATA_FILE, root / "events" / DATA_FILE, root / "benchmarks" / "events" / DATA_FILE):
        if candidate.is_file():
            return candidate
    raise GoldDataError(f"{DATA_FILE} not found under {root} (give the shared folder with --data)")


def actor_codes(value: Any) -> frozenset[str]:
    """The country codes of a PLOVER source/target field (a list of actor dicts; else no codes)."""
    if not isinstance(value, list):
        return frozenset()
    return frozenset(a["code"].strip().upper() for a in value if isinstance(a, dict) and a.get("code"))


def markup_of(record: dict[str, Any]) -> str:
    info = record.get("textInfo")
    return info.get("markup", "") if isinstance(info, dict) else ""


def parse_record(record: dict[str, Any]) -> PloverRecord:
    phrases = tuple(p.strip() for p in EVT_PATTERN.findall(markup_of(record)) if p.strip())
    return PloverRecord(
        record_id=record["id"], event=record["event"].upper(), text=record["text"], evt_phrases=phrases,
        source_codes=actor_codes(record.get("source")), target_codes=actor_codes(record.get("target")),
    )


def load_records(path: Path) -> list[PloverRecord]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldDataError(f"{path}: invalid JSON ({exc.msg})") from exc
    return [parse_record(record) for record in raw]


# ---------------------------------------------------------------- picking the claim


def evt_spans(record: PloverRecord) -> list[tuple[int, int]]:
    """Where the EVT phrases occur in the sentence (case-insensitive; unfound phrases are skipped)."""
    lowered = record.text.casefold()
    spans = []
    for phrase in record.evt_phrases:
        position = lowered.find(phrase.casefold())
        if position >= 0:
            spans.append((position, position + len(phrase)))
    return spans


def pick_claim(record: PloverRecord, rows: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    """The predicted claim standing for the gold event, and how it was chosen."""
    if not rows:
        return None, "none"
    evt_words = set().union(*(stems(p) for p in record.evt_phrases)) if record.evt_phrases else set()
    spans = evt_spans(record)

    def priority(row: dict[str, Any]) -> int:
        if evt_words & stems(row.get("trigger")):
            return 2
        start, end = locate_evidence(record.text, row)
        return 1 if any(start < span_end and span_start < end for span_start, span_end in spans) else 0

    ranked = [(priority(row), as_number(row.get("confidence")) or 0.0, -index) for index, row in enumerate(rows)]
    best = max(range(len(rows)), key=lambda i: ranked[i])
    return rows[best], ("confidence", "evidence", "trigger")[ranked[best][0]]


def outcome_for(record: PloverRecord, rows: list[dict[str, Any]]) -> Outcome:
    row, picked_by = pick_claim(record, rows)
    if row is None:
        return Outcome(record, 0, picked_by, NO_CLAIM, None, None, None, None, None)
    return Outcome(
        record, len(rows), picked_by, (as_text(row.get("plover_type")) or NO_CLAIM).upper(), row.get("event_type"),
        row.get("actor1_country"), row.get("actor1_sector"), row.get("actor2_country"), row.get("actor2_sector"),
    )


def run(extract: Extractor, records: list[PloverRecord]) -> list[Outcome]:
    """The outcome of every record; a record eventbuilder refuses (its own error) has no claim."""
    outcomes = []
    for record in records:
        try:
            rows = [dict(row) for row in extract(record.text, None)]
        except EventbuilderError as exc:
            outcomes.append(Outcome(record, 0, "none", NO_CLAIM, None, None, None, None, None,
                                    failure=f"{type(exc).__name__}: {exc}"))
            continue
        outcomes.append(outcome_for(record, rows))
    return outcomes


# ---------------------------------------------------------------- scoring


def code_agrees(codes: frozenset[str], country: str | None, sector: str | None) -> bool:
    """A predicted (country, sector) is one of the gold codes; gold "IGO" matches sector IGO."""
    if (as_text(country) or "").upper() in codes:
        return True
    return IGO_CODE in codes and (as_text(sector) or "").upper() == IGO_CODE


def confusion(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for outcome in outcomes:
        table.setdefault(outcome.record.event, Counter())[outcome.plover_type] += 1
    return {gold: dict(sorted(row.items())) for gold, row in sorted(table.items())}


def score(outcomes: list[Outcome]) -> dict[str, Any]:
    with_source = [o for o in outcomes if o.record.source_codes]
    with_target = [o for o in outcomes if o.record.target_codes]
    return {
        "records": len(outcomes),
        "coverage": ratio(sum(o.claims > 0 for o in outcomes), len(outcomes)),
        "plover_type": ratio(sum(o.plover_type == o.record.event for o in outcomes), len(outcomes)),
        "event_type": ratio(sum(o.event_type == PLOVER_TO_EVENT_TYPE.get(o.record.event) for o in outcomes),
                            len(outcomes)),
        "source_country": ratio(sum(code_agrees(o.record.source_codes, o.source_country, o.source_sector)
                                    for o in with_source), len(with_source)),
        "target_country": ratio(sum(code_agrees(o.record.target_codes, o.target_country, o.target_sector)
                                    for o in with_target), len(with_target)),
        "picked_by": dict(Counter(o.picked_by for o in outcomes).most_common()),
        "confusion": confusion(outcomes),
        "failures": {o.record.record_id: o.failure for o in outcomes if o.failure},
        "targets": {"plover_type": TARGET_PLOVER_ACCURACY, "source_country": TARGET_SOURCE_ACCURACY},
        "mapping": PLOVER_TO_EVENT_TYPE,
        "records_detail": [
            {"id": o.record.record_id, "gold": o.record.event, "predicted": o.plover_type,
             "event_type": o.event_type, "picked_by": o.picked_by, "source": o.source_country,
             "target": o.target_country}
            for o in outcomes
        ],
    }


def evaluate(extract: Extractor, data: str | None = None) -> dict[str, Any]:
    """Run ``extract`` over the PLOVER records and score it; the library entry point of this script."""
    return score(run(extract, load_records(resolve_data_file(data))))


def score_side(outcomes: list[Outcome], ids: set[str] | None, side: str) -> dict[str, Any]:
    """The figures of one side of the split (all records when ``ids`` is None)."""
    report = score([o for o in outcomes if ids is None or o.record.record_id in ids])
    if side != "dev":  # the test side, and "all" which contains it: aggregate figures only
        report.pop("records_detail")
    report["split_side"] = side
    return report


def evaluate_splits(extract: Extractor, data: str | None = None, split_file: str | None = None,
                    sides: tuple[str, ...] = ("dev", "test", "all")) -> dict[str, Any]:
    """One run over every record, scored on the requested sides of the frozen split."""
    split = load_split("plover_gsr_dev", split_file)
    records = load_records(resolve_data_file(data))
    check_split_covers(split, [r.record_id for r in records], "PLOVER records")
    wanted = [r for r in records if "all" in sides or any(r.record_id in split[s] for s in sides)]
    outcomes = run(extract, wanted)
    reports = {side: score_side(outcomes, None if side == "all" else set(split[side]), side) for side in sides}
    return {"splits": reports, "split": {"seed": split["seed"], "method": split["method"]}}


# ---------------------------------------------------------------- report


def column_labels(columns: list[str]) -> dict[str, str]:
    """Short column labels (the first 5 letters) unless two types would then look the same."""
    short = {c: c[:5] for c in columns}
    return short if len(set(short.values())) == len(short) else {c: c for c in columns}


def format_confusion(table: dict[str, dict[str, int]]) -> str:
    """Gold PLOVER types as rows, predicted ones as columns (NONE = no claim or no plover_type)."""
    columns = sorted({predicted for row in table.values() for predicted in row})
    labels = column_labels(columns)
    width = max(len(label) for label in labels.values())
    corner = "gold \\ predicted"
    lines = [f"{corner:<16}" + "".join(f" {labels[c]:>{width}}" for c in columns)]
    for gold, row in table.items():
        lines.append(f"{gold:<16}" + "".join(f" {row.get(c, 0) or '.':>{width}}" for c in columns))
    return "\n".join(lines)


def format_accuracy(label: str, figures: dict[str, Any], target: float | None = None) -> str:
    text = f"{label:<26} {figures['accuracy']:.3f}  ({figures['correct']}/{figures['total']})"
    if target is None:
        return text
    return f"{text}   target >= {target:.2f}: {'meets' if figures['accuracy'] >= target else 'below'}"


def format_report(report: dict[str, Any], extractor: str) -> str:
    side = f" ({report['split_side']} split)" if report.get("split_side") else ""
    lines = [f"PLOVER GSR sample{side}: {report['records']} records; extractor {extractor}", ""]
    lines.append(format_accuracy("coverage (any claim)", report["coverage"]))
    lines.append(format_accuracy("plover_type accuracy", report["plover_type"], TARGET_PLOVER_ACCURACY))
    lines.append(format_accuracy("event_type accuracy", report["event_type"]))
    lines.append(format_accuracy("source country accuracy", report["source_country"], TARGET_SOURCE_ACCURACY))
    lines.append(format_accuracy("target country accuracy", report["target_country"]))
    lines.append("claim picked by: " + ", ".join(f"{k} {v}" for k, v in report["picked_by"].items()))
    lines += ["", "confusion of plover_type:", format_confusion(report["confusion"])]
    for record_id, reason in report["failures"].items():
        lines.append(f"extractor refused {record_id}: {reason}")
    return "\n".join(lines)


def format_splits(result: dict[str, Any], extractor: str) -> str:
    """Dev, test and all side by side (the default report)."""
    reports = result["splits"]
    sides = tuple(reports)

    def cell(figures: dict[str, Any]) -> str:
        return f"{figures['accuracy']:.3f} ({figures['correct']}/{figures['total']})"

    rows = [(label, {s: cell(reports[s][key]) for s in sides}) for label, key in (
        ("coverage (any claim)", "coverage"), ("plover_type accuracy", "plover_type"),
        ("event_type accuracy", "event_type"), ("source country accuracy", "source_country"),
        ("target country accuracy", "target_country"))]
    header = ", ".join(f"{s} {reports[s]['records']} records" for s in sides)
    lines = [f"PLOVER GSR, frozen split (seed {result['split']['seed']}): {header}; extractor {extractor}", "",
             side_by_side(rows, sides),
             f"targets: plover_type >= {TARGET_PLOVER_ACCURACY:.2f}, source country >= {TARGET_SOURCE_ACCURACY:.2f}"]
    for side in sides:
        for record_id, reason in reports[side]["failures"].items():
            lines.append(f"extractor refused {record_id} ({side}): {reason}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (default: $EVENTBUILDER_SHARED or ../shared)")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function to evaluate")
    parser.add_argument("--json", metavar="PATH", help="write all figures to this JSON file")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="both",
                        help="both (default: dev, test and all side by side), dev, test or all")
    parser.add_argument("--splits", metavar="PATH", help="split file (default benchmarks/splits/plover_gsr_dev.json)")
    args = parser.parse_args(argv)
    if args.split == "both":
        return run_report(lambda: evaluate_splits(load_extractor(args.extractor), args.data, args.splits),
                          args.extractor, format_splits, args.json)
    if args.split == "all":  # per-record outcomes would show the test side's errors: left out
        return run_report(lambda: {k: v for k, v in evaluate(load_extractor(args.extractor), args.data).items()
                                   if k != "records_detail"}, args.extractor, format_report, args.json)
    return run_report(
        lambda: evaluate_splits(load_extractor(args.extractor), args.data, args.splits, (args.split,))["splits"][args.split],
        args.extractor, format_report, args.json)


if __name__ == "__main__":
    sys.exit(main())
