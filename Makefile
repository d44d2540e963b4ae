# Two entry points: `make run` serves the portal with the bundled data,
# `make test` runs every check. Both set up .venv and node_modules first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
CHART_JS := portal/static/vendor/chart.umd.min.js
# Debian packages for commands the build and the tests use (COMMAND=PACKAGE),
# installed when missing; see scripts/debian-packages.sh.
DEBIAN_BUILD := msgfmt=gettext
DEBIAN_TEST := compose=docker-compose

.PHONY: run test setup check lint typecheck pytest bench messages clean \
	debian-build debian-test

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

node_modules/chart.js/package.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Chart.js and its source map: the script names the map, and production's
# collectstatic (hashed names) refuses a reference to a missing file.
portal/static/vendor/%: node_modules/chart.js/package.json
	mkdir -p $(dir $@)
	cp node_modules/chart.js/dist/$* $@

debian-build:
	@sh scripts/debian-packages.sh $(DEBIAN_BUILD)

debian-test:
	@sh scripts/debian-packages.sh $(DEBIAN_TEST)

# compilemessages fails when there is no catalogue at all, so look first.
messages: $(STAMP) debian-build
	@if find . \( -path ./.venv -o -path ./node_modules -o -path ./.git \) -prune \
		-o -name '*.po' -print | grep -q .; then \
		$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0; \
	fi

setup: $(STAMP) $(CHART_JS) $(CHART_JS).map messages

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

test: debian-test setup lint typecheck check pytest

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) node_modules $(CHART_JS) $(CHART_JS).map staticfiles
