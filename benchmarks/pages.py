#!/usr/bin/env python
"""Real web pages: publication date, headline and article text, against the libraries.

    .venv/bin/python benchmarks/pages.py [PAGES] [--split dev|test|all] [--sets dates,bodies]
        [--views html,txt-inscriptis,txt-soup] [--workers N] [--no-baselines] [--timing] [--claims]
        [--json PATH] [--errors PATH]

PAGES is ``../shared/benchmarks/pages`` (default: $EVENTBUILDER_SHARED/benchmarks/pages, else
<repo>/../shared/benchmarks/pages; read its README). The pages of the chosen split are unpacked
(``gunzip``) into a temporary raw folder per set and view, one file a page (``<id>.html`` or
``<id>.txt``), and built with ``eventbuilder.build`` as ``eventbuilder build`` does, ingest only
(``extract_claims=False``). Nothing is copied into the repository.

Measures, per set and view, over the pages of the split:

- dates (``dates/``, gold ``date``): **day exact** (``published_date`` == gold), **within one
  day**, **wrong** (a date asserted and not the gold day), **coverage** (a date asserted), and
  for the text renders **exact where written**: over the pages whose render contains the gold day
  as a full date (month name or number, day, year; see ``day_is_written``);
- headlines (both sets, gold in ``pages_gold/headlines.json``): **headline exact**: ``title``
  equal to the gold after Unicode NFKC, quote, dash and white-space folding and case folding;
- bodies (``bodies/``, gold ``articleBody``): bag of lowercased ``\\w+`` tokens of
  ``documents.text`` against the gold, pooled over pages (micro P / R / F1); a page without a
  document predicts nothing;
- rejects and crashes (``internal_error`` rejects); build wall time (and with ``--timing`` a
  serial build's CPU time, the figure for throughput comparisons; ``--claims`` builds with claim
  extraction too, for the throughput of a whole build).

Baselines, computed in the same run on the same pages: **htmldate** ``find_date(html,
original_date=True)`` (and its default, ``original_date=False``); **trafilatura**
``bare_extraction`` (its body text and its title); **first date in text**: the first match of
dateparser's ``search_dates`` over the text render that is a full date (it holds a day, a month
and a four-digit year, or is a numeric d/m/y date) -- what a user gets with no page logic.

The test split (``pages_gold/split.json``) was frozen before any rule was written. ``--errors``
writes every page's gold and prediction for error analysis and refuses the test split: test
pages are scored, never read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from eventbuilder.build import build
from eventbuilder.options import BuildOptions

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO_ROOT / "benchmarks" / "pages_gold"
SETS = ("dates", "bodies")
VIEWS = ("html", "txt-inscriptis", "txt-soup")
TEXT_VIEWS = ("txt-inscriptis", "txt-soup")

# ---------------------------------------------------------------- data


def pages_dir(argument: str | None) -> Path:
    if argument:
        return Path(argument)
    shared = Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))
    return shared / "benchmarks" / "pages"


def split_ids(pages: Path, name: str, split: str) -> list[str]:
    """The page ids of one set in the chosen split, sorted."""
    ids = sorted(json.loads((pages / name / "gold.json").read_text(encoding="utf-8")))
    test = set(json.loads((GOLD_DIR / "split.json").read_text(encoding="utf-8"))["test"][name])
    if split == "all":
        return ids
    return [i for i in ids if (i in test) == (split == "test")]


def read_page(pages: Path, name: str, view: str, page_id: str) -> bytes:
    suffix = "html" if view == "html" else "txt"
    return gzip.decompress((pages / name / view / f"{page_id}.{suffix}.gz").read_bytes())


def unpack(pages: Path, name: str, view: str, ids: list[str], raw: Path) -> None:
    raw.mkdir(parents=True)
    suffix = "html" if view == "html" else "txt"
    for page_id in ids:
        (raw / f"{page_id}.{suffix}").write_bytes(read_page(pages, name, view, page_id))


# ---------------------------------------------------------------- comparison


_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                       "»": '"', "–": "-", "—": "-", "‒": "-", "―": "-", "…": "..."})


def fold_headline(text: str | None) -> str:
    """Headline comparison form: NFKC, quotes and dashes folded, white space collapsed, case folded."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).split()).casefold()


def tokens(text: str | None) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]


def _month_pattern(month: int) -> str:
    name = _MONTH_NAMES[month - 1]
    forms = {name, name[:3]} | ({"sept"} if month == 9 else set())
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\.?"


