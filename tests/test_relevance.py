"""The relevance stage (issue 16): political actors, claim relevance, the document classifier
shipped as JSON, and the analyst's default view in load() and `eventbuilder show`."""

from __future__ import annotations

import json

import pytest

from eventbuilder.errors import ConfigError
from eventbuilder.model import ActorMention, Claim, DocumentRelevance
from eventbuilder.relevance import assess_claims
from eventbuilder.relevance.claims import claim_factor
from eventbuilder.relevance.classifier import DocumentModel, explain, load_model, score
from eventbuilder.relevance.features import DENSE_FEATURES, document_features, url_sections, words_of
from eventbuilder.relevance.political import political_reason
from eventbuilder.resources import read_json

PRODUCT_REVIEW = (
    "The new MacBook Pro is the best laptop Apple has made in years.\n\n"
    "The keyboard helps you type faster, and the battery gives you a full day of work. Apple offers the base model "
    "for $2,399, and the company provides a free trial of its cloud service. Reviewers agree that the speakers are "
    "superb. Sign up for our newsletter to get the best deals.\n"
)
POLITICAL_NEWS = (
    "Russia launches new offensive in eastern Ukraine\n\n"
    "KYIV, Ukraine — Russian forces launched a new offensive in eastern Ukraine on Monday, shelling towns along the "
    "front line, Ukrainian officials said. President Volodymyr Zelenskiy urged NATO to send more air defence "
    "systems. The United States announced $400 million in military aid for Ukraine, and the European Union "
    "imposed new sanctions on Russian banks. The Kremlin accused the West of prolonging the war.\n"
)


def actor(text=None, name=None, country=None, sector=None, kind=None) -> ActorMention:
    return ActorMention(text, 0, 0, name=name, country=country, sector=sector, kind=kind)


def make_claim(event_type="attack", actor1=None, actor2=None, sense_note=None, sentence=0, trigger="x", at=0,
               reported_by=None) -> Claim:
    return Claim("d", sentence, 0, 1, "x", event_type, None, None, trigger, at, actor1=actor1, actor2=actor2,
                 sense_note=sense_note, reported_by=reported_by)


@pytest.mark.parametrize("mention, reason", [
    (actor("Russia", "Russia", "RUS", "GOV", "country"), "Russia (GOV)"),
    (actor("the Kremlin", "Russia", "RUS", None, "metonym"), "Russia (metonym)"),
    (actor("NATO", "NATO", None, "IGO", "igo"), "NATO (IGO)"),
    (actor("Hamas", "Hamas", "PSE", "REB", "group"), "Hamas (REB)"),
    (actor("police", None, "HKG", "COP"), "police (COP)"),
    (actor("some protesters", None, "FRA", "CVL"), "some protesters (CVL)"),
    (actor("Truckers"), None),  # their protest claims are political (test_claim_factor), not every claim of theirs
    (actor("Both sides"), "Both sides (a party)"),
    (actor("Americans", "United States", "USA", "CVL", "country"), None),
    (actor("the company", None, None, "BUS"), None),
    (actor("Jennifer Pluznick", "Jennifer Pluznick", None, None, "person"), None),
    (actor("we"), None),
    (None, None),
])
def test_political_actors(mention, reason):
    assert political_reason(mention) == reason


@pytest.mark.parametrize("claim, factor, why", [
    (make_claim(actor1=actor("Russia", "Russia", "RUS", "GOV", "country")), 1.0, "political actor: Russia (GOV)"),
    (make_claim("aid", sense_note="not aid: giving 'freshness'"), 0.0, "not an event: not aid: giving 'freshness'"),
    (make_claim("attack", actor2=actor("more than 40 people", None, "SYR", "CVL")), 0.85,
     "conflict event without a named political actor"),
    (make_claim("attack", actor1=actor("the company", None, None, "BUS")), 0.2, "no political actor"),
    (make_claim("concession", actor1=actor("Tokayev", "Tokayev", "KAZ", None, "person")), 0.85,
     "actor of a country: Tokayev (KAZ)"),
    (make_claim("meeting"), 0.85, "no actor named"),
    (make_claim("protest", actor1=actor("Truckers")), 1.0, "political actor: Truckers (protesters)"),
    (make_claim("statement", actor1=actor("Jennifer Pluznick", "Jennifer Pluznick", None, None, "person")), 0.2,
     "speaker not political"),
    (make_claim("statement", actor1=actor("Esper", "Mark Esper", "USA", "GOV", "person")), 1.0,
     "political speaker: Mark Esper (GOV)"),
])
def test_claim_factor(claim, factor, why):
    assert claim_factor(claim) == (factor, why)


