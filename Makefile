# Two commands on a fresh machine: `make run` and `make test`. Both install first.
SHELL := /bin/bash
# A run starts dozens of Python processes (test workers, Celery workers, gunicorn): each must find
# the modules compiled, not compile them again (some machines set this variable globally).
unexport PYTHONDONTWRITEBYTECODE
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
# pyenv's shim honours .python-version; otherwise any python3.12 on PATH.
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) || echo python$(PYTHON_VERSION))
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
MANAGE := $(BIN)/python manage.py
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.test

# Plausible production values: enough for Django's deployment checks, never used to connect.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=deploy-check-only-$(shell printf '%064d' 0 | tr 0 x) \
	DJANGO_ALLOWED_HOSTS=secretariat.example.org \
	DJANGO_CSRF_TRUSTED_ORIGINS=https://secretariat.example.org \
	DATABASE_URL=postgres://secretariat@db.invalid/secretariat \
	REDIS_URL=redis://cache.invalid:6379/0 \
	EMAIL_URL=smtp+tls://user:password@smtp.invalid:587

# Tests run on every core (pytest-xdist), each worker on a database and Redis database of its own;
# the twenty slowest are named at the end of the run. A third of a worker's time goes to waiting
# (on the browser, on the servers and workers a test starts), so one worker more than there are
# cores keeps every core busy; idle workers steal queued tests from busy ones (worksteal), so
# that the slowest tests do not all end up last on one worker.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
PYTEST := $(BIN)/pytest --numprocesses=$(PYTEST_WORKERS) --dist=worksteal --durations=20

.PHONY: help install system-deps run test test-fast lint audit format bench messages clean

help:
	@echo "make run        install, load demo data and start web, worker, beat and a mail sink"
	@echo "make test       set up the machine, install, run every check and test, print the time"
	@echo "make test-fast  the inner loop: no browser, real worker or slow test"
	@echo "make bench      print the benchmark figures"
	@echo "make lint       ruff, the layers of the apps (lint-imports) and makemigrations --check"
	@echo "make audit      pip-audit, bandit and the deployment checks of the production settings"

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# uv.lock pins every package; --frozen refuses to run if it is out of date with pyproject.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	touch $@

install: $(VENV)/.installed

run: install
	@mkdir -p .run/broker/queue .run/broker/processed .run/broker/control
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo
	@echo "Secretariat: http://127.0.0.1:8000  (log in as isu / demo; Ctrl-C stops everything)"
	@echo
	$(BIN)/honcho --procfile Procfile.dev start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Known vulnerabilities in the locked dependencies, security smells in our code (medium or
# higher fails), and Django's deployment checklist with the production settings.
audit: install
	@mkdir -p .run
	$(UV) export --frozen --all-groups --no-hashes --no-emit-project --format requirements-txt \
		--quiet --output-file .run/requirements.txt
	$(BIN)/python .ci/audit_dependencies.py .run/requirements.txt
	$(BIN)/bandit --configfile pyproject.toml --recursive . --severity-level medium --quiet
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING

# The Debian packages the tests need, and PostgreSQL and Redis running (installs and starts them
# as root; otherwise prints the command to run).
system-deps:
	@scripts/system-deps

# Everything CI checks: lint first (seconds), then every test on every core while the audit
# runs beside them (it mostly waits on PyPI); the audit's report follows the tests'. The wall
# time is printed last, failed or not, with the CPU time of a fixed loop: the same kind of
# machine is not always as fast (the suite took 6 min one day and 15 min another), and the
# loop tells which day it was.
CPU_REFERENCE := python3 -c 'import time; s = 0; t = time.process_time(); [s := s + i for i in range(5_000_000)]; print(f"{time.process_time() - t:.2f}")'
test:
	@started=$$(date +%s); \
	$(MAKE) --no-print-directory test-all; status=$$?; \
	elapsed=$$(( $$(date +%s) - started )); \
	echo "make test: $$((elapsed / 60)) min $$((elapsed % 60)) s$$( ((status)) && echo ', FAILED')" \
		"(this machine's CPU: 5 million additions in $$($(CPU_REFERENCE)) s)"; \
	exit $$status

# The test databases (the migrated template, today's demo data) are built beside the lint.
test-all: system-deps install
	@mkdir -p .run; \
	$(TEST_SETTINGS) $(BIN)/python -m tests.database > .run/prepare.log 2>&1 & prepare=$$!; \
	$(MAKE) --no-print-directory lint; linted=$$?; \
	wait $$prepare || { cat .run/prepare.log; exit 1; }; \
	exit $$linted
	@status=0; \
	$(MAKE) --no-print-directory audit > .run/audit.log 2>&1 & audit=$$!; \
	$(PYTEST) || status=$$?; \
	wait $$audit || { status=1; echo "make audit FAILED:"; }; \
	cat .run/audit.log; \
	exit $$status

# The inner loop: no browser, no real worker process, none of the slow tests (the demo loads,
# the whole access matrix), fewer Hypothesis examples. `make test` runs them all.
test-fast: system-deps install
	@started=$$(date +%s); status=0; \
	$(PYTEST) -m "not browser and not real_worker and not slow" || status=$$?; \
	elapsed=$$(( $$(date +%s) - started )); \
	echo "make test-fast: $$((elapsed / 60)) min $$((elapsed % 60)) s"; \
	exit $$status

bench: install
	$(TEST_SETTINGS) $(BIN)/python -m bench

# Extract every marked string into locale/{fr,es}/LC_MESSAGES/django.po, then compile the .mo
# files, which are committed (so that `make run` needs no gettext); a test checks they match.
messages: install
	$(MANAGE) makemessages --locale fr --locale es --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .run staticfiles db.sqlite3
