"""Recognising temporal expressions in raw text with our own rules.

This module only finds spans and says what kind of expression each is (TIMEX3 type DATE, TIME,
DURATION or SET, plus the name of the rule that matched and the pieces it captured). Turning a
span into a calendar value against the publication date is ``eventbuilder.resolve.dates``.

Span conventions follow TimeML as annotated in TempEval-3 (TBAQ): prepositions are outside the
span ("on [Thursday]", "since [July]" with "since" reported as the signal), determiners and
modifiers are inside ("[the past two weeks]", "[late December]", "[more than four hours]").

Month and weekday names must be capitalised, so "Protesters may march on Sunday" yields only
"Sunday". A bare month name ("June") needs a temporal context (a preposition such as "in",
"since", "until", a modifier such as "early", "last") because "May", "March" and "August" are
also ordinary words. Weekday abbreviations ("Sun", "Wed") are only accepted inside a full date
("Sun, 24 Aug 2014"), never alone: "The Sun" is a newspaper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# ---------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "couple": 2,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\b\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_ANY = rf"(?:{_WEEKDAY}|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUM_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|(?:a\s+)?hundred|(?:a\s+)?dozen)"
)
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(?:{_TEENS_WORD}|{_TENS_WORD}(?:[\s-]+{_UNITS_WORD})?|oh[\s-]+{_UNITS_WORD})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS_WORD}|{_TENS_WORD}(?:[\s-]+{_UNITS_WORD})?|{_UNITS_WORD}))?)"
)
_YEAR_ANY = rf"(?:{_YEAR}|{_SPELLED_YEAR})"
_NUMBER = (
    rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUM_WORD}(?:[\s-]+{_NUM_WORD})?(?:\s+and\s+a\s+half)?"
    r"|an?|a\s+couple\s+of|couple\s+of|a\s+few|few|several|some|many|a\s+number\s+of)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_MOD_PREFIX = r"(?:(?:early|late|mid)[\s-]+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)"
_AMPM = r"(?:[ap]\.\s?m\.?|[ap]m\b|[AP]M\b)"
_ZONE = r"(?:\s+(?:[A-Z][SD]T|GMT|UTC|Z)\b)"


def _clock(prefix: str) -> str:
    """A clock time ("10:30 a.m.", "7 p.m.", "07:39:38 am", "14:00 GMT") with prefixed groups."""
    p = prefix
    return (
        rf"(?:(?P<{p}hour>[01]?\d|2[0-3])(?::(?P<{p}minute>[0-5]\d))?(?::(?P<{p}second>[0-5]\d))?"
        rf"\s*(?P<{p}ampm>{_AMPM})|(?P<{p}hour24>[01]?\d|2[0-3]):(?P<{p}minute24>[0-5]\d)"
        rf"(?::(?P<{p}second24>[0-5]\d))?(?!\d)|(?P<{p}named>\bnoon|\bmidnight|\bmidday)\b)(?P<{p}zone>{_ZONE})?"
    )


def year_number(text: str) -> int:
    """1996 for "1996" or "nineteen ninety-six", 2000 for "two thousand"."""
    if text.strip().isdigit():
        return int(text)
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(NUMBER_WORDS[w] for w in rest)
    century = NUMBER_WORDS[words[0]] * 100
    rest = [w for w in words[1:] if w not in ("hundred", "and", "oh")]
    return century + sum(NUMBER_WORDS[w] for w in rest)


# ---------------------------------------------------------------- candidates


@dataclass(frozen=True)
class TimexCandidate:
    """A recognised temporal expression, before normalisation.

    ``rule`` names the pattern that matched; ``parts`` holds the named pieces it captured
    (e.g. ``("month", "Aug.")``, ``("day", "24")``), which the normaliser reads.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    rule: str
    parts: tuple[tuple[str, str], ...] = ()
    signal: str | None = None

    def part(self, name: str) -> str | None:
        for key, value in self.parts:
            if key == name:
                return value
        return None

    def need(self, *names: str) -> str:
        """The first of ``names`` the match captured, for parts the rule's pattern always captures
        (one of its alternatives); a missing one is a rule/handler mismatch."""
        for name in names:
            value = self.part(name)
            if value:
                return value
        raise ValueError(f"timex rule {self.rule!r} captured none of {names}")


