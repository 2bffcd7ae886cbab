"""PLOVER and CAMEO codes that depend on more than the trigger word.

PLOVER (and CAMEO) code an intention or an obligation as its own event type rather than as the
event intended: a planned or offered cooperative act ("will provide aid", "will visit", "agreed
to meet") is AGREE (CAMEO 03, express intent to cooperate); a planned or possible hostile act
("will boycott", "would withdraw its force unless") is THREATEN (13); a cooperative act reported
as not happening ("will not accept", "failed to reach agreement") is REJECT (12). A statement
takes the code of what it states: an obligation put on someone ("X must return the helicopter")
is DEMAND (10), an intention the intent code of its content. Violence against civilians is
ASSAULT (18), fighting between armed forces FIGHT (19); peacekeepers sent are AID (07).
``event_type`` never changes: these adjust only ``plover_type`` and ``cameo_root``.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventbuilder.model import Claim

COOPERATIVE = frozenset(("agreement", "aid", "meeting", "concession"))
HOSTILE = frozenset(("attack", "sanction", "troop_deployment", "protest"))
_OBLIGATION = frozenset(("must", "should", "ought"))
_WILLING = frozenset(("willing", "ready", "prepared", "committed", "determined", "open", "eager"))
_CIVILIANS = frozenset("civilian civilians refugee refugees people villagers residents camp children women "
                       "worker workers pilgrims worshippers students protesters detainees prisoners".split())


def refine_codes(drafts: list[tuple[Claim, Token]]) -> None:
    """Set intent, obligation and violence codes on the claims of one sentence."""
    for claim, token in drafts:
        intent = _intent(claim)
        if intent:
            claim.plover_type, claim.cameo_root = intent
        elif claim.event_type == "attack":
            claim.plover_type, claim.cameo_root = _violence(claim, token)
        elif claim.event_type == "troop_deployment" and "peacekeep" in (claim.evidence_text or "").lower():
            claim.plover_type, claim.cameo_root = "AID", "07"
    for claim, token in drafts:
        if claim.event_type == "statement" or claim.extractor.startswith("rules/report"):
            stated = _stated(claim, token, drafts)
            if stated:
                claim.plover_type, claim.cameo_root = stated


def _intent(claim: Claim) -> tuple[str, str] | None:
    if claim.modality == "negated" and claim.event_type in COOPERATIVE:
        return "REJECT", "12"
    if claim.modality in ("planned", "hypothetical") and claim.event_type in COOPERATIVE:
        return "AGREE", "03"
    if claim.modality in ("planned", "hypothetical") and claim.event_type in HOSTILE:
        return "THREATEN", "13"
    return None


def _violence(claim: Claim, token: Token) -> tuple[str | None, str | None]:
    victims = [t for t in token.subtree if t.lemma_.lower() in _CIVILIANS]
    if victims:
        return "ASSAULT", "18"
    return claim.plover_type, claim.cameo_root


def _stated(claim: Claim, token: Token, drafts: list[tuple[Claim, Token]]) -> tuple[str, str | None] | None:
    """The code of what a statement states, from its reported clause."""
    content = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    words = [t for clause in content for t in clause.subtree]
    if any(t.lower_ in _OBLIGATION and t.dep_ == "aux" for t in words):
        return "DEMAND", "10"
    inside = {t.i for t in words}
    for other, other_token in drafts:
        if other is not claim and other_token.i in inside and other.plover_type in ("AGREE", "THREATEN", "REJECT"):
            return other.plover_type, other.cameo_root
    if any(t.lower_ in _WILLING and t.dep_ in ("acomp", "amod", "attr") for t in words):
        return "AGREE", "03"
    return None
