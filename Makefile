# Two commands for a fresh machine: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium poppler-utils fonts-noto-color-emoji

.PHONY: site serve test system-deps clean

$(BIN)/checklist-site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

## site: install into .venv, check data/ and build the site into site/
site: $(BIN)/checklist-site
	$(BIN)/checklist-site build

## serve: preview at http://127.0.0.1:8000, regenerated on every edit of data/
serve: $(BIN)/checklist-site
	$(BIN)/checklist-site serve

## system-deps: Debian's Chromium, poppler (pdftotext, pdftoppm) and an emoji font, if missing
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## test: install everything the tests need, then run the whole suite
test: system-deps $(BIN)/checklist-site
	$(BIN)/python -m pytest

clean:
	rm -rf site .checklist-site docs/checklists
