# KIK online – Befehle für Redaktion, Übersetzung und Entwicklung.
# Jedes Ziel richtet selbst ein, was es braucht (Python-Umgebung in .venv).
# `make help` zeigt alle Ziele.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPRACHE ?= de
# Prüfwerkzeuge aus npm (axe-core, html-validate), fest nach tests/browser/package-lock.json;
# neu installiert, wenn sie fehlen oder die Sperrdatei neuer ist. (Vor den Regeln definiert:
# make setzt Voraussetzungen beim Lesen ein.)
NODE_TOOLS := tests/browser/node_modules/.package-lock.json
BENCH_TOOLS := bench/node_modules/.package-lock.json
# Tests on every core (pytest-xdist). A module stays in one worker, so what its tests share (the
# page reports of the browser suite) is made once; each worker builds the test sites it needs.
# `make test PARALLEL=` runs everything in one process.
PARALLEL ?= -n auto --dist loadscope

.DEFAULT_GOAL := help
.PHONY: help serve build check import test test-fast lint system-deps clean mutate

help: ## Diese Hilfe anzeigen
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

serve: $(STAMP) ## Vorschau mit Live-Reload auf http://127.0.0.1:8000, ohne Suchindex (andere Sprache: make serve SPRACHE=en)
	KIK_LANG=$(SPRACHE) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP) ## Alle Sprachen prüfen und nach site/ bauen (ersetzt site/ erst nach Erfolg)
	@sh tests/ensure-system-deps.sh build
	$(BIN)/python -m macros build

check: $(STAMP) ## Nur die Daten in data/ prüfen
	$(BIN)/python -m macros check

import: $(STAMP) ## Tabelle übernehmen: make import TABELLE=massnahmen.xlsx (Probelauf; SCHREIBEN=1 schreibt)
	@test -n "$(TABELLE)" || { echo "Bitte die Tabelle angeben: make import TABELLE=massnahmen.xlsx"; exit 2; }
	$(BIN)/python -m macros import "$(TABELLE)" $(if $(SCHREIBEN),--write,--dry-run)

system-deps: ## Debian-Pakete installieren, falls sie fehlen (PDF: Pango, Noto-Schriften; Tests: chromium)
	@sh tests/ensure-system-deps.sh

test: $(STAMP) system-deps $(NODE_TOOLS) ## Alle Tests (Code-Stil, Schichten, Daten, Bauen, Browser)
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PARALLEL)

test-fast: $(STAMP) $(NODE_TOOLS) ## Tests ohne Browser
	@sh tests/ensure-system-deps.sh build
	$(BIN)/python -m pytest -m "not browser" $(PARALLEL)

lint: $(STAMP) ## Code-Stil und Schichtenvertrag prüfen (ruff, import-linter)
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench
	$(BIN)/lint-imports

$(NODE_TOOLS): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	@touch $@

$(BENCH_TOOLS): bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

.PHONY: bench deploy-check
bench: $(STAMP) system-deps $(BENCH_TOOLS) ## Benchmark: Bauzeit, Speicher, Seitengewicht, Lighthouse (bench/results/); BENCH_ARGS="--scales real,1,10"
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)

mutate: $(STAMP) ## Mutationstests mit cosmic-ray: make mutate MODULE=macros/data/validate.py STICHPROBE=50 (oder MODULE=alle)
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	cd bench && ../$(BIN)/python mutation.py $(if $(filter alle,$(MODULE)),--all,$(MODULE)) $(if $(STICHPROBE),--sample $(STICHPROBE))

deploy-check: $(STAMP) ## Gebauten Ordner vor dem Veröffentlichen prüfen (ORDNER=site)
	$(BIN)/python -m macros.site.deploy check $(or $(ORDNER),site)

clean: ## Erzeugte Dateien löschen
	rm -rf site site.* .site.* .build .pytest_cache
