"""Normalising expressions that name a calendar unit: days, weeks, months, quarters, seasons, years.

Underspecified expressions ("Thursday", "In June", "Aug. 24", "the summer") are resolved
against the publication date (dct) in a direction:

* weekdays: past = the most recent such day on or before the dct (news uses "Thursday" for the
  publication day itself); future = the first one strictly after it (the publication day would
  be "today"); unknown = past, the commonest reading in news reports;
* months, month-days, seasons, holidays: past = the latest occurrence starting on or before the
  dct; future = the first occurrence ending on or after it (the current month counts: "will
  meet in June" written on 3 June means this June); unknown = the occurrence nearest the dct
  ("Dec. 21" in an article of 10 January is the previous December). A past reading more than
  about eight months back gives way to a nearer future one: past-tense markers in news are
  mostly the reporting verb ("the company said the dividend is payable Dec. 7"), and a past
  date that far back would normally carry its year. Future markers ("will", "scheduled",
  "payable") belong to the event itself, so "will take place in June" written in August is
  next June.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from eventbuilder.nlp.timex import MONTHS, NUMBER_WORDS, ORDINALS, WEEKDAYS, TimexCandidate, year_number
from eventbuilder.resolve.dates import calendar as cal
from eventbuilder.resolve.dates.absolute import numeric_order, parse_calendar_date
from eventbuilder.resolve.dates.context import Resolution, TextState

Bounds = Callable[[int], tuple[dt.date, dt.date]]

MOD_WORDS = {
    "early": "START", "beginning": "START", "start": "START", "earlier": "START",
    "late": "END", "end": "END", "later": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip
POD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def mod_of(text: str | None) -> str | None:
    if not text:
        return None
    words = [w for w in text.lower().replace("-", " ").split() if w not in ("the", "of")]
    return MOD_WORDS.get(words[0]) if words else None


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _words(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


# ---------------------------------------------------------------- choosing an occurrence


_TENSE_REACH_DAYS = 240


def pick_year(dct: dt.date, direction: str | None, bounds: Bounds, certain: bool = False) -> int:
    """The year whose occurrence of a yearly thing (a month, a date, a season) is meant.

    ``certain`` marks a direction the caller knows (``redirect``) rather than read from tense;
    it is then followed however far back it reaches.
    """
    spans = [(year, *bounds(year)) for year in (dct.year - 1, dct.year, dct.year + 1)]

    def distance(item: tuple[int, dt.date, dt.date]) -> int:
        _, start, end = item
        return 0 if start <= dct <= end else min(abs((start - dct).days), abs((end - dct).days))

    nearest = min(spans, key=lambda item: (distance(item), item[1] > dct))  # a tie goes to the past
    if direction == "future":
        return min(year for year, _, end in spans if end >= dct)
    if direction == "past":
        latest = max((item for item in spans if item[1] <= dct), key=lambda item: item[0])
        return latest[0] if certain or distance(latest) <= _TENSE_REACH_DAYS else nearest[0]
    return nearest[0]


def weekday_date(dct: dt.date, weekday: int, direction: str | None, rel: str) -> dt.date:
    """Resolve "Thursday", "last Friday", "next Wednesday", "this Monday" against the dct."""
    if rel in ("last", "past", "this past"):
        return cal.weekday_on_or_before(dct - dt.timedelta(days=1), weekday)
    if rel in ("next", "coming", "this coming"):
        return cal.weekday_after(dct, weekday)
    if rel == "this":
        return dct + dt.timedelta(days=weekday - dct.weekday())
    if direction == "future":
        return cal.weekday_after(dct, weekday)
    return cal.weekday_on_or_before(dct, weekday)


def _month_bounds(month: int) -> Bounds:
    return lambda year: (dt.date(year, month, 1), cal.month_end(year, month))


def _day_bounds(month: int, day: int) -> Bounds:
    def bounds(year: int) -> tuple[dt.date, dt.date]:
        safe = min(day, cal.month_end(year, month).day)
        return dt.date(year, month, safe), dt.date(year, month, safe)

    return bounds


# ---------------------------------------------------------------- explicit and numeric dates


def iso_date(cand: TimexCandidate, state: TextState) -> Resolution:
    value = f"{cand.part('year')}-{cand.part('month_n')}-{cand.part('day')}"
    if cal.parse_value(value) is None:  # "2014-02-30"
        return Resolution(None, "explicit")
    if cand.part("hour24"):
        value += f"T{cand.part('hour24')}:{cand.part('minute24')}"
        value += f":{cand.part('second24')}" if cand.part("second24") else ""
    return Resolution(value, "explicit")


def clock_value(cand: TimexCandidate, prefix: str = "") -> str | None:
    """"T10:30", "T22:00", "T07:39:38", "T12:00", "T24:00" from a clock match's parts."""
    named = cand.part(prefix + "named")
    if named:
        return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[named.lower()]
    hour = cand.part(prefix + "hour") or cand.part(prefix + "hour24")
    if hour is None:
        return None
    minute = cand.part(prefix + "minute") or cand.part(prefix + "minute24") or "00"
    second = cand.part(prefix + "second") or cand.part(prefix + "second24")
    h = int(hour)
    ampm = (cand.part(prefix + "ampm") or "").lower()
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return f"T{h:02d}:{minute}" + (f":{second}" if second else "")


