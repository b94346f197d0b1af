# Two commands: `make run` (install, prepare the embedded default, serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install run test test-sqlite test-services lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: the CPU build; an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install lint test-sqlite test-services

# Gates: formatting, lint rules, import contracts and types (pyproject.toml); CI fails on any of them.
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Pass 1: the embedded default (SQLite in memory, tasks in-process), browser tests included.
test-sqlite:
	$(BIN)/pytest -n 2 -m "not realservice"

# Pass 2: the real deployment path (PostgreSQL, Redis broker, a real Celery worker). In CI (CI=true) an
# unreachable server fails the run; elsewhere these tests skip with the reason.
test-services:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m realservice -p no:xdist
