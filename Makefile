# Tiltak: `make run` and `make test` work on a fresh clone of a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
# Debian packages Tiltak needs at run time and in tests.
DEBIAN_PACKAGES := hunspell-no libhunspell-1.7-0 poppler-utils fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nodejs libreoffice-writer-nogui chromium
# Test directories whose tests use the database: run again on PostgreSQL when it is there.
DB_TESTS := $(wildcard tests/plans tests/backup tests/accounts tests/caching tests/settings \
	tests/cli/test_cli_store.py tests/portal tests/search tests/checks tests/reports tests/api \
	tests/opendata tests/lineage tests/rounds tests/imports)

.PHONY: run test bench bench-scale lint format system-deps clean assets

$(BIN)/tiltak: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

system-deps:
	@bash scripts/install-system-deps.sh $(DEBIAN_PACKAGES)

# The portal on http://127.0.0.1:8000 with the samples. `tiltak serve` on 127.0.0.1 uses the key
# generated in the data directory when SECRET_KEY is not set; other hosts need SECRET_KEY.
run: $(BIN)/tiltak assets
	$(BIN)/tiltak migrate
	$(BIN)/tiltak import samples/
	$(BIN)/tiltak serve --host 127.0.0.1 --port 8000

# Front-end assets: `npm ci` when node_modules is missing or package-lock.json changed, then the
# Designsystemet CSS (with its theme) and the Inter font copied to $(ASSETS) (static/vendor/).
# Debian's npm is installed only when there is no npm (Node.js builds that bundle npm conflict).
ASSETS := build/assets
NPM_STAMP := node_modules/.package-lock.json
assets: $(ASSETS)/.stamp

$(NPM_STAMP): package-lock.json package.json | system-deps
	@command -v npm >/dev/null || bash scripts/install-system-deps.sh npm
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(ASSETS)/.stamp: $(NPM_STAMP)
	rm -rf $(ASSETS)
	mkdir -p $(ASSETS)/designsystemet $(ASSETS)/fonts/files
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(ASSETS)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(ASSETS)/designsystemet/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE $(ASSETS)/designsystemet/LICENSE
	cat node_modules/@fontsource/inter/latin-{400,500,600}.css > $(ASSETS)/fonts/inter.css
	cp node_modules/@fontsource/inter/files/inter-latin-{400,500,600}-normal.woff{,2} $(ASSETS)/fonts/files/
	cp node_modules/@fontsource/inter/LICENSE $(ASSETS)/fonts/LICENSE
	touch $@

test: $(BIN)/tiltak assets
	$(BIN)/pytest -q
	@if [ -n "$$TILTAK_TEST_DATABASE_URL" ]; then \
		echo "Database tests again on PostgreSQL ($$TILTAK_TEST_DATABASE_URL)"; \
		DATABASE_URL="$$TILTAK_TEST_DATABASE_URL" $(BIN)/pytest -q $(DB_TESTS); \
	else \
		echo "TILTAK_TEST_DATABASE_URL is not set: database tests ran on SQLite only"; \
	fi

bench: $(BIN)/tiltak assets
	@bash scripts/install-system-deps.sh wrk
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

# The national store on PostgreSQL (TILTAK_SCALE_PG, default postgres://postgres@127.0.0.1:5432;
# drops and makes the databases tiltak_scale and tiltak_scale_one); takes about 15 minutes.
bench-scale: $(BIN)/tiltak assets
	@bash scripts/install-system-deps.sh wrk
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	nice -n 10 $(BIN)/python bench/run.py scale

lint: $(BIN)/tiltak
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(BIN)/tiltak
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
