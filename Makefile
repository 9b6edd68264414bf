# Two commands for a fresh machine: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Fonts: emoji for the section icons, and Chinese, Japanese and Korean (Noto CJK): without one, such titles print as boxes.
APT_PACKAGES := chromium poppler-utils fonts-noto-color-emoji fonts-noto-cjk
# The package as installed into .venv: installed again when its code, templates or metadata change.
PACKAGE := pyproject.toml $(shell find generator -name '*.py' -o -name '*.jinja')

.PHONY: site serve test system-deps clean skeleton

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What building needs, and nothing more (a regular install, not an editable one: no setuptools warnings); then the
# installed package's Jinja templates, and the theme's, compiled once (as pip compiles its .pyc files): a first build
# compiles none (-P: the installed package, not this folder's).
$(VENV)/.installed-site: $(BIN)/python $(PACKAGE)
	$(BIN)/pip install --quiet .
	$(BIN)/python -P -m generator.install
	touch $@

# The test extra on top: pytest, pytest-xdist, Playwright, Zensical, hypothesis, jsonschema, ruff, mypy.
$(VENV)/.installed-test: $(BIN)/python $(PACKAGE)
	$(BIN)/pip install --quiet ".[test]"
	$(BIN)/python -P -m generator.install
	touch $@ $(VENV)/.installed-site

## site: install into .venv, check data/ and build the site into site/
site: $(VENV)/.installed-site
	$(BIN)/checklist-site build
	@echo "checklist-site is installed in $(BIN): run '. $(BIN)/activate' to call it as checklist-site (or call $(BIN)/checklist-site)"

## serve: preview at http://127.0.0.1:8000, regenerated on every edit of data/
serve: $(VENV)/.installed-site
	$(BIN)/checklist-site serve

## system-deps: Debian's Chromium, poppler (pdftotext, pdftoppm), an emoji font and a CJK font, if missing
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## test: install everything the tests need, type-check generator/ (mypy), then run the whole suite (on the working tree's code)
## in two worker processes (pytest-xdist: much of the suite waits on Chromium and on child processes); bytecode,
## and pytest's rewritten test modules, are kept between runs even where PYTHONDONTWRITEBYTECODE is set
test: system-deps $(VENV)/.installed-test
	$(BIN)/mypy
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n 2 --dist worksteal

clean:
	rm -rf site .checklist-site docs/checklists build *.egg-info

## skeleton: the mkdocs.yml `checklist-site init` ships, from this repository's (its overrides/, docs and
## sample data are symbolic links to the repository's own files, which the wheel packs as files)
skeleton:
	sed -e 's|^site_name:.*|site_name: Launch Checklists|' \
	    -e 's|^site_url:.*|# The address the site is published at (absolute links in exports and alarm runbooks use it).\nsite_url: https://checklists.example.com/|' \
	    mkdocs.yml > generator/skeleton/mkdocs.yml
