"""The locks agree with pyproject.toml and install the same set with any pip.

A fresh install broke once without a line of the project changing: an old pip resolved
``lxml[html_clean]`` (asked for by justext) apart from the pinned ``lxml`` and fetched the newest
release. These checks keep the locks in the shape that makes every pip install exactly them.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
_ENTRY = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[([^\]]+)\])?==([^\s\\]+)")


def _lock(path: Path) -> dict[str, tuple[str, frozenset[str], bool]]:
    """name -> (version, extras, has hashes) for every entry of a pip-compile lock file."""
    entries: dict[str, tuple[str, frozenset[str], bool]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = _ENTRY.match(line)
        if not match:
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        extras = frozenset(canonicalize_name(e) for e in (match.group(2) or "").split(",") if e)
        entries[canonicalize_name(match.group(1))] = (match.group(3), extras, "--hash=sha256:" in following)
    return entries


LOCK = _lock(ROOT / "requirements.lock")
BOOTSTRAP = _lock(ROOT / "requirements" / "bootstrap.lock")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pyproject_pins() -> list[Requirement]:
    project = PYPROJECT["project"]
    declared = project["dependencies"] + [d for deps in project["optional-dependencies"].values() for d in deps]
    return [Requirement(d) for d in declared]


@pytest.mark.parametrize("requirement", _pyproject_pins(), ids=str)
def test_every_pyproject_dependency_is_pinned_exactly_and_locked_at_that_version(requirement):
    (specifier,) = requirement.specifier
    assert specifier.operator == "=="
    assert LOCK[canonicalize_name(requirement.name)][0] == specifier.version


def test_every_lock_entry_carries_hashes():
    assert [name for name, (_, _, hashed) in LOCK.items() if not hashed] == []
    assert [name for name, (_, _, hashed) in BOOTSTRAP.items() if not hashed] == []


def test_lock_is_written_with_extras_and_without_machine_specific_indexes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    command = next(line for line in text.splitlines() if "pip-compile" in line and "--output-file" in line)
    assert "--no-strip-extras" in command and "--extra=dev" in command and "--generate-hashes" in command
    assert not re.search(r"^--(?:extra-)?index-url|^--find-links", text, re.MULTILINE)
    assert LOCK["lxml"][1] == {"html-clean"}  # asked for by justext; the case that broke the install


def test_bootstrap_pins_the_installer_and_agrees_with_the_lock():
    assert "pip" in BOOTSTRAP and "hatchling" in BOOTSTRAP
    assert {n: v for n, (v, _, _) in BOOTSTRAP.items() if n in LOCK and LOCK[n][0] != v} == {}


def test_pyproject_build_backend_is_the_bootstrapped_one():
    (backend,) = PYPROJECT["build-system"]["requires"]
    assert Requirement(backend).name == "hatchling"
    assert str(Requirement(backend).specifier) == f"=={BOOTSTRAP['hatchling'][0]}"


def _installed_requirements():
    """(parent, requirement) for every requirement of an installed, locked distribution that
    applies here (markers evaluated with the extras the lock installs the parent with)."""
    for dist in metadata.distributions():
        parent = canonicalize_name(dist.metadata["Name"])
        if parent not in LOCK:
            continue
        parent_extras = LOCK[parent][1] | {""}
        for text in dist.requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in parent_extras):
                yield parent, requirement


def test_the_lock_states_every_extra_a_locked_package_asks_for():
    missing = sorted({f"{parent} asks for {canonicalize_name(r.name)}[{extra}]"
                      for parent, r in _installed_requirements()
                      for extra in r.extras
                      if canonicalize_name(r.name) in LOCK
                      and canonicalize_name(extra) not in LOCK[canonicalize_name(r.name)][1]})
    assert missing == []


def test_every_dependency_of_a_locked_package_is_locked():
    missing = sorted({f"{parent} needs {canonicalize_name(r.name)}" for parent, r in _installed_requirements()
                      if canonicalize_name(r.name) not in LOCK and canonicalize_name(r.name) != "eventbuilder"})
    assert missing == []
