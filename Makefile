# The two set-up commands of the README are `make site` and `make test`; both start from a fresh
# Debian machine with Python 3.11 and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
CHROMIUM := /usr/bin/chromium
# Reproducible builds: dates in the site (the sitemap's) are the last commit's, not the clock's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: site test serve check clean chromium

$(VENV)/.site-deps: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium: Playwright drives it; its own browser download does not work here.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

site: $(VENV)/.site-deps
	$(MKDOCS) build --strict

serve: $(VENV)/.site-deps
	$(MKDOCS) serve --strict --watch data --watch hooks

test: $(VENV)/.test-deps chromium
	$(PY) -m pytest

clean:
	rm -rf site dist .pytest_cache
