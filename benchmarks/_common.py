"""Helpers shared by the claim-quality benchmarks (``claims_eval.py`` and ``plover.py``).

Both scripts score an *extractor*: any callable ``extract(text, published) -> list[dict]`` that
returns one dict per claim with the columns of the ``claims`` table. The extractor is injected
(``--extractor module:function``) so the scorers can be tested with fake extractors.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventbuilder.errors import ConfigError, EventbuilderError

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXTRACTOR = "eventbuilder:extract_text"

Extractor = Callable[..., list[dict[str, Any]]]

# Function words ignored when comparing names and trigger phrases ("agreed to" ~ "agreed").
STOPWORDS = frozenset(
    "a an the of to for and in on at by with from as is are was were be been has have had will would "
    "shall should can could may might do does did its their his her".split()
)


class GoldDataError(EventbuilderError, ValueError):
    """A benchmark data file is missing or malformed; the message names the file and line."""


# ---------------------------------------------------------------- configuration


def load_extractor(spec: str) -> Extractor:
    """Import ``module:function`` and return the function.

    The module is looked up in the installed packages and in the current directory (a script's
    own folder, not the caller's, is what Python puts on the path). Raises ConfigError with the
    reason when the module or the function cannot be found.
    """
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ConfigError(f"--extractor must look like module:function, got {spec!r}")
    if os.getcwd() not in sys.path:
        sys.path.append(os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"cannot import extractor module {module_name!r}: {exc}") from exc
    function = getattr(module, attr, None)
    if not callable(function):
        raise ConfigError(f"module {module_name!r} has no callable {attr!r}")
    return function


def shared_dir(argument: str | None) -> Path:
    """The shared data folder: the command-line value, else $EVENTBUILDER_SHARED, else ../shared."""
    if argument:
        return Path(argument)
    return Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))


def write_json(path: str | Path, payload: dict[str, Any]) -> None:
    """Write the figures of a run as indented UTF-8 JSON."""
    Path(path).write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- text comparison


def print_report(evaluate: Callable[[], dict[str, Any]], format_report: Callable[[dict[str, Any]], str],
                 json_path: str | None) -> int:
    """Run a scorer, print its report, write its figures; exit 2 with one line on a data or
    configuration problem (the command-line contract of every scorer)."""
    from eventbuilder.errors import ConfigError

    try:
        report = evaluate()
    except (ConfigError, GoldDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if json_path:
        write_json(json_path, report)
    return 0


def run_report(evaluate: Callable[[], dict[str, Any]], extractor: str, format_report, json_path: str | None) -> int:
    """:func:`print_report` for a claim scorer: the report names the extractor it scored."""
    def named() -> dict[str, Any]:
        return {**evaluate(), "extractor": extractor}

    return print_report(named, lambda report: format_report(report, extractor), json_path)


def as_text(value: Any) -> str | None:
    """A text field of a predicted row; None, "" and pandas' NaN (a float) are all "no value"."""
    return value if isinstance(value, str) and value else None


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form with punctuation turned into spaces ("U.N." -> "un")."""
    if not as_text(text):
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"'s\b", "", plain)  # "Syria's government" ~ "Syria government"
    plain = re.sub(r"(?<=\w)\.(?=\w)", "", plain)  # "u.n." -> "un." before punctuation goes
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def tokens(text: str | None) -> list[str]:
    """Folded word tokens without function words."""
    return [t for t in fold(text).split() if t not in STOPWORDS]


def stem(word: str) -> str:
    """A crude suffix stripper so "agreed", "agrees" and "agreeing" compare equal to "agree"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stems(text: str | None) -> set[str]:
    return {stem(t) for t in tokens(text)}


def acronym(name: str) -> str:
    """Initials of a multi-word name; words already in capitals are kept whole ("UN Security Council" -> "unsc")."""
    words = [w for w in re.split(r"\s+", re.sub(r"[^\w\s-]", "", name)) if w]
    if len(words) < 2:
        return fold(name).replace(" ", "")
    parts = []
    for word in words:
        if word.casefold() in STOPWORDS:
            continue
        parts.append(word.casefold() if word.isupper() and len(word) > 1 else word[0].casefold())
    return "".join(parts)


def person_names_agree(gold: str, predicted: str | None) -> bool:
    """Same person: equal after folding, or the same surname.

    The surname fallback accepts "Rasmussen" for "Anders Fogh Rasmussen" and "Kim" for "Kim Jong Un"
    (a prediction whose words are all words of the gold name), and a different first-name spelling
    with the same last word ("Mikhail Saakashvili").
    """
    gold_words, predicted_words = fold(gold).split(), fold(predicted).split()
    if not gold_words or not predicted_words:
        return False
    if gold_words == predicted_words or gold_words[-1] == predicted_words[-1]:
        return True
    return set(predicted_words) <= set(gold_words)


def organisation_names_agree(gold: str, predicted: str | None) -> bool:
    """Same organisation: equal after folding, one name inside the other, or the same acronym."""
    if not predicted:
        return False
    gold_folded, predicted_folded = fold(gold), fold(predicted)
    if not gold_folded or not predicted_folded:
        return False
    if gold_folded == predicted_folded:
        return True
    gold_words, predicted_words = set(tokens(gold)), set(tokens(predicted))
    if gold_words and predicted_words and (gold_words <= predicted_words or predicted_words <= gold_words):
        return True
    gold_short, predicted_short = acronym(gold), acronym(predicted)
    # two-letter initials ("sg") say too little to identify anything
    same_initials = gold_short == predicted_short and len(gold_short) >= 3
    return same_initials or gold_short == predicted_folded or predicted_short == gold_folded


def sources_agree(gold: str | None, predicted: str | None) -> bool:
    """Attribution sources agree: both empty, or one name inside the other ("Carpenter" ~ "Michael
    Carpenter", "the Kremlin" ~ "Kremlin") or the same acronym. The person surname rule is not used:
    "interior ministry" and "defence ministry" share their last word."""
    if not gold:
        return not predicted
    return organisation_names_agree(gold, predicted)


# ---------------------------------------------------------------- values


def as_iso(value: Any) -> str | None:
    """A date given as date, datetime or ISO string, as ``YYYY-MM-DD`` (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def as_number(value: Any) -> float | None:
    """A quantity field as float; empty values and NaN (pandas' missing value) become None."""
    if value is None or value == "":
        return None
    number = float(value)
    return None if number != number else number


def numbers_equal(gold: Any, predicted: Any) -> bool:
    gold_number, predicted_number = as_number(gold), as_number(predicted)
    if gold_number is None or predicted_number is None:
        return gold_number is None and predicted_number is None
    return abs(gold_number - predicted_number) <= 1e-6 * max(1.0, abs(gold_number))


def prf(true_positives: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0.0 when undefined) with the counts they come from."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": true_positives, "predicted": predicted, "gold": gold,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def ratio(correct: int, total: int) -> dict[str, float | int]:
    return {"correct": correct, "total": total, "accuracy": round(correct / total, 4) if total else 0.0}


def locate_evidence(text: str, row: dict[str, Any]) -> tuple[int, int]:
    """The span of a predicted claim in ``text``.

    The extractor's offsets point into its *cleaned* text, which may differ from the raw article
    (a stripped dateline shifts everything), so the offsets are trusted only when they reproduce
    ``evidence_text``; otherwise the evidence text is searched for, nearest to the given offset.
    """
    start = int(as_number(row.get("char_start")) or 0)
    end = int(as_number(row.get("char_end")) or start)
    evidence = as_text(row.get("evidence_text")) or ""
    if not evidence or text[start:end] == evidence:
        return start, end
    found = [m.start() for m in re.finditer(re.escape(evidence), text)]
    if not found:
        return start, end
    best = min(found, key=lambda position: abs(position - start))
    return best, best + len(evidence)


# ---------------------------------------------------------------- frozen dev/test splits

SPLITS_DIR = REPO_ROOT / "benchmarks" / "splits"
SPLIT_CHOICES = ("both", "dev", "test", "all")


def load_split(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """A frozen split file of ``benchmarks/splits/`` (see ``make_splits.py``): its ``dev`` and ``test`` lists."""
    split_path = Path(path) if path else SPLITS_DIR / f"{name}.json"
    if not split_path.is_file():
        raise GoldDataError(f"split file {split_path} not found (benchmarks/make_splits.py writes it)")
    try:
        split = json.loads(split_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldDataError(f"{split_path}: invalid JSON ({exc.msg})") from exc
    if set(map(json.dumps, split["dev"])) & set(map(json.dumps, split["test"])):
        raise GoldDataError(f"{split_path}: dev and test overlap")
    return split


def split_members(split: dict[str, Any], which: str) -> list[Any] | None:
    """The units of one side of a split; None for "all" (no filter)."""
    if which == "all":
        return None
    if which not in ("dev", "test"):
        raise ConfigError(f"unknown split {which!r} (dev, test or all)")
    return list(split[which])


def check_split_covers(split: dict[str, Any], units: list[Any], what: str) -> None:
    """Every unit of the corpus is in exactly one side of the split; else the corpus changed after freezing."""
    listed = {json.dumps(u) for u in split["dev"]} | {json.dumps(u) for u in split["test"]}
    missing = [u for u in units if json.dumps(u) not in listed]
    if missing:
        raise GoldDataError(f"{len(missing)} {what} in neither split (first: {missing[0]!r}); "
                            "the corpus changed after the split was frozen: assign them knowingly")


def side_by_side(rows: list[tuple[str, dict[str, str]]], columns: tuple[str, ...] = ("dev", "test", "all")) -> str:
    """A plain-text table: one row per figure, one column per split."""
    width = max(len(label) for label, _ in rows) if rows else 10
    lines = [f"{'':<{width}}  " + "  ".join(f"{c:>22}" for c in columns)]
    for label, values in rows:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{values.get(c, ''):>22}" for c in columns))
    return "\n".join(lines)
