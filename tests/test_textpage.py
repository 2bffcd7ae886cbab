"""Page segmentation on the seed and on realistic plain and scraped layouts."""

import pytest

from eventbuilder.ingest.textpage import is_chrome, segment_page, split_dateline


def test_seed_segments(seed_text):
    page = segment_page(seed_text)
    kinds = [(s.kind, s.text[:25]) for s in page.segments]
    assert kinds[:6] == [
        ("boilerplate", "CHINA TOPIX"),
        ("date_line", "05/12/2024 07:39:38 am"),
        ("boilerplate", "Make CT Your Homepage"),
        ("headline", "NATO, Ukraine Discuss Wes"),
        ("subheading", "Near the Russian Border"),
        ("caption", "(Photo : Reuters) Ukraini"),
    ]
    assert ("boilerplate", "Like Us on Facebook") in kinds
    assert kinds[-1] == ("boilerplate", "Real Time Analytics")
    assert page.title == "NATO, Ukraine Discuss Western Defense Support, Response To Potential Russian Invasion"
    assert page.captions == (
        "(Photo : Reuters) Ukrainian servicemen are seen in a convoy of army vehicles on a checkpoint "
        "in Donetsk region August 6, 2014.",
    )
    assert page.text.startswith("NATO Secretary General Anders Fogh Rasmussen met with Ukrainian Prime Minister")
    assert page.text.endswith("peace-keeping units can be called upon unexpectedly.\"")
    for chrome in ("CHINA TOPIX", "Make CT", "Like Us", "Real Time Analytics", "(Photo", "Near the Russian"):
        assert chrome not in page.text
    assert page.text.count("\n\n") == 15  # 16 body paragraphs, one per line of the page


def test_segments_point_into_raw_text(seed_text):
    for segment in segment_page(seed_text).segments:
        assert seed_text[segment.start:segment.end] == segment.text


@pytest.mark.parametrize("paragraph, dateline, rest", [
    ("MINSK, Belarus — Leaders met for 16 hours.", "MINSK, Belarus", "Leaders met for 16 hours."),
    ("WASHINGTON — The Pentagon said on Monday ...", "WASHINGTON", "The Pentagon said on Monday ..."),
    ("BRUSSELS (Reuters) - NATO allies agreed ...", "BRUSSELS (Reuters)", "NATO allies agreed ..."),
    ("MOSCOW, Aug 7 (Reuters) - Russia banned ...", "MOSCOW, Aug 7 (Reuters)", "Russia banned ..."),
    ("NEW YORK -- The Security Council met.", "NEW YORK", "The Security Council met."),
    ("(AP) — Rockets hit the city.", "(AP)", "Rockets hit the city."),
    ("NATO Secretary General Anders Fogh Rasmussen met with ...", None,
     "NATO Secretary General Anders Fogh Rasmussen met with ..."),
    ("U.S. Defense Secretary Chuck Hagel said - on the record - that ...", None,
     "U.S. Defense Secretary Chuck Hagel said - on the record - that ..."),
])
def test_split_dateline(paragraph, dateline, rest):
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize("line, expected", [
    ("Make CT Your Homepage", True),
    ("Like Us on Facebook", True),
    ("Share This Story", True),
    ("Subscribe to our newsletter", True),
    ("Trending Now", True),
    ("Real Time Analytics", True),
    ("Advertisement", True),
    ("Home | World | Europe | Politics", True),
    ("© 2014 China Topix. All rights reserved.", True),
    ("Near the Russian Border", False),
    ("Subscribers to the Kremlin line said the talks had failed and that sanctions would follow soon.", False),
    ("Rasmussen said the talks will enhance relations.", False),
])
def test_chrome_lines(line, expected):
    assert is_chrome(line) is expected


def test_plain_article_with_dateline_and_headline():
    raw = ("Leaders agree ceasefire after all-night talks in Minsk\n\n"
           "MINSK, Belarus — The leaders of Russia, Ukraine, France and Germany agreed on Thursday to a ceasefire "
           "in eastern Ukraine after 16 hours of talks.\n\n"
           "The truce is due to take effect on Sunday.\n")
    page = segment_page(raw)
    assert page.title == "Leaders agree ceasefire after all-night talks in Minsk"
    assert page.dateline == "MINSK, Belarus"
    assert page.text == ("The leaders of Russia, Ukraine, France and Germany agreed on Thursday to a ceasefire in "
                         "eastern Ukraine after 16 hours of talks.\n\nThe truce is due to take effect on Sunday.")
    assert [s.kind for s in page.segments] == ["headline", "dateline", "body", "body"]


def test_article_without_headline_keeps_first_sentence():
    page = segment_page("Russia said on Monday it had moved troops to the border.\nKyiv called it a provocation.")
    assert page.title is None
    assert page.text == "Russia said on Monday it had moved troops to the border.\n\nKyiv called it a provocation."


def test_short_text_without_sentence_punctuation_is_the_body():
    page = segment_page("Russian troops shelled the town of Avdiivka overnight")
    assert (page.title, page.text) == (None, "Russian troops shelled the town of Avdiivka overnight")
