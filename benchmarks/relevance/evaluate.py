"""Relevance on the open web: the shared web pages, our page labels and our claim judgments.

    # build one split of ../shared/benchmarks/pages (HTML) and score it
    .venv/bin/python benchmarks/relevance/evaluate.py --split test --build /tmp/pages-test --workers 2 --json test.json
    # score an existing build of a split
    .venv/bin/python benchmarks/relevance/evaluate.py --split dev --root /tmp/pages-dev
    # list the sampled claims nobody has judged yet (evidence printed, for the annotator)
    .venv/bin/python benchmarks/relevance/evaluate.py --split dev --root /tmp/pages-dev --todo

Automatic measures (labels in ``labels.json``, split in ``split.json``):

- documents: ROC AUC of ``documents.relevance`` for political-or-partly against off pages, the
  reliability table (mean relevance against mean label, political 1 / partly 0.5 / off 0), and how
  many pages of each label reach the build's threshold;
- claims of the default view (``claims.relevant``) and of the whole table per page of each label,
  and the share of default-view claims that come from off-topic pages.

Judged measures (``judgments.jsonl``, one judged claim a line; see README.md): random samples of
claims drawn with fixed seeds from the build (``SAMPLES``), each judged by reading its sentence in
its page: is the event type right, would an event analyst code it (right type and a political
event worth a row), is each given actor right. A judgment is reused for the same ``claim_id`` only
while the claim's type and actors are unchanged; otherwise the claim is listed to judge again.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import print_report, shared_dir
from eventbuilder.relevance.classifier import MODEL_ENV

HERE = Path(__file__).resolve().parent
LABEL_VALUE = {"political": 1.0, "partly": 0.5, "off": 0.0}


@dataclass(frozen=True)
class Sample:
    """``size`` claims drawn with ``seed`` from the claims a filter keeps."""

    name: str
    size: int
    seed: int
    view: str  # view | political_events | all


SAMPLES = (
    Sample("view", 150, 11, "view"),
    Sample("political_events", 100, 12, "political_events"),
)


# ---------------------------------------------------------------- data


def read_split(name: str) -> list[str]:
    return json.loads((HERE / "split.json").read_text(encoding="utf-8"))[name]


def read_labels() -> dict[str, str]:
    return json.loads((HERE / "labels.json").read_text(encoding="utf-8"))


def read_judgments(path: Path = HERE / "judgments.jsonl") -> dict[str, dict[str, Any]]:
    """Judgments by claim id and by evidence key (so that they survive a change of ingest that
    changes documents' ids and offsets but not the sentence)."""
    judged: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                judged[record["claim_id"]] = record
                if record.get("evidence_key"):
                    judged.setdefault(record["evidence_key"], record)
    return judged


def evidence_key(page: str, claim: dict[str, Any]) -> str:
    """A hash of the page, the evidence sentence (whitespace folded), the trigger and the type: no
    page text is stored in the judgments."""
    sentence = " ".join(claim["evidence_text"].split())
    return hashlib.sha256(f"{page}\x1f{sentence}\x1f{claim['trigger']}\x1f{claim['event_type']}".encode()).hexdigest()[:16]


def build_split(split: str, shared: Path, out: Path, workers: int, threshold: float | None = None,
                folds: Path | None = None) -> Path:
    """Build the split's HTML pages into ``out`` with ``eventbuilder build`` (as a user would).

    With ``folds`` (written by ``python -m eventbuilder.relevance.train --folds DIR``), each fold's
    dev pages are built into ``out/fold-N`` with the model trained without them, so the dev figures
    are out of sample like the test figures."""
    pages = read_split(split)
    if folds is None:
        _build_pages(pages, shared, out, workers, threshold, {})
        return out
    assignment = json.loads((folds / "folds.json").read_text(encoding="utf-8"))
    for number in sorted(set(assignment.values())):
        chosen = [p for p in pages if assignment.get(p) == number]
        env = {MODEL_ENV: str((folds / f"fold-{number}.json").resolve())}
        _build_pages(chosen, shared, out / f"fold-{number}", workers, threshold, env)
    unassigned = [p for p in pages if p not in assignment]  # pages the training could not read (no text, not English)
    if unassigned:
        _build_pages(unassigned, shared, out / "unassigned", workers, threshold, {})
    return out


def _build_pages(pages: list[str], shared: Path, out: Path, workers: int, threshold: float | None,
                 env: dict[str, str]) -> None:
    source = shared / "benchmarks" / "pages"
    with tempfile.TemporaryDirectory() as raw:
        for page in pages:
            folder, file_id = page.split("/")
            target = Path(raw) / folder / f"{file_id}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.decompress((source / folder / "html" / f"{file_id}.html.gz").read_bytes()))
        command = [sys.executable, "-m", "eventbuilder", "build", raw, "--out", str(out), "--workers", str(workers)]
        if threshold is not None:
            command += ["--relevance-threshold", str(threshold)]
        subprocess.run(command, check=True, env={**os.environ, **env}, stdout=subprocess.DEVNULL)


def load_build(root: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Documents and every claim of the latest version (of each fold's build under ``root`` when it
    was built by folds), with each document's page id."""
    import pyarrow.parquet as pq

    from eventbuilder.store.versions import resolve_version

    roots = sorted(p for p in root.iterdir() if p.is_dir() and (p.name.startswith("fold-") or p.name == "unassigned")) \
        if root.is_dir() else []
    documents: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    thresholds = set()
    for one in roots or [root]:
        info = resolve_version(one, "latest")
        documents += pq.read_table(info.path / "documents.parquet").to_pylist()
        claims += pq.read_table(info.path / "claims.parquet").to_pylist()
        thresholds.add(float(info.manifest["options"].get("relevance_threshold", 0.5)))
    for document in documents:
        document["page"] = document["source_path"].rsplit(".", 1)[0]
    page_of = {d["doc_id"]: d["page"] for d in documents}
    for claim in claims:
        claim["page"] = page_of[claim["doc_id"]]
    if len(thresholds) != 1:
        raise SystemExit(f"error: the builds under {root} used different thresholds {sorted(thresholds)}")
    return documents, claims, thresholds.pop()


# ---------------------------------------------------------------- automatic measures


def document_measures(documents: list[dict[str, Any]], labels: dict[str, str], threshold: float) -> dict[str, Any]:
    from sklearn.metrics import roc_auc_score

    scored = [(LABEL_VALUE[labels[d["page"]]], d["relevance"]) for d in documents if d["relevance"] is not None]
    auc = roc_auc_score([v > 0 for v, _ in scored], [p for _, p in scored]) if scored else None
    table = []
    edges = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
    for low, high in zip(edges, edges[1:]):
        inside = [(v, p) for v, p in scored if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            table.append({"bin": f"{low:.1f}-{high:.1f}", "pages": len(inside),
                          "mean_relevance": round(sum(p for _, p in inside) / len(inside), 3),
                          "mean_label": round(sum(v for v, _ in inside) / len(inside), 3)})
    passing = Counter(labels[d["page"]] for d in documents if d["relevance"] is not None and d["relevance"] >= threshold)
    assessed = Counter(labels[d["page"]] for d in documents if d["relevance"] is not None)
    return {"assessed": dict(assessed), "auc_political_or_partly": None if auc is None else round(float(auc), 4),
            "reliability": table, "pages_at_threshold": dict(passing),
            "brier": round(sum((p - v) ** 2 for v, p in scored) / len(scored), 4) if scored else None}


def claim_measures(documents: list[dict[str, Any]], claims: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    label_of = {d["doc_id"]: labels[d["page"]] for d in documents}
    pages = Counter(labels[d["page"]] for d in documents)
    every = Counter(label_of[c["doc_id"]] for c in claims)
    view = [c for c in claims if c["relevant"]]
    shown = Counter(label_of[c["doc_id"]] for c in view)
    events = Counter(label_of[c["doc_id"]] for c in view if c["event_type"] != "statement")
    return {
        "pages": dict(pages),
        "claims_per_page_all": {k: round(every[k] / pages[k], 3) for k in pages},
        "claims_per_page_view": {k: round(shown[k] / pages[k], 3) for k in pages},
        "non_statement_claims_per_page_view": {k: round(events[k] / pages[k], 3) for k in pages},
        "claims_all": len(claims), "claims_view": len(view),
        "share_from_off_pages_all": round(every["off"] / len(claims), 3) if claims else None,
        "share_from_off_pages_view": round(shown["off"] / len(view), 3) if view else None,
    }


# ---------------------------------------------------------------- judged measures


def actor_key(claim: dict[str, Any], slot: str) -> str | None:
    """What an actor judgment was about: the canonical name (or the text) and the country."""
    if claim[f"{slot}_text"] is None and claim[f"{slot}_name"] is None:
        return None
    return f"{claim[f'{slot}_name'] or claim[f'{slot}_text']}|{claim[f'{slot}_country'] or ''}"


def sample(sample_spec: Sample, documents: list[dict[str, Any]], claims: list[dict[str, Any]],
           labels: dict[str, str]) -> list[dict[str, Any]]:
    label_of = {d["doc_id"]: labels[d["page"]] for d in documents}
    if sample_spec.view == "view":
        pool = [c for c in claims if c["relevant"]]
    elif sample_spec.view == "political_events":
        pool = [c for c in claims if c["relevant"] and c["event_type"] != "statement"
                and label_of[c["doc_id"]] == "political"]
    else:
        pool = list(claims)
    # Each claim's place in the sample is a hash of the seed and its id: a uniform random sample of
    # whatever the build holds, and one that keeps its members when a later build drops other
    # claims (so judgments are reused rather than redrawn).
    pool.sort(key=lambda c: hashlib.sha256(f"{sample_spec.seed}/{c['claim_id']}".encode()).hexdigest())
    return pool[: sample_spec.size]


def judgment_for(claim: dict[str, Any], judged: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    record = judged.get(claim["claim_id"]) or (judged.get(evidence_key(claim["page"], claim)) if "page" in claim else None)
    if record is None or record["event_type"] != claim["event_type"]:
        return None
    if record.get("actor1") != actor_key(claim, "actor1") or record.get("actor2") != actor_key(claim, "actor2"):
        return None
    return record


def judged_measures(claims: list[dict[str, Any]], judged: dict[str, dict[str, Any]]) -> dict[str, Any]:
    records = [judgment_for(c, judged) for c in claims]
    done = [(c, r) for c, r in zip(claims, records) if r is not None]
    if not done:
        return {"sampled": len(claims), "judged": 0}

    def share(pairs, key) -> float | None:
        return round(sum(bool(r[key]) for _, r in pairs) / len(pairs), 3) if pairs else None

    events = [(c, r) for c, r in done if c["event_type"] != "statement"]
    statements = [(c, r) for c, r in done if c["event_type"] == "statement"]
    actors = [r[k] for _, r in done for k in ("actor1_right", "actor2_right") if r.get(k) is not None]
    return {
        "sampled": len(claims), "judged": len(done),
        "right_type": share(done, "type_right"), "codeable": share(done, "codeable"),
        "right_type_non_statement": share(events, "type_right"), "non_statement": len(events),
        "right_type_statement": share(statements, "type_right"), "statements": len(statements),
        "actor_right_where_given": round(sum(actors) / len(actors), 3) if actors else None, "actors_judged": len(actors),
    }


def recorded_sample(tag: str, judged: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The measures of a sample judged on a build that no longer exists (``dev-baseline-all``: 200
    random claims of the dev pages built before issue 16): its judgments hold the claim type and
    actors they were made on."""
    records = list({r["claim_id"]: r for r in judged.values() if tag in r.get("samples", ())}.values())
    claims = [{"claim_id": r["claim_id"], "event_type": r["event_type"],
               "actor1_text": None, "actor1_name": (r["actor1"] or "|").split("|")[0] or None,
               "actor1_country": (r["actor1"] or "|").split("|")[1] or None,
               "actor2_text": None, "actor2_name": (r["actor2"] or "|").split("|")[0] or None,
               "actor2_country": (r["actor2"] or "|").split("|")[1] or None} for r in records]
    return judged_measures(claims, judged)


def todo(claims: list[dict[str, Any]], judged: dict[str, dict[str, Any]], documents: list[dict[str, Any]],
         labels: dict[str, str], split: str) -> list[str]:
    """Lines describing each sampled claim without a valid judgment, for the annotator."""
    page_of = {d["doc_id"]: d["page"] for d in documents}
    lines = []
    for claim in claims:
        if judgment_for(claim, judged) is not None:
            continue
        page = page_of[claim["doc_id"]]
        lines.append(json.dumps({
            "claim_id": claim["claim_id"], "evidence_key": evidence_key(page, claim), "page": page, "split": split,
            "label": labels[page],
            "event_type": claim["event_type"], "trigger": claim["trigger"], "modality": claim["modality"],
            "actor1": actor_key(claim, "actor1"), "actor1_text": claim["actor1_text"], "actor1_sector": claim["actor1_sector"],
            "actor2": actor_key(claim, "actor2"), "actor2_text": claim["actor2_text"],
            "relevance_note": claim["relevance_note"], "evidence": claim["evidence_text"][:500],
        }, ensure_ascii=False))
    return lines


# ---------------------------------------------------------------- report


def evaluate(root: Path, split: str) -> dict[str, Any]:
    documents, claims, threshold = load_build(root)
    labels = read_labels()
    expected = set(read_split(split))
    found = {d["page"] for d in documents}
    if not found <= expected:
        raise SystemExit(f"error: {root} holds pages outside the {split} split: {sorted(found - expected)[:3]}")
    judged = read_judgments()
    report: dict[str, Any] = {"split": split, "root": str(root), "relevance_threshold": threshold,
                              "documents": document_measures(documents, labels, threshold),
                              "claims": claim_measures(documents, claims, labels), "judged": {}}
    for spec in SAMPLES:
        report["judged"][spec.name] = judged_measures(sample(spec, documents, claims, labels), judged)
    return report


def format_report(report: dict[str, Any]) -> str:
    d, c = report["documents"], report["claims"]
    lines = [f"split {report['split']} ({report['root']}), relevance_threshold {report['relevance_threshold']}",
             f"documents assessed {d['assessed']}; AUC political-or-partly vs off {d['auc_political_or_partly']}; "
             f"Brier {d['brier']}; pages at the threshold {d['pages_at_threshold']}",
             "  reliability: " + "; ".join(f"{r['bin']} {r['pages']} pages, relevance {r['mean_relevance']:.2f} label "
                                             f"{r['mean_label']:.2f}" for r in d["reliability"]),
             f"pages {c['pages']}",
             f"claims per page, all:          {c['claims_per_page_all']}",
             f"claims per page, default view: {c['claims_per_page_view']} (non-statements {c['non_statement_claims_per_page_view']})",
             f"claims {c['claims_all']} -> default view {c['claims_view']}; share from off-topic pages "
             f"{c['share_from_off_pages_all']} -> {c['share_from_off_pages_view']}"]
    for name, m in report["judged"].items():
        lines.append(f"judged sample {name}: {json.dumps(m)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", required=True, choices=("dev", "test"))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--root", help="output root of a build of exactly this split's pages")
    where.add_argument("--recorded", help="measures of a recorded sample (a judgments.jsonl 'samples' tag), no build")
    where.add_argument("--build", help="build the split's pages into this output root first")
    parser.add_argument("--data", default=None, help="shared folder [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=None, help="relevance_threshold for --build [the default]")
    parser.add_argument("--folds", default=None, help="with --build: fold models from `python -m "
                        "eventbuilder.relevance.train --folds DIR`, to build the dev pages out of sample")
    parser.add_argument("--json", default=None, help="write the figures here")
    parser.add_argument("--todo", action="store_true", help="print the sampled claims still to judge (JSON lines)")
    args = parser.parse_args(argv)
    if args.recorded:
        print(json.dumps(recorded_sample(args.recorded, read_judgments())))
        return 0
    root = Path(args.root) if args.root else build_split(args.split, shared_dir(args.data), Path(args.build),
                                                           args.workers, args.threshold,
                                                           Path(args.folds) if args.folds else None)
    if args.todo:
        documents, claims, _ = load_build(root)
        labels, judged = read_labels(), read_judgments()
        for spec in SAMPLES:
            for line in todo(sample(spec, documents, claims, labels), judged, documents, labels, args.split):
                print(line)
        return 0
    return print_report(lambda: evaluate(root, args.split), format_report, args.json)


if __name__ == "__main__":
    sys.exit(main())