Classifier = Callable[[re.Match], str]
Validator = Callable[[str, re.Match], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    classify: Classifier
    validate: Validator | None = None


def _fixed(kind: str) -> Classifier:
    return lambda m: kind


def _time_if(*groups: str, otherwise: str = "DATE") -> Classifier:
    return lambda m: "TIME" if any(m.group(g) for g in groups) else otherwise


# ---------------------------------------------------------------- context checks

_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")
_BARE_MONTH_CONTEXT = frozenset(
    "in since until till by during through throughout from to before after early late mid last "
    "next this that each every of around between and or end beginning start middle into past "
    "as for".split()
)
_DETERMINERS = frozenset("the a an its his her their our this that".split())
_YEAR_CONTEXT = frozenset(
    "in since until till by during through throughout from to before after early late mid of "
    "around between and or end beginning start middle fiscal year as than the its circa ca "
    "summer winter spring fall autumn".split()
)
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|percent|per\b|people|persons|troops|soldiers|men|women|children|police|"
    r"officers|members|workers|residents|refugees|tons|tonnes|barrels|meters|metres|feet|"
    r"miles|kilometers|km|kg|pounds|dollars|euros|shares|votes|seats|units|cars|homes|"
    r"houses|jobs|points|times|cases|deaths|hectares|acres|(?-i:[a-z]+s)\b(?<!'s))",
    re.IGNORECASE,
)


def _previous_word(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _capitalised(*groups: str) -> Validator:
    def check(text: str, m: re.Match) -> bool:
        return all(not m.group(g) or m.group(g)[0].isupper() for g in groups)

    return check


def _bare_month_ok(text: str, m: re.Match) -> bool:
    # "In June, NATO agreed" / "since July" / "late December" are dates; "May" and "March"
    # in "Protesters may march" are verbs, and a capitalised "May" opening a sentence is too.
    if not m.group("month")[0].isupper():
        return False
    if m.group("mod") or m.group("rel"):
        return True
    before = _previous_word(text, m.start())
    if before in _DETERMINERS and re.match(r"\s+[a-z]", text[m.end() : m.end() + 2]):
        # "the October slaying", "a June agreement"; but "an August institution" is venerable
        # and "the March for Babies", "the March of Dimes" are names.
        if re.match(r"\s+(?:for|of|to|and|or|in|on|at|by|with)\b", text[m.end() : m.end() + 6]):
            return False
        return not (before == "an" and m.group("month").lower() == "august")
    return before in _BARE_MONTH_CONTEXT


def _year_ok(text: str, m: re.Match) -> bool:
    # "in 1988", "fiscal 1989", "1990 and beyond" are years; "$1990", "1990 people" are not.
    before = text[max(0, m.start() - 2) : m.start()]
    if re.search(r"[$£€#.,\d]$", before) or re.match(r"[.,]\d|\d", text[m.end() : m.end() + 2]):
        return False
    if m.group("mod") or m.group("fiscal"):
        return True
    return not _QUANTITY_AFTER.match(text, m.end())


def _season_ok(text: str, m: re.Match) -> bool:
    # "this summer", "summer 1990", "in the fall" are dates; "the fall of the Berlin Wall" and
    # "prices fall" are not.
    if m.group("rel") and m.group("rel").lower() != "the" or m.group("year") or m.group("mod"):
        return True
    if m.group("rel") and _previous_word(text, m.start()) in (
        "in", "during", "over", "through", "throughout", "since", "by", "until", "into", "for"
    ):
        return m.group("season").lower() != "fall" or not re.match(r"\s+of\b", text[m.end():])
    return False


_A_UNIT_CONTEXT = frozenset(
    "for in within about nearly almost than over under after lasted lasting last took spent past of "
    "least most only just barely roughly around approximately some up".split()
)


def _a_unit_ok(text: str, m: re.Match) -> bool:
    # "two weeks" is always a duration. A bare "a day"/"one year" only after "for", "in",
    # "about"...; "once a year" and "$5 a day" are sets (their own rules), "a day after" an
    # anchored date, "a second battalion" nothing, "a quarter of the votes" a fraction.
    unit = m.group("unit").lower()
    number = m.group("num").lower()
    if unit.startswith("quarter") and re.match(r"\s*(?:of\b|-)", text[m.end() : m.end() + 4]):
        return False
    if number not in ("a", "an", "one"):
        return True
    if unit.startswith("second"):
        return False
    if m.group("the") or m.group("dir") or m.group("mod"):
        return True
    if re.match(r"\s+(?:after|before|later|earlier)\b", text[m.end() : m.end() + 10]):
        return True
    return _previous_word(text, m.start()) in _A_UNIT_CONTEXT


def _plural_units_ok(text: str, m: re.Match) -> bool:
    if m.group("dir"):
        return True
    return _previous_word(text, m.start()) in ("for", "in", "within", "over", "after", "took", "lasted")


def _set_rate_ok(text: str, m: re.Match) -> bool:
    # "10 percent a year", "$5 a day", "twice a week" read as "per"; "a day after" does not.
    head = text[max(0, m.start() - 25) : m.start()].lower()
    return bool(re.search(r"(?:\d|%|percent|cents?|dollars?|times|once|twice|thrice)\s*$", head))


def _set_ok(text: str, m: re.Match) -> bool:
    # "Daily" inside a name ("the New York Daily News", "Linda Daily said") is not a frequency.
    adverb = m.group("adv")
    if not adverb or not adverb[0].isupper():
        return True
    after = re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2])
    before = re.search(r"[A-Za-z]+\s+$", text[max(0, m.start() - 30) : m.start()])
    return not after and not (before and before.group(0)[0].isupper())