def numeric_date(cand: TimexCandidate, state: TextState) -> Resolution:
    first, second = int(cand.need("a")), int(cand.need("b"))
    order = numeric_order(first, second, state.date_order)
    if order is None:
        return Resolution(None, "explicit")
    date_text = f"{first}/{second}/{cand.part('year')}"
    parsed = parse_calendar_date(date_text, state.dct, None, order)
    if parsed is None:
        return Resolution(None, "explicit")
    return Resolution(parsed.day.isoformat() + (clock_value(cand, "t_") or ""), "explicit")


def quarter_iso(cand: TimexCandidate, state: TextState) -> Resolution:
    year = cand.need("year", "year2")
    return Resolution(cal.quarter_value(int(year), int(cand.need("q", "q2"))), "explicit")


def month_day(cand: TimexCandidate, state: TextState) -> Resolution:
    """"Aug. 24, 2014", "24 February 2022", "Feb 24th", "Aug. 24" (year from the dct)."""
    month, day = month_number(cand.need("month")), int(cand.need("day").rstrip("stndrh"))
    if day > 31:
        return Resolution(None)
    if cand.part("year"):
        parsed = parse_calendar_date(f"{cand.part('month')} {day}, {cand.part('year')}", state.dct, None)
        return Resolution(parsed.day.isoformat() if parsed else None, "explicit")
    if state.dct is None:
        return Resolution(f"XXXX-{month:02d}-{day:02d}")
    weekday_name = cand.part("weekday")
    if weekday_name:
        return Resolution(_day_matching_weekday(state.dct, month, day, weekday_name).isoformat())
    rel = _words(cand.part("rel"))
    if rel in ("last", "this past", "next", "this coming"):  # "last Oct. 23", "next March 5"
        direction = "past" if rel in ("last", "this past") else "future"
        parsed = parse_calendar_date(f"{cand.part('month')} {day}", state.dct, direction)
        return Resolution(parsed.day.isoformat() if parsed else None)
    parsed = parse_calendar_date(f"{cand.part('month')} {day}", state.dct, None)
    if parsed is None:
        return Resolution(None)
    year = pick_year(state.dct, state.direction(cand), _day_bounds(month, day), state.certain(cand))
    if day > cal.month_end(year, month).day:  # "Feb. 29" outside a leap year
        return Resolution(None)
    return Resolution(_day_bounds(month, day)(year)[0].isoformat())


def _day_matching_weekday(dct: dt.date, month: int, day: int, weekday_name: str) -> dt.date:
    # "Monday, Oct. 26": of the nearby years, prefer one where Oct. 26 is a Monday.
    weekday = WEEKDAYS[weekday_name.lower().rstrip(".")]
    options = [_day_bounds(month, day)(y)[0] for y in (dct.year, dct.year - 1, dct.year + 1)]
    matching = [d for d in options if d.weekday() == weekday]
    return matching[0] if matching else _day_bounds(month, day)(pick_year(dct, None, _day_bounds(month, day)))[0]


# ---------------------------------------------------------------- months, years, decades


