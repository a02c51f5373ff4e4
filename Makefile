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

# Debian packages the tests and the benchmarks need (`make serve` and `make build` need none), as
# "command:package" pairs: a package is only installed when its command is missing, so a second
# `make install` touches nothing. PostgreSQL counts as present in any version, found the way the
# snippet runner finds it: `pg_config --bindir`, `pg_ctl` on PATH, or Debian's own layout.
DEBIAN_NEEDS := chromium:chromium shellcheck:shellcheck sqlite3:sqlite3 nginx:nginx \
	pg_ctl:postgresql node:nodejs npm:npm git:git /usr/bin/time:time
HAVE_PG := { d=$$(pg_config --bindir 2>/dev/null) && [ -x "$$d/pg_ctl" ]; } || \
	command -v pg_ctl || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl'

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: system-packages $(VENV)/.installed snippets/node_modules/.installed node_modules/.installed ## Install everything the tests need (Debian packages, .venv, node modules)

.PHONY: docs-install
docs-install: $(VENV)/.docs-installed ## Install what writing needs: Python 3 and the site engine, nothing else

.PHONY: system-packages
system-packages:
	@missing=""; for pair in $(DEBIAN_NEEDS); do \
	  cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  if [ "$$cmd" = pg_ctl ]; then ( $(HAVE_PG) ) >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	  else command -v "$$cmd" >/dev/null 2>&1 || [ -x "$$cmd" ] || missing="$$missing $$pkg"; fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# This machine's pip configuration lists local mirrors that may be absent; their warnings are noise.
PIP = $(BIN)/python -m pip install -q --disable-pip-version-check
PIP_NOISE := is neither a file nor a directory
# The locks: every package pinned with its hashes, resolved by uv from the ranges in pyproject.toml
# (lock/docs.txt: the base install; lock/all.txt: with every extra), for any platform.
# `make lock` moves every pin to the newest version the ranges allow; `make lock LOCK_ARGS=` keeps
# the current pins and only resolves what changed in pyproject.toml (a new package, a new range).
LOCK_ARGS ?= --upgrade
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --no-config \
	--universal --python-version 3.11.5 --generate-hashes --quiet

$(VENV)/.docs-installed: pyproject.toml lock/docs.txt
	@echo "Installing the site engine into $(VENV) (hashes required by lock/docs.txt)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) --require-hashes -r lock/docs.txt 2> >(grep -v "$(PIP_NOISE)" >&2)
	@$(PIP) --no-deps -e . 2> >(grep -v "$(PIP_NOISE)" >&2)
	@touch $@

$(VENV)/.installed: pyproject.toml lock/all.txt
	@echo "Installing Python dependencies into $(VENV) (hashes required by lock/all.txt)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) --require-hashes -r lock/all.txt 2> >(grep -v "$(PIP_NOISE)" >&2)
	@$(PIP) --no-deps -e . 2> >(grep -v "$(PIP_NOISE)" >&2)
	@touch $@ $(VENV)/.docs-installed

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
lock: $(VENV)/.installed ## Re-resolve the newest versions within pyproject.toml's ranges into lock/ (with hashes)
	@mkdir -p lock
	$(UV_COMPILE) $(LOCK_ARGS) -o lock/docs.txt
	$(UV_COMPILE) $(LOCK_ARGS) --all-extras -o lock/all.txt

.PHONY: serve
# The preview is MkDocs re-rendering only the pages a save reaches (scripts/handbook/preview.py),
# with MkDocs' live-reload server. Why, and what the preview lacks: docs/contributing/.
serve: docs-install ## Live preview with reload on http://127.0.0.1:8000 (re-renders what a save reaches)
	$(HB) serve --config-file mkdocs.yml --dev-addr $(ADDR)

.PHONY: build
build: docs-install ## Strict build into site/ (broken links, anchors or includes fail it), then its search index
	$(MKDOCS) build --strict --clean
	$(HB) search index site --optional

.PHONY: snippets
snippets: install ## Run every snippet with its real toolchain (cached by content hash)
	$(HB) snippets

.PHONY: generate
generate: install ## Write every generated file (Sources, Snippet coverage, Performance, Search quality, PR templates)
	$(HB) generate

.PHONY: lint
lint: install ## Formatter, linters and types: ruff format/check, mypy, ESLint, Stylelint, shellcheck
	$(BIN)/ruff format --check scripts tests
	$(BIN)/ruff check scripts tests snippets
	$(BIN)/mypy
	node_modules/.bin/eslint --no-error-on-unmatched-pattern docs/assets 'overrides/**/*.js'
	node_modules/.bin/stylelint 'docs/assets/**/*.css'
	shellcheck .ci/run scripts/handbook/snippets/runners/stub.sh

.PHONY: test
test: install ## Run everything: lint, snippets, strict build, Zensical build, unit and browser tests
	$(MAKE) --no-print-directory lint
	$(HB) snippets
	$(HB) generate --check
	$(MKDOCS) build --strict --clean
	$(HB) search index site
	$(BIN)/python -m pytest

.PHONY: bench
bench: install ## Measure build, snippets, search and page weight; write bench/results.json and the Performance page (BENCH_ARGS=--quick)
	$(HB) bench $(BENCH_ARGS)
	$(HB) generate --only performance

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
