# Limber: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help python-version run test lint format chromium migrate load fault bench mutate audit clean

help:
	@echo "make run    set up and serve Limber at http://$(HOST):$(PORT) (SQLite, development)"
	@echo "make test   lint and run the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make load / make fault / make bench   load, fault and benchmark scripts (see bench/)"
	@echo "make mutate mutation-test the pure rule modules, one by one (minutes; docs/mutation.md)"
	@echo "make audit  check the pinned requirements for known vulnerabilities (needs the internet)"

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

# Mutation testing, kept out of `make test`: each pure module is mutated and run
# against its own domain tests only. mutmut reads its settings from pyproject.toml,
# so the two per-module lines there are set for each module in turn and the file
# is put back afterwards, even on Ctrl-C. Each surviving mutant is shown as a diff.
# A module's tests are tests/<app>/test_<module>.py, plus those listed below.
MUTATE_MODULES ?= screening/standing screening/rules screening/countries \
  routines/progression routines/planning routines/stages \
  tracking/trends tracking/change tracking/adherence tracking/peg_trend tracking/session_flow \
  tracking/reminders tracking/tables
MUTATE_CHILDREN ?= 2
MUTATE_TESTS_routines/planning = tests/routines/test_plan_golden.py tests/routines/test_progression.py
MUTATE_TESTS_routines/stages = tests/routines/test_plan_golden.py tests/routines/test_progression.py

mutate: $(VENV)/.dev-deps
	@saved=$$(mktemp) && cp pyproject.toml "$$saved" && \
	trap 'cp "$$saved" pyproject.toml && rm -f "$$saved"' EXIT && trap 'exit 130' INT TERM && \
	$(foreach m,$(MUTATE_MODULES),$(call mutate-one,$(m),$(dir $(m))test_$(notdir $(m)).py $(MUTATE_TESTS_$(m)))) true

# $(1): app/module; $(2): its test files (under tests/).
define mutate-one
	src="$(1).py"; tests='$(foreach t,$(patsubst tests/%,%,$(2)),"tests/$(t)",)'; tests="[$${tests%,}]"; \
	sed -e "s|^only_mutate = .*|only_mutate = [\"$$src\"]|" \
	    -e "s|^pytest_add_cli_args_test_selection = .*|pytest_add_cli_args_test_selection = $$tests|" \
	    "$$saved" > pyproject.toml && \
	grep -q "^only_mutate = \[\"$$src\"\]" pyproject.toml || { echo "no [tool.mutmut] only_mutate line"; exit 1; }; \
	echo "== $$src against $$tests"; \
	rm -rf mutants; \
	nice $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) || exit 1; \
	$(BIN)/mutmut export-cicd-stats >/dev/null && \
	$(BIN)/python -c 'import json, sys; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	  k = s["killed"] + s["timeout"]; t = s["total"] - s["skipped"]; \
	  print("%s: %d of %d mutants killed (%.1f %%), %d survived, %d without tests" \
	        % (sys.argv[1], k, t, 100 * k / max(t, 1), s["survived"], s["no_tests"]))' "$$src" && \
	for n in $$($(BIN)/mutmut results | sed -n 's/^ *\(.*\): survived$$/\1/p'); do \
	  $(BIN)/mutmut show "$$n"; \
	done;
endef

audit: $(VENV)/.dev-deps
	$(BIN)/pip-audit --strict --no-deps --progress-spinner off -r requirements.txt -r requirements-dev.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache mutants
