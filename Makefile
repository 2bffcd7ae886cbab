# Two entry points for a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Every pip call installs exactly what a lock names: hashes required, nothing resolved anew.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
LOCK_FLAGS := --allow-unsafe --no-strip-extras --generate-hashes --no-emit-index-url \
	--no-emit-find-links --index-url https://pypi.org/simple

.PHONY: build test check lint typecheck sweep ci lock clean-venv codebook relevance-model

# The venv's own pip (whatever `python3 -m venv` ships) only installs requirements/bootstrap.lock:
# a pinned, hash-checked pip and the build backend. That pip then installs requirements.lock
# (the whole tree, pinned with hashes, generated from pyproject.toml by `make lock`) and the
# project itself, editable, without build isolation so that nothing unpinned is fetched.
$(STAMP): pyproject.toml requirements.lock requirements/bootstrap.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements/bootstrap.lock
	$(PIP_INSTALL) -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/eventbuilder build raw --out outputs

test: $(STAMP)
	$(PY) -m pytest

# Static checks: ruff (lint) and mypy (types), both configured in pyproject.toml.
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

check: lint typecheck

# Every real text under ../shared/benchmarks through the whole pipeline; fails on any internal error.
SHARED ?= ../shared/benchmarks
sweep: $(STAMP)
	$(PY) benchmarks/crash_sweep.py $(SHARED)

# The codebook's example rows come from a build of the bundled raw/ (kept in schemas/examples/, so
# the codebook test never re-runs extraction); run this after changing schemas/ or extraction.
CODEBOOK_BUILD := .cache/codebook-build
codebook: $(STAMP)
	rm -rf $(CODEBOOK_BUILD)
	$(VENV)/bin/eventbuilder build raw --out $(CODEBOOK_BUILD) --no-report
	$(VENV)/bin/eventbuilder codebook --refresh-examples --root $(CODEBOOK_BUILD)
	$(VENV)/bin/eventbuilder codebook > docs/CODEBOOK.md
# Retrain the document relevance classifier shipped in src/eventbuilder/resources/relevance/ from
# the dev pages, GeoWebNews and the political sentences under ../shared/benchmarks (deterministic;
# run it after changing extraction, which changes the features; see benchmarks/README.md).
relevance-model: $(STAMP)
	$(PY) -m eventbuilder.relevance.train --data $(dir $(SHARED)) --workers 2

# What .ci/run runs: the tests, the static checks, then the crash sweep.
ci: test check sweep

# Regenerate the locks from pyproject.toml and requirements/*.in (needs the network; see README).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/tools.lock
	.venv-lock/bin/pip-compile --quiet $(LOCK_FLAGS) --extra=dev --output-file=requirements.lock pyproject.toml
	cd requirements && ../.venv-lock/bin/pip-compile --quiet $(LOCK_FLAGS) --output-file=bootstrap.lock bootstrap.in
	cd requirements && ../.venv-lock/bin/pip-compile --quiet $(LOCK_FLAGS) --output-file=tools.lock tools.in

clean-venv:
	rm -rf $(VENV)
