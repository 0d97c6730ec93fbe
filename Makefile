# Two commands on a fresh machine: `make run` and `make test`. Both install first.
SHELL := /bin/bash
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

.PHONY: help install run test lint format bench messages clean

help:
	@echo "make run    install, load demo data and start web, worker, beat and a mail sink"
	@echo "make test   install and run every check and test (PostgreSQL and Redis on loopback)"
	@echo "make bench  print the benchmark figures"
	@echo "make lint   ruff and makemigrations --check"

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# uv.lock pins every package; --frozen refuses to run if it is out of date with pyproject.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	touch $@

install: $(VENV)/.installed

run: install
	@mkdir -p .run/broker/queue .run/broker/processed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo
	@echo "Secretariat: http://127.0.0.1:8000  (log in as isu / demo; Ctrl-C stops everything)"
	@echo
	$(BIN)/honcho --procfile Procfile.dev start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest

bench: install
	$(TEST_SETTINGS) $(BIN)/python -m bench

messages: install
	$(MANAGE) makemessages --all --ignore=.venv --ignore=staticfiles
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .run staticfiles db.sqlite3
