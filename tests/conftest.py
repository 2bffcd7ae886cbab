"""Shared test fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The read-only shared folder (seed article, benchmark corpora)."""
    return Path(os.environ.get("EVENTBUILDER_SHARED", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    from eventbuilder.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data folder not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return (shared / "seeds" / "000_fc1be701003c547e.txt").read_text(encoding="utf-8")
