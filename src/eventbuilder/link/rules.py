"""The link rules, declared in one place: which claims may report the same event.

Everything the pair evaluator, the clustering and the consensus read is here: the families of
compatible event types, how much two dates may differ, how far apart two places may be at each
precision, which modalities may meet, the thresholds of the statement rule, and the names and
meanings of the rules written into ``event_links.rule``. README ("Timeline events") and the codebook
describe the same rules; ``tests/test_link_rules.py`` checks the tables below stay consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES_VERSION = "link-rules/1"


@dataclass(frozen=True)
class Family:
    """Event types that can report the same occurrence, and what identifies one occurrence.

    ``identity`` says which evidence makes two claims the same event:
    - ``participants``: the named parties (meetings, agreements): they must overlap in at least two,
      or in one when one report names only one side;
    - ``speaker``: the same speaker on the same day with overlapping content (speech acts);
    - ``actors``: the same doer (and target when both name one), place and date not contradicting;
    - ``place``: as ``actors``, and in addition the same place (city or finer) on the same day is
      enough on its own, even when the reports blame different doers (shown as an actor disagreement).
    ``date_tolerance_days`` is how far apart two day-level dates may be: states that last (a troop
    build-up) are reported days apart with different figures, point events are not.
    """

    name: str
    types: tuple[str, ...]
    identity: str
    date_tolerance_days: int = 0


FAMILIES: tuple[Family, ...] = (
    Family("meeting", ("meeting",), "participants"),
    Family("agreement", ("agreement",), "participants"),
    # "Russia massed 130,000 troops" (Friday) and "150,000 troops" (Tuesday) report one build-up.
    Family("force_posture", ("troop_deployment", "military_exercise"), "actors", date_tolerance_days=14),
    Family("violence", ("attack",), "place"),
    Family("protest", ("protest",), "place"),
    Family("speech", ("statement", "accusation", "request", "threat", "rejection"), "speaker"),
    Family("coercion", ("sanction",), "actors"),
    Family("aid", ("aid",), "actors"),
    Family("concession", ("concession",), "actors"),
    Family("investigation", ("investigation",), "actors"),
)

FAMILY_OF_TYPE: dict[str, Family] = {t: family for family in FAMILIES for t in family.types}

# Modalities that may report the same event: a plan and its realisation, a report and a denial of it.
# A conditional ("could strike") never joins a report that it happened.
MODALITY_PAIRS: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in (
    ("asserted",), ("planned",), ("hypothetical",), ("negated",),
    ("asserted", "planned"), ("asserted", "negated"), ("planned", "hypothetical"),
))

# ---------------------------------------------------------------- dates

# Day-level dates of point events must be equal: North Korea's launches "late on Sunday" and "on
# Monday morning" are two events, so no slack is given for time zones.
# A claim without a date in its sentence takes the publication date (news of the day); the event
# itself may be a day or two older.
FALLBACK_DATE_LOOKBACK_DAYS = 2
# Intervals longer than this (quarters, years, decades) say too little to identify an event across
# articles: such claims match across documents as undated claims do.
MAX_LINKING_SPAN_DAYS = 62
# An undated claim matches only reports within this many days of its article's publication date.
UNDATED_WINDOW_DAYS = 30

# ---------------------------------------------------------------- places

PRECISIONS = ("exact", "city", "admin2", "admin1", "region", "country", "none")
# How far apart two coordinates may be and still be "the same place", by the coarser precision.
PLACE_RADIUS_KM = {"exact": 10.0, "city": 30.0, "admin2": 80.0, "admin1": 300.0, "region": 600.0,
                   "country": 0.0, "none": 0.0}
# Places at this precision or finer identify an event on their own (the "place" identity).
PRECISE_PLACE = ("exact", "city", "admin2")

# ---------------------------------------------------------------- statements

# Share of the shorter statement's content words found in the other (overlap coefficient), after
# dropping the speaker's name and reporting verbs.
STATEMENT_MIN_OVERLAP = 0.3
STATEMENT_MIN_SHARED_WORDS = 2
REPORTING_WORDS = frozenset(
    "said says say saying told tells tell added adding stated statement statements reporters "
    "news conference according spokesman spokeswoman spokesperson".split())

# A claim linked to two claims that cannot be one event is ambiguous: it keeps only a link that is
# stronger than the other by this margin, else neither.
AMBIGUITY_MARGIN = 0.1

# A claim without any named party links only to a claim of its own article at most this many
# sentences earlier or later ("the talks" after "Blinken met Qin").
ANAPHOR_MAX_SENTENCES = 2

# ---------------------------------------------------------------- quantities

# Units counted as the same thing when reports disagree on a count.
UNIT_CLASSES: dict[str, str] = {
    **dict.fromkeys(("troops", "soldiers", "servicemen", "personnel", "forces", "fighters"), "troops"),
    **dict.fromkeys(("missiles", "rockets", "drones", "projectiles", "shells", "munitions"), "projectiles"),
    **dict.fromkeys(("people",), "people"),
}

# ---------------------------------------------------------------- rule names

RULES: dict[str, str] = {
    "new": "the first report of the event (earliest published, then article order)",
    "same_participants": "meeting or agreement: the named participants overlap in at least two, or in "
                         "one when one report names only one side; dates and places compatible",
    "planned_then_happened": "a planned report and a report that it happened, same participants or "
                             "actors, the happened date inside the planned one",
    "same_statement": "speech act: same speaker, same day, overlapping content or quote",
    "same_place_and_day": "physical event (attack, protest): the same place (city or finer) on the "
                          "same day; doers may differ (an actor disagreement)",
    "same_actors": "the same doer (and target when both name one), dates and places compatible",
    "same_document_reference": "a report naming no party (\"the talks\") in the same article within "
                               f"{ANAPHOR_MAX_SENTENCES} sentences of a compatible report",
}

STATUSES = ("happened", "planned", "hypothetical", "denied")
DISAGREEMENT_FIELDS = ("quantity", "date", "place", "actor")
