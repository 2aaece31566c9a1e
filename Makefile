# The two set-up commands of the README are `make site` and `make test`; both start from a fresh
# Debian machine with Python 3.11 and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
# Reproducible builds: dates in the site (the sitemap's) are the last commit's, not the clock's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: site test test-fast serve check schema new-report example bench clean chromium pango poppler lock

# Every dependency comes from a lock file: exact versions with their hashes (requirements/site.txt,
# and requirements/test.txt with the test needs), so two machines build from the same packages.
# Then the project itself, which brings nothing else. `make lock` makes the lock files again.
SITE_LOCK := requirements/site.txt
TEST_LOCK := requirements/test.txt
PIP_INSTALL := $(PY) -m pip install --quiet --require-hashes --only-binary :all:

$(VENV)/.site-deps: $(SITE_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r $(SITE_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --no-index .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps $(TEST_LOCK)
	$(PIP_INSTALL) -r $(TEST_LOCK)
	touch $@

# The lock files, from pyproject.toml's requirements at today's newest versions, for Python 3.11 on
# Linux (x86-64), with uv in a venv of its own. The test lock keeps the site lock's versions.
LOCK_VENV := .venv-lock
LOCK := $(LOCK_VENV)/bin/uv pip compile --quiet --upgrade --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" pyproject.toml requirements/build.in
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet 'uv>=0.5,<1'
	$(LOCK) -o $(SITE_LOCK)
	$(LOCK) --extra test --constraint $(SITE_LOCK) -o $(TEST_LOCK)

# Debian packages that pip cannot install, installed when missing (with sudo unless root).
define debian_packages
	@if ! dpkg -s $(1) >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(1); \
	fi
endef

# Debian's Chromium: Playwright drives it; its own browser download does not work here.
chromium:
	$(call debian_packages,chromium)

# Debian's Pango (with HarfBuzz's subsetter and FreeType's Pango): WeasyPrint draws the PDFs of the
# summary with them (hooks/pdf.py); pip cannot install them.
PANGO_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
pango:
	$(call debian_packages,$(PANGO_PACKAGES))

# Poppler's pdftoppm: the tests draw the PDFs' pages to see what a reader sees.
poppler:
	$(call debian_packages,poppler-utils)

# Data, translations, shortcodes and sources, checked in about a second without building.
check: $(VENV)/.site-deps
	PYTHONPATH=hooks $(PY) -m reportsite.check

# The web site into site/ and the offline bundle into dist/, replacing them only if both build.
site: $(VENV)/.site-deps pango check
	$(PY) tools/build_site.py

# Live preview; reloads when pages, data/ or hooks change, and shows data errors in the page.
DEV_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.site-deps pango
	$(MKDOCS) serve --strict --watch data --watch hooks --dev-addr $(DEV_ADDR)

# The JSON Schema files editors' tools read (schema/), generated from the declarations in hooks/reportsite/model.py.
schema: $(VENV)/.site-deps
	PYTHONPATH=hooks $(PY) -m reportsite.schemafiles

# A new report site from this one's skeleton: make new-report DEST=../next-report
new-report:
	$(PYTHON) tools/new_report.py "$(DEST)"

# The example report (examples/charts/: every chart kind, on made-up figures), put together with the
# generator and built like `make site` into EXAMPLE_DIR: site/, and the offline zip in dist/.
EXAMPLE_DIR ?= build/example
example: $(VENV)/.site-deps pango
	rm -rf "$(EXAMPLE_DIR)/project"
	$(PY) tools/project.py example "$(EXAMPLE_DIR)/project"
	PYTHONPATH=hooks $(PY) -m reportsite.check "$(EXAMPLE_DIR)/project"
	$(PY) tools/build_site.py --project "$(EXAMPLE_DIR)/project" --site "$(EXAMPLE_DIR)/site" --dist "$(EXAMPLE_DIR)/dist"

# Every test, in two processes (pytest-xdist), test by test; a file whose module fixture builds a
# site of its own is kept in one process (xdist_group), and the site the other tests read is built
# once per run for both (tests/conftest.py).
test: $(VENV)/.test-deps chromium pango poppler
	$(PY) -m pytest -n 2 --dist loadgroup

# While working: the tests that need no build and no browser, in well under a minute.
test-fast: $(VENV)/.test-deps
	$(PY) -m pytest -n 2 -m "not browser and not build"

# Speed and size, measured and written to bench/results/; not part of `make test`'s pass/fail.
bench: $(VENV)/.test-deps chromium pango
	$(PY) bench/run.py

clean:
	rm -rf site dist .build-* .pytest_cache "$(EXAMPLE_DIR)"