def test_claim_relevance_is_the_document_score_times_the_claim_factor():
    claims = [make_claim(actor1=actor("Russia", "Russia", "RUS", "GOV", "country")),
              make_claim("meeting"),
              make_claim("statement", actor1=actor("witnesses"), sentence=1, at=40),
              make_claim("attack", actor1=actor("soldiers", None, "SYR", "MIL"), sentence=1, trigger="opened", at=60,
                         reported_by=40)]
    assess_claims(claims, DocumentRelevance(0.9, "x"), threshold=0.5)
    assert [(c.relevance, c.relevant) for c in claims] == [(0.9, True), (0.765, True), (0.9, True), (0.9, True)]
    assert claims[2].relevance_note == "about a political event (attack 'opened'); document 0.90"
    assess_claims(claims, DocumentRelevance(0.3, "x"), threshold=0.5)
    assert [c.relevant for c in claims] == [False, False, False, False]
    assess_claims(claims, DocumentRelevance(None, "not assessed"), threshold=0.0)
    assert [c.relevant for c in claims] == [True, True, True, True]  # threshold 0 shows everything


def test_history_told_as_background_is_noted():
    from datetime import date

    from eventbuilder.model import DateInterval

    old = make_claim(actor1=actor("Russia", "Russia", "RUS", "GOV", "country"))
    old.date_interval, old.date_method = DateInterval(date(1967, 1, 1), date(1967, 12, 31), "year"), "explicit"
    recent = make_claim(actor1=actor("Russia", "Russia", "RUS", "GOV", "country"))
    recent.date_interval, recent.date_method = DateInterval(date(2023, 11, 1), date(2023, 11, 1), "day"), "relative"
    assess_claims([old, recent], DocumentRelevance(0.96, "x"), threshold=0.5, published=date(2023, 11, 8))
    assert (old.relevance, old.relevant, recent.relevance, recent.relevant) == (0.96, True, 0.96, True)
    assert old.relevance_note == "political actor: Russia (GOV); background (an event of 1967); document 0.96"


@pytest.mark.parametrize("url, political, other", [
    ("https://www.bbc.com/news/world-europe-50473792", {"world", "europe"}, set()),
    ("https://www.foxnews.com/politics/republican-candidates-clash", {"politics"}, set()),
    ("https://www.cbssports.com/soccer/news/uefa-euro-2020-qualifying", set(), {"soccer"}),
    ("https://www.bettycrocker.com/recipes/easy-pineapple-upside-down-cake", set(), {"recipes"}),
    ("https://example.org/2019/11/18/some-story?ref=world", set(), set()),
    (None, set(), set()),
])
def test_url_sections(url, political, other):
    assert url_sections(url) == (political, other)


def test_url_section_lists_do_not_overlap():
    sections = read_json("relevance/url_sections.json")
    assert not set(sections["political"]) & set(sections["other"])


def test_words_of():
    assert words_of("Russia's troops — and NATO's — moved 3 km.") == {"russia's": 1, "troops": 1, "and": 1, "nato's": 1,
                                                                   "moved": 1, "km": 1}


