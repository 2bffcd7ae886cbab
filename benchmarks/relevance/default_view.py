"""The analyst's default view as an extractor for the claim scorers: only the relevant claims.

    .venv/bin/python benchmarks/claims_eval.py --extractor benchmarks.relevance.default_view:extract_relevant

``claims_eval.py`` then measures the recall of what an analyst sees by default (every claim stays in
the table; this only drops the ones ``claims.relevant`` keeps out of the view).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventbuilder.api import extract_text


def extract_relevant(text: str, published: str | date | None = None) -> list[dict[str, Any]]:
    return [row for row in extract_text(text, published) if row["relevant"]]
