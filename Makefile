# Engineering handbook: every target that needs the environment depends on `install`.
# `make help` lists the targets; `make test` is exactly what CI runs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HB := $(BIN)/handbook
MKDOCS := $(BIN)/mkdocs
VERSION ?=
# The branch mike publishes the editions to (make publish, make preview-versions).
PAGES_BRANCH ?= gh-pages
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# Debian packages the build and the tests need, as "command:package" pairs: a package is only
# installed when its command is missing, so a second `make install` touches nothing.
DEBIAN_NEEDS := chromium:chromium shellcheck:shellcheck sqlite3:sqlite3 nginx:nginx \
	/usr/lib/postgresql/15/bin/pg_ctl:postgresql node:nodejs npm:npm git:git \
	/usr/bin/time:time

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: system-packages $(VENV)/.installed snippets/node_modules/.installed node_modules/.installed ## Install what is missing (Debian packages, .venv, node modules)

.PHONY: system-packages
system-packages:
	@missing=""; for pair in $(DEBIAN_NEEDS); do \
	  cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v "$$cmd" >/dev/null 2>&1 || [ -x "$$cmd" ] || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# This machine's pip configuration lists local mirrors that may be absent; their warnings are noise.
PIP = $(BIN)/python -m pip install -q --disable-pip-version-check
PIP_NOISE := is neither a file nor a directory

$(VENV)/.installed: pyproject.toml constraints.txt
	@echo "Installing Python dependencies into $(VENV) (pinned by constraints.txt)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) "pip==25.3" 2> >(grep -v "$(PIP_NOISE)" >&2)
	@$(PIP) -c constraints.txt -e '.[docs,snippets,test,dev]' 2> >(grep -v "$(PIP_NOISE)" >&2)
	@touch $@

snippets/node_modules/.installed: snippets/package.json snippets/package-lock.json
	@echo "Installing node modules for the snippets (npm ci)"
	@npm ci --prefix snippets --silent --no-audit --no-fund
	@touch $@

# Third-party checkers (axe-core, linkinator, Lighthouse, ESLint, Stylelint), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@echo "Installing the checkers' node modules (npm ci)"
	@npm ci --silent --no-audit --no-fund
	@touch $@

.PHONY: lock
lock: ## Re-resolve Python dependencies and rewrite constraints.txt
	@$(BIN)/python -m pip install -q -e '.[docs,snippets,test,dev]'
	@$(BIN)/python -m pip freeze --exclude-editable | sort > constraints.txt

.PHONY: serve
serve: install ## Build and serve the handbook with live reload on http://127.0.0.1:8000
	$(MKDOCS) serve --dev-addr $(ADDR) --livereload

.PHONY: build
build: install ## Strict build into site/ (broken links, anchors or includes fail it), then its search index
	$(MKDOCS) build --strict --clean
	$(HB) search index site

.PHONY: snippets
snippets: install ## Run every snippet with its real toolchain (cached by content hash)
	$(HB) snippets

.PHONY: snippets-coverage
snippets-coverage: install ## Regenerate docs/about/snippet-coverage.md from the pages
	$(HB) snippets --write-coverage

.PHONY: lint
lint: install ## ruff over the tooling, the tests and the snippets; shellcheck over scripts
	$(BIN)/ruff check scripts tests snippets
	shellcheck .ci/run

.PHONY: test
test: install ## Run everything: lint, snippets, strict build, Zensical build, unit and browser tests
	$(MAKE) --no-print-directory lint
	$(HB) snippets
	$(HB) checklists export --check
	$(MKDOCS) build --strict --clean
	$(HB) search index site
	$(BIN)/python -m pytest

.PHONY: bench
bench: install ## Measure build, snippets, search and page weight; write bench/results.json and the Performance page (BENCH_ARGS=--quick)
	$(HB) bench $(BENCH_ARGS)

.PHONY: publish
publish: install ## Publish the current sources as edition VERSION (e.g. make publish VERSION=2026.11) and move `latest`
	@test -n "$(VERSION)" || { echo "usage: make publish VERSION=2026.11"; exit 2; }
	$(HB) versions publish $(VERSION) --branch $(PAGES_BRANCH)

.PHONY: preview-versions
preview-versions: install ## Serve every published edition with the version selector on http://127.0.0.1:8000
	$(BIN)/mike serve --dev-addr $(ADDR) --branch $(PAGES_BRANCH)

.PHONY: clean
clean: ## Remove build output and caches (keeps .venv)
	rm -rf site build .cache test-artifacts bench/work
