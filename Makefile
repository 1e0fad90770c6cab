# Xarxa: `make run` serves the whole system with demo data; `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(HOME)/.local/bin:$(PATH)
export UV_LINK_MODE ?= copy
# Python keeps compiled bytecode beside the sources (ignored by git): without it every
# process (each test worker, each command, each server worker) recompiles the whole
# dependency tree, about three seconds of CPU, even where the machine asks otherwise.
unexport PYTHONDONTWRITEBYTECODE
PORT ?= 8000
XARXA_DATA_DIR ?= $(CURDIR)/var
export XARXA_DATA_DIR
# Xarxa's settings default to production (secrets from the environment, HTTPS only, no
# demo). These are a developer's commands, `make run` first: a local machine, unless the
# environment already says otherwise.
XARXA_ENV ?= local
export XARXA_ENV
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XARXA := $(UV) run --frozen xarxa

.PHONY: help run test test-api audit lint format install uv system-packages browser messages messages-update static clean

help:
	@echo "make run    serve Xarxa with demo data at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	@echo "make test   run the whole suite (SQLite, then PostgreSQL when DATABASE_URL is set)"
	@echo "make test-api  fuzz the API with schemathesis against a running server"
	@echo "make audit  pip-audit on the locked dependencies (skipped with a message when offline)"
	@echo "make lint   ruff, ruff format --check, makemigrations --check, import-linter, mypy"

uv:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
	  || python3 -m pip install --quiet --user --break-system-packages uv

# gettext compiles the translations; Chromium drives the browser tests.
system-packages:
	@command -v msgfmt >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }

browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

install: uv system-packages
	@$(UV) sync --frozen --quiet

messages: install
	@$(XARXA) compilemessages --ignore=.venv -v 0

# Re-extract the strings into locale/*/LC_MESSAGES/django.po after changing texts.
messages-update: install
	@$(XARXA) makemessages --no-obsolete --no-location --ignore='.venv/*' --ignore='tests/*' \
	  --ignore='bench/*' --ignore='var/*' -l ca -l es -l en

static: install
	@$(XARXA) collectstatic --noinput -v 0

# On PostgreSQL (DATABASE_URL names an administrator) migrations and the demo run as the
# administrator; `db_roles` then hands the tables to the owner role and the site is served
# as the application role, which may only insert and read audit rows (docs/audit.md).
run: messages static
	@$(XARXA) migrate -v 0
	@XARXA_DEMO_MODE=1 $(XARXA) demo --if-empty --print-accounts
	@echo "Stop with Ctrl-C."
	@if [ -n "$$DATABASE_URL" ]; then \
	  DATABASE_URL="$$($(XARXA) db_roles --print-app-url)" || exit 1; export DATABASE_URL; \
	fi; XARXA_DEMO_MODE=1 exec $(XARXA) serve --port $(PORT)

# Two workers (pytest-xdist): the machines have two cores, and the suite is CPU-bound.
PYTEST_ARGS ?= -n 2

test: messages browser
	@echo "== Suite on SQLite"
	@env -u DATABASE_URL $(UV) run --frozen pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== Suite on PostgreSQL ($$DATABASE_URL), browser and engine-independent tests apart (they ran on SQLite)"; \
	  $(UV) run --frozen pytest $(PYTEST_ARGS) -m "not browser and not once"; \
	fi

# The API fuzzed from outside (schemathesis) on SQLite, then PostgreSQL when DATABASE_URL is set.
# The two runs go side by side (each spends much of its time migrating and building its
# demo); PostgreSQL's report is printed after SQLite's.
test-api: messages static
	@mkdir -p $(XARXA_DATA_DIR); pg=""; \
	if [ -n "$$DATABASE_URL" ]; then \
	  $(UV) run --frozen python tests/contract/fuzz_api.py > $(XARXA_DATA_DIR)/fuzz-postgresql.log 2>&1 & pg=$$!; \
	fi; \
	env -u DATABASE_URL $(UV) run --frozen python tests/contract/fuzz_api.py; sqlite=$$?; pgrc=0; \
	if [ -n "$$pg" ]; then wait $$pg; pgrc=$$?; cat $(XARXA_DATA_DIR)/fuzz-postgresql.log; fi; \
	exit $$(( sqlite || pgrc ))

# Known vulnerabilities in the locked dependencies (.ci/audit-deps; a skip when offline).
audit: install
	@./.ci/audit-deps

lint: install
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@env -u DATABASE_URL $(XARXA) makemigrations --check --dry-run -v 0
	@$(UV) run --frozen lint-imports --no-cache
	@env -u DATABASE_URL $(UV) run --frozen mypy

format: install
	@$(UV) run --frozen ruff check --fix .
	@$(UV) run --frozen ruff format .

clean:
	rm -rf var .pytest_cache .ruff_cache
