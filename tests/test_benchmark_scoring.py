"""The claim-quality scorers (benchmarks/claims_eval.py, benchmarks/plover.py) on fake extractors.

Each fake extractor returns hand-made rows, so every figure below is known exactly; the real
extractor is scored by the same code later.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from eventbuilder.errors import InputError

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _common  # noqa: E402
import claims_agreement  # noqa: E402
import claims_eval  # noqa: E402
import plover  # noqa: E402

GOLD_DIR = BENCHMARKS / "claims_gold"

# ---------------------------------------------------------------- a tiny gold set

TEXT_A = "KYIV — Russia massed 100,000 troops near the border on Friday. NATO said it was concerned."
TEXT_B = "Macron met Scholz in Paris on Monday. Protesters rallied outside the palace."


def actor(name, country, sector, kind):
    return {"name": name, "country": country, "sector": sector, "kind": kind}


def gold_claim(claim_id, article_id, event_type, sentence, trigger, actor1, actor2=None, participants=(),
               quantity=None, day="2022-02-18", attributed_to=None):
    return {"article_id": article_id, "claim_id": claim_id, "event_type": event_type, "sentence": sentence,
            "trigger": trigger, "actor1": actor1, "actor2": actor2, "participants": list(participants),
            "modality": "asserted", "quantity": quantity, "date_text": None, "date_start": day, "date_end": day,
            "date_granularity": "day", "speaker": None, "attributed_to": attributed_to, "place_text": None,
            "place_country": None}


SMALL_GOLD = [
    gold_claim("g1", "A", "troop_deployment", "KYIV — Russia massed 100,000 troops near the border on Friday.",
               "massed", actor("Russia", "RUS", "MIL", "country"),
               quantity={"value": 100000, "low": None, "high": None, "previous": None, "unit": "troops",
                         "qualifier": "exact"}),
    gold_claim("g2", "A", "statement", "NATO said it was concerned.", "said",
               actor("NATO", None, "IGO", "organization")),
    gold_claim("g3", "B", "meeting", "Macron met Scholz in Paris on Monday.", "met",
               actor("Emmanuel Macron", "FRA", "GOV", "person"), actor("Olaf Scholz", "DEU", "GOV", "person"),
               participants=("Emmanuel Macron", "Olaf Scholz"), day="2022-02-14"),
    gold_claim("g4", "B", "protest", "Protesters rallied outside the palace.", "rallied",
               actor("protesters", "FRA", "CVL", "group"), day="2022-02-14"),
]


@pytest.fixture()
def small_gold(tmp_path: Path) -> Path:
    articles = [{"id": "A", "published": "2022-02-18", "source": "test", "title": "a", "text": TEXT_A},
                {"id": "B", "published": "2022-02-14", "source": "test", "title": "b", "text": TEXT_B}]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(c) + "\n" for c in SMALL_GOLD), encoding="utf-8")
    return tmp_path


def row(text, sentence, event_type, trigger, name=None, country=None, name2=None, country2=None, **extra):
    start = text.index(sentence)
    base = {"char_start": start, "char_end": start + len(sentence), "evidence_text": sentence,
            "event_type": event_type, "trigger": trigger, "actor1_name": name, "actor1_country": country,
            "actor2_name": name2, "actor2_country": country2, "modality": "asserted"}
    base.update(extra)
    return base


def small_extractor(text, published):
    """Five predictions for the four gold claims: 3 fully right, 1 with a wrong actor, 1 spurious."""
    if text == TEXT_A:
        first, second = "KYIV — Russia massed 100,000 troops near the border on Friday.", "NATO said it was concerned."
        return [
            row(text, first, "troop_deployment", "massed", "Russia", "RUS", quantity_value=100000,
                quantity_unit="troops", date_start=date(2022, 2, 18), date_end=date(2022, 2, 18)),
            # right actor, but a quantity the gold does not have
            row(text, second, "statement", "said", "NATO", None, quantity_value=1, quantity_unit="alliance",
                date_start="2022-02-18", date_end="2022-02-18"),
            row(text, first, "attack", "massed", "Russia", "RUS"),  # spurious
        ]
    first, second = "Macron met Scholz in Paris on Monday.", "Protesters rallied outside the palace."
    return [
        # actors swapped (allowed for a meeting), wrong date
        row(text, first, "meeting", "met", "Scholz", "DEU", "Emmanuel Macron", "FRA",
            date_start="2022-02-15", date_end="2022-02-15"),
        # wrong country for the protesters, no modality, a date that is right
        row(text, second, "protest", "rallied", "protesters", "DEU", modality=None,
            date_start="2022-02-14", date_end="2022-02-14"),
    ]


def test_small_gold_exact_figures(small_gold):
    report = claims_eval.evaluate(small_extractor, small_gold)
    assert report["strict"] == {"tp": 3, "predicted": 5, "gold": 4, "precision": 0.6, "recall": 0.75, "f1": 0.6667}
    assert report["lenient"] == {"tp": 4, "predicted": 5, "gold": 4, "precision": 0.8, "recall": 1.0, "f1": 0.8889}
    assert report["per_type"]["troop_deployment"]["strict"]["f1"] == 1.0
    assert report["per_type"]["attack"]["lenient"] == {"tp": 0, "predicted": 1, "gold": 0, "precision": 0.0,
                                                       "recall": 0.0, "f1": 0.0}
    assert report["per_type"]["protest"]["strict"]["f1"] == 0.0
    assert report["per_type"]["protest"]["lenient"]["f1"] == 1.0
    attributes = {name: (f["correct"], f["total"]) for name, f in report["attributes"].items()}
    assert attributes == {"modality": (3, 4), "quantity": (3, 4), "quantity_when_gold_has_one": (1, 1),
                          "date": (3, 4), "attribution": (4, 4), "place": (4, 4), "place_when_gold_has_one": (0, 0),
                          "actor1": (3, 4), "actor2": (1, 1)}
    assert report["unmatched_gold"] == [] and report["failures"] == {}


def test_offsets_into_a_differently_cleaned_text_are_relocated(small_gold):
    def without_dateline(text, published):
        rows = small_extractor(text, published)
        for r in rows:  # as if the extractor had cut "KYIV — " and counted from there
            r["char_start"] -= len("KYIV — ") if text == TEXT_A else 0
            r["char_end"] -= len("KYIV — ") if text == TEXT_A else 0
        return rows

    assert claims_eval.evaluate(without_dateline, small_gold)["strict"]["tp"] == 3


def test_refused_article_counts_as_no_claims_and_other_errors_propagate(small_gold):
    def refuses_b(text, published):
        if text == TEXT_B:
            raise InputError("empty_text", "nothing to read")
        return small_extractor(text, published)

    report = claims_eval.evaluate(refuses_b, small_gold)
    assert report["lenient"]["tp"] == 2 and report["failures"] == {"B": "InputError: nothing to read"}

    def crashes(text, published):
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        claims_eval.evaluate(crashes, small_gold)


def test_extractor_receives_the_publication_date(small_gold):
    seen = []
    claims_eval.evaluate(lambda text, published: seen.append(published) or [], small_gold)
    assert seen == [date(2022, 2, 18), date(2022, 2, 14)]


# ---------------------------------------------------------------- agreement rules


def gold_actor(name, country, kind, sector="GOV"):
    return claims_eval.GoldActor(name, country, sector, kind)


@pytest.mark.parametrize("gold, name, country, agrees", [
    (gold_actor("Anders Fogh Rasmussen", None, "person", "IGO"), "Rasmussen", None, True),
    (gold_actor("Anders Fogh Rasmussen", None, "person", "IGO"), "Fogh Rasmussen", None, True),
    (gold_actor("Anders Fogh Rasmussen", None, "person", "IGO"), "Jens Stoltenberg", None, False),
    (gold_actor("António Guterres", None, "person", "IGO"), "Antonio Guterres", None, True),
    (gold_actor("Sergei Shoigu", "RUS", "person"), "Shoigu", "RUS", True),
    (gold_actor("Sergei Shoigu", "RUS", "person"), "Shoigu", None, False),
    (gold_actor("Mikheil Saakashvili", "GEO", "person"), "Mikhail Saakashvili", "GEO", True),
    (gold_actor("Kim Jong Un", "PRK", "person"), "Kim", "PRK", True),
    (gold_actor("Russia", "RUS", "country"), "Russian forces", "RUS", True),
    (gold_actor("Russia", "RUS", "country"), "Russia", None, False),
    (gold_actor("Hamas", "PSE", "organization"), "Hamas", "pse", True),
    (gold_actor("UN Security Council", None, "organization", "IGO"), "U.N. Security Council", None, True),
    (gold_actor("UN Security Council", None, "organization", "IGO"), "United Nations Security Council", None, True),
    (gold_actor("UN Security Council", None, "organization", "IGO"), "Security Council", None, True),
    (gold_actor("UN Security Council", None, "organization", "IGO"), "United Nations", None, False),
    (gold_actor("CSTO", None, "organization", "IGO"), "Collective Security Treaty Organization", None, True),
    (gold_actor("NATO", None, "organization", "IGO"), None, None, False),
])
def test_actor_agreement(gold, name, country, agrees):
    assert claims_eval.actor_agrees(gold, name, country) is agrees


def gold_of(event_type, participants=()):
    return claims_eval.GoldClaim(
        "g", "A", event_type, "s", 0, 1, "t", gold_actor("Israel", "ISR", "country"),
        gold_actor("Hamas", "PSE", "organization"), tuple(participants), "asserted", None, None, None, None)


SWAPPED = {"actor1_name": "Hamas", "actor1_country": "PSE", "actor2_name": "Israel", "actor2_country": "ISR"}


@pytest.mark.parametrize("event_type, participants, agrees", [
    ("agreement", (), True),  # "Israel and Hamas agreed" has no direction
    ("attack", (), False),  # who attacked whom matters
    ("attack", ("Israel", "Hamas"), True),  # reciprocal fighting lists both sides as participants
])
def test_swapped_actors(event_type, participants, agrees):
    assert claims_eval.actors_agree(gold_of(event_type, participants), SWAPPED) is agrees


def test_missing_values_from_a_dataframe_are_empty():
    nan = float("nan")
    gold = gold_of("attack")
    assert claims_eval.actor_agrees(gold.actor1, nan, nan) is False
    assert claims_eval.attribution_agrees(gold, {"attributed_to": nan}) is True
    assert claims_eval.quantity_agrees(gold, {"quantity_value": nan, "quantity_unit": nan}) is True
    assert plover.code_agrees(frozenset({"IGO"}), nan, nan) is False


@pytest.mark.parametrize("gold, predicted, agrees", [
    (None, {}, True),
    (None, {"quantity_value": 3, "quantity_unit": "ministers"}, False),
    ({"value": 6104, "previous": 19000, "unit": "centrifuges"},
     {"quantity_value": 6104.0, "quantity_previous": 19000, "quantity_unit": "Centrifuges"}, True),
    ({"value": 6104, "previous": 19000, "unit": "centrifuges"},
     {"quantity_value": 6104, "quantity_unit": "centrifuges"}, False),
    ({"value": None, "low": 169000, "high": 190000, "unit": "personnel"},
     {"quantity_value": float("nan"), "quantity_unit": "personnel"}, True),
])
def test_quantity_agreement(gold, predicted, agrees):
    claim = dataclasses.replace(gold_of("troop_deployment"), quantity=gold)
    assert claims_eval.quantity_agrees(claim, predicted) is agrees


@pytest.mark.parametrize("gold, predicted, agrees", [
    (None, None, True),
    (None, "Reuters", False),
    ("Kremlin", "the Kremlin", True),
    ("Michael Carpenter", "Carpenter", True),
    ("interior ministry", "defence ministry", False),
    ("Alexus Grynkewich", "Jim Mattis", False),
    ("Syria's government", "Syria", True),
    ("senior administration official", "a senior administration official", True),
])
def test_attribution_agreement(gold, predicted, agrees):
    assert _common.sources_agree(gold, predicted) is agrees


# ---------------------------------------------------------------- places and splits


@pytest.mark.parametrize("gold_place, predicted, agrees", [
    (None, {}, True),
    (None, {"place_text": "TBILISI, Georgia", "geo_method": "dateline"}, True),  # a fallback is no sentence place
    (None, {"place_text": "Gori", "geo_method": "sentence"}, False),
    ("Lachin corridor", {"place_text": "Lachin", "geo_method": "sentence"}, True),
    ("Kremlin", {"place_text": "the Kremlin"}, True),  # rows without geo_method (another annotation) count
    ("Tbilisi", {"place_text": "the capital", "place_name": "Tbilisi", "geo_method": "sentence"}, True),
    ("Tbilisi", {"place_text": "Tbilisi", "geo_method": "document"}, False),
    ("Yerevan", {"place_text": "Baku", "geo_method": "sentence"}, False),
])
def test_place_agreement(gold_place, predicted, agrees):
    gold = dataclasses.replace(gold_of("meeting"), place_text=gold_place)
    assert claims_eval.place_agrees(gold, predicted) is agrees


@pytest.fixture()
def small_split(tmp_path: Path) -> Path:
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"seed": 1, "method": "by hand", "dev": ["A"], "test": ["B"]}), encoding="utf-8")
    return path


def test_splits_are_scored_from_one_run(small_gold, small_split):
    calls = []

    def counting(text, published):
        calls.append(text)
        return small_extractor(text, published)

    result = claims_eval.evaluate_splits(counting, small_gold, small_split)
    assert len(calls) == 2  # every article once, not once per side
    dev, test, every = (result["splits"][side] for side in ("dev", "test", "all"))
    assert (dev["articles"], dev["strict"]["gold"], dev["strict"]["tp"], dev["strict"]["predicted"]) == (1, 2, 2, 3)
    assert (test["articles"], test["strict"]["gold"], test["strict"]["tp"], test["lenient"]["tp"]) == (1, 2, 1, 2)
    assert every["strict"] == claims_eval.evaluate(small_extractor, small_gold)["strict"]
    assert "unmatched_gold" in dev and "unmatched_gold" not in test and "unmatched_gold" not in every


def test_one_side_of_the_split(small_gold, small_split):
    test = claims_eval.evaluate_side(small_extractor, small_gold, "test", small_split)
    assert test["articles"] == 1 and test["split_side"] == "test" and "unmatched_gold" not in test


def test_an_article_outside_the_split_stops_the_run(small_gold, tmp_path):
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"seed": 1, "method": "by hand", "dev": ["A"], "test": []}), encoding="utf-8")
    with pytest.raises(_common.GoldDataError, match="1 gold articles in neither split"):
        claims_eval.evaluate_splits(small_extractor, small_gold, path)


def test_claims_main_prints_the_sides_next_to_each_other(small_gold, small_split, fake_module, capsys):
    assert claims_eval.main(["--gold", str(small_gold), "--splits", str(small_split),
                             "--extractor", f"{fake_module}:nothing"]) == 0
    printed = capsys.readouterr().out
    assert "dev 1 articles / 2 claims, test 1 articles / 2 claims, all 2 articles / 4 claims" in printed
    assert "strict P/R/F1 (type + actors)" in printed and "0.000/0.000/0.000" in printed


def test_the_frozen_claims_split_covers_the_gold_set():
    split = _common.load_split("claims_gold")
    articles, _ = claims_eval.load_gold(GOLD_DIR)
    _common.check_split_covers(split, [a.article_id for a in articles], "gold articles")
    assert len(split["test"]) * 3 >= len(articles)


def test_reliability_buckets_by_confidence(small_gold):
    def with_confidence(text, published):
        rows = small_extractor(text, published)
        for row_, value in zip(rows, (0.9, 0.95, 0.7, 0.9, 0.95)):
            row_["confidence"] = value
        return rows

    table = claims_eval.evaluate(with_confidence, small_gold)["reliability"]
    # 0.9: g1, g2, g3 right and the protest with the wrong country; 0.7: the spurious attack
    assert table["buckets"] == [
        {"confidence": "0.9-1.0", "mean_confidence": 0.925, "predictions": 4, "strict_correct": 3,
         "strict_precision": 0.75, "lenient_precision": 1.0},
        {"confidence": "0.7-0.8", "mean_confidence": 0.7, "predictions": 1, "strict_correct": 0,
         "strict_precision": 0.0, "lenient_precision": 0.0},
    ]
    assert table["ece"] == round((4 * 0.175 + 1 * 0.7) / 5, 4)


# ---------------------------------------------------------------- agreement between two annotation passes


def second_pass_file(tmp_path: Path) -> Path:
    """The small gold set annotated again: g1 the same, g2 as a request, g3 with a wrong date, g4 missing,
    and one claim the first pass lacks."""
    claims = [dict(c) for c in SMALL_GOLD[:3]]
    claims[1] = dict(claims[1], event_type="request")
    claims[2] = dict(claims[2], date_start="2022-02-13", date_end="2022-02-13")
    claims.append(gold_claim("x", "B", "attack", "Protesters rallied outside the palace.", "rallied",
                             actor("protesters", "FRA", "CVL", "group")))
    for index, claim in enumerate(claims, start=1):
        claim["claim_id"] = f"s{index}"
    path = tmp_path / "second.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    return path


def test_agreement_between_passes(small_gold, tmp_path):
    report = claims_agreement.agreement(small_gold, second_pass_file(tmp_path))
    assert report["claims"] == {"first": 4, "second": 4}
    assert report["lenient"] == {"tp": 2, "predicted": 4, "gold": 4, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["strict"]["f1"] == 0.5 and report["strict_second_as_reference"]["f1"] == 0.5
    assert report["attributes"]["date"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["only_first"] == ["g2", "g4"] and report["only_second"] == ["s2", "s4"]
    assert report["attribute_differences"]["date"] == [("g3", "s3")]
    types = report["type_on_same_trigger"]
    assert (types["pairs"], types["agree"]) == (4, 2)
    assert types["confusions"] == {"statement -> request": 1, "protest -> attack": 1}


@pytest.mark.parametrize("pairs, kappa", [
    ([("a", "a"), ("b", "b")], 1.0),
    ([("a", "b"), ("b", "a")], -1.0),
    ([("a", "a"), ("a", "a")], 1.0),
    ([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")], 0.5),
])
def test_cohen_kappa(pairs, kappa):
    assert claims_agreement.cohen_kappa(pairs) == kappa


def test_agreement_on_the_real_second_pass():
    report = claims_agreement.agreement()
    assert len(report["articles"]) * 5 >= 66 and report["claims"]["second"] >= 150
    assert report["lenient"]["f1"] >= 0.95  # the adjudicated gold set and the second pass agree closely


# ---------------------------------------------------------------- the real gold set


def gold_records():
    return [json.loads(line) for line in (GOLD_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def oracle_rows(text: str, records: list[dict], shift: int = 0) -> list[dict]:
    """The gold claims of an article written as extractor rows (offsets shifted by ``shift``)."""
    rows = []
    for record in records:
        start = text.index(record["sentence"]) - shift
        quantity = record["quantity"] or {}
        entry = {"char_start": start, "char_end": start + len(record["sentence"]), "evidence_text": record["sentence"],
                 "event_type": record["event_type"], "trigger": record["trigger"], "modality": record["modality"],
                 "attributed_to": record["attributed_to"], "date_start": record["date_start"],
                 "date_end": record["date_end"], "quantity_value": quantity.get("value"),
                 "quantity_previous": quantity.get("previous"), "quantity_unit": quantity.get("unit"),
                 "place_text": record["place_text"], "place_country": record["place_country"]}
        for slot in ("actor1", "actor2"):
            entry[f"{slot}_name"] = (record[slot] or {}).get("name")
            entry[f"{slot}_country"] = (record[slot] or {}).get("country")
        rows.append(entry)
    return rows[::-1]  # reversed, so matching cannot rely on the order


def oracle(keep=lambda record: True, strip_dateline=False):
    articles, _ = claims_eval.load_gold(GOLD_DIR)
    by_text = {a.text: a.article_id for a in articles}
    records = [r for r in gold_records() if keep(r)]

    def extract(text, published):
        article_id = by_text[text]
        shift = text.index(" — ") + len(" — ") if strip_dateline and " — " in text[:40] else 0
        return oracle_rows(text, [r for r in records if r["article_id"] == article_id], shift)

    return extract


def test_gold_set_scores_perfectly_against_itself():
    report = claims_eval.evaluate(oracle())
    assert report["strict"]["f1"] == 1.0 and report["lenient"]["f1"] == 1.0
    assert all(f["accuracy"] == 1.0 for f in report["attributes"].values() if f["total"])


def test_gold_set_with_shifted_offsets_still_matches():
    assert claims_eval.evaluate(oracle(strip_dateline=True))["strict"]["f1"] == 1.0


def test_dropping_statements_costs_exactly_their_recall():
    records = gold_records()
    statements = sum(r["event_type"] == "statement" for r in records)
    report = claims_eval.evaluate(oracle(keep=lambda r: r["event_type"] != "statement"))
    assert report["strict"]["precision"] == 1.0
    assert report["strict"]["recall"] == round((len(records) - statements) / len(records), 4)
    assert report["per_type"]["statement"]["strict"]["recall"] == 0.0


def test_gold_statistics_counts():
    stats = claims_eval.gold_statistics(*claims_eval.load_gold(GOLD_DIR))
    assert stats["claims"] == len(gold_records())
    assert sum(stats["event_type"].values()) == stats["claims"]
    assert min(stats["event_type"].values()) >= 4 and len(stats["event_type"]) == 15


# ---------------------------------------------------------------- command line


@pytest.fixture()
def fake_module(tmp_path: Path, monkeypatch) -> str:
    module = tmp_path / "fake_extractors.py"
    module.write_text("def nothing(text, published=None):\n    return []\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "fake_extractors"


def test_claims_main_writes_json_and_prints_report(small_gold, fake_module, tmp_path, capsys):
    out = tmp_path / "figures.json"
    code = claims_eval.main(["--gold", str(small_gold), "--extractor", f"{fake_module}:nothing", "--json", str(out),
                             "--split", "all"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "type + actors (strict)   P 0.000  R 0.000  F1 0.000   (tp 0, predicted 0, gold 4)" in printed
    assert json.loads(out.read_text())["lenient"]["gold"] == 4


def test_claims_main_stats(small_gold, capsys):
    assert claims_eval.main(["--gold", str(small_gold), "--stats"]) == 0
    assert json.loads(capsys.readouterr().out)["event_type"] == {"troop_deployment": 1, "statement": 1,
                                                                 "meeting": 1, "protest": 1}


@pytest.mark.parametrize("argv, message", [
    (["--extractor", "no_such_module_xyz:extract"], "cannot import extractor module 'no_such_module_xyz'"),
    (["--extractor", "json"], "--extractor must look like module:function"),
    (["--extractor", "json:no_such_function"], "module 'json' has no callable 'no_such_function'"),
    (["--gold", "/nonexistent/gold", "--extractor", "json:loads"], "/nonexistent/gold/articles.jsonl not found"),
])
def test_claims_main_reports_bad_arguments(argv, message, capsys):
    assert claims_eval.main(argv) == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------- PLOVER


PLOVER_RECORDS = [
    {"id": "R1", "event": "AGREE", "text": "Hungary and Romania agreed on Wednesday to cooperate.",
     "textInfo": {"markup": "(SRC: Hungary) and (SRC: Romania) (EVT: agreed) on Wednesday to (EVT: cooperate)."},
     "source": [{"actorText": "Hungary", "code": "HUN"}, {"actorText": "Romania", "code": "ROU"}], "target": None},
    {"id": "R2", "event": "THREATEN", "text": "The United Nations threatened sanctions against Serbia.",
     "textInfo": {"markup": "The (SRC: United Nations) (EVT: threatened} sanctions against (TAR: Serbia)."},
     "source": [{"actorText": "United Nations", "code": "IGO"}], "target": [{"actorText": "Serbia", "code": "SRB"}]},
    {"id": "R3", "event": "PROTEST", "text": "Thousands protested in Algiers.",
     "textInfo": {"markup": "(SRC: Thousands) (EVT: protested) in Algiers."},
     "source": [{"actorText": "Thousands", "code": "DZA", "sector": "CVL"}], "target": ""},
    {"id": "R4", "event": "ASSAULT", "text": "Rebels ambushed a convoy near Gulu.",
     "textInfo": "no markup", "source": None, "target": [{"actorText": "convoy", "code": "UGA"}]},
]


def plover_fake(text, published):
    assert published is None
    whole = {"char_start": 0, "char_end": len(text), "evidence_text": text}
    if text.startswith("Hungary"):
        return [{**whole, "trigger": "said", "plover_type": "SUPPORT", "event_type": "statement", "confidence": 0.9},
                {**whole, "trigger": "agreed", "plover_type": "agree", "event_type": "agreement", "confidence": 0.5,
                 "actor1_country": "HUN"}]
    if text.startswith("The United Nations"):
        return [{**whole, "trigger": "warned", "plover_type": "THREATEN", "event_type": "threat",
                 "actor1_country": None, "actor1_sector": "IGO", "actor2_country": "SRB"}]
    if text.startswith("Thousands"):
        return []
    return [{**whole, "trigger": "ambushed", "plover_type": "FIGHT", "event_type": "attack", "confidence": 0.4,
             "actor2_country": "KEN"},
            {**whole, "trigger": "convoy", "plover_type": "AID", "event_type": "aid", "confidence": 0.3}]


@pytest.fixture()
def plover_file(tmp_path: Path) -> Path:
    path = tmp_path / "plover_gsr_dev.json"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    return path


def test_plover_exact_figures(plover_file):
    report = plover.evaluate(plover_fake, str(plover_file))
    figures = {k: (report[k]["correct"], report[k]["total"])
               for k in ("coverage", "plover_type", "event_type", "source_country", "target_country")}
    assert figures == {"coverage": (3, 4), "plover_type": (2, 4), "event_type": (3, 4),
                       "source_country": (2, 3), "target_country": (1, 2)}
    assert report["source_country"]["accuracy"] == 0.6667
    assert report["picked_by"] == {"trigger": 1, "evidence": 1, "none": 1, "confidence": 1}
    assert report["confusion"] == {"AGREE": {"AGREE": 1}, "ASSAULT": {"FIGHT": 1}, "PROTEST": {"NONE": 1},
                                   "THREATEN": {"THREATEN": 1}}


def test_plover_confusion_table_text(plover_file):
    report = plover.evaluate(plover_fake, str(plover_file))
    assert plover.format_confusion(report["confusion"]).splitlines() == [
        "gold \\ predicted AGREE FIGHT  NONE THREA",
        "AGREE                1     .     .     .",
        "ASSAULT              .     1     .     .",
        "PROTEST              .     .     1     .",
        "THREATEN             .     .     .     1",
    ]


def test_plover_evt_phrases_survive_malformed_markup():
    record = plover.parse_record(PLOVER_RECORDS[1])
    assert record.evt_phrases == ("threatened",)
    assert plover.evt_spans(record) == [(19, 29)]
    assert plover.parse_record(PLOVER_RECORDS[3]).evt_phrases == ()


@pytest.mark.parametrize("codes, country, sector, agrees", [
    ({"USA"}, "USA", "GOV", True),
    ({"USA"}, None, "IGO", False),
    ({"IGO"}, None, "IGO", True),
    ({"IGO"}, "USA", "GOV", False),
    ({"HUN", "ROU"}, "ROU", None, True),
])
def test_plover_code_agreement(codes, country, sector, agrees):
    assert plover.code_agrees(frozenset(codes), country, sector) is agrees


def test_plover_refused_record_is_recorded(plover_file):
    def refuses(text, published):
        raise InputError("empty_text", "no")

    report = plover.evaluate(refuses, str(plover_file))
    assert report["coverage"]["correct"] == 0 and set(report["failures"]) == {"R1", "R2", "R3", "R4"}


def test_plover_main_prints_report_and_json(plover_file, tmp_path, monkeypatch, capsys):
    module = tmp_path / "plover_fakes.py"
    module.write_text("def one_claim(text, published=None):\n"
                      "    return [{'plover_type': 'AGREE', 'event_type': 'agreement', 'actor1_country': 'HUN'}]\n",
                      encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    out = tmp_path / "plover.json"
    assert plover.main(["--data", str(plover_file), "--extractor", "plover_fakes:one_claim", "--json", str(out),
                        "--split", "all"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[2:7] == [
        "coverage (any claim)       1.000  (4/4)",
        "plover_type accuracy       0.250  (1/4)   target >= 0.70: below",
        "event_type accuracy        0.250  (1/4)",
        "source country accuracy    0.333  (1/3)   target >= 0.80: below",
        "target country accuracy    0.000  (0/2)",
    ]
    figures = json.loads(out.read_text())
    assert figures["picked_by"] == {"confidence": 4} and figures["plover_type"]["correct"] == 1


def test_plover_splits_from_one_run(plover_file, tmp_path):
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"seed": 1, "method": "by hand", "dev": ["R1", "R2"], "test": ["R3", "R4"]}),
                     encoding="utf-8")
    seen = []

    def fake(text, published):
        seen.append(text)
        return plover_fake(text, published)

    result = plover.evaluate_splits(fake, str(plover_file), str(split))
    reports = result["splits"]
    assert len(seen) == 4 and [reports[s]["records"] for s in ("dev", "test", "all")] == [2, 2, 4]
    assert reports["all"]["plover_type"] == plover.evaluate(plover_fake, str(plover_file))["plover_type"]
    assert "records_detail" in reports["dev"] and "records_detail" not in reports["test"]
    only_test = plover.evaluate_splits(fake, str(plover_file), str(split), ("test",))
    assert len(seen) == 6 and list(only_test["splits"]) == ["test"]  # the test side runs only its records


def test_plover_main_reports_missing_data(tmp_path, fake_module, capsys):
    assert plover.main(["--data", str(tmp_path / "nowhere"), "--extractor", f"{fake_module}:nothing"]) == 2
    assert "plover_gsr_dev.json not found" in capsys.readouterr().err


def test_plover_mapping_targets_the_claim_vocabulary():
    assert set(plover.PLOVER_TO_EVENT_TYPE.values()) <= set(claims_eval.EVENT_TYPES)


# ---------------------------------------------------------------- PLOVER, real data (skipped without /work/shared)


@pytest.fixture(scope="module")
def plover_real() -> Path:
    path = _common.shared_dir(None) / "benchmarks" / "events" / plover.DATA_FILE
    if not path.is_file():
        pytest.skip(f"PLOVER data not found at {path}")
    return path


def test_plover_real_data_oracle_scores_perfectly(plover_real):
    raw = json.loads(plover_real.read_text(encoding="utf-8"))
    by_text: dict[str, list[dict]] = {}
    for record in raw:
        by_text.setdefault(record["text"], []).append(record)

    def code_fields(slot, actors):
        codes = [a["code"] for a in actors if isinstance(a, dict) and a.get("code")] if isinstance(actors, list) else []
        if not codes:
            return {}
        return {f"{slot}_country": None if codes[0] == "IGO" else codes[0],
                f"{slot}_sector": "IGO" if codes[0] == "IGO" else "GOV"}

    def extract(text, published):
        rows = []
        for record in by_text[text]:  # one sentence is coded twice (AID and REJECT)
            parsed = plover.parse_record(record)
            rows.append({"char_start": 0, "char_end": len(text), "evidence_text": text, "confidence": 0.5,
                         "trigger": parsed.evt_phrases[0] if parsed.evt_phrases else "",
                         "plover_type": record["event"], "event_type": plover.PLOVER_TO_EVENT_TYPE[record["event"]],
                         **code_fields("actor1", record.get("source")), **code_fields("actor2", record.get("target"))})
        return rows

    report = plover.evaluate(extract, str(plover_real))
    assert report["records"] == 161
    for name in ("coverage", "plover_type", "event_type", "source_country", "target_country"):
        assert report[name]["accuracy"] == 1.0, name
    assert report["source_country"]["total"] == 160
    assert set(report["confusion"]) <= set(plover.PLOVER_TO_EVENT_TYPE)  # the dev half has no ACCUSE/REQUEST


def test_plover_data_folder_forms(plover_real):
    shared = plover_real.parents[2]
    for form in (shared, shared / "benchmarks", plover_real.parent, plover_real):
        assert plover.resolve_data_file(str(form)) == plover_real
