"""Data files shipped inside the package (facts only: dictionaries, curated regions, lexicons)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def read_json(name: str) -> Any:
    """Parse a JSON data file under ``eventbuilder/resources/`` (``name`` may contain ``/``)."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
