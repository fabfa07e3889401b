# Tiltak: `make run` and `make test` work on a fresh clone of a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
# Debian packages Tiltak needs at run time and in tests. fonts-dejavu-core: the PDF report's type
# (Typst itself comes from PyPI). The Pango and HarfBuzz libraries serve only WeasyPrint, which the
# tests use to make PDFs of the corpus in a second producer's layout (tests/support/render.py).
DEBIAN_PACKAGES := hunspell-no libhunspell-1.7-0 poppler-utils fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nodejs libreoffice-writer-nogui chromium
# Test directories whose tests use the database: run again on PostgreSQL when it is there.
DB_TESTS := $(wildcard tests/plans tests/backup tests/accounts tests/caching tests/settings \
	tests/cli/test_cli_store.py tests/portal tests/search tests/checks tests/reports tests/api \
	tests/opendata tests/lineage tests/rounds tests/imports tests/jobs)

.PHONY: run test bench bench-scale lint format system-deps clean assets messages update-messages

$(BIN)/tiltak: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The interface translations (tiltak/locale/*/LC_MESSAGES/django.po) compiled to .mo files, in
# Python (polib): `run` and `test` need them; the .mo files are not in git.
messages: $(BIN)/tiltak
	$(BIN)/python -m tiltak.translations

# After changing the interface's text: the .po files updated with the new msgids (needs xgettext,
# Debian's gettext); then translate the new entries in nn and en and run `make messages`.
update-messages: $(BIN)/tiltak
	@command -v xgettext >/dev/null || bash scripts/install-system-deps.sh gettext
	cd tiltak && DJANGO_SETTINGS_MODULE=tiltak.settings ../$(BIN)/python -m django makemessages \
		-l nn -l en --no-location --no-obsolete

system-deps:
	@bash scripts/install-system-deps.sh $(DEBIAN_PACKAGES)

# The portal on http://127.0.0.1:8000 with the samples. `tiltak serve` on 127.0.0.1 uses the key
# generated in the data directory when SECRET_KEY is not set; other hosts need SECRET_KEY.
# A `tiltak worker` runs beside it (reports after publishing, reminders) and is stopped when the
# server stops (Ctrl+C included).
run: $(BIN)/tiltak assets messages
	$(BIN)/tiltak migrate
	$(BIN)/tiltak import samples/
	$(BIN)/tiltak worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
		$(BIN)/tiltak serve --host 127.0.0.1 --port 8000

# Front-end assets: `npm ci` when node_modules is missing or package-lock.json changed, then the
# Designsystemet CSS (with its theme) and the Inter font copied to $(ASSETS) (static/vendor/),
# and the narrative editor (frontend/editor: Tiptap and its Markdown bridge) bundled by esbuild.
# Debian's npm is installed only when there is no npm (Node.js builds that bundle npm conflict).
ASSETS := build/assets
NPM_STAMP := node_modules/.package-lock.json
assets: $(ASSETS)/.stamp

$(NPM_STAMP): package-lock.json package.json | system-deps
	@command -v npm >/dev/null || bash scripts/install-system-deps.sh npm
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

EDITOR_SOURCES := $(wildcard frontend/editor/*)
$(ASSETS)/.stamp: $(NPM_STAMP) $(EDITOR_SOURCES)
	rm -rf $(ASSETS)
	mkdir -p $(ASSETS)/designsystemet $(ASSETS)/fonts/files $(ASSETS)/editor
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(ASSETS)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(ASSETS)/designsystemet/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE $(ASSETS)/designsystemet/LICENSE
	cat node_modules/@fontsource/inter/latin-{400,500,600}.css > $(ASSETS)/fonts/inter.css
	cp node_modules/@fontsource/inter/files/inter-latin-{400,500,600}-normal.woff{,2} $(ASSETS)/fonts/files/
	cp node_modules/@fontsource/inter/LICENSE $(ASSETS)/fonts/LICENSE
	node_modules/.bin/esbuild frontend/editor/editor.js --bundle --minify --format=iife \
		--global-name=TiltakEditor --target=es2020 --legal-comments=none \
		--metafile=$(ASSETS)/editor/meta.json --outfile=$(ASSETS)/editor/editor.js
	node frontend/editor/licenses.mjs $(ASSETS)/editor/meta.json $(ASSETS)/editor/LICENSES.txt
	rm $(ASSETS)/editor/meta.json
	cp frontend/editor/editor.css $(ASSETS)/editor/editor.css
	touch $@

test: $(BIN)/tiltak assets messages
	$(BIN)/pytest -q
	@if [ -n "$$TILTAK_TEST_DATABASE_URL" ]; then \
		echo "Database tests again on PostgreSQL ($$TILTAK_TEST_DATABASE_URL)"; \
		DATABASE_URL="$$TILTAK_TEST_DATABASE_URL" $(BIN)/pytest -q $(DB_TESTS); \
	else \
		echo "TILTAK_TEST_DATABASE_URL is not set: database tests ran on SQLite only"; \
	fi

bench: $(BIN)/tiltak assets messages
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
