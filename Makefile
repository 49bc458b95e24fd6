# Developer entry points. `make site` builds the sample site; `make test` runs every check;
# `make test-fast` runs the tests that build no site and start no browser (under a minute);
# `make handbook` builds the manual (handbook/, its reference pages generated from the code).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site handbook serve chromium audit-tools editor-cms audit lint test test-fast clean

$(BIN)/clinicdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(BIN)/clinicdocs

site: install
	$(BIN)/mkdocs build --strict

handbook: install
	$(BIN)/mkdocs build --strict -f handbook/mkdocs.yml

# `--livereload` explicitly: mkdocs 1.6.1 with click 8.2.2-8.3.x does not reload without it.
serve: install
	$(BIN)/mkdocs serve --livereload

# Browser tests drive Debian's Chromium; Playwright's own browser download is not used. The PDF
# tests read PDFs with poppler-utils (pdfinfo, pdftotext, pdftoppm) and QR codes with zbar-tools.
APT_TOOLS := chromium:chromium pdfinfo:poppler-utils pdftoppm:poppler-utils zbarimg:zbar-tools
chromium:
	@missing=""; for pair in $(APT_TOOLS); do \
		command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing for the browser and PDF tests"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$$(echo $$missing | tr ' ' '\n' | sort -u); fi

# The independent checkers (axe-core, the Nu HTML Checker, Lighthouse) come from npm, pinned by
# package-lock.json; vnu.jar runs on the machine's Java. `--ignore-scripts`: vnu-jar's postinstall
# would download a JRE of its own, which the system Java makes unnecessary.
AUDIT_APT_TOOLS := java:default-jre-headless node:nodejs npm:npm
audit-tools: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@missing=""; for pair in $(AUDIT_APT_TOOLS); do \
		command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing for the accessibility and HTML checks"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$$missing; fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The form editor (`clinicdocs edit`) runs Decap CMS's prebuilt browser files: one release,
# pinned by version and sha512 in src/clinicdocs/editor/bundle.py, fetched once from the npm
# registry into the user's cache (~/.cache/clinicdocs, 6.4 MB). Not `npm ci`: the decap-cms
# package would bring 630 packages (its whole source tree) for files its tarball already holds,
# and a clinic running the installed wheel has no package.json.
editor-cms: install
	$(BIN)/clinicdocs edit --download-only

# Builds the sample site and runs axe, vnu and Lighthouse (mobile) on it; prints the scores.
audit: install chromium audit-tools
	$(BIN)/python scripts/audit

lint: install
	$(BIN)/ruff check src tests scripts handbook
	$(BIN)/ruff format --check src tests scripts handbook
	$(BIN)/mypy

# One pytest-xdist worker per core; `--dist loadscope` keeps a module's tests on one worker, so a
# site a module builds once (a module-scoped fixture) is built once.
test: install chromium audit-tools editor-cms lint
	$(BIN)/python -m pytest -n auto --dist loadscope

# Leaves out the tests marked `build` (they build a site or run MkDocs) and `browser` (headless
# Chromium); tests/support/marks.py fails any test that does either without its mark.
test-fast: install
	$(BIN)/python -m pytest -m "not build and not browser"

clean:
	rm -rf site handbook/site screenshots .pytest_cache .mypy_cache .ruff_cache
