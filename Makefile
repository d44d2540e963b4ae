# Two entry points: `make run` serves the portal with the bundled data,
# `make test` runs every check. Both set up .venv and node_modules first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
CHART_JS := portal/static/vendor/chart.umd.min.js

.PHONY: run test setup check lint typecheck pytest bench bench-api messages clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

node_modules/chart.js/package.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(CHART_JS): node_modules/chart.js/package.json
	mkdir -p $(dir $(CHART_JS))
	cp node_modules/chart.js/dist/chart.umd.min.js $(CHART_JS)

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(STAMP) $(CHART_JS) messages

run: setup
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_reference
	$(MANAGE) load_sample
	$(MANAGE) ensure_demo_admin
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy .

check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

pytest: setup
	$(BIN)/pytest

test: setup lint typecheck check pytest

bench: setup
	$(PY) benchmarks/run.py

# Streams BENCH_ROWS (default 1,000,000) series values as CSV through the API
# against PostgreSQL's COPY; needs DATABASE_URL or BENCH_DATABASE_URL (PostgreSQL).
bench-api: setup
	$(PY) benchmarks/api_stream.py $(if $(BENCH_ROWS),--rows $(BENCH_ROWS))

clean:
	rm -rf $(VENV) node_modules $(CHART_JS) staticfiles
