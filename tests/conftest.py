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


@pytest.fixture(scope="session")
def bundled_outputs(tmp_path_factory, nlp) -> Path:
    """The bundled raw/ built twice into one output root, once per test session (shared by the
    report, browser and notebook tests): v000001 without raw/wires/, then v000002 with everything,
    so that there are two versions to compare. Each version has its report.html."""
    import shutil

    from eventbuilder.build import build
    from eventbuilder.options import BuildOptions

    root = tmp_path_factory.mktemp("bundled") / "outputs"
    earlier = tmp_path_factory.mktemp("raw-earlier")
    shutil.copytree(REPO_ROOT / "raw", earlier, dirs_exist_ok=True, ignore=shutil.ignore_patterns("wires"))
    build(earlier, root, BuildOptions(engine="serial"))
    # relative to the working folder (the manifest and the report header name it as given)
    build(Path(os.path.relpath(REPO_ROOT / "raw")), root, BuildOptions(engine="serial"))
    return root
