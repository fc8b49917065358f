# Kvalifikacija: `make run` serves the portal with demo data; `make test` runs the whole suite.
# Both set everything up first (virtualenv, Python and npm packages, static files, translations,
# migrations), so they work from a clean clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install migrate demo static messages lint bench worker beat clean

run: setup demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	KV_TESTING=1 $(BIN)/pytest $(PYTEST_ARGS)

setup: install static messages migrate

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

migrate: install
	$(PY) manage.py migrate --noinput --verbosity 0

demo: migrate
	$(PY) manage.py seed_demo

lint: install
	$(BIN)/ruff check .
	$(PY) -m lithuanian.catalogues
	$(BIN)/bandit -q -c pyproject.toml -r . --severity-level high

worker: install
	$(BIN)/celery -A kvalifikacija worker --loglevel=INFO

beat: install
	$(BIN)/celery -A kvalifikacija beat --loglevel=INFO

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules staticfiles
