"""Actors that hold on unseen articles (issue 12): counterparts on the object noun, the owner of the
act an object names, the other side of a denied charge, coordinated nationalities and named
members of a collective, the doer of a passive attack named on the fighting noun, and implied
actors taken from the claims before. Each case is a sentence written like the wire copy that
motivated the rule; expected values are exact."""

from __future__ import annotations

import pytest

from eventbuilder.api import extract_text

PUBLISHED = "2019-03-01"


def _one(text: str, event_type: str, published: str = PUBLISHED) -> dict:
    rows = [r for r in extract_text(text, published) if r["event_type"] == event_type]
    assert len(rows) == 1, [(r["event_type"], r["trigger"]) for r in extract_text(text, published)]
    return rows[0]


@pytest.mark.parametrize("text, event_type, actor2", [
    # the counterpart hangs from the object noun of the act
    ("Venezuela broke off diplomatic relations with Colombia on Thursday.", "sanction", "Colombia"),
    ("NATO warplanes struck Serbian positions on Sunday. Moscow suspended its military cooperation with the "
     "alliance.", "sanction", "NATO"),
    ("Germany suspended development aid to Niger on Saturday.", "sanction", "Niger"),
    ("Japan lodged a formal protest with Beijing over the incursion.", "accusation", "China"),
    # the owner of the act an object names is the one answered
    ("The prime minister condemned the NATO action as a breach of international law.", "accusation", "NATO"),
    ("President Goodluck Jonathan accepted the British offer of surveillance aircraft.", "agreement",
     "United Kingdom"),
    ("The Hungarian parliament approved Sweden's application to join the alliance.", "agreement", "Sweden"),
])
def test_counterpart_named_on_the_object(nlp, text, event_type, actor2):
    assert _one(text, event_type)["actor2_name"] == actor2


def test_a_place_named_agreement_is_not_its_counterpart(nlp):
    row = _one("Kyiv rejected the Minsk agreement on Tuesday.", "rejection")
    assert row["actor2_name"] is None


@pytest.mark.parametrize("text, denier, claimant", [
    ("Indian officials say hundreds of Pakistani soldiers crossed the frontier in May, a charge Islamabad denies.",
     "Pakistan", "India"),
    ("Rebel commanders accused Kyiv on Friday of preparing an offensive, a charge Ukraine denied.",
     "Ukraine", "Ukraine"),
    ("India said it had shot down a Pakistani jet during the clash, which Pakistan denied.", "Pakistan", "India"),
])
def test_a_denied_charge_is_denied_to_whoever_made_it(nlp, text, denier, claimant):
    row = _one(text, "rejection")
    assert (row["actor1_country"], row["actor2_country"]) == (
        {"Pakistan": "PAK", "Ukraine": "UKR"}[denier], {"India": "IND", "Ukraine": "UKR"}[claimant])


def test_a_denied_charge_leaves_the_accusation_asserted(nlp):
    row = _one("Rebel commanders accused Kyiv on Friday of preparing an offensive, a charge Ukraine denied.",
               "accusation")
    assert (row["modality"], row["actor2_name"]) == ("asserted", "Ukraine")


@pytest.mark.parametrize("text, event_type, pair", [
    ("Russian and Turkish officials reached the agreement in Ankara on Tuesday.", "agreement",
     ("Russia", "Turkey")),
    ("Foreign Minister Wang Yi and his Indian counterpart, Subrahmanyam Jaishankar, agreed on Wednesday to "
     "cool the situation.", "agreement", ("Wang Yi", "Subrahmanyam Jaishankar")),
    ("Foreign ministers including Secretary of State John Kerry and Iran's Mohammad Javad Zarif had been "
     "negotiating in Geneva since March.", "meeting", ("John Kerry", "Mohammad Javad Zarif")),
])
def test_both_parties_of_a_meeting_or_agreement(nlp, text, event_type, pair):
    row = _one(text, event_type)
    assert (row["actor1_name"], row["actor2_name"]) == pair


def test_his_counterpart_is_not_himself(nlp):
    row = _one("Pakistan's foreign minister, Sartaj Aziz, held talks with his Indian counterpart, Jaswant Singh, "
               "in New Delhi on June 12.", "meeting")
    assert (row["actor1_name"], row["actor2_name"], row["actor2_country"]) == ("Sartaj Aziz", "Jaswant Singh", "IND")