def month_year(cand: TimexCandidate, state: TextState) -> Resolution:
    month = month_number(cand.need("month"))
    mod = mod_of(cand.part("mod"))
    year_text = cand.part("year")
    if year_text:
        return Resolution(cal.month_value(year_number(year_text), month), "explicit", mod)
    shift = {"this": 0, "last": -1, "next": 1}[cand.need("rel").lower()]
    return Resolution(cal.month_value(state.reference().year + shift, month), mod=mod)


def bare_month(cand: TimexCandidate, state: TextState) -> Resolution:
    """"In June", "since July", "late December", "last November", "next March"."""
    month = month_number(cand.need("month"))
    mod = mod_of(cand.part("mod"))
    if state.dct is None:
        return Resolution(f"XXXX-{month:02d}", mod=mod)
    dct, rel = state.dct, _words(cand.part("rel"))
    if rel in ("last", "past", "this past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = pick_year(dct, state.direction(cand), _month_bounds(month), state.certain(cand))
    return Resolution(cal.month_value(year, month), mod=mod)


def year(cand: TimexCandidate, state: TextState) -> Resolution:
    return Resolution(str(year_number(cand.need("year"))), "explicit", mod_of(cand.part("mod")))


def the_year(cand: TimexCandidate, state: TextState) -> Resolution:
    """"for the year" = the reporting year (the dct's), "the latest fiscal year" the one before;
    "the year ended Sept. 30" is a one-year period (P1Y)."""
    if cand.type == "DURATION":
        return Resolution("P1Y", None)
    shift = -1 if (cand.part("which") or "").lower() == "latest" else 0
    return Resolution(str(state.reference().year + shift))


def decade(cand: TimexCandidate, state: TextState) -> Resolution:
    mod = mod_of(cand.part("mod") or cand.part("mod2"))
    dec, dec2 = cand.part("dec"), cand.part("dec2")
    if dec:
        return Resolution(dec[:3], "explicit", mod)
    tens = int(dec2[0]) if dec2 else _DECADE_WORDS[cand.need("word").lower()]
    if state.dct is None:
        return Resolution(f"19{tens}", mod=mod)
    century = state.dct.year // 100
    if tens * 10 > state.dct.year % 100:  # "the '90s" written in 2014 are the 1990s
        century -= 1
    return Resolution(f"{century}{tens}", mod=mod)


def century(cand: TimexCandidate, state: TextState) -> Resolution:
    word = _words(cand.part("ord"))
    if word in ("this", "last", "next"):
        shift = {"this": 0, "last": -1, "next": 1}[word]
        return Resolution(f"{state.reference().year // 100 + shift:02d}")
    number = int(word[:-2]) if word[:-2].isdigit() else ORDINALS[word]
    return Resolution(f"{number - 1:02d}" if number >= 1 else None, "explicit")


def season(cand: TimexCandidate, state: TextState) -> Resolution:
    code = SEASON_CODES[cand.need("season").lower()]
    mod = mod_of(cand.part("mod"))
    year_text = cand.part("year")
    if year_text:
        return Resolution(cal.season_value(year_number(year_text), code), "explicit", mod)
    if state.dct is None:
        return Resolution(f"XXXX-{code}", mod=mod)
    current = cal.season_index(*cal.season_of(state.dct))
    rel = _words(cand.part("rel"))
    if rel == "this":
        # "this winter" is the winter of the current season-year; other seasons: this calendar year.
        year = cal.season_of(state.dct)[0] if code == "WI" else state.dct.year
        return Resolution(cal.season_value(year, code), mod=mod)
    candidates = [i for i in range(current - 8, current + 9) if cal.season_from_index(i)[1] == code]
    if rel in ("last", "past", "this past"):
        index = max(i for i in candidates if i < current)
    elif rel in ("next", "coming", "this coming"):
        index = min(i for i in candidates if i > current)
    else:
        index = _season_by_direction(candidates, current, state.direction(cand))
    return Resolution(cal.season_value(*cal.season_from_index(index)), mod=mod)


def _season_by_direction(candidates: list[int], current: int, direction: str | None) -> int:
    if direction == "past":
        return max(i for i in candidates if i <= current)
    if direction == "future":
        return min(i for i in candidates if i >= current)
    return min(candidates, key=lambda i: (abs(i - current), i > current))


def holiday(cand: TimexCandidate, state: TextState) -> Resolution:
    name = _words(cand.part("name")).replace("’", "'")
    rule = _HOLIDAYS[next(k for k in _HOLIDAYS if name.startswith(k))]
    year_text = cand.part("year")
    if year_text:
        return Resolution(rule(int(year_text)).isoformat(), "explicit")
    dct, rel = state.reference(), _words(cand.part("rel"))
    if rel == "this":
        return Resolution(rule(dct.year).isoformat())
    if rel in ("last", "next"):  # "last Christmas" on Christmas Day is the previous one
        step = -1 if rel == "last" else 1
        year = dct.year if (rule(dct.year) - dct).days * step > 0 else dct.year + step
        return Resolution(rule(year).isoformat())
    year = pick_year(dct, state.direction(cand), lambda y: (rule(y), rule(y)), state.certain(cand))
    return Resolution(rule(year).isoformat())


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's": lambda y: dt.date(y, 1, 1),
    "thanksgiving": lambda y: cal.nth_weekday(y, 11, 3, 4),  # US: fourth Thursday of November
    "easter": cal.easter_sunday,
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    # US: the Tuesday after the first Monday of November
    "election day": lambda y: cal.nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}


