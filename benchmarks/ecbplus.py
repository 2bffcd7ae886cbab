"""Cross-document event linking on the ECB+ subset (../shared/benchmarks/coref/ecbplus/).

    .venv/bin/python benchmarks/ecbplus.py [--data DIR] [--workers 2] [--json PATH]

The 213 articles are built with the product's build (one build, as an analyst would). Scored as
the data's README defines it:

* **Document level** (the main measure). A document's main claims are its claims whose
  ``event_type`` is among its seminal event's ``event_types``; two documents are predicted the same
  event when their main claims share an ``event_id``. Pairwise precision/recall/F1 over document
  pairs, B-cubed over documents (a document's predicted cluster: itself and the documents linked to
  it; a document without a main claim is a singleton), coverage (documents with a main claim), and
  same-topic/different-event pairs merged (the hard negatives by design).
* The same on the **dated** documents only (78 articles whose text carries a dateline): most older
  articles have no date, so date-based linking can only be judged there. No rule uses "has a date".
* **Mention level**: a claim matches a gold event mention when its trigger, found inside its
  evidence sentence, overlaps the mention; matched mentions are clustered by ``event_id`` against
  ECB+'s ``cluster`` within each topic, scored with MUC, B-cubed, CEAF-e (CoNLL F1 is their mean)
  and LEA.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find the helpers beside it

from _clusters import build_records
from _common import GoldDataError, locate_evidence, print_report, shared_dir


def load(folder: Path) -> tuple[list[dict], dict[str, Any]]:
    docs_path, gold_path = folder / "docs.jsonl", folder / "gold.json"
    if not docs_path.is_file() or not gold_path.is_file():
        raise GoldDataError(f"ECB+ data not found under {folder} (docs.jsonl, gold.json)")
    docs = [json.loads(line) for line in docs_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs, json.loads(gold_path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- document level


def document_links(claims, gold: dict[str, Any]) -> tuple[dict[str, set[str]], set[str]]:
    """doc -> the documents whose main claims share an event with its main claims."""
    events_of: dict[str, set[str]] = defaultdict(set)
    for row in claims[["external_id", "event_type", "event_id"]].itertuples(index=False):
        wanted = gold["events"][gold["docs"][row.external_id]]["event_types"]
        if row.event_type in wanted:
            events_of[row.external_id].add(row.event_id)
    docs_of_event: dict[str, set[str]] = defaultdict(set)
    for doc, events in events_of.items():
        for event in events:
            docs_of_event[event].add(doc)
    linked: dict[str, set[str]] = {doc: set() for doc in gold["docs"]}
    for doc, events in events_of.items():
        for event in events:
            linked[doc] |= docs_of_event[event] - {doc}
    return linked, set(events_of)


def document_scores(docs: list[str], linked: dict[str, set[str]], covered: set[str], gold: dict[str, Any]) -> dict:
    chosen = set(docs)
    seminal = {d: gold["docs"][d] for d in docs}
    topic = {d: gold["events"][seminal[d]]["topic"] for d in docs}
    tp = fp = fn = hard = hard_total = 0
    for a, b in combinations(sorted(docs), 2):
        same_gold, same_pred = seminal[a] == seminal[b], b in linked[a]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if topic[a] == topic[b] and not same_gold:
            hard_total += 1
            hard += same_pred
    precision = recall = 0.0
    for d in docs:
        cluster = ({d} | linked[d]) & chosen
        members = {x for x in docs if seminal[x] == seminal[d]}
        precision += len({x for x in cluster if seminal[x] == seminal[d]}) / len(cluster)
        recall += len(cluster & members) / len(members)
    p_b3, r_b3 = precision / len(docs), recall / len(docs)
    p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    return {
        "documents": len(docs), "coverage": round(len(covered & chosen) / len(docs), 4),
        "pairwise": {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
                     "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "bcubed": {"precision": round(p_b3, 4), "recall": round(r_b3, 4),
                   "f1": round(2 * p_b3 * r_b3 / (p_b3 + r_b3), 4) if p_b3 + r_b3 else 0.0},
        "hard_negative_pairs": hard_total, "hard_negative_pairs_merged": hard,
    }


# ---------------------------------------------------------------- mention level


def match_mentions(docs: list[dict], claims, gold: dict[str, Any]) -> dict[int, str]:
    """gold mention index -> event_id of the claim whose trigger overlaps it (one claim per mention)."""
    text_of = {d["id"]: d["text"] for d in docs}
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in claims.to_dict("records"):
        text = text_of[row["external_id"]]
        start, end = locate_evidence(text, row)
        sentence = text[start:end]
        position = sentence.find(str(row["trigger"]).split()[0]) if row["trigger"] else -1
        if position >= 0:
            first = start + position
            by_doc[row["external_id"]].append((first, first + len(str(row["trigger"]).split()[0]), row["event_id"]))
    matched: dict[int, str] = {}
    for index, mention in enumerate(gold["event_mentions"]):
        for first, last, event_id in by_doc.get(mention["doc"], []):
            if first < mention["end"] and last > mention["start"]:
                matched[index] = event_id
                break
    return matched


def conll_scores(gold_clusters: list[set], predicted_clusters: list[set]) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e and LEA F1 for one set of mentions (Pradhan et al. 2014; Moosavi and
    Strube 2016)."""
    from scipy.optimize import linear_sum_assignment

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def muc(keys, responses):
        of = {m: i for i, r in enumerate(responses) for m in r}
        num = sum(len(k) - len({of.get(m, ("alone", m)) for m in k}) for k in keys)
        den = sum(len(k) - 1 for k in keys)
        return num / den if den else 0.0

    def b3(keys, responses):
        of = {m: r for r in responses for m in r}
        total = sum(len(k) for k in keys)
        return sum(len(k & of.get(m, {m})) / len(k) for k in keys for m in k) / total if total else 0.0

    def lea(keys, responses):
        def links(c):
            return len(c) * (len(c) - 1) / 2

        num = den = 0.0
        for k in keys:
            resolved = sum(links(k & r) for r in responses)
            num += len(k) * (resolved / links(k) if links(k) else (1.0 if any(k <= r for r in responses) else 0.0))
            den += len(k)
        return num / den if den else 0.0

    scores = {}
    for name, metric in (("muc", muc), ("bcubed", b3), ("lea", lea)):
        scores[name] = round(f1(metric(predicted_clusters, gold_clusters), metric(gold_clusters, predicted_clusters)), 4)
    similarity = np.array([[2 * len(g & p) / (len(g) + len(p)) for p in predicted_clusters] for g in gold_clusters])
    rows, cols = linear_sum_assignment(-similarity) if similarity.size else ([], [])
    total = float(similarity[rows, cols].sum()) if similarity.size else 0.0
    scores["ceafe"] = round(f1(total / len(predicted_clusters) if predicted_clusters else 0.0,
                               total / len(gold_clusters) if gold_clusters else 0.0), 4)
    scores["conll"] = round((scores["muc"] + scores["bcubed"] + scores["ceafe"]) / 3, 4)
    return scores