def _ref_ok(text: str, m: re.Match) -> bool:
    word = m.group(0).lower()
    following = text[m.end() : m.end() + 12].lower()
    if word == "current":
        # "the current quarter" has its own rule; "current" before "account" is not a date.
        return not re.match(r"\s+(?:account|assets|liabilities|affairs|events|quarter|year|month|week)", following)
    if word == "earlier":
        # Only the sentence adverb ("Earlier, police said ..."), not "earlier than", "earlier reports".
        opens_sentence = re.search(r"(?:^|[.!?\n][\"'”’]?)\s*[\"'“‘]?$", text[max(0, m.start() - 4) : m.start()])
        return following.startswith(",") and opens_sentence is not None
    if word == "now":
        return not re.match(r"-|\s+that\b", following)
    if word.endswith("past"):
        # "in the past" is PAST_REF; "the past" of "the past three summers" is not.
        return _previous_word(text, m.start()) == "in"
    return True


def _offset_ok(text: str, m: re.Match) -> bool:
    # "a day after" closing a clause is a date anchored to the previous one; in "twenty years
    # after the war" the anchor is the event, so only "twenty years" is kept (a duration).
    if m.group("dir").lower() not in ("after", "before"):
        return True
    return bool(re.match(r"\s*(?:[,.;:!?)\"”]|$|that\b|when\b|and\b|but\b)", text[m.end() : m.end() + 6]))


def _spelled_year_ok(text: str, m: re.Match) -> bool:
    # "nineteen ninety-six" and "the year two thousand" are years; "two thousand people" is not.
    if m.group("the"):
        return True
    if m.group("year").lower().startswith("two") and _previous_word(text, m.start()) not in _YEAR_CONTEXT:
        return False
    return not _QUANTITY_AFTER.match(text, m.end())


def _the_year_ok(text: str, m: re.Match) -> bool:
    # "for the year", "the full year", "the current fiscal year" name a reporting year;
    # "the year" alone ("the year's best film") is left alone.
    if m.group("which") or m.group("fiscal") or m.group("ending"):
        return True
    return _previous_word(text, m.start()) in ("for", "during", "throughout", "through", "of", "over")


def _holiday_ok(text: str, m: re.Match) -> bool:
    # "Easter Sunday", "last Easter", "at Easter" are dates; a bare "Easter" may be a name.
    if m.group("name") != "Easter" or m.group("rel") or m.group("year"):
        return True
    return _previous_word(text, m.start()) in (
        "at", "on", "over", "before", "after", "since", "until", "by", "during", "for", "around"
    )


# ---------------------------------------------------------------- rules


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    # Every expression starts at a word start; saying so first lets the engine skip the
    # positions inside words at once (it otherwise tries each rule at every character).
    return re.compile(rf"(?<!\w)(?:{pattern})", flags | re.VERBOSE)


