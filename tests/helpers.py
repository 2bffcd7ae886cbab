"""Small builders shared by the build, store and CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLE_A = ("Leaders agree ceasefire after all-night talks in Minsk\n\n"
             "MINSK, Belarus — The leaders of Russia, Ukraine, France and Germany agreed on Thursday to a "
             "ceasefire in eastern Ukraine after 16 hours of talks, officials said.\n\n"
             "The truce is due to take effect on Sunday.\n")
ARTICLE_B = ("NATO to boost eastern flank\n\n"
             "BRUSSELS (Reuters) - NATO defence ministers agreed on Wednesday to create a rapid reaction force "
             "of up to 5,000 troops that could deploy within days, the alliance said.\n")
JSONL_GOOD = {"id": "wire-1", "url": "https://example.org/1", "source": "Example Wire", "published": "2022-02-24",
              "title": "Russia launches invasion", "section": "world",
              "text": "Russia launched a full-scale invasion of Ukraine on Thursday, with missile strikes on cities "
                      "including Kyiv and Kharkiv, Ukrainian officials said."}


def write_raw(folder: Path) -> Path:
    """A small raw folder in every format, with one duplicate and one bad JSON line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "b.meta.json").write_text('{"published": "2015-02-05", "source": "Reuters"}', encoding="utf-8")
    (folder / "copy-of-a.txt").write_text(ARTICLE_A, encoding="utf-8")
    lines = [json.dumps(JSONL_GOOD), '{"id": "wire-2", "text": "broken', json.dumps({"id": "wire-3", "title": "no text"})]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
