# Tiltak: `make run` and `make test` work on a fresh clone of a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
# Debian packages Tiltak needs at run time and in tests.
DEBIAN_PACKAGES := hunspell-no libhunspell-1.7-0 poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: run test bench lint format system-deps clean

$(BIN)/tiltak: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

system-deps:
	@bash scripts/install-system-deps.sh $(DEBIAN_PACKAGES)

run: $(BIN)/tiltak
	$(BIN)/tiltak migrate
	$(BIN)/tiltak import samples/
	$(BIN)/tiltak parse $(CORPUS)/plan-2024-2028-status-2026.txt

test: $(BIN)/tiltak
	$(BIN)/pytest -q
	@if [ -n "$$TILTAK_TEST_DATABASE_URL" ]; then \
		echo "Database tests again on PostgreSQL ($$TILTAK_TEST_DATABASE_URL)"; \
		DATABASE_URL="$$TILTAK_TEST_DATABASE_URL" $(BIN)/pytest -q tests/db; \
	else \
		echo "TILTAK_TEST_DATABASE_URL is not set: database tests ran on SQLite only"; \
	fi

bench: $(BIN)/tiltak
	$(BIN)/python bench/run.py

lint: $(BIN)/tiltak
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(BIN)/tiltak
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
