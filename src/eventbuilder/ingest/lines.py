"""What one line of a scraped page is, judged on the line alone: site chrome, a photo caption or
credit, a byline, a date line, running text.

These are the cheap local tests; :mod:`eventbuilder.ingest.textpage` weighs them together with
the line's neighbours to find the article on the page.
"""

from __future__ import annotations

import functools
import re

# Whole-line patterns for site chrome. Only lines of at most _CHROME_MAX_WORDS words are tested,
# so an article sentence that happens to start with "Subscribe" is never dropped.
_CHROME_MAX_WORDS = 14
_CHROME = re.compile(
    r"""(?ix)^(?:[*+•o-]\s+)?(?:
      make\ .{1,40}\ (?:your\ )?home\ ?page
    | (?:like|follow|join|find|connect\ with)\ us(?:\ on\ .{1,40})?:?
    | (?:share|tweet|e-?mail|print|comment|save|pin|copy\ link|bookmark)
      (?:\ (?:this|the))?(?:\ (?:story|article|page|post|link|recipe))?(?:\ (?:on|via|with|to)\ [\w .+-]{1,30})?:?
    | (?:(?:share|tweet|save|pin|fb|e-?mail|more|print|facebook|twitter|whatsapp|linkedin|reddit|flipboard
        |pinterest|instagram|youtube|telegram|rss(?:\ feed)?|x|copy\ link|comment|\d+)\d*[\s,|]*){1,12}
    | subscribe\b.{0,100}
    | sign\ (?:up|in)\b.{0,100}
    | (?:get\ (?:our|the)\ )?newsletters?\b.{0,80}
    | trending(?:\ now|\ stories|\ topics|\ news)?:?
    | real\ time\ analytics
    | advertisement|advertising|sponsored(?:\ content)?|ad|ads|promoted|anzeige|werbung|story\ continues\ below.{0,40}
    | related(?:\ (?:articles?|stories|coverage|content|news|topics|links|posts))?:?(?:\ .{0,120})?
    | (?:read|see|watch)\ (?:more|next|also|now)\b.{0,120}
    | also\ read:?.{0,120}
    | more\ (?:from|on|in|stories|news|like\ this)\b.{0,60}
    | (?:click|tap)\ (?:here|to\ (?:share|email|print|copy|open|tweet|post))\b.{0,100}
    | by\ (?:submitting|signing\ up|clicking|subscribing|providing)\b.{0,160}
    | skip\ to\ .{0,30}|skip\ navigation|jump\ to\ .{0,30}|(?:main\ )?menu|search|home|log\ ?(?:in|out)|register|close|open
    | (?:©|\(c\)|copyright\b).{0,150}
    | .{0,80}all\ rights\ reserved\.?.{0,80}
    | most\ (?:read|popular|viewed|shared|recent)(?:\ .{0,30})?
    | recommended(?:\ for\ you|\ stories|\ articles|\ videos)?
    | (?:previous|next)\ (?:article|story|post|page)\b.{0,120}
    | loading\.{0,3}
    | (?:\d+\ )?(?:comments?|responses?|replies)(?:\ \(\d+\))?
    | (?:leave\ a|add\ a|post\ a|view|show|hide)\ (?:comment|reply|comments)s?.{0,40}
    | reply|report|flag|useful|like|likes?\ \d+|\d+\ likes?
    | back\ to\ (?:top|reading|home).{0,20}
    | terms\ (?:of\ (?:use|service)|and\ conditions)|privacy(?:\ policy|\ notice|\ settings)?|cookie\ (?:policy|settings)
    | contact(?:\ us)?|about(?:\ us)?|imprint|impressum|datenschutz.{0,20}|disclaimer|accessibility|careers|help
    | (?:photo|video)\ gallery|videos?|photos?|gallery|listen(?:\ to\ (?:this\ )?article)?.{0,20}|watch(?:\ now|\ live)?
    | (?:tags?|topics?|filed\ under|categories|posted\ in)\s*:.{0,150}
    | (?:by\ )?[a-z .'-]{2,40}\ (?:staff|reporter|correspondent)(?:\ writer)?
    | updated\s*:?
    | \d+\ min(?:ute)?s?\ read|reading\ time.{0,20}
    | (?:show|view|see|load)\ (?:all|more)\b.{0,40}
    | you\ (?:are|might|may)\ (?:here|also\ like)\b.{0,80}
    | (?:[*+•o-]\s*)?
    )$""",
)
_MENU_SEPARATORS = re.compile(r"\s[|•·»>›]\s")
# Whole-line chrome that marks the end of an article (what follows it is not the article).
_SECTION_END = re.compile(
    r"""(?ix)^(?:[*+•o-]\s+)?(?:
      \[?\s*(?:\d+\ )?(?:comments?|responses?|replies)(?:\ \(\d+\))?:?\s*\]?
    | (?:top(?:\ rated)?|all|latest|newest|recent|reader|user|view|read|show|see)\ (?:all\ )?comments.{0,20}
    | comments?\ (?:are\ closed|section|policy|form)\b.{0,40}
    | (?:\d+|one|two|three)\ (?:responses?|comments?|thoughts?|replies)\ (?:to|on)\ .{1,120}
    | (?:leave|post|add|write)\ a\ (?:comment|reply|response).{0,40}
    | join\ the\ (?:conversation|discussion).{0,40}
    | related(?:\ (?:articles?|stories|coverage|content|news|posts|reading))?:?
    | (?:read|see)\ (?:more|next|also):?
    | more\ (?:from|on|stories|news|in)\b(?:\ \S+){0,3}
    | (?:most|top)\ (?:read|popular|viewed|shared|stories)(?:\ .{0,30})?
    | (?:recommended|trending)(?:\ .{0,30})?
    | you\ (?:might|may)\ (?:also\ )?(?:like|enjoy|be\ interested\ in).{0,40}
    | about\ the\ authors?|author\ bio
    | (?:©|\(c\)|copyright\b).{0,150}
    )$""",
)

