# Limber: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help python-version run test lint format chromium migrate load fault bench clean

help:
	@echo "make run    set up and serve Limber at http://$(HOST):$(PORT) (SQLite, development)"
	@echo "make test   lint and run the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make load / make fault / make bench   load, fault and benchmark scripts (see bench/)"

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Limber needs Python 3.12 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1): install Python 3.12 (or run 'make PYTHON=python3.12 ...')."; \
	  exit 1; }

# The stamp files make re-runs fast: pip runs again only when a pin changed.
$(BIN)/python: | python-version
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --site http://$(HOST):$(PORT)
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM). Install it with: sudo apt-get install -y chromium"; \
	    exit 1; \
	  fi; \
	fi

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.dev-deps chromium lint
	@echo "Running the suite on $${DATABASE_URL:+PostgreSQL}$${DATABASE_URL:-the embedded SQLite database}"
	$(BIN)/pytest $(PYTEST_ARGS)

load: $(VENV)/.dev-deps
	bash bench/load.sh

fault: $(VENV)/.dev-deps
	bash bench/fault.sh

bench: $(VENV)/.dev-deps
	bash bench/bench.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
