# The two commands a newcomer needs are `make site` and `make test`.
# Every target creates .venv when it is missing and installs the project into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# GitHub's published descriptions (package.json): npm ci records what it installed here.
NODE_STAMP := node_modules/.package-lock.json
# Lighthouse, for `make audit` only (bench/audit/package.json).
AUDIT_STAMP := bench/audit/node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# Material prints a banner about its future on every build; the portal pins mkdocs<2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint golden bench audit fuzz mutate messages clean system-packages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The site needs the project alone; the tests and linters need its [test] extras too.
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $(STAMP)

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP) $(TEST_STAMP)

# What the tests need from the system: Chromium for the page tests, npm for GitHub's
# descriptions. Installed with apt-get as root (or sudo); otherwise the command is printed.
system-packages:
	@need=""; \
	[ -x $(CHROMIUM) ] || need="$$need chromium"; \
	command -v npm >/dev/null || need="$$need npm"; \
	bash .ci/install-packages $$need

$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP)

site: $(STAMP) ## build the example portal into site/
	$(BIN)/cocreate build
	@echo
	@echo "The site is in site/. To view it, run one of:"
	@echo "  make serve    (live preview, rebuilt as you edit; open the address it prints)"
	@echo "  $(BIN)/python -m http.server -d site 8000    (then open http://127.0.0.1:8000/)"

serve: $(STAMP) ## live preview, rebuilt as files change (the path follows site_url)
	$(BIN)/mkdocs serve

lint: $(TEST_STAMP) ## ruff, mypy, the workflow linters, and the portal's own checks
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --persona=pedantic --offline .github/
	$(BIN)/cocreate validate

test: lint $(NODE_STAMP) system-packages ## every test, after the linters
	$(BIN)/python -m pytest -n auto

golden: $(TEST_STAMP) $(NODE_STAMP) ## rewrite tests/golden/ after an intended change to a page; review the diff
	$(BIN)/python -m pytest tests/site/test_golden.py tests/site/test_golden_html.py --update-golden -q

fuzz: $(TEST_STAMP) $(NODE_STAMP) ## the property tests with a large budget (not part of make test)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -n auto -q -m fuzz

# mutmut (configured in pyproject.toml) mutates the core modules one small change at a time
# in a copy under mutants/, and runs the core's fast tests against each change. From
# scratch every time, so the score is of this code and these tests; fails under 90 %.
mutate: $(TEST_STAMP) $(NODE_STAMP) ## mutation testing of the core (not part of make test; 30–60 min)
	rm -rf mutants
	mkdir -p mutants && ln -s ../node_modules mutants/node_modules
	@start=$$(date +%s); $(BIN)/mutmut run; status=$$?; \
		echo "mutmut run: $$(( $$(date +%s) - start )) s"; exit $$status
	@$(BIN)/mutmut results
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python .ci/mutation-score

bench: $(TEST_STAMP) $(NODE_STAMP) ## benchmarks, printed as tables (not part of make test)
	$(BIN)/python bench/sync.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/search.py

$(AUDIT_STAMP): bench/audit/package.json bench/audit/package-lock.json | system-packages
	cd bench/audit && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(AUDIT_STAMP)

audit: $(STAMP) $(AUDIT_STAMP) ## Lighthouse on five page types, phone and desk (not part of make test)
	$(BIN)/python bench/audit.py

# -k: the Python code marks messages with gettext, ngettext, N_ and C_ (with a context);
# templates with _, ngettext, pgettext and trans.
messages: $(STAMP) ## extract the interface's messages and merge them into every language's catalog
	$(BIN)/pybabel extract -F generator/locales/babel.cfg -k N_ -k C_:1c,2 --no-location \
		--sort-output --omit-header -o generator/locales/cocreate.pot .
	for lang in es fr; do \
		if [ -f generator/locales/$$lang/LC_MESSAGES/cocreate.po ]; then \
			$(BIN)/pybabel update -D cocreate -i generator/locales/cocreate.pot \
				-d generator/locales -l $$lang --no-fuzzy-matching --ignore-obsolete; \
		else \
			$(BIN)/pybabel init -D cocreate -i generator/locales/cocreate.pot \
				-d generator/locales -l $$lang; \
		fi; \
	done

clean:
	rm -rf $(VENV) node_modules site mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis
