"""Choosing the referent of each toponym using the whole document as context.

Every toponym span gets candidates from the gazetteer (by normalised name, then as a demonym,
a seat of power, a directional phrase or a "<name> region" phrase). A candidate's score is a prior
(population, feature type, how the name is attached) plus document evidence, recomputed over a
few passes as the other toponyms settle:

- the dateline ("TBILISI, Georgia —") and explicit containers after a comma ("Paris, Texas",
  "Alexandria, La.", "Fresno, CA");
- the countries, first-level and second-level areas of the other toponyms (a "Paris" in a story
  that names Lamar County and Texas is the Texas one);
- nearness to the document's other local places (small-town namesakes in local news);
- type cues around the span ("Donetsk region" is the oblast, "the city of Donetsk" the city).

All mentions of one name with the same cue share one referent (one sense per discourse).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from eventbuilder.model import PlaceMention
from eventbuilder.resolve.places import lexicon
from eventbuilder.resolve.places.gazetteer import Gazetteer, haversine_km, load_gazetteer
from eventbuilder.resolve.places.gazetteer_build import ALTERNATE, ENGLISH, PRIMARY, WEAK
from eventbuilder.resolve.places.names import normalize_name


@dataclass(frozen=True)
class ResolveOptions:
    """Weights of the referent score; one versioned set of defaults (see benchmarks/notes/places.md)."""

    version: str = "places-resolve-1"
    population: float = 0.5  # per decade of population
    country_type: float = 2.5
    admin1_type: float = 1.5
    admin2_type: float = 0.0
    capital_type: float = 1.0
    capital_namesake: float = -1.5  # an admin1 named like its capital or a city of a million in it
    region_type: float = 4.5
    alternate_name: float = -1.0
    weak_name: float = -1.5
    same_name_city: float = 1.0  # a city named like the area it lies in ("Paris", "New York")
    namesake_city_population: int = 1_000_000  # ... even when that name is only an alternate one
    country_context: float = 2.0
    admin1_context: float = 2.0
    country_local_context: float = 2.0  # a country candidate gets the local places inside it
    admin2_context: float = 1.0
    proximity: float = 2.0
    proximity_km: float = 150.0
    container: float = 6.0
    cue: float = 2.5
    dateline: float = 3.0
    passes: int = 3
    fallback_to_focus: bool = True  # unknown local names ("Frenchmen Street") -> the document's focus
    # a hamlet far from everything else the story names is more likely a local street or building
    # of the same name ("Washington Square", "Broadway"): such picks fall back to the focus too
    stray_population: int = 20_000
    stray_km: float = 400.0


DEFAULT_OPTIONS = ResolveOptions()

_ADMIN_CUE = re.compile(r"^[ \t]+(" + "|".join(sorted(lexicon.ADMIN_TYPE_WORDS)) + r")\b", re.IGNORECASE)
_SETTLEMENT_CUE = re.compile(r"\b(" + "|".join(sorted(lexicon.SETTLEMENT_TYPE_WORDS)) + r")[ \t]+of[ \t]+$",
                             re.IGNORECASE)
_AFTER_COMMA = re.compile(r"^,[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})")
_POSTAL = re.compile(r"^,[ \t]*([A-Z]{2})\b")
_LOCAL = ("city", "admin2", "exact")


@dataclass
class _Group:
    """All mentions of one name with one cue; they share a referent."""

    key: str
    cue: str | None
    mentions: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    prior: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # containers, dateline: per candidate, summed over mentions
    bonus: np.ndarray = field(default_factory=lambda: np.zeros(0))
    kind: str = "name"  # how the candidates were found, see place_candidates
    choice: int = -1  # index into rows
    scores: np.ndarray = field(default_factory=lambda: np.zeros(0))
    weight: float = 0.0  # how much this group's choice counts as context for the others
    instead: int | None = None  # a better row than the pick: the focus for a stray hamlet, a town
    # inside the area an institution's name gives

    def choose(self) -> None:
        """Pick the best candidate; its weight as context grows with mentions and with its margin."""
        self.choice = int(np.argmax(self.scores))
        confidence = 1.0 / float(np.exp(self.scores - self.scores[self.choice]).sum())
        self.weight = len(self.mentions) ** 0.5 * confidence


def surface_form(text: str) -> str:
    """The name inside a span: no leading "the", no possessive "'s"."""
    name = text.strip().strip("\"“”")
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


def place_candidates(g: Gazetteer, name: str) -> tuple[list[tuple[int, int]], str]:
    """Candidate rows of a name with their name flags, and how they were found: "demonym",
    "landmark", "name", "direction" ("eastern Ukraine": areas only), "admin_phrase" ("Donetsk region"),
    "embedded" (a place inside an institution's name) or "none"."""
    # "Canadian" and "English" are also towns in Texas and Indiana; as words they are demonyms.
    # "White House" is also a GeoNames name of Casablanca; as words it is the US president's seat.
    demonym = lexicon.demonym_place(name, g)
    if demonym is not None:
        return [(demonym, ENGLISH)], "demonym"
    landmark = lexicon.landmark(name, g)
    if landmark is not None:
        return [(landmark, ENGLISH)], "landmark"
    if lexicon.is_bare_direction(name):
        # "East", "Far East": only a curated region of that name ("Midwest" is not a direction word)
        curated = [(r, f) for r, f in g.lookup(name) if g.place_id(r).startswith("eb:")]
        return curated, "name" if curated else "none"
    rows = g.lookup(name)
    if rows:
        return rows, "name"
    rest, direction = lexicon.strip_direction(name)
    if direction:
        rows = [(r, f) for r, f in g.lookup(rest) if g.precision(r) != "city"]
        if rows:
            return rows, "direction"
        country = lexicon.demonym_place(rest, g)  # "southern Lebanese"
        if country is not None:
            return [(country, ENGLISH)], "direction"
    unqualified = lexicon.strip_qualifier(name)
    if unqualified:
        rows = g.lookup(unqualified)
        if rows:
            return rows, "name"
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in lexicon.ADMIN_TYPE_WORDS:
        rows = [(r, f) for r, f in g.lookup(" ".join(words[:-1])) if g.precision(r) not in _LOCAL]
        if rows:
            return rows, "admin_phrase"
    if len(words) > 1 and words[-1].casefold().strip(".") in ("city", "township", "twp"):
        rows = [(r, f) for r, f in g.lookup(" ".join(words[:-1])) if g.precision(r) in ("city", "admin2")]
        if rows:
            return rows, "name"
    rows = _embedded_candidates(g, name)
    if rows:
        return rows, "embedded"
    return [], "none"


# "Port of Los Angeles", "University of Texas", "Bank of Japan": the place after "of" is where it is.
_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?(.+)$")
# "Washington University", "Heathrow Airport", "Colorado State University": a place before one of
# these words is where the institution is; before other words ("Rogers Centre", "Jones Golf Club")
# the first word is usually a person's name.
_INSTITUTION_TAIL = re.compile(
    r"^(.+?)\s+(?:State\s+)?(?:University|College|International\s+Airport|Airport|Police|City\s+Council|"
    r"County\s+Council|Council|Embassy|Consulate|Port|Harbou?r|Station)$", re.IGNORECASE)
# "British Embassy Tokyo", "Robinson College Cambridge": a place at the end of an institution name
_INSTITUTION_HEAD = re.compile(r"\b(?:Embassy|Consulate|College|University|Hospital|School|Office|Bureau)\s+(.+)$",
                               re.IGNORECASE)
_SIGNIFICANT_POPULATION = 10_000
# Words of organisations and buildings that follow the place they are in ("Dubai World Trade Centre")
_ORGANISATION_WORDS = frozenset(
    "company railways railway railroad police council centre center airport office school university "
    "college hospital trade stadium arena hall museum library court department government club authority "
    "commission board fire sheriff chamber ministry embassy bank exchange zoo theatre theater "
    "cathedral church mosque temple prison jail station port harbor harbour house senate assembly "
    "legislature parliament congress".split()
)
# government bodies named by a demonym: "Mexican Senate", "Russian Foreign Ministry"
_GOVERNMENT_WORDS = frozenset("senate parliament government ministry congress assembly army navy police "
                              "cabinet presidency military".split())
# Natural features and streets: "Mississippi River", "Ohio Street" are named after a place, not in it.
_FEATURE_WORDS = frozenset(
    "river rivers creek brook lake lakes pond reservoir bay gulf sea ocean strait channel canal falls "
    "mountain mountains mount mt hill hills ridge peak valley canyon gorge island islands isle peninsula "
    "beach coast park forest woods trail street st avenue ave road rd boulevard blvd drive dr lane ln "
    "way highway hwy parkway pkwy square place court circle turnpike expressway freeway bridge".split()
)


def _embedded_candidates(g: Gazetteer, name: str) -> list[tuple[int, int]]:
    """A significant place named inside an institution's name, by its primary or English name."""
    for pattern in (_OF_PLACE, _INSTITUTION_TAIL, _INSTITUTION_HEAD):
        match = pattern.search(name)
        if not match:
            continue
        inner = match.group(1).strip()
        rows = [(r, f) for r, f in g.lookup(inner) if f >= ENGLISH and _significant(g, r)]
        if rows:
            return rows
    return _leading_place(g, name)


def _leading_place(g: Gazetteer, name: str) -> list[tuple[int, int]]:
    """ "New Orleans Railways and Light Company" -> New Orleans; "Dubai World Cup" -> Dubai;
    "Mexican Senate" -> Mexico.

    A one-word lead must be a big city, or an area followed by an organisation word: "Rogers
    Centre" and "Jones Golf Club" are named after people, "Tennessee Colony" is a town of its own.
    """
    words = name.split()
    if words[-1].casefold().strip(".") in _FEATURE_WORDS or words[0].casefold() in lexicon.DIRECTION_WORDS:
        return []  # "Mississippi River", "Ohio Street": named after the place, not in it
    tail = {w.casefold().strip(".,'’s") for w in words[1:]}
    demonym = lexicon.demonym_place(words[0], g)
    if demonym is not None:  # "Mexican Senate"; but a "Russian Embassy" is abroad
        return [(demonym, ENGLISH)] if tail & _GOVERNMENT_WORDS and not tail & {"embassy", "consulate"} else []
    for n in range(len(words) - 1, 0, -1):
        organisation = bool({w.casefold().strip(".,'’s") for w in words[n:]} & _ORGANISATION_WORDS)
        rows = [(r, f) for r, f in g.lookup(" ".join(words[:n])) if f >= ENGLISH and _significant(g, r)]
        big_city = [(r, f) for r, f in rows if g.precision(r) == "city" and int(g.population[r]) >= 100_000]
        if n == 1 and not organisation:
            rows = big_city
        elif not organisation:
            rows = [(r, f) for r, f in rows if g.precision(r) == "city"]
        elif n == 1:
            rows = [(r, f) for r, f in rows if g.precision(r) != "city"] + big_city
        if rows:
            return rows
    return []


def _significant(g: Gazetteer, row: int) -> bool:
    return g.precision(row) != "city" or int(g.population[row]) >= _SIGNIFICANT_POPULATION


def _cue(text: str, start: int, end: int) -> str | None:
    if _ADMIN_CUE.match(text, end) or _ADMIN_CUE.match(text[end:end + 20]):
        return "admin"
    if _SETTLEMENT_CUE.search(text[max(0, start - 20):start]):
        return "settlement"
    return None


def _containers(g: Gazetteer, text: str, end: int) -> set[int]:
    """Rows of the area named right after a comma: "Paris, Texas", "Alexandria, La.", "Fresno, CA"."""
    after = text[end:end + 40]
    found: set[int] = set()
    postal = _POSTAL.match(after)
    if postal:
        for country in ("US", "CA"):
            iso = lexicon.postal_code_admin1(postal.group(1), country)
            row = g.subdivision_row(iso) if iso else None
            if row is not None:
                found.add(row)
    match = _AFTER_COMMA.match(after)
    if match:
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            rows = [r for r, _ in g.lookup(" ".join(words[:n])) if g.precision(r) in ("admin1", "admin2", "country")]
            if rows:
                found.update(rows)
                break
    return found


def candidate_prior(g: Gazetteer, rows: list[int], flags: list[int], opt: ResolveOptions) -> np.ndarray:
    """The context-free score of each candidate of one name: population, feature type, name flag."""
    prior = np.empty(len(rows))
    row_set = set(rows)
    # "Washington" is the capital and "New York" the city; the states are written "Washington
    # state", "New York State" (an admin cue). Areas named like a capital or like a city of a
    # million inside them give way.
    capital_countries = {g.country2(r) for r in rows if g.feature_code(r) == "PPLC"}
    big_city_areas = {int(g.admin1_row[r]) for r in rows
                      if g.precision(r) == "city" and int(g.population[r]) >= opt.namesake_city_population}
    for i, (row, flag) in enumerate(zip(rows, flags)):
        precision, code = g.precision(row), g.feature_code(row)
        score = opt.population * math.log10(1 + int(g.population[row]))
        score += {"country": opt.country_type, "admin1": opt.admin1_type, "admin2": opt.admin2_type,
                  "region": opt.region_type}.get(precision, 0.0)
        if code == "PPLC":
            score += opt.capital_type
        namesake = precision == "city" and (int(g.admin1_row[row]) in row_set or int(g.admin2_row[row]) in row_set)
        if namesake and (flag == PRIMARY or int(g.population[row]) >= opt.namesake_city_population):
            # "Paris" (the city in the Paris département); "New York" (the city, whose GeoNames name is
            # "New York City", in the state of New York)
            score += opt.same_name_city
        else:
            score += {ALTERNATE: opt.alternate_name, WEAK: opt.weak_name}.get(flag, 0.0)
        if precision == "admin1" and (g.country2(row) in capital_countries or row in big_city_areas):
            score += opt.capital_namesake
        prior[i] = score
    return prior


def in_area(g: Gazetteer, row: int, area: int) -> bool:
    """True when ``row`` is ``area`` or lies inside it (country, admin1 or admin2)."""
    if row == area:
        return True
    precision = g.precision(area)
    if precision == "country":
        return g.country2(row) == g.country2(area) and g.country2(row) != ""
    if precision == "admin1":
        return int(g.admin1_row[row]) == area
    if precision == "admin2":
        return int(g.admin2_row[row]) == area
    return False


@dataclass
class _Context:
    """What the other toponyms of the document say, as weights."""

    country: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    admin2: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    total: float = 0.0
    local_total: float = 0.0
    points: list[tuple[float, float, float, int]] = field(default_factory=list)  # lat, lon, weight, group

    def add(self, g: Gazetteer, row: int, weight: float, group: int) -> None:
        country = g.country2(row)
        if country:
            self.country[country] += weight
            self.total += weight
        precision = g.precision(row)
        admin1 = row if precision == "admin1" else int(g.admin1_row[row])
        if admin1 >= 0:
            self.admin1[admin1] += weight
            self.local_total += weight
        admin2 = row if precision == "admin2" else int(g.admin2_row[row])
        if admin2 >= 0:
            self.admin2[admin2] += weight
        if precision in _LOCAL:
            self.points.append((float(g.lat[row]), float(g.lon[row]), min(1.0, weight), group))


def _context(g: Gazetteer, groups: list[_Group], seeds: list[int]) -> _Context:
    ctx = _Context()
    for row in seeds:
        ctx.add(g, row, 2.0, -1)
    for gi, group in enumerate(groups):
        if group.choice >= 0:
            ctx.add(g, group.rows[group.choice], group.weight, gi)
    return ctx


def _context_scores(g: Gazetteer, group: _Group, gi: int, ctx: _Context, opt: ResolveOptions) -> np.ndarray:
    """Evidence from the other groups for each candidate (this group's own weight taken out)."""
    own_weight = group.weight
    own = group.rows[group.choice] if group.choice >= 0 else -1
    own_country = g.country2(own) if own >= 0 else ""
    own_admin1 = -1 if own < 0 else (own if g.precision(own) == "admin1" else int(g.admin1_row[own]))
    own_admin2 = -1 if own < 0 else (own if g.precision(own) == "admin2" else int(g.admin2_row[own]))
    total = ctx.total - (own_weight if own_country else 0.0)
    local_total = ctx.local_total - (own_weight if own_admin1 >= 0 else 0.0)
    others = [(lat, lon, w) for lat, lon, w, owner in ctx.points if owner != gi]
    if others:
        other_lat, other_lon, other_w = (np.array(col) for col in zip(*others))
    scores = np.zeros(len(group.rows))
    for i, row in enumerate(group.rows):
        country = g.country2(row)
        if country and total > 0:
            weight = ctx.country.get(country, 0.0) - (own_weight if country == own_country else 0.0)
            scores[i] += opt.country_context * weight / total
        precision = g.precision(row)
        if precision == "country" and local_total > 0:
            # "Mexico" in a story about Oaxaca and Puebla: the local places lie inside the country
            inside = sum(w for a1, w in ctx.admin1.items() if g.country2(a1) == country)
            inside -= own_weight if own_admin1 >= 0 and g.country2(own_admin1) == country else 0.0
            scores[i] += opt.country_local_context * min(1.0, 2 * max(0.0, inside) / local_total)
        admin1 = row if precision == "admin1" else int(g.admin1_row[row])
        if admin1 >= 0 and local_total > 0:
            weight = ctx.admin1.get(admin1, 0.0) - (own_weight if admin1 == own_admin1 else 0.0)
            scores[i] += opt.admin1_context * min(1.0, 2 * weight / local_total)
        admin2 = row if precision == "admin2" else int(g.admin2_row[row])
        if admin2 >= 0:
            weight = ctx.admin2.get(admin2, 0.0) - (own_weight if admin2 == own_admin2 else 0.0)
            scores[i] += opt.admin2_context * min(1.0, weight)
        if precision in _LOCAL and others:
            dist = haversine_km(float(g.lat[row]), float(g.lon[row]), other_lat, other_lon)
            closeness = np.maximum(0.0, 1.0 - dist / opt.proximity_km) * other_w
            scores[i] += opt.proximity * float(closeness.max())
    return scores


def dateline_rows(g: Gazetteer, dateline: str | None) -> list[int]:
    """Rows named by a dateline ("TBILISI, Georgia", "KIEV (Reuters)"), most specific first.

    The last part is read first and contains the first ("Georgia" the country, then the Tbilisi
    in it); the first part of a dateline is the town the story was filed from, so towns win there.
    """
    if not dateline:
        return []
    parts = [p.strip() for p in re.split(r"[,(—–-]", dateline) if p.strip()]
    parts = [p for p in parts if not re.search(r"\b(?:Reuters|AP|AFP|UPI|Xinhua|TASS|dpa)\b", p)][:2]
    rows: list[int] = []
    for position, part in reversed(list(enumerate(parts))):
        found = g.lookup(part)
        inside = [(r, f) for r, f in found if not rows or in_area(g, r, rows[0])]
        pool = inside or found
        if position == 0:
            pool = [(r, f) for r, f in pool if g.precision(r) == "city"] or pool
        if pool:
            prior = candidate_prior(g, [r for r, _ in pool], [f for _, f in pool], DEFAULT_OPTIONS)
            rows.insert(0, pool[int(np.argmax(prior))][0])
    return rows


def _make_groups(g: Gazetteer, text: str, spans: list[tuple[int, int]],
                 opt: ResolveOptions) -> tuple[list[_Group], list[int]]:
    groups: dict[tuple[str, str | None], int] = {}
    owner: list[int] = []
    order: list[_Group] = []
    for mi, (start, end) in enumerate(spans):
        name = surface_form(text[start:end])
        cue = _cue(text, start, end)
        key = (normalize_name(name), cue)
        if key not in groups:
            found, kind = place_candidates(g, name)
            group = _Group(key=key[0], cue=cue, kind=kind, rows=[r for r, _ in found])
            group.prior = candidate_prior(g, group.rows, [f for _, f in found], opt) if found else np.zeros(0)
            groups[key] = len(order)
            order.append(group)
        order[groups[key]].mentions.append(mi)
        owner.append(groups[key])
    return order, owner


def _mention_bonus(g: Gazetteer, text: str, group: _Group, spans: list[tuple[int, int]],
                   dateline_rows: list[int], opt: ResolveOptions) -> np.ndarray:
    bonus = np.zeros(len(group.rows))
    for mi in group.mentions:
        containers = _containers(g, text, spans[mi][1])
        for i, row in enumerate(group.rows):
            if containers and any(in_area(g, row, c) for c in containers if c != row):
                bonus[i] += opt.container
    for i, row in enumerate(group.rows):
        precision = g.precision(row)
        if group.cue == "admin" and precision not in _LOCAL:
            bonus[i] += opt.cue
        elif group.cue == "settlement" and precision == "city":
            bonus[i] += opt.cue
        if dateline_rows and (row in dateline_rows or in_area(g, row, dateline_rows[-1])):
            bonus[i] += opt.dateline
    return bonus


def resolve_spans(text: str, spans: list[tuple[int, int]], *, dateline: str | None = None,
                  options: ResolveOptions = DEFAULT_OPTIONS, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Resolve toponym spans of one document to gazetteer places, in the order given.

    ``spans`` are ``(start, end)`` character offsets into ``text``; the result has one
    :class:`PlaceMention` per span (``place`` is None when nothing fits and there is no focus to
    fall back on). ``alternatives`` lists up to five runner-up place ids with their scores.
    """
    g = gazetteer or load_gazetteer()
    groups, owner = _make_groups(g, text, spans, options)
    anchors = dateline_rows(g, dateline)
    for group in groups:
        group.bonus = _mention_bonus(g, text, group, spans, anchors, options)
        if group.rows:
            group.scores = group.prior + group.bonus
            group.choose()
    for _ in range(options.passes):
        ctx = _context(g, groups, anchors)
        for gi, group in enumerate(groups):
            if group.rows:
                group.scores = group.prior + group.bonus + _context_scores(g, group, gi, ctx, options)
        for group in groups:
            if group.rows:
                group.choose()
    focus = _focus(g, groups, anchors) if options.fallback_to_focus else None
    if focus is not None:
        for group in groups:
            if not group.rows:
                continue
            chosen = group.rows[group.choice]
            if group.cue != "settlement" and _is_stray(g, chosen, focus, options):  # "the town of Chibok" is one
                group.instead = focus
            elif group.kind == "embedded" and g.precision(chosen) in ("country", "admin1", "admin2"):
                group.instead = _local_place_inside(g, groups, chosen)
    mentions = [_mention(g, text, spans[mi], groups[owner[mi]]) for mi in range(len(spans))]
    if focus is None:
        return mentions
    return _fill_unresolved(g, mentions, [groups[o] for o in owner], focus)


def _local_place_inside(g: Gazetteer, groups: list[_Group], area: int) -> int | None:
    """ "University of California" in a story about Los Angeles: the story's most-named town in
    the area an institution's name gives."""
    weight: dict[int, float] = defaultdict(float)
    for group in groups:
        if group.choice >= 0 and group.kind == "name":
            row = group.rows[group.choice]
            if g.precision(row) == "city" and in_area(g, row, area):
                weight[row] += group.weight
    return max(weight, key=lambda r: (weight[r], -r)) if weight else None


def _fill_unresolved(g: Gazetteer, mentions: list[PlaceMention], groups: list[_Group],
                     focus: int) -> list[PlaceMention]:
    """Give names the gazetteer lacks ("Frenchmen Street") the document's focus, and stray or
    institutional picks their replacement, with a low score.

    (Taking the local place named just before the unknown name instead was tried and measured
    worse on both LGL and GeoWebNews.)
    """
    out = []
    for mention, group in zip(mentions, groups):
        if mention.place is None:
            mention = replace(mention, place=g.place(focus), score=0.05)
        elif group.instead is not None:
            mention = replace(mention, place=g.place(group.instead), score=0.05)
        out.append(mention)
    return out


def _is_stray(g: Gazetteer, row: int, focus: int, opt: ResolveOptions) -> bool:
    if g.precision(row) != "city" or int(g.population[row]) >= opt.stray_population:
        return False
    if g.precision(focus) not in ("city", "admin2", "admin1"):
        return False
    far = float(haversine_km(float(g.lat[row]), float(g.lon[row]), float(g.lat[focus]), float(g.lon[focus])))
    return far > opt.stray_km


def _focus(g: Gazetteer, groups: list[_Group], dateline_rows: list[int]) -> int | None:
    """The document's main place: narrowing down from its main country to its main first-level
    area to the most mentioned city there (a dateline counts double)."""
    weight: dict[int, float] = defaultdict(float)
    for row in dateline_rows[:1]:
        weight[row] += 2.0
    for group in groups:
        if group.choice >= 0 and group.kind != "demonym":
            weight[group.rows[group.choice]] += group.weight
    if not weight:
        return None
    by_country: dict[str, float] = defaultdict(float)
    for row, w in weight.items():
        by_country[g.country2(row)] += w
    country = max(by_country, key=lambda c: (by_country[c], c))
    pool = [r for r in weight if g.country2(r) == country]
    by_admin1: dict[int, float] = defaultdict(float)
    for row in pool:
        admin1 = row if g.precision(row) == "admin1" else int(g.admin1_row[row])
        if admin1 >= 0:
            by_admin1[admin1] += weight[row]
    if by_admin1:
        admin1 = max(by_admin1, key=lambda a: (by_admin1[a], -a))
        cities = [r for r in pool if g.precision(r) in _LOCAL and int(g.admin1_row[r]) == admin1]
        if cities:
            return max(cities, key=lambda r: (weight[r], int(g.population[r]), -r))
        return admin1
    return max(pool, key=lambda r: (weight[r], int(g.population[r]), -r))


def _mention(g: Gazetteer, text: str, span: tuple[int, int], group: _Group) -> PlaceMention:
    start, end = span
    if not group.rows:
        return PlaceMention(start, end, text[start:end], None, 0.0)
    order = np.argsort(-group.scores, kind="stable")
    best = int(order[0])
    probs = np.exp(group.scores - group.scores[best])
    confidence = float(1.0 / probs.sum())
    alternatives = tuple((g.place_id(group.rows[int(i)]), round(float(group.scores[int(i)]), 3)) for i in order[1:6])
    return PlaceMention(start, end, text[start:end], g.place(group.rows[best]), round(confidence, 4), alternatives)