_CAPTION_MAX_WORDS = 50
_CAPTION = re.compile(
    r"""(?ix)^(?:
      \(\s*(?:photo|image|picture|video|file\ photo|photograph)\b[^)]*\)   # (Photo : Reuters) ...
    | (?:photo|image|picture|caption|pictured|file\ photo|photograph)\s*(?:credit\s*)?:  # Photo: ...
    )""",
)
_TRAILING_PHOTO_CREDIT = re.compile(
    r"""(?ix)(?:\((?:photos?|images?|pictures?|credit|foto|bild|quelle)\s*(?:credit)?\s*:[^)]*\)
    | \((?:[\w .'&-]{1,40}/){1,2}[\w .'&-]{1,40}\)        # (Getty/Kevork Djansezian)
    | (?:©|\(c\)|credit\s*(?:\.\.\.|…|:)|photo(?:graph)?:|image:|foto:|bild:)[^.!?]{0,80}   # ... © APA/Jens Büttner
    | (?:[/|(]\s*|\bvia\s+|\s[–—-]\s*)(?:getty\ images|associated\ press|ap\ photo|afp|reuters|epa)(?:/[\w .'-]{0,40})?\)?
    | \b(?:epa(?:-efe)?|afp|ap|reuters|getty(?:\ images)?|anadolu|shutterstock)\s*/\s*[\w .'-]{2,40}
    )\s*$""",
)
# "Lynne Sladky/Associated Press", "AFP via Getty Images", "Photo: AP"
_CREDIT_LINE = re.compile(
    r"""(?ix)^(?:(?:photo|image|credit)s?\s*:?\s*)?[\w .'&-]{0,40}
    (?:/|\bvia\ |\|\ )\s*(?:getty(?:\ images)?|associated\ press|ap(?:\ photo)?|reuters|afp|epa(?:-efe)?|shutterstock|
    alamy|pa(?:\ (?:wire|media|images))?|anadolu|bloomberg|xinhua|tass|ria\ novosti|file)\b.{0,40}$""",
)

# A byline: "By Jane Doe", "by: Josh DuBose", "Written by X on ...", "Von Moritz Bachmann", "ByAlex X".
_BYLINE = re.compile(r"""(?x)^(?:[*+•o-]\s+)?(?:(?:written|posted|words|story|report(?:ed)?|text)\s+)?
    (?:by|By|BY|von|Von|par|Par)(?::|\s|(?=[A-Z]))""")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|["”]$""")


@functools.lru_cache(maxsize=1 << 16)
def is_chrome(line: str) -> bool:
    """Site navigation, social and advertising lines ("Like Us on Facebook")."""
    if len(line.split()) > _CHROME_MAX_WORDS:
        return False
    return bool(_CHROME.match(line)) or len(_MENU_SEPARATORS.findall(f" {line} ")) >= 2


@functools.lru_cache(maxsize=1 << 16)
def ends_article(line: str) -> bool:
    """A line after which the page holds no more article: comments, related lists, copyright."""
    return len(line.split()) <= _CHROME_MAX_WORDS and bool(_SECTION_END.match(line))


def is_caption(line: str) -> bool:
    """A photo caption or a photo credit line. A caption is short: a long paragraph that starts
    or ends with a credit ("... (Greg Trotter / News-Leader)") is an article with its photo
    credits inline, as some feeds give it."""
    words = len(line.split())
    if words <= _CAPTION_MAX_WORDS and (_CAPTION.match(line) or _TRAILING_PHOTO_CREDIT.search(line)):
        return True
    return words <= 10 and bool(_CREDIT_LINE.match(line))


def is_byline(line: str) -> bool:
    """"By Jane Doe", "Written by Miami Today on November 7, 2023": who wrote it, short."""
    return len(line.split()) <= 16 and bool(_BYLINE.match(line))


def is_cookie_notice(line: str) -> bool:
    lowered = line.lower()
    return "cookie" in lowered and any(w in lowered for w in ("we use", "uses cookies", "accept", "consent"))


def reads_as_sentence(line: str) -> bool:
    """Ends like a sentence (full stop, question or exclamation mark, closing quote)."""
    return bool(_SENTENCE_END.search(line))


def word_count(line: str) -> int:
    return len(re.findall(r"\w+", line))


def looks_like_body(line: str) -> bool:
    """Running text: ends like a sentence, or is too long to be a headline."""
    words = len(line.split())
    return words >= 25 or (words >= 5 and reads_as_sentence(line))