def test_an_agreement_after_talks_is_with_the_other_side_of_the_talks(nlp):
    row = _one("Prime Minister Nawaz Sharif held three hours of talks with President Bill Clinton on Sunday and "
               "agreed to pull back his forces.", "agreement")
    assert (row["actor1_name"], row["actor2_name"]) == ("Nawaz Sharif", "Bill Clinton")


@pytest.mark.parametrize("text, doer_country, victim_country", [
    # the doer is named on the fighting noun, never the victims' own nationality
    ("Twenty Indian soldiers were killed in a clash with Chinese troops in the mountains on Monday night.", "CHN",
     "IND"),
    ("A Russian pilot was killed by gunfire from Syrian rebels as he parachuted to the ground.", "SYR", "RUS"),
])
def test_the_doer_of_a_passive_attack_from_the_fighting_noun(nlp, text, doer_country, victim_country):
    row = _one(text, "attack")
    assert (row["actor1_country"], row["actor2_country"]) == (doer_country, victim_country)


def test_a_rebel_ambush_is_the_rebels_doing(nlp):
    row = _one("Ten Macedonian soldiers were killed in a rebel ambush on the highway on Wednesday.", "attack")
    assert (row["actor1_sector"], row["actor2_country"]) == ("REB", "MKD")


# ---------------------------------------------------------------- implied actors across sentences


def test_the_two_leaders_are_the_two_parties_of_the_talks_before(nlp):
    rows = extract_text("Pakistani Prime Minister Nawaz Sharif held talks with President Bill Clinton in Washington "
                        "on Sunday. The two leaders agreed that the ceasefire line should be respected.", "1999-07-05")
    talks = next(r for r in rows if r["event_type"] == "meeting")
    agreed = next(r for r in rows if r["event_type"] == "agreement")
    assert (agreed["actor1_name"], agreed["actor2_name"], agreed["actor1_text"]) == (
        "Nawaz Sharif", "Bill Clinton", "The two leaders")
    assert agreed["antecedent_claim_id"] == talks["claim_id"]
    assert (str(agreed["date_start"]), agreed["date_method"]) == ("1999-07-04", "anchored")
    assert agreed["confidence_rule"] < talks["confidence_rule"]


def test_both_sides_after_a_fight(nlp):
    rows = extract_text("Sudan's army fought the Rapid Support Forces in Khartoum on Saturday. Both sides agreed to "
                        "a three-hour humanitarian pause on Sunday.", "2023-04-18")
    agreed = next(r for r in rows if r["event_type"] == "agreement")
    assert {agreed["actor1_name"], agreed["actor2_name"]} == {"Sudan", "Rapid Support Forces"}


def test_missiles_intercepted_by_the_side_attacked(nlp):
    rows = extract_text("U.S. warships fired cruise missiles at Syrian air bases on Friday. Syria said most of the "
                        "missiles had been intercepted.", "2018-04-15")
    intercepted = next(r for r in rows if r["trigger"].startswith("intercept"))
    assert (intercepted["actor1_country"], intercepted["actor2_country"]) == ("SYR", "USA")
    assert intercepted["antecedent_claim_id"] is not None


def test_an_unnamed_doer_continues_the_attack_before(nlp):
    rows = extract_text("Russian missiles struck the port of Odesa on Saturday. Two cruise missiles hit the port's "
                        "infrastructure.", "2022-07-24")
    hit = next(r for r in rows if r["trigger"] == "hit")
    assert (hit["actor1_country"], hit["actor1_text"]) == ("RUS", "Two cruise missiles")


def test_the_victims_side_is_never_the_implied_doer(nlp):
    rows = extract_text("Indian warplanes struck a camp near Balakot on Tuesday. The Feb. 14 bombing killed 40 "
                        "Indian paramilitary police.", "2019-03-01")
    killed = next(r for r in rows if r["trigger"] == "killed")
    assert killed["actor1_country"] != "IND"
    assert killed["antecedent_claim_id"] is None


def test_condemned_the_launch_names_who_launched(nlp):
    rows = extract_text("North Korea fired a ballistic missile over Japan on Tuesday. Japan and South Korea condemned "
                        "the launch.", "2017-08-30")
    condemned = next(r for r in rows if r["event_type"] == "accusation")
    assert (condemned["actor1_country"], condemned["actor2_country"]) == ("JPN", "PRK")


def test_a_named_actor_is_never_replaced(nlp):
    rows = extract_text("Moscow and Kyiv signed a deal in Istanbul on Friday. The two leaders, Putin and Zelensky, "
                        "were not present.", "2022-07-23")
    assert all(r["antecedent_claim_id"] is None for r in rows)