def day_is_written(text: str, day: date) -> bool:
    """Whether ``text`` writes ``day`` as a full date: "Nov 9, 2023", "9th November 2023",
    "2023-11-09", "11/09/2023", "09.11.2023", "11/9/23" (numeric day-month and month-day both)."""
    d, m, y = day.day, day.month, day.year
    dd, mm = rf"0?{d}", rf"0?{m}"
    yy = rf"(?:{y}|{y % 100:02d})"
    month = _month_pattern(m)
    patterns = [
        rf"\b{month}\s+{dd}(?:st|nd|rd|th)?,?\s*{y}\b",
        rf"\b{dd}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{month},?\s+{y}\b",
        rf"\b{y}[-/.]{m:02d}[-/.]{d:02d}\b",
        rf"\b{mm}/{dd}/{yy}\b", rf"\b{dd}/{mm}/{yy}\b", rf"\b{dd}\.{mm}\.{yy}\b", rf"\b{mm}-{dd}-{y}\b",
    ]
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def _as_day(value: Any) -> date | None:
    if _missing(value):
        return None
    if hasattr(value, "date") and not isinstance(value, date):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# ---------------------------------------------------------------- scoring


def date_scores(gold: dict[str, date], predicted: dict[str, date | None],
                written: set[str] | None = None) -> dict[str, Any]:
    """Day exact, within one day, wrong and coverage over ``gold``'s pages."""
    n = len(gold)
    exact = [i for i in gold if predicted.get(i) == gold[i]]
    near = [i for i in gold if predicted.get(i) is not None and abs((predicted[i] - gold[i]).days) <= 1]
    asserted = [i for i in gold if predicted.get(i) is not None]
    scores: dict[str, Any] = {
        "pages": n, "exact": _share(len(exact), n), "within_1_day": _share(len(near), n),
        "wrong": _share(len(asserted) - len(exact), n), "coverage": _share(len(asserted), n),
    }
    if written is not None:
        scores["written_pages"] = len(written)
        scores["exact_where_written"] = _share(sum(predicted.get(i) == gold[i] for i in written), len(written))
    return scores


def headline_scores(gold: dict[str, str | None], predicted: dict[str, str | None]) -> dict[str, Any]:
    pages = [i for i, g in gold.items() if g]
    exact = sum(fold_headline(predicted.get(i)) == fold_headline(gold[i]) for i in pages)
    return {"pages": len(pages), "exact": _share(exact, len(pages))}


def body_scores(gold: dict[str, str], predicted: dict[str, str | None]) -> dict[str, Any]:
    """Micro-pooled bag-of-tokens precision, recall and F1."""
    true_positive = predicted_total = gold_total = 0
    for page_id, body in gold.items():
        g, p = tokens(body), tokens(predicted.get(page_id))
        true_positive += sum((g & p).values())
        predicted_total += sum(p.values())
        gold_total += sum(g.values())
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = true_positive / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pages": len(gold), "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


# ---------------------------------------------------------------- eventbuilder


