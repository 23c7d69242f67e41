# KIK online – Befehle für Redaktion, Übersetzung und Entwicklung.
# Jedes Ziel richtet selbst ein, was es braucht (Python-Umgebung in .venv).
# `make help` zeigt alle Ziele.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPRACHE ?= de

.DEFAULT_GOAL := help
.PHONY: help serve build check test test-fast lint system-deps clean

help: ## Diese Hilfe anzeigen
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

serve: $(STAMP) ## Vorschau mit Live-Reload auf http://127.0.0.1:8000 (andere Sprache: make serve SPRACHE=en)
	KIK_LANG=$(SPRACHE) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP) ## Alle Sprachen prüfen und nach site/ bauen (ersetzt site/ erst nach Erfolg)
	$(BIN)/python -m macros build

check: $(STAMP) ## Nur die Daten in data/ prüfen
	$(BIN)/python -m macros check

system-deps: ## Debian-Pakete für Browser-Tests (chromium) installieren, falls sie fehlen
	@sh tests/ensure-system-deps.sh

test: $(STAMP) system-deps ## Alle Tests (Daten, Bauen, Browser)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Tests ohne Browser
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMP) ## Code-Stil prüfen (ruff)
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

clean: ## Erzeugte Dateien löschen
	rm -rf site site.* .build .pytest_cache