# ---------------------------------------------------------------- days and parts of days


def relative_day(cand: TimexCandidate, state: TextState) -> Resolution:
    """"today", "yesterday", "late yesterday", "tomorrow morning", "the day before yesterday"."""
    word = _words(cand.part("rel") or cand.part("rel2"))
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}[word]
    day = state.reference() + dt.timedelta(days=offset)
    pod = cand.part("pod")
    value = day.isoformat() + (f"T{POD_CODES[pod.lower()]}" if pod else "")
    return Resolution(value, mod=mod_of(cand.part("mod")))


def tonight(cand: TimexCandidate, state: TextState) -> Resolution:
    """"tonight" is the dct's night. "overnight" is the night after a day named earlier in the
    same sentence ("on Thursday ... overnight"), else the night before publication
    ("shelled the city overnight")."""
    if cand.need("rel").lower() == "tonight":
        return Resolution(state.reference().isoformat() + "TNI")
    named = state.day_in_sentence(cand)
    if named:
        return Resolution(named.isoformat() + "TNI", "anchored")
    return Resolution((state.reference() - dt.timedelta(days=1)).isoformat() + "TNI")


def weekday(cand: TimexCandidate, state: TextState) -> Resolution:
    number = WEEKDAYS[cand.need("weekday").lower()]
    pod = cand.part("pod")
    pod_code = f"T{POD_CODES[pod.lower()]}" if pod else ""
    if cand.type == "SET":
        return Resolution(f"XXXX-WXX-{number + 1}{pod_code}")
    if state.dct is None:
        return Resolution(f"XXXX-WXX-{number + 1}{pod_code}")
    rel = _words(cand.part("rel"))
    direction = state.direction(cand) if not rel else None
    day = weekday_date(state.dct, number, direction, rel)
    return Resolution(day.isoformat() + pod_code, mod=mod_of(cand.part("mod")))


def part_of_day(cand: TimexCandidate, state: TextState) -> Resolution:
    """"this morning", "last night", "tomorrow evening", "early this morning"."""
    rel = cand.need("rel").lower()
    pod = cand.need("pod").lower()
    offset = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}[rel]
    day = state.reference() + dt.timedelta(days=offset)
    return Resolution(f"{day.isoformat()}T{POD_CODES[pod]}", mod=mod_of(cand.part("mod")))


