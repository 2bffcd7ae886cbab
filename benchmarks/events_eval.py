"""Event linking quality on our multi-source gold set (benchmarks/events_gold/).

    .venv/bin/python benchmarks/events_eval.py [--gold DIR] [--split dev|test|both] [--errors]
                                               [--json PATH]

Each split is built on its own with the product's build (ingest, claims, link stage), as an analyst
would build those articles. Predicted claims are matched one-to-one to gold mentions: same
sentence, then best trigger agreement, same type, same family. Over the matched claims:

* pairwise precision, recall and F1 (a pair is positive when both claims share an event) and
  B-cubed precision, recall and F1 (gold: ``event``; predicted: ``claims.event_id``);
* coverage: gold mentions with a matched claim;
* conflicting counts: gold events whose mentions give different counts, and how many of them come
  out as one event listing ``quantity`` among its disagreements (every counted mention matched,
  all in one event);
* hard negatives: predicted links between claims of two gold events that must never be linked;
* planned then happened: gold events with a planned and a happened mention linked into one event,
  and of those how many say ``announced_first``.

``--errors`` lists wrong and missed links, **for the dev split only**: the test split is scored,
never inspected (rules are tuned on dev).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find the helpers beside it

from _clusters import bcubed, build_records, pairwise
from _common import REPO_ROOT, GoldDataError, locate_evidence, print_report, stems
from eventbuilder.link.rules import FAMILY_OF_TYPE

DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "events_gold"


@dataclass(frozen=True)
class Mention:
    mention_id: str
    article_id: str
    event: str
    event_type: str
    modality: str
    sentence_start: int
    sentence_end: int
    trigger: str
    count: float | None


def load_gold(folder: Path) -> tuple[list[dict], list[Mention], dict[str, Any], dict[str, Any]]:
    def lines(name: str) -> list[dict]:
        path = folder / name
        if not path.is_file():
            raise GoldDataError(f"{path} not found")
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    articles = lines("articles.jsonl")
    mentions = [Mention(m["mention_id"], m["article_id"], m["event"], m["event_type"], m["modality"],
                        m["sentence_start"], m["sentence_start"] + len(m["sentence"]), m["trigger"],
                        (m.get("count") or {}).get("value")) for m in lines("gold.jsonl")]
    events = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    return articles, mentions, events, split


def match_mentions(articles: list[dict], mentions: list[Mention], claims) -> dict[str, dict]:
    """mention_id -> the predicted claim row matched to it (one-to-one, best pair first)."""
    text_of = {a["id"]: a["text"] for a in articles}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in claims.to_dict("records"):
        by_article[row["external_id"]].append(row)
    candidates = []
    for m in mentions:
        for row in by_article.get(m.article_id, []):
            start, end = locate_evidence(text_of[m.article_id], row)
            if end <= m.sentence_start or start >= m.sentence_end:
                continue
            trigger = len(stems(m.trigger) & stems(row["trigger"]))
            same_type = row["event_type"] == m.event_type
            same_family = FAMILY_OF_TYPE[row["event_type"]] == FAMILY_OF_TYPE[m.event_type]
            if trigger or same_family:
                candidates.append(((trigger > 0, same_type, same_family, trigger), m.mention_id, row))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]["claim_id"]), reverse=True)
    matched: dict[str, dict] = {}
    used: set[str] = set()
    for _, mention_id, row in candidates:
        if mention_id not in matched and row["claim_id"] not in used:
            matched[mention_id] = row
            used.add(row["claim_id"])
    return matched


def score_split(name: str, articles: list[dict], mentions: list[Mention], meta: dict[str, Any],
                errors: bool, cache: Path | None = None) -> dict[str, Any]:
    tables = build_records([{k: a[k] for k in ("id", "text", "published", "source", "title")} for a in articles],
                           cache=cache)
    documents = tables["documents"][["doc_id", "external_id"]]
    claims = tables["claims"].merge(documents, on="doc_id")
    events = tables["events"].set_index("event_id")
    matched = match_mentions(articles, mentions, claims)
    by_id = {m.mention_id: m for m in mentions}
    gold = {mid: by_id[mid].event for mid in matched}
    predicted = {mid: row["event_id"] for mid, row in matched.items()}
    report: dict[str, Any] = {
        "split": name, "articles": len(articles), "mentions": len(mentions), "matched": len(matched),
        "coverage": round(len(matched) / len(mentions), 4) if mentions else 0.0,
        "gold_events": len({m.event for m in mentions}), "predicted_events_over_matched": len(set(predicted.values())),
        "pairwise": pairwise(gold, predicted), "bcubed": bcubed(gold, predicted),
        "singletons_bcubed": bcubed(gold, {mid: mid for mid in gold}),
        "counts": _conflicting_counts(mentions, matched, events),
        "hard_negatives": _hard_negatives(meta, gold, predicted),
        "planned_then_happened": _planned(mentions, matched, events),
    }
    if errors:
        report["errors"] = _errors(gold, predicted, matched, by_id, tables["event_links"])
        report["unmatched"] = sorted(m.mention_id for m in mentions if m.mention_id not in matched)
    return report


def _conflicting_counts(mentions: list[Mention], matched: dict[str, dict], events) -> dict[str, Any]:
    counted: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.count is not None:
            counted[m.event].append(m)
    conflicting = {e: ms for e, ms in counted.items() if len({m.count for m in ms}) > 1}
    shown = []
    for event, ms in sorted(conflicting.items()):
        rows = [matched.get(m.mention_id) for m in ms]
        ids = {r["event_id"] for r in rows if r is not None}
        ok = all(r is not None for r in rows) and len(ids) == 1 and "quantity" in list(
            events.loc[next(iter(ids)), "disagreements"])
        shown.append({"event": event, "shown": bool(ok), "mentions_matched": sum(r is not None for r in rows),
                      "mentions": len(ms), "predicted_events": len(ids)})
    n_shown = sum(s["shown"] for s in shown)
    return {"events": len(shown), "shown_as_disagreement": n_shown,
            "share": round(n_shown / len(shown), 4) if shown else None, "detail": shown}


def _hard_negatives(meta: dict[str, Any], gold: dict[str, str], predicted: dict[str, str]) -> dict[str, Any]:
    present = set(gold.values())
    pairs = [tuple(h["events"]) for h in meta["hard_negatives"] if set(h["events"]) <= present]
    linked_pairs = 0
    links = 0
    for a, b in pairs:
        left = [mid for mid, e in gold.items() if e == a]
        right = [mid for mid, e in gold.items() if e == b]
        n = sum(predicted[x] == predicted[y] for x in left for y in right)
        links += n
        linked_pairs += n > 0
    return {"event_pairs": len(pairs), "event_pairs_linked": linked_pairs, "claim_links": links}


def _planned(mentions: list[Mention], matched: dict[str, dict], events) -> dict[str, Any]:
    by_event: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_event[m.event].append(m)
    wanted = {e: ms for e, ms in by_event.items()
              if {"planned", "asserted"} <= {m.modality for m in ms}}
    linked = announced = 0
    for ms in wanted.values():
        planned = {matched[m.mention_id]["event_id"] for m in ms if m.modality == "planned" and m.mention_id in matched}
        happened = {matched[m.mention_id]["event_id"] for m in ms if m.modality == "asserted" and m.mention_id in matched}
        common = planned & happened
        linked += bool(common)
        announced += any(bool(events.loc[e, "announced_first"]) for e in common)
    return {"events": len(wanted), "linked": linked, "announced_first": announced}


def _errors(gold, predicted, matched, by_id, links) -> list[dict[str, Any]]:
    explanation = dict(zip(links["claim_id"], links["explanation"]))
    out = []
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        if same_gold == same_pred:
            continue
        out.append({"kind": "wrong link" if same_pred else "missed link",
                    "a": f"{a} [{gold[a]}] {matched[a]['event_type']} '{matched[a]['trigger']}' "
                         f"{matched[a]['date_start']} | {matched[a]['evidence_text'][:90]}",
                    "b": f"{b} [{gold[b]}] {matched[b]['event_type']} '{matched[b]['trigger']}' "
                         f"{matched[b]['date_start']} | {matched[b]['evidence_text'][:90]}",
                    "why_a": explanation.get(matched[a]["claim_id"]), "why_b": explanation.get(matched[b]["claim_id"])})
    return out


def evaluate(folder: Path, splits: list[str], errors: bool, cache: Path | None = None) -> dict[str, Any]:
    articles, mentions, meta, split = load_gold(folder)
    report: dict[str, Any] = {"gold": str(folder), "split_seed": split["seed"]}
    for name in splits:
        chosen = set(split[f"{name}_articles"])
        report[name] = score_split(name, [a for a in articles if a["id"] in chosen],
                                   [m for m in mentions if m.article_id in chosen], meta,
                                   errors and name == "dev", cache)
    return report


def format_report(report: dict[str, Any]) -> str:
    splits = [s for s in ("dev", "test") if s in report]
    rows = [
        ("articles / gold mentions", lambda r: f"{r['articles']} / {r['mentions']}"),
        ("coverage (mentions with a claim)", lambda r: f"{r['coverage']:.3f}"),
        ("gold events / predicted events", lambda r: f"{r['gold_events']} / {r['predicted_events_over_matched']}"),
        ("pairwise P / R / F1", lambda r: "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**r["pairwise"])),
        ("B-cubed P / R / F1", lambda r: "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**r["bcubed"])),
        ("B-cubed F1, all singletons", lambda r: f"{r['singletons_bcubed']['f1']:.3f}"),
        ("conflicting counts shown as one disagreement",
         lambda r: f"{r['counts']['shown_as_disagreement']} / {r['counts']['events']}"),
        ("hard-negative event pairs linked (claim links)",
         lambda r: f"{r['hard_negatives']['event_pairs_linked']} / {r['hard_negatives']['event_pairs']} "
                   f"({r['hard_negatives']['claim_links']})"),
        ("planned-then-happened linked (announced first)",
         lambda r: f"{r['planned_then_happened']['linked']} / {r['planned_then_happened']['events']} "
                   f"({r['planned_then_happened']['announced_first']})"),
    ]
    out = ["| measure | " + " | ".join(splits) + " |", "|---|" + "---|" * len(splits)]
    out += [f"| {label} | " + " | ".join(fn(report[s]) for s in splits) + " |" for label, fn in rows]
    dev = report.get("dev", {})
    for error in dev.get("errors", []):
        out += ["", f"{error['kind']}:", f"  {error['a']}", f"  {error['b']}",
                f"    why a: {error['why_a']}", f"    why b: {error['why_b']}"]
    if dev.get("unmatched"):
        out += ["", "dev mentions without a claim: " + ", ".join(dev["unmatched"])]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="folder with the events gold set")
    parser.add_argument("--split", default="both", choices=["dev", "test", "both"])
    parser.add_argument("--errors", action="store_true", help="list wrong and missed links (dev split only)")
    parser.add_argument("--json", metavar="PATH", help="write all figures to this JSON file")
    parser.add_argument("--cache", metavar="DIR", help="keep the built claims here and re-run only the link stage")
    args = parser.parse_args(argv)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    return print_report(lambda: evaluate(Path(args.gold), splits, args.errors, Path(args.cache) if args.cache else None),
                        format_report, args.json)


if __name__ == "__main__":
    sys.exit(main())
