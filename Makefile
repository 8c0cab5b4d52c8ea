# Samverkansportalen. `make run` to try it, `make test` to check everything.
# Every target sets up what it needs itself; a second run reuses what is installed.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
BOOTSTRAP := var/bootstrap
UV := $(BOOTSTRAP)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PYTHONDONTWRITEBYTECODE := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint format migrations-check bench messages setup runtime-deps system-deps demo clean help

help:
	@echo "make run               serve the portal with demo data at http://127.0.0.1:8000"
	@echo "make test              lint and run every test on a throw-away PostgreSQL"
	@echo "make test-fast ARGS=…  the tests on PostgreSQL without lint and setup (e.g. ARGS='-k groups')"
	@echo "make lint              ruff check and format check"
	@echo "make format            ruff format and fix"
	@echo "make migrations-check  fail if models and migrations disagree"
	@echo "make messages          compile translations"
	@echo "make bench             national-scale data, pages, PDFs and load; docs/performance.md"

$(UV):
	@$(PYTHON) -m venv $(BOOTSTRAP) 2>/dev/null || { \
	  echo "python3-venv saknas; installerar det från Debian"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; \
	  rm -rf $(BOOTSTRAP); $(PYTHON) -m venv $(BOOTSTRAP); }
	$(BOOTSTRAP)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced messages

messages: $(VENV)/.synced runtime-deps
	@$(MANAGE) compilemessages --verbosity 0 --ignore '.venv' --ignore 'var'

runtime-deps:
	@bash tests/system-deps.sh runtime

system-deps:
	@bash tests/system-deps.sh test

demo: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) sync_group_permissions
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_admin

run: demo
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.synced
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: setup
	$(MANAGE) makemigrations --check --dry-run

test: setup system-deps lint migrations-check
	bash tests/postgres.sh $(VENV)/bin/pytest $(ARGS)

test-fast:
	bash tests/postgres.sh $(VENV)/bin/pytest $(ARGS)

bench: setup system-deps
	bash tests/postgres.sh $(PY) -m tests.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(BOOTSTRAP) var/staticfiles var/test-media