def test_dense_features_count_political_claims_per_sentence():
    russia = actor("Russia", "Russia", "RUS", "GOV", "country")
    claims = [make_claim("attack", actor1=russia), make_claim("statement", actor1=russia),
              make_claim("aid", sense_note="not aid"), make_claim("meeting")]
    features = document_features("t", "https://example.org/world/x", "text", claims, n_sentences=4)
    assert features.dense == {"political_claims_per_sentence": 0.5, "political_claim_share": 2 / 3,
                              "event_claims_per_sentence": 0.5, "conflict_claims_per_sentence": 0.25,
                              "actor_countries": pytest.approx(0.6931, abs=1e-4), "url_political_section": 1.0,
                              "url_other_section": 0.0}


def test_shipped_model_loads_and_records_what_it_was_trained_on():
    model = load_model()
    data = read_json("relevance/document_model.json")
    assert set(model.dense_weights) == set(DENSE_FEATURES) and len(model.vocabulary) > 1000
    sources = data["trained_on"]["sources"]
    assert sources["pages (dev split, benchmarks/relevance/labels.json)"]["political"] > 30
    assert "test" not in json.dumps(sources)  # never trained on the test split
    assert data["trained_on"]["cross_validation"]["dev_pages_out_of_fold"]["reliability"]


def test_a_model_for_other_features_is_refused():
    data = dict(read_json("relevance/document_model.json"), features_version="document-features/0")
    with pytest.raises(ConfigError, match="retrain it"):
        DocumentModel.from_json(data)


def test_scores_are_calibrated_probabilities_with_an_explanation():
    features = document_features("Russia launches offensive", "https://x.org/world/a", POLITICAL_NEWS, [], 5)
    result = score(load_model(), features)
    assert 0.0 <= result.probability <= 1.0
    note = explain(result, features)
    assert note.startswith(f"{result.probability:.2f}; for: words (") and "political URL section" in note


@pytest.fixture(scope="module")
def review_rows(nlp):
    from eventbuilder.api import extract_text

    return extract_text(PRODUCT_REVIEW, "2019-11-18")


@pytest.fixture(scope="module")
def news_rows(nlp):
    from eventbuilder.api import extract_text

    return extract_text(POLITICAL_NEWS, "2023-11-08")


def test_political_news_is_in_the_default_view(news_rows):
    assert news_rows and all(r["relevance_note"] for r in news_rows)
    relevant = {(r["event_type"], r["actor1_name"]) for r in news_rows if r["relevant"]}
    assert {("attack", "Russia"), ("request", "Volodymyr Zelensky"), ("aid", "United States"),
            ("sanction", "European Union"), ("accusation", "Russia")} <= relevant


def test_a_product_review_has_no_claim_in_the_default_view(review_rows):
    assert review_rows and not any(r["relevant"] for r in review_rows)
    assert all(r["relevance_note"] for r in review_rows)


def test_document_relevance_is_a_pure_function_of_the_document(nlp):
    from eventbuilder.api import extract_text

    first = extract_text(POLITICAL_NEWS, "2023-11-08")
    again = extract_text(POLITICAL_NEWS, "2023-11-08")
    assert [(r["claim_id"], r["relevance"], r["relevance_note"]) for r in first] == \
           [(r["claim_id"], r["relevance"], r["relevance_note"]) for r in again]


def test_training_targets_split_partly_pages_in_halves():
    from collections import Counter

    from eventbuilder.relevance.features import DocumentFeatures
    from eventbuilder.relevance.train import Item, _expanded, reliability

    features = DocumentFeatures(Counter({"war": 1}), dict.fromkeys(DENSE_FEATURES, 0.0))
    items = [Item("p1", "pages", 0.5, features), Item("s1", "plover", 1.0, features)]
    rows, classes, weights = _expanded(items, sentence_weight=0.05)
    assert [(r.item_id, c, w) for r, c, w in zip(rows, classes, weights)] == [
        ("p1", 1, 0.5), ("p1", 0, 0.5), ("s1", 1, 0.05)]
    assert reliability([(items[0], 0.55), (items[1], 0.95)]) == [
        {"bin": "0.5-0.7", "pages": 1, "mean_relevance": 0.55, "mean_label": 0.5},
        {"bin": "0.9-1.0", "pages": 1, "mean_relevance": 0.95, "mean_label": 1.0}]
