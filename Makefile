# The two commands a maintainer needs: `make run` and `make test`.
# Both create .venv and install what they need on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEPS := $(VENV)/.deps-installed

.PHONY: run test lint contracts typecheck pytest bench ingest console clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(DEPS): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(DEPS)

run: $(DEPS)
	$(PY) -m bot run

test: $(DEPS) lint contracts typecheck pytest

lint: $(DEPS)
	$(PY) -m ruff check bot handlers devtools migrations tests
	$(PY) -m ruff format --check bot handlers devtools migrations tests

contracts: $(DEPS)
	$(VENV)/bin/lint-imports

typecheck: $(DEPS)
	$(PY) -m mypy

pytest: $(DEPS)
	$(PY) -m pytest

bench: $(DEPS)
	$(PY) -m bot bench

ingest: $(DEPS)
	$(PY) -m bot ingest

console: $(DEPS)
	$(PY) -m bot console

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