RULES: tuple[Rule, ...] = (
    Rule(
        "iso_date",
        _rx(r"(?<![\d-])(?P<year>\d{4})-(?P<month_n>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
            r"(?:[T\s](?P<hour24>[01]\d|2[0-3]):(?P<minute24>[0-5]\d)(?::(?P<second24>[0-5]\d))?)?(?![\d-])"),
        _time_if("hour24"),
    ),
    Rule(
        "numeric_date",
        _rx(rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})(?![\d/]|\.\d)"
            rf"(?:,?\s+(?:at\s+)?{_clock('t_')})?"),
        _time_if("t_hour", "t_hour24", "t_named"),
    ),
    Rule(
        "quarter_iso",
        _rx(r"\b(?:(?P<year>\d{4})-?Q(?P<q>[1-4])|Q(?P<q2>[1-4])[\s-]+(?P<year2>\d{4}))\b", 0),
        _fixed("DATE"),
    ),
    Rule(
        "month_day",
        _rx(rf"(?:(?P<weekday>{_WEEKDAY_ANY}),?\s+|(?P<rel>last|next|this\s+past|this\s+coming)\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?![:.,]?\d)"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"),
        _fixed("DATE"),
        _capitalised("weekday", "month"),
    ),
    Rule(
        "day_month",
        _rx(rf"(?:(?P<weekday>{_WEEKDAY_ANY}),?\s+)?(?:the\s+)?(?<![\d.,])(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"),
        _fixed("DATE"),
        _capitalised("weekday", "month"),
    ),
    Rule(
        "month_year",
        _rx(rf"(?P<mod>{_MOD_PREFIX})?(?P<month>{_MONTH})(?:\s+of)?,?\s+(?:(?P<year>{_YEAR_ANY})\b|(?P<rel>this|last|next)\s+year\b)"),
        _fixed("DATE"),
        _capitalised("month"),
    ),
    Rule(
        "month",
        _rx(rf"(?P<mod>{_MOD_PREFIX})?(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
            rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}\.)(?!\w)"),
        _fixed("DATE"),
        _bare_month_ok,
    ),
    Rule(
        "year",
        _rx(rf"(?P<mod>{_MOD_PREFIX}|the\s+year\s+)?(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?<![\d,.])(?P<year>{_YEAR})\b(?!['’]?s\b|-\d)"),
        _fixed("DATE"),
        _year_ok,
    ),
    Rule(
        "spelled_year",
        _rx(rf"(?:(?P<the>the\s+year)\s+)?(?P<year>{_SPELLED_YEAR})\b(?!\s+(?:thousand|hundred|million))"),
        _fixed("DATE"),
        _spelled_year_ok,
    ),
    Rule(
        "the_year",
        _rx(r"the\s+(?:(?P<which>full|current|latest|entire|whole)\s+)?(?P<fiscal>fiscal\s+)?year\b(?!['’-])"
            r"(?=(?P<ending>\s+(?:ended|ending|that\s+ended|through|to\s+date))?)"),
        lambda m: "DURATION" if m.group("ending") else "DATE",
        _the_year_ok,
    ),
    Rule(
        "decade",
        _rx(r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<dec>1\d\d0|20\d0)|['’](?P<dec2>\d0))['’]?s\b"
            r"|the\s+(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
        _fixed("DATE"),
    ),
    Rule(
        "century",
        _rx(r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|(?:twenty[\s-])?first|second|third|fourth|fifth|sixth|seventh|"
            r"eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
            r"eighteenth|nineteenth|twentieth|this|last|next)\s+century\b"),
        _fixed("DATE"),
    ),
    Rule(
        "season",
        _rx(rf"(?P<mod>{_MOD_PREFIX})?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|the)\s+)?"
            rf"(?P<season>{_SEASON})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR_ANY})\b)?"),
        _fixed("DATE"),
        _season_ok,
    ),
    Rule(
        "relative_day",
        _rx(rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>today|yesterday|tomorrow)\b(?:\s+(?P<pod>{_PART_OF_DAY})\b)?"
            r"|the\s+day\s+(?P<rel2>before\s+yesterday|after\s+tomorrow)"),
        _time_if("pod"),
    ),
    Rule(
        "tonight",
        _rx(r"\b(?P<rel>tonight|overnight)\b"),
        _fixed("TIME"),
    ),
    Rule(
        "weekday",
        _rx(rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
            rf"(?P<weekday>{_WEEKDAY})(?P<plural>s)?\b(?:\s+(?P<pod>{_PART_OF_DAY})(?P<plural2>s)?\b)?"),
        lambda m: "SET" if m.group("plural") or m.group("plural2") else "DATE",
        _capitalised("weekday"),
    ),
    Rule(
        "part_of_day",
        _rx(rf"(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{_PART_OF_DAY})\b"),
        _fixed("TIME"),
    ),
    Rule(
        "clock",
        _rx(rf"(?:(?P<approx>around|about|approximately|shortly\s+(?:before|after))\s+)?{_clock('')}"
            rf"(?:,?\s+(?:on\s+)?(?P<weekday>{_WEEKDAY})\b|\s+(?P<rel>today|yesterday|tomorrow|tonight)\b"
            rf"|,?\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b)?"),
        _fixed("TIME"),
        _capitalised("weekday", "month"),
    ),
    Rule(
        "clock_words",
        _rx(rf"(?P<hour>\d{{1,2}}|{_UNITS_WORD}|ten|eleven|twelve)(?:\s+o['’]clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening)\b"
            rf"|(?P<hour2>\d{{1,2}}|{_UNITS_WORD}|ten|eleven|twelve)\s+o['’]clock\b"),
        _fixed("TIME"),
    ),
    Rule(
        "quarter",
        _rx(rf"(?:(?P<det>the|its|this|a|that)\s+(?![^.,;]*?quarter-)(?=[^.,;]*?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarters?\b))?"
            rf"(?:(?P<yrel>this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|year[\s-]ago|year[\s-]earlier|(?P<year>{_YEAR}))\s+)?"
            rf"(?:fiscal[\s-]+(?:year\s+)?)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarters?\b"
            rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year2>{_YEAR})\b|(?P<yrel2>this|last|next)\s+year\b)|,?\s+(?P<year3>{_YEAR})\b)?"),
        _fixed("DATE"),
    ),
    Rule(
        "quarter_ref",
        _rx(rf"(?P<det>the|this|that|last|next|its|their)\s+(?:(?P<which>latest|current|past|previous|prior|same|comparable|corresponding|"
            rf"year[\s-]ago|year[\s-]earlier|(?P<year>{_YEAR}))\s+)?(?:(?P<which2>year[\s-]ago|year[\s-]earlier)\s+)?(?P<unit>quarter|period)\b"
            r"(?:\s+(?P<tail>a\s+year\s+(?:ago|earlier)|last\s+year))?"
            rf"(?=\s+(?:ended|ending|that\s+ended)\s+(?P<ended>{_MONTH})\s+{_DAY}\b)?"),
        _fixed("DATE"),
        lambda text, m: m.group("unit").lower() == "quarter" or bool(m.group("which") or m.group("which2") or m.group("tail")),
    ),
    Rule(
        "year_ago_adj",
        _rx(r"\byear[\s-](?P<which>ago|earlier)\b(?!\s+(?:quarter|period))"),
        _fixed("DATE"),
    ),
    Rule(
        "half",
        _rx(rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half(?:\s+of\s+(?:(?:the\s+)?(?P<rel>this|last|next|the)\s+year|(?P<year>{_YEAR})\b))?"),
        _fixed("DATE"),
    ),
    Rule(
        "relative_unit",
        _rx(r"(?P<mod>(?:early|late|earlier|later|mid)[\s-]+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
            r"(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|previous|current|the\s+(?:past|last|next|coming|current|previous))\s+"
            r"(?P<unit>week|weekend|month|year|decade|fortnight)\b"),
        _fixed("DATE"),
    ),
    Rule(
        "in_the_unit",
        _rx(r"(?P<mod>earlier|later|early|late)\s+in\s+the\s+(?P<unit>week|month|year|day)\b"
            r"|(?P<mod2>(?:the\s+)?(?:end|beginning|start|middle))\s+of\s+the\s+(?P<unit2>week|month|year)\b"
            r"|(?P<ye>year[\s-]end|year['’]s\s+end)\b"),
        _fixed("DATE"),
    ),
    Rule(
        "weekend",
        _rx(r"(?P<rel>the\s+past|the\s+coming|the)\s+weekend\b"),
        _fixed("DATE"),
    ),
    Rule(
        "anchored_unit",
        _rx(rf"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>that\s+same|that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+prior)\s+"
            rf"(?P<unit>day|week|weekend|month|year|{_PART_OF_DAY})\b"
            r"|the\s+(?P<unit2>day|night)\s+(?P<dir>before|after)\b"),
        lambda m: "TIME" if re.fullmatch(_PART_OF_DAY, (m.group("unit") or m.group("unit2") or "").lower()) else "DATE",
    ),
    Rule(
        "offset",
        _rx(rf"(?:(?P<mod>about|nearly|almost|some|roughly|around|approximately|more\s+than|less\s+than|over)\s+)?"
            rf"(?P<num>{_NUMBER})\s+(?P<unit>{_UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|hence|from\s+now|back)\b"),
        _fixed("DATE"),
        _offset_ok,
    ),
    Rule(
        "duration",
        _rx(rf"(?:(?P<mod>more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|nearly|almost|about|around|"
            rf"approximately|roughly|some|over(?=\s+an?\b)|under)\s+)?"
            rf"(?:(?P<the>the|its|their|his|her)\s+)?(?:(?P<dir>past|last|next|first|coming|previous|following|latest|final|remaining|"
            rf"initial|ensuing|same|recent|full)\s+)?(?P<num>{_NUMBER})\s+(?:(?:more|additional|straight|consecutive|full|long|trading|"
            rf"business|calendar)\s+)?(?P<unit>{_UNIT})\b(?!-)"),
        _fixed("DURATION"),
        _a_unit_ok,
    ),
    Rule(
        "duration_adjective",
        _rx(rf"\b(?P<num>\d+(?:\.\d+)?|{_NUM_WORD}(?:-{_NUM_WORD})?)-(?P<unit>second|minute|hour|day|week|month|year|decade|century)"
            r"(?:-(?P<suffix>long))?\b(?!-old)"),
        _fixed("DURATION"),
    ),
    Rule(
        "plural_units",
        _rx(r"(?:(?P<dir>recent|coming|the\s+coming|the\s+past|the\s+last|the\s+next)\s+)?(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)\b(?!-)"),
        _fixed("DURATION"),
        _plural_units_ok,
    ),
    Rule(
        "set",
        _rx(rf"(?P<q>every|each|per)\s+(?:other\s+)?(?:(?P<num>{_NUMBER})\s+)?"
            rf"(?P<unit>{_UNIT}|{_WEEKDAY}|{_MONTH_FULL}|{_PART_OF_DAY}s?|weekend|{_SEASON})\b"
            rf"|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)\b"
            rf"|(?P<freq>once|twice|thrice|(?:\d+|{_NUM_WORD})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{_UNIT})\b"),
        _fixed("SET"),
        _set_ok,
    ),
    Rule(
        "rate",
        _rx(r"\b(?:a|per)\s+(?P<unit>year|month|week|day|hour|quarter)\b"),
        _fixed("SET"),
        _set_rate_ok,
    ),
    Rule(
        "reference",
        _rx(r"\b(?:right\s+now|now|currently|current|presently|nowadays|at\s+present|these\s+days|"
            r"recently|lately|formerly|earlier|the\s+(?:recent\s+)?past|"
            r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|"
            r"the\s+(?:near|short|long)\s+term|a\s+later\s+date)\b"),
        _fixed("DATE"),
        _ref_ok,
    ),
    Rule(
        "holiday",
        _rx(rf"(?:(?P<rel>last|next|this)\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|"
            rf"Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Halloween|Valentine['’]s\s+Day|Election\s+Day)(?:\s+(?P<year>{_YEAR})\b)?", 0),
        _fixed("DATE"),
        _holiday_ok,
    ),
)


