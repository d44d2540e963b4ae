# Two entry points: `make run` serves the portal with the bundled data,
# `make test` runs every check. Both set up .venv and node_modules first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
CHART_JS := portal/static/vendor/chart.umd.min.js
CUSTOMS_DIR := var/customs
CUSTOMS_STAMP := $(CUSTOMS_DIR)/.generated
CUSTOMS_INPUTS := indicators/customs_sample.py indicators/customs_sample_plan.py \
	indicators/data/classification.csv
# Debian packages for commands the build and the tests use (COMMAND=PACKAGE),
# installed when missing; see scripts/debian-packages.sh.
DEBIAN_BUILD := msgfmt=gettext
DEBIAN_TEST := compose=docker-compose

.PHONY: run test setup check lint typecheck pytest bench bench-api messages \
	clean customs-sample browsers debian-build debian-test

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

# Customs files for 2000-2019, generated in the real national layout (not
# official data); written again only when the generator or the
# classification changes.
$(CUSTOMS_STAMP): $(STAMP) $(CUSTOMS_INPUTS)
	rm -f $(CUSTOMS_DIR)/national_*.csv
	$(MANAGE) make_customs_sample --out $(CUSTOMS_DIR) --from-year 2000 --to-year 2019
	touch $@

customs-sample: $(CUSTOMS_STAMP)

run: setup $(CUSTOMS_STAMP)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_reference
	$(MANAGE) import_trade $(CUSTOMS_DIR)/*.csv
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

# Browser tests drive Debian's headless Chromium; the Japanese font makes
# their screenshots readable. Installed only when missing and run as root.
BROWSER_PACKAGES := chromium chromium-driver fonts-ipafont-gothic

browsers:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
	    && [ -d /usr/share/fonts/opentype/ipafont-gothic ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && apt-get install -y -q $(BROWSER_PACKAGES); \
	else \
	    echo "browsers: not root, not installing $(BROWSER_PACKAGES);" \
	        "browser tests are skipped (and fail under CI=true)"; \
	fi

pytest: setup browsers
	$(BIN)/pytest

test: debian-test setup lint typecheck check pytest

# The import benchmark, then the API streaming one of each table in
# BENCH_TABLES. Both need PostgreSQL (DATABASE_URL, or their own defaults).
bench: setup
	$(PY) -m benchmarks.run
	$(MAKE) --no-print-directory bench-api

# Streams BENCH_ROWS (default 1,000,000) rows of each table in BENCH_TABLES as
# CSV through the API against PostgreSQL's COPY of the same query: series
# values (/api/v1/series-values/export/) and monthly trade rows
# (/api/v1/trade/monthly/export/). Needs DATABASE_URL or BENCH_DATABASE_URL
# (PostgreSQL).
BENCH_TABLES ?= series trade

bench-api: setup
	@for table in $(BENCH_TABLES); do \
	    echo "api_stream.py --table $$table"; \
	    $(PY) benchmarks/api_stream.py --table $$table \
	        $(if $(BENCH_ROWS),--rows $(BENCH_ROWS)) || exit 1; \
	done

clean:
	rm -rf $(VENV) node_modules $(CHART_JS) $(CHART_JS).map staticfiles $(CUSTOMS_DIR)
