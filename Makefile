# The two commands of the README:
#   make demo   set everything up, load the demo portfolio into the embedded engine, serve it
#   make test   set everything up and run the whole suite (tests, ruff, mypy, Neo4j Cypher lint)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
ACCOUNTS ?= 12

.PHONY: demo test setup setup-dev lint typecheck check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev node_modules/.package-lock.json
	scripts/ensure-browser
	scripts/ensure-graphviz

demo: setup
	$(BIN)/relgraph demo --accounts $(ACCOUNTS) --replace
	$(BIN)/relgraph serve --host $(HOST) --port $(PORT) --dev-no-auth

lint: setup-dev
	$(BIN)/ruff check src tests bench scripts/neo4j-local scripts/readme_examples.py

typecheck: setup-dev
	$(BIN)/mypy

test: setup-dev lint typecheck
	$(BIN)/python -m pytest tests

bench: setup-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
