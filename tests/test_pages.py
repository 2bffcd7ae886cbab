"""Scraped pages as users save them: dates, headline and article text on realistic layouts, in
both renders (one block a paragraph; one HTML text node a line)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventbuilder.ingest.datementions import find_dates
from eventbuilder.ingest.html import choose_headline, page_metadata, parse, strip_site_name, url_date, visible_text
from eventbuilder.ingest.published import DateEvidence, resolve_published
from eventbuilder.ingest.readers import page_view
from eventbuilder.ingest.textdates import date_page
from eventbuilder.ingest.textpage import segment_page

# A news page saved whole: menus, a page clock, breadcrumbs, the headline, a standfirst, a byline
# with its dates, the article, a related list with other dates, comments and a footer.
NEWS_PAGE = """Skip to content
Menu
* World
* Politics
* Business
02/16/24 11:52 AM ET
Subscribe
World / Europe
Ukraine and NATO agree to speed up air defence deliveries
Allies will send two more batteries before the winter, officials said after talks in Kyiv.
By Olena Petrenko and Mark Rivers
Published 5:02 PM EST, Thu December 21, 2023
Updated 7:15 PM EST, Fri December 22, 2023
Share on Facebook
Share on Twitter
KYIV — Ukrainian and NATO officials agreed on Thursday to speed up deliveries of air defence systems before \
the winter, the defence ministry said in a statement after two days of talks in the capital.
The ministry said the allies would send two additional batteries by the end of January, and that the first \
crews had already finished their training in Germany in November.
"We need every system we can get before the cold sets in," the defence minister told reporters, adding that \
further talks with the allies were planned for February 2024 in Brussels.
Advertisement
The agreement follows months of requests from Kyiv, which has warned that Russia is stockpiling missiles \
for a new campaign against the country's power grid, as it did during the winter of 2022.
Related stories
EU leaders approve new sanctions package
December 14, 2023
Grain corridor ships reach Istanbul despite threats
December 10, 2023
3 Comments
Jane says:
December 23, 2023 at 9:14 am
Good news at last, but it should have happened months ago.
Reply
© 2024 Example News. All rights reserved.
"""


def soup_render(page: str) -> str:
    """The same page as BeautifulSoup's get_text("\\n") gives it: links inside sentences are their
    own lines ("the" / "defence ministry" / "said in ...")."""
    page = page.replace("the defence ministry said", "the\ndefence ministry\nsaid")
    page = page.replace("from Kyiv, which", "from\nKyiv\n, which")
    page = page.replace("By Olena Petrenko and Mark Rivers", "By\nOlena Petrenko\nand\nMark Rivers")
    return page


def _date(page_text: str, crawl: str | None = None):
    parts = segment_page(page_text)
    dating = date_page(page_view(parts), date.fromisoformat(crawl) if crawl else None)
    return parts, resolve_published(DateEvidence(page=dating, body=parts.text, captions=parts.captions, crawl=crawl))


# ---------------------------------------------------------------- the article


@pytest.mark.parametrize("render", [lambda p: p, soup_render], ids=["blocks", "soup"])
def test_news_page_article_headline_and_dates(render):
    parts, result = _date(render(NEWS_PAGE))
    assert parts.title == "Ukraine and NATO agree to speed up air defence deliveries"
    assert parts.dateline == "KYIV"
    assert parts.text.startswith("Ukrainian and NATO officials agreed on Thursday to speed up deliveries")
    assert "the defence ministry said in a statement" in parts.text  # fragments of one sentence joined
    assert "from Kyiv, which has warned" in parts.text
    assert parts.text.endswith("as it did during the winter of 2022.")
    for chrome in ("Advertisement", "Share on", "Related stories", "EU leaders", "Jane says", "Reply", "©", "Subscribe"):
        assert chrome not in parts.text
    published = result.published
    assert (published.local_date, published.source, result.modified) == (date(2023, 12, 21), "text", date(2023, 12, 22))
    assert published.text == "Thu December 21, 2023"
    assert "Published 5:02 PM EST" in published.note and "byline words" in published.note
    assert "02/16/24 11:52 AM ET" in published.note  # the download-time clock, ignored
    assert result.page_clocks == ("02/16/24 11:52 AM ET",)


def test_every_segment_indexes_the_raw_page_and_the_text_is_made_of_them():
    page = soup_render(NEWS_PAGE)
    parts = segment_page(page)
    assert all(page[s.start:s.end] == s.text for s in parts.segments)
    kinds = {s.text: s.kind for s in parts.segments}
    assert kinds["Ukraine and NATO agree to speed up air defence deliveries"] == "headline"
    assert kinds["02/16/24 11:52 AM ET"] == "date_line"
    assert kinds["By"] == kinds["Olena Petrenko"] == kinds["and"] == kinds["Mark Rivers"] == "byline"
    assert kinds["Advertisement"] == kinds["Reply"] == "boilerplate"
    body = [s.text for s in parts.segments if s.kind == "body"]
    assert all(re.sub(r"\s+", " ", piece) in parts.text.replace("\n\n", " ") for piece in body)


def test_a_plain_article_keeps_every_paragraph():
    text = ("Russia said on Monday it had moved troops to the border.\n\nKyiv called it a provocation.\n\n"
            "Talks are due on Friday.")
    parts = segment_page(text)
    assert parts.text == text and parts.title is None


# ---------------------------------------------------------------- dates


BYLINE_PAGE = """Home
News
{headline}
{byline}
WASHINGTON — The Senate voted on Wednesday to approve a stopgap spending bill that keeps the government open \
until January, sending the measure to the president after weeks of negotiations between the two parties.
Lawmakers said the next round of talks would begin after the holiday recess, when both chambers return.
"""


@pytest.mark.parametrize("byline, expected", [
    ("By Jane Doe | December 21, 2023", date(2023, 12, 21)),
    ("Published: 17:55, 8 Nov 2023", date(2023, 11, 8)),
    ("Posted on 2015-04-05 by marc | Leave a comment", date(2015, 4, 5)),
    ("By Susan Ferrechio - The Washington Times - Wednesday, November 8, 2023", date(2023, 11, 8)),
    ("Published 3rd Nov 2023, 08:08 GMT", date(2023, 11, 3)),
    ("November 9, 20235:01 AM ET", date(2023, 11, 9)),  # a time glued to the year
    ("Erstellt am: 30.01.2022 18:36", date(2022, 1, 30)),
    ("Updated Mar 12, 2020 @ 10:42 am", date(2020, 3, 12)),  # only an update date: it stands in
])
def test_byline_dates(byline, expected):
    page = BYLINE_PAGE.format(headline="Senate passes stopgap bill to avert shutdown", byline=byline)
    _, result = _date(page)
    assert (result.published.local_date, result.published.source) == (expected, "text")


def test_only_an_update_date_is_low_confidence_and_said():
    page = BYLINE_PAGE.format(headline="Senate passes stopgap bill to avert shutdown", byline="Updated Mar 12, 2020")
    _, result = _date(page)
    assert result.published.confidence == "low" and "only an update date" in result.published.note
    assert result.modified == date(2020, 3, 12)


def test_a_byline_after_the_crawl_is_impossible():
    page = BYLINE_PAGE.format(headline="Senate passes stopgap bill to avert shutdown", byline="By Jane Doe | Dec 21, 2023")
    _, result = _date(page, crawl="2023-12-01")
    assert result.published.local_date is None and result.published.source == "none"


def test_abstains_when_no_date_wins_clearly():
    page = ("Senate passes stopgap bill to avert shutdown\n"
            "The Senate voted to approve a stopgap spending bill on December 20, 2023, two days after the House "
            "passed it on December 18, 2023 by a wide margin, and a week after talks collapsed on December 13, 2023.\n"
            "Lawmakers said the next round of talks would begin after the holiday recess.\n")
    _, result = _date(page)
    assert (result.published.local_date, result.published.source) == (None, "none")
    assert "the page's dates" in result.published.note


def test_a_listing_date_under_the_article_does_not_date_it():
    page = BYLINE_PAGE.format(headline="Senate passes stopgap bill to avert shutdown", byline="By Jane Doe") + (
        "More from Politics\nHouse speaker faces new challenge\nNovember 30, 2023\nBudget office warns of deficit\n"
        "November 28, 2023\n")
    _, result = _date(page)
    assert result.published.local_date is None


@pytest.mark.parametrize("text, days, order", [
    ("Nov 9, 2023, 12:51 AM EST", ["2023-11-09"], None),
    ("08/11/2023 | 20:26 PM", ["2023-08-11", "2023-11-08"], None),  # day and month can be swapped
    ("12/30/2019 05:03 AM EST", ["2019-12-30"], "MDY"),
    ("27.01.2020", ["2020-01-27"], "DMY"),
    ("28. Januar 2022", ["2022-01-28"], None),
    ("| Le 19 février 2020", ["2020-02-19"], None),
    ("2019-11-18T20:51:19Z", ["2019-11-18"], None),
    ("Opening Bell 11.18.19", [], None),  # a version number, not a date
    ("scored 3/4/20 points", [], None),
    ("Nov 19, 6:55 AM", [], None),  # no year
])
def test_find_dates(text, days, order):
    found = find_dates(text)
    assert [[str(d) for d in m.days] for m in found] == ([days] if days else [])
    assert all(m.order == order for m in found)


def test_an_ambiguous_numeric_date_reads_like_the_page_s_other_dates():
    page = BYLINE_PAGE.format(headline="Senate passes stopgap bill to avert shutdown", byline="08/11/2023 | 20:26 PM")
    page += "Related\nHouse speaker faces new challenge, 6 November 2023\n"
    _, result = _date(page)
    assert result.published.local_date == date(2023, 11, 8)


# ---------------------------------------------------------------- HTML


def _meta(markup: str):
    return page_metadata(parse(markup))


@pytest.mark.parametrize("markup, headline", [
    ("<title>Senate passes stopgap bill | Example News</title><body><h1>Senate passes stopgap bill</h1></body>",
     "Senate passes stopgap bill"),
    # a kicker inside the h1, the headline without it elsewhere
    ('<head><meta property="og:title" content="Brothel ring busted in Boston"></head>'
     "<body><h1>Local News | Brothel ring busted in Boston</h1></body>", "Brothel ring busted in Boston"),
    # the site's name in an h1 of the header, the headline in another
    ('<head><meta property="og:site_name" content="POLITICO"><meta property="og:title" content="Meadows retires">'
     "</head><body><h1>POLITICO</h1><h1>Meadows retires</h1></body>", "Meadows retires"),
    # no h1: JSON-LD headline
    ('<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks resume in Geneva"}'
     "</script></head><body><p>text</p></body>", "Talks resume in Geneva"),
])
def test_html_headline(markup, headline):
    assert choose_headline(_meta(markup)) == headline


@pytest.mark.parametrize("title, site, expected", [
    ("Senate passes stopgap bill | Example News", None, "Senate passes stopgap bill"),
    ("POLITICO - Meadows retires", {"politico"}, "Meadows retires"),
    ("What is Rust and why is it so popular? - Stack Overflow Blog", None, "What is Rust and why is it so popular?"),
    ("No separator here", None, "No separator here"),
])
def test_strip_site_name(title, site, expected):
    assert strip_site_name(title, site) == expected


@pytest.mark.parametrize("url, day", [
    ("https://www.bostonherald.com/2023/11/08/brothel-ring/", "2023-11-08"),
    ("https://www.washingtontimes.com/news/2023/nov/8/gop-hopefuls/", "2023-11-08"),
    ("https://example.org/story-20191118.html", None),
    ("https://example.org/archive/20191118/story", "2019-11-18"),
    ("https://example.org/2019/13/45/not-a-date", None),
    (None, None),
])
def test_url_date(url, day):
    assert url_date(url) == day


def test_html_dates_vote_and_a_dissent_is_said():
    evidence = DateEvidence(html="2020-01-20", html_structured=True,
                            html_votes=(("meta published_time", "2020-01-20T02:10:00Z"),),
                            page=date_page(page_view(segment_page(BYLINE_PAGE.format(
                                headline="Parasite scores upset at SAG awards",
                                byline="January 19, 2020 / 9:10 PM / Updated 8 hours ago")))))
    published = resolve_published(evidence).published
    assert (published.local_date, published.source, published.confidence) == (date(2020, 1, 20), "html", "medium")
    assert published.note == "html: htmldate, meta published_time agree on 2020-01-20; but byline says 2020-01-19"


def test_html_visible_text_is_one_block_a_line():
    markup = ("<html><head><title>t</title><style>p {}</style></head><body><nav><a>Home</a> <a>World</a></nav>"
              "<h1>Headline</h1><p>One <a href='#'>linked</a> sentence.</p><script>var x;</script></body></html>")
    assert visible_text(markup) == "Home World\nHeadline\nOne linked sentence."


@pytest.mark.parametrize("text", [
    # a feed's article on one line, photo credits inline (LGL gives articles this way)
    "Springfield school nurses, bus drivers vote to unionize. Bus attendant Barbara Gray wears a T-shirt "
    "supportive of unionization. (Greg Trotter / News-Leader) The State Board of Mediation chairman announced "
    "Friday that Springfield school transportation workers approved unionization. (Greg Trotter / News-Leader)",
    "(Image: Stu Morgan) Police were called to the scene on Tuesday after reports of a man with a head injury, "
    "and he was taken to Colchester General Hospital for further care, a spokesman said. " * 3,
])
def test_a_long_paragraph_with_a_photo_credit_is_the_article(text):
    assert segment_page(text).text == text.strip()


@pytest.mark.parametrize("line, expected", [
    ("(Photo : Reuters) Ukrainian servicemen are seen in a convoy of army vehicles.", True),
    ("Pro-Kopf-Konsum von 11,1 Litern pro Jahr © APA/APA (dpa)/Jens Büttner", True),
    ("Storm Ciarán is causing damage in southern England. EPA-EFE/Stuart Brock", True),
    ("Lynne Sladky/Associated Press", True),
    ("The attack was reported by AFP", False),
    ("He met Reuters reporters on Monday.", False),
])
def test_captions(line, expected):
    from eventbuilder.ingest.lines import is_caption

    assert is_caption(line) is expected


def test_a_dateline_after_a_standfirst():
    parts = segment_page("Moscow says the agreement that let Ukraine ship grain has ended.\n\n"
                         "MOSCOW — Russia said on Monday it would not extend the agreement that has allowed Ukraine to "
                         "export grain from its Black Sea ports.\n")
    assert parts.dateline == "MOSCOW"
    assert parts.text == ("Moscow says the agreement that let Ukraine ship grain has ended.\n\nRussia said on Monday it "
                          "would not extend the agreement that has allowed Ukraine to export grain from its Black Sea ports.")