def run_build(raw: Path, out: Path, workers: int, serial_cpu: bool,
              claims: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    options = BuildOptions(extract_claims=claims, engine="serial" if serial_cpu or workers == 1 else "process",
                           workers=workers)
    wall, cpu = time.perf_counter(), time.process_time()
    report = build(raw, out, options)
    timing = {"wall_s": round(time.perf_counter() - wall, 2)}
    if serial_cpu:
        timing["serial_cpu_s"] = round(time.process_time() - cpu, 2)
    documents = pd.read_parquet(report.version.path / "documents.parquet")
    rejects = pd.read_parquet(report.version.path / "rejects.parquet")
    return documents, rejects, timing


def _by_page(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Document rows by page id; pandas' missing values (NaN, NaT) become None."""
    return {Path(row["source_path"]).stem: {k: None if _missing(v) else v for k, v in row.items()}
            for row in frame.to_dict("records")}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)


# ---------------------------------------------------------------- baselines


def htmldate_dates(pages: Path, ids: list[str], original: bool) -> dict[str, date | None]:
    import htmldate

    found = {}
    for page_id in ids:
        markup = read_page(pages, "dates", "html", page_id).decode("utf-8", "replace")
        value = htmldate.find_date(markup, original_date=original)
        found[page_id] = date.fromisoformat(value) if value else None
    return found


def trafilatura_pages(pages: Path, name: str, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """(title, body text) trafilatura finds in each page."""
    import trafilatura

    found = {}
    for page_id in ids:
        markup = read_page(pages, name, "html", page_id).decode("utf-8", "replace")
        document = trafilatura.bare_extraction(markup, with_metadata=True)
        found[page_id] = (getattr(document, "title", None), getattr(document, "text", None)) if document else (None, None)
    return found


_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")


def is_full_date(matched: str) -> bool:
    """A numeric day-month-year date, or a month name with a day number and a four-digit year."""
    if _NUMERIC_DATE.search(matched):
        return True
    return bool(_YEAR.search(matched) and _DAY.search(matched) and re.search(r"[A-Za-z]{3,}", matched))


def first_date_in_text(text: str) -> date | None:
    """The first full date dateparser's ``search_dates`` finds in ``text``."""
    from dateparser.search import search_dates

    for matched, value in search_dates(text, languages=["en"]) or []:
        if is_full_date(matched):
            return value.date()
    return None


# ---------------------------------------------------------------- the run


def evaluate(pages: Path, split: str, sets: list[str], views: list[str], workers: int, baselines: bool,
             timing: bool, log: Callable[[str], None], claims: bool = False) -> dict[str, Any]:
    headlines = json.loads((GOLD_DIR / "headlines.json").read_text(encoding="utf-8"))
    report: dict[str, Any] = {"split": split, "sets": {}, "errors": {}}
    with tempfile.TemporaryDirectory(prefix="eb-pages-") as tmp:
        for name in sets:
            ids = split_ids(pages, name, split)
            gold = json.loads((pages / name / "gold.json").read_text(encoding="utf-8"))
            gold_headlines = {i: headlines[name].get(i) for i in ids}
            result: dict[str, Any] = {"pages": len(ids), "eventbuilder": {}, "baselines": {}}
            errors: dict[str, Any] = {}
            for view in views:
                log(f"{name}/{view}: building {len(ids)} pages")
                raw, out = Path(tmp) / name / view / "raw", Path(tmp) / name / view / "out"
                unpack(pages, name, view, ids, raw)
                documents, rejects, times = run_build(raw, out, workers, timing, claims)
                rows = _by_page(documents)
                scores: dict[str, Any] = {"documents": len(documents), "rejects": len(rejects),
                                          "crashes": int((rejects["reason"] == "internal_error").sum()), **times}
                scores["headline"] = headline_scores(gold_headlines, {i: rows.get(i, {}).get("title") for i in ids})
                predicted_day = {i: _as_day(rows.get(i, {}).get("published_date")) for i in ids}
                if name == "dates":
                    gold_days = {i: date.fromisoformat(gold[i]["date"]) for i in ids}
                    written = None
                    if view != "html":
                        texts = {i: read_page(pages, name, view, i).decode("utf-8", "replace") for i in ids}
                        written = {i for i in ids if day_is_written(texts[i], gold_days[i])}
                    scores["date"] = date_scores(gold_days, predicted_day, written)
                if name == "bodies":
                    scores["body"] = body_scores({i: gold[i]["articleBody"] for i in ids},
                                                 {i: rows.get(i, {}).get("text") for i in ids})
                result["eventbuilder"][view] = scores
                errors[view] = _page_details(ids, rows, rejects, gold, gold_headlines, name)
            if baselines:
                result["baselines"] = _baselines(pages, name, ids, gold, gold_headlines, views, log)
            report["sets"][name] = result
            report["errors"][name] = errors
    return report


def _baselines(pages: Path, name: str, ids: list[str], gold: dict, gold_headlines: dict, views: list[str],
               log: Callable[[str], None]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    log(f"{name}: trafilatura")
    extracted = trafilatura_pages(pages, name, ids)
    found["trafilatura"] = {"headline": headline_scores(gold_headlines, {i: extracted[i][0] for i in ids})}
    if name == "bodies":
        found["trafilatura"]["body"] = body_scores({i: gold[i]["articleBody"] for i in ids},
                                                   {i: extracted[i][1] for i in ids})
        return found
    gold_days = {i: date.fromisoformat(gold[i]["date"]) for i in ids}
    log("dates: htmldate")
    found["htmldate_original"] = {"date": date_scores(gold_days, htmldate_dates(pages, ids, True))}
    found["htmldate_default"] = {"date": date_scores(gold_days, htmldate_dates(pages, ids, False))}
    for view in (v for v in views if v in TEXT_VIEWS):
        log(f"dates: first date in {view}")
        texts = {i: read_page(pages, name, view, i).decode("utf-8", "replace") for i in ids}
        written = {i for i in ids if day_is_written(texts[i], gold_days[i])}
        found[f"first_date_{view}"] = {"date": date_scores(gold_days, {i: first_date_in_text(texts[i]) for i in ids},
                                                           written)}
    return found


def _page_details(ids, rows, rejects, gold, gold_headlines, name) -> dict[str, Any]:
    rejected = {Path(r["source_path"]).stem: f"{r['reason']}: {r['message']}" for r in rejects.to_dict("records")}
    details = {}
    for page_id in ids:
        row = rows.get(page_id, {})
        details[page_id] = {
            "gold_date": gold[page_id].get("date"), "gold_headline": gold_headlines.get(page_id),
            "published_date": str(_as_day(row.get("published_date"))) if row else None,
            "modified_date": str(row.get("modified_date")) if row.get("modified_date") is not None else None,
            "published_source": row.get("published_source"), "published_text": row.get("published_text"),
            "published_note": row.get("published_note"), "title": row.get("title"),
            "n_chars": row.get("n_chars"), "reject": rejected.get(page_id),
        }
    return details


# ---------------------------------------------------------------- report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"split: {report['split']}"]
    for name, result in report["sets"].items():
        lines.append(f"\n== {name} ({result['pages']} pages)")
        for view, s in result["eventbuilder"].items():
            lines.append(f"eventbuilder {view}: documents {s['documents']}, rejects {s['rejects']}, "
                         f"crashes {s['crashes']}, build {s['wall_s']} s" +
                         (f", serial CPU {s['serial_cpu_s']} s" if "serial_cpu_s" in s else ""))
            lines.append(f"  headline exact {s['headline']['exact']} ({s['headline']['pages']} pages)")
            if "date" in s:
                lines.append("  date " + _date_line(s["date"]))
            if "body" in s:
                b = s["body"]
                lines.append(f"  body P/R/F1 {b['precision']} / {b['recall']} / {b['f1']}")
        for base, s in result["baselines"].items():
            parts = []
            if "headline" in s:
                parts.append(f"headline exact {s['headline']['exact']}")
            if "date" in s:
                parts.append("date " + _date_line(s["date"]))
            if "body" in s:
                parts.append(f"body P/R/F1 {s['body']['precision']} / {s['body']['recall']} / {s['body']['f1']}")
            lines.append(f"baseline {base}: " + "; ".join(parts))
    return "\n".join(lines)


def _date_line(d: dict[str, Any]) -> str:
    text = f"exact {d['exact']}, within 1 day {d['within_1_day']}, wrong {d['wrong']}, coverage {d['coverage']}"
    if "exact_where_written" in d:
        text += f", exact where written {d['exact_where_written']} ({d['written_pages']} pages)"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", help="the shared pages folder (../shared/benchmarks/pages)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baselines", action="store_true", help="skip htmldate, trafilatura, first date")
    parser.add_argument("--timing", action="store_true", help="serial builds, CPU time reported (for throughput)")
    parser.add_argument("--claims", action="store_true",
                        help="build with claim extraction too (for whole-build throughput; same scores)")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--errors", help="write every page's gold and prediction here (dev split only)")
    args = parser.parse_args(argv)
    pages = pages_dir(args.pages)
    if not (pages / "dates" / "gold.json").is_file():
        print(f"error: no pages benchmark at {pages}", file=sys.stderr)
        return 2
    if args.errors and args.split != "dev":
        print("error: --errors is for the dev split only (test pages are scored, never read)", file=sys.stderr)
        return 2
    sets, views = args.sets.split(","), args.views.split(",")
    if not set(sets) <= set(SETS) or not set(views) <= set(VIEWS):
        print(f"error: sets among {SETS}, views among {VIEWS}", file=sys.stderr)
        return 2
    report = evaluate(pages, args.split, sets, views, args.workers, not args.no_baselines, args.timing,
                      lambda message: print(message, file=sys.stderr), args.claims)
    errors = report.pop("errors")
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    if args.errors:
        Path(args.errors).write_text(json.dumps(errors, indent=1, ensure_ascii=False, default=str) + "\n",
                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