def mention_scores(matched: dict[int, str], gold: dict[str, Any]) -> dict[str, Any]:
    by_topic: dict[str, list[int]] = defaultdict(list)
    for index in matched:
        mention = gold["event_mentions"][index]
        by_topic[gold["events"][gold["docs"][mention["doc"]]]["topic"]].append(index)
    weighted: dict[str, float] = defaultdict(float)
    for indices in by_topic.values():
        gold_groups: dict[str, set] = defaultdict(set)
        predicted_groups: dict[str, set] = defaultdict(set)
        for index in indices:
            gold_groups[gold["event_mentions"][index]["cluster"]].add(index)
            predicted_groups[matched[index]].add(index)
        for name, value in conll_scores(list(gold_groups.values()), list(predicted_groups.values())).items():
            weighted[name] += value * len(indices)
    total = sum(len(v) for v in by_topic.values())
    averages = {name: round(value / total, 4) for name, value in weighted.items()} if total else {}
    return {"mentions": len(gold["event_mentions"]), "matched": total, **averages}


def evaluate(folder: Path, workers: int) -> dict[str, Any]:
    docs, gold = load(folder)
    tables = build_records(docs, workers=workers)
    claims = tables["claims"].merge(tables["documents"][["doc_id", "external_id"]], on="doc_id")
    linked, covered = document_links(claims, gold)
    all_docs = sorted(gold["docs"])
    dated = sorted(d["id"] for d in docs if d.get("published"))
    baseline: dict[str, set[str]] = {d: set() for d in all_docs}
    return {
        "data": str(folder), "claims": len(claims), "events": len(tables["events"]),
        "all": document_scores(all_docs, linked, covered, gold),
        "dated": document_scores(dated, linked, covered, gold),
        "singletons": document_scores(all_docs, baseline, covered, gold)["bcubed"],
        "mentions": mention_scores(match_mentions(docs, claims, gold), gold),
    }


def format_report(report: dict[str, Any]) -> str:
    rows = [("documents", lambda r: str(r["documents"])), ("coverage (a main claim)", lambda r: f"{r['coverage']:.3f}"),
            ("pairwise P / R / F1", lambda r: "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**r["pairwise"])),
            ("B-cubed P / R / F1", lambda r: "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**r["bcubed"])),
            ("same-topic other-event pairs merged",
             lambda r: f"{r['hard_negative_pairs_merged']} / {r['hard_negative_pairs']}")]
    out = ["| document level | all 213 | dated only |", "|---|---|---|"]
    out += [f"| {label} | {fn(report['all'])} | {fn(report['dated'])} |" for label, fn in rows]
    out += ["", f"all singletons: B-cubed F1 {report['singletons']['f1']:.3f}"]
    m = report["mentions"]
    if m.get("matched"):
        out += ["", f"mention level: {m['matched']} of {m['mentions']} gold mentions matched; within topics, "
                    f"MUC {m['muc']:.3f}, B-cubed {m['bcubed']:.3f}, CEAF-e {m['ceafe']:.3f}, CoNLL {m['conll']:.3f}, "
                    f"LEA {m['lea']:.3f}"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="shared folder [$EVENTBUILDER_SHARED or ../shared]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", metavar="PATH", help="write all figures to this JSON file")
    args = parser.parse_args(argv)
    folder = shared_dir(args.data) / "benchmarks" / "coref" / "ecbplus"
    return print_report(lambda: evaluate(folder, args.workers), format_report, args.json)


if __name__ == "__main__":
    sys.exit(main())