def clock(cand: TimexCandidate, state: TextState) -> Resolution:
    """"10:30 a.m." falls on the last day named before it (the story's current day: "on Friday
    ... at 10:35 a.m."), else on the dct; "10 p.m. Wednesday" and "5 p.m. EST Nov. 9" carry
    their own day."""
    time = clock_value(cand) or _spoken_clock(cand)
    mod = "APPROX" if cand.part("approx") else None
    weekday_name, rel = cand.part("weekday"), cand.part("rel")
    if weekday_name:
        number = WEEKDAYS[weekday_name.lower()]
        if state.dct is None:
            return Resolution(f"XXXX-WXX-{number + 1}{time}", mod=mod)
        day = weekday_date(state.dct, number, state.direction(cand), "")
    elif rel:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[rel.lower()]
        day = state.reference() + dt.timedelta(days=offset)
    elif cand.part("month"):
        found = month_day(cand, state).value
        if found is None or found.startswith("X"):
            return Resolution(found and found + time, mod=mod)
        day = dt.date.fromisoformat(found)
    else:
        known = state.last_day or state.dct
        if known is None:
            return Resolution(f"XXXX-XX-XX{time}", mod=mod)
        day = known
    return Resolution(day.isoformat() + time, mod=mod)


def _spoken_clock(cand: TimexCandidate) -> str:
    """"4 in the morning" = T04:00, "six in the evening" = T18:00, "ten o'clock" = T10:00."""
    word = (cand.part("hour") or cand.part("hour2") or "").lower()
    hour = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
    if hour is None or hour > 23:
        return ""
    if (cand.part("pod") or "").lower() in ("afternoon", "evening") and hour < 12:
        hour += 12
    return f"T{hour:02d}:00"


# ---------------------------------------------------------------- weeks, months, years relative to the dct

_REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1, "the last": -1,
    "the previous": -1, "this": 0, "current": 0, "the current": 0, "next": 1, "coming": 1,
    "this coming": 1, "the next": 1, "the coming": 1,
}  # fmt: skip


def relative_unit(cand: TimexCandidate, state: TextState) -> Resolution:
    """"last week", "this month", "next year", "earlier this month", "the end of this week"."""
    dct = state.reference()
    shift = _REL_SHIFT[_words(cand.part("rel"))]
    unit = cand.need("unit").lower()
    mod = mod_of(cand.part("mod"))
    if unit == "week":
        return Resolution(cal.week_value(dct + dt.timedelta(days=7 * shift)), mod=mod)
    if unit == "weekend":
        return Resolution(weekend_near(dct, "past" if shift < 0 else "future" if shift > 0 else None), mod=mod)
    if unit == "month":
        return Resolution(cal.month_value(*cal.add_months(dct.year, dct.month, shift)), mod=mod)
    if unit == "decade":
        if _words(cand.part("rel")) == "the past":  # "over the past decade": ten years to now
            return Resolution("P10Y", None, type="DURATION")
        return Resolution(str(dct.year // 10 + shift), mod=mod)
    return Resolution(str(dct.year + shift), mod=mod)


def weekend_near(dct: dt.date, direction: str | None) -> str:
    """The weekend meant by "the weekend": the coming one for planned events, else the last one
    (the current one when the dct is itself a Saturday or Sunday)."""
    if direction == "future" and dct.weekday() < 5:
        return cal.weekend_value(cal.weekday_after(dct, 5))
    return cal.weekend_value(cal.weekday_on_or_before(dct, 5))


def weekend(cand: TimexCandidate, state: TextState) -> Resolution:
    rel = _words(cand.part("rel"))
    direction = {"the past": "past", "the coming": "future"}.get(rel) or state.direction(cand)
    return Resolution(weekend_near(state.reference(), direction))


def in_the_unit(cand: TimexCandidate, state: TextState) -> Resolution:
    """"earlier in the year", "the end of the month", "year-end" (the dct's own unit)."""
    dct = state.reference()
    if cand.part("ye"):
        return Resolution(str(dct.year), mod="END")
    unit = cand.need("unit", "unit2").lower()
    mod = mod_of(cand.part("mod") or cand.part("mod2"))
    value = {
        "day": dct.isoformat(), "week": cal.week_value(dct),
        "month": cal.month_value(dct.year, dct.month), "year": str(dct.year),
    }[unit]  # fmt: skip
    return Resolution(value, mod=mod)


def half(cand: TimexCandidate, state: TextState) -> Resolution:
    number = 1 if cand.need("ord").lower() == "first" else 2
    if cand.part("year"):
        return Resolution(f"{cand.part('year')}-H{number}", "explicit")
    shift = {"last": -1, "next": 1}.get(_words(cand.part("rel")), 0)
    return Resolution(f"{state.reference().year + shift}-H{number}")
