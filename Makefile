# Two entry points for a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test bench clean-venv

# Install the hash-pinned dependency tree, then the project itself (editable, no dependency resolution).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . || $(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/eventbuilder build raw --out outputs

test: $(STAMP)
	$(PY) -m pytest

clean-venv:
	rm -rf $(VENV)