# ---------------------------------------------------------------- matching

_SIGNAL_BEFORE = re.compile(r"\b(since|until|till|by|before|after)\s+$", re.IGNORECASE)


def _candidates(text: str) -> list[TimexCandidate]:
    found = []
    for priority, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() == m.start() or (rule.validate and not rule.validate(text, m)):
                continue
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append((priority, TimexCandidate(m.start(), m.end(), m.group(0), rule.classify(m), rule.name, parts)))
    return [c for _, c in sorted(found, key=lambda pc: (-(pc[1].end - pc[1].start), pc[0], pc[1].start))]


def _non_overlapping(ranked: list[TimexCandidate]) -> list[TimexCandidate]:
    """Longest match wins; among equally long ones, the earlier rule in RULES."""
    taken: list[TimexCandidate] = []
    for cand in ranked:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _with_signal(text: str, cand: TimexCandidate) -> TimexCandidate:
    m = _SIGNAL_BEFORE.search(text, max(0, cand.start - 8), cand.start)
    if not m:
        return cand
    signal = "until" if m.group(1).lower() == "till" else m.group(1).lower()
    return TimexCandidate(cand.start, cand.end, cand.text, cand.type, cand.rule, cand.parts, signal)


def recognise(text: str) -> list[TimexCandidate]:
    """All temporal expressions in ``text``, in text order, without overlaps."""
    chosen = _non_overlapping(_candidates(text))
    return [_with_signal(text, c) for c in chosen]


def recognise_span(span: str) -> TimexCandidate | None:
    """Re-read one already accepted span on its own (its context checks were passed before).

    Used to re-normalise a stored expression in another direction; None when no rule covers
    the whole span.
    """
    for rule in RULES:
        m = rule.pattern.fullmatch(span)
        if m:
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            return TimexCandidate(0, len(span), span, rule.classify(m), rule.name, parts)
    return None
