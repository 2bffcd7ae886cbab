# Two entry points for a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test bench-quick clean-venv

# The whole dependency tree is pinned with hashes in requirements.lock (generated from
# pyproject.toml with pip-compile --generate-hashes --extra dev); the project itself is then
# installed editable without resolving anything else.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/eventbuilder build raw --out outputs

test: $(STAMP)
	$(PY) -m pytest

clean-venv:
	rm -rf $(VENV)
