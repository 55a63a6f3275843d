# ectd-builder: the two entry points are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STANDARDS ?= ../shared/standards
DEMO_OUT ?= build/demo
EXAMPLE ?= tablet

.PHONY: demo demo-change test lint venv standards clean schemas

$(BIN)/ectd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/ectd

venv: $(BIN)/ectd

# Standards come from STANDARDS=DIR when it exists, else from the official addresses.
standards: venv
	@if [ -d "$(STANDARDS)" ]; then \
		$(BIN)/ectd standards import "$(STANDARDS)"; \
	else \
		echo "$(STANDARDS) not found: downloading the official files"; \
		$(BIN)/ectd standards fetch; \
	fi

demo: standards
	$(BIN)/ectd validate examples/$(EXAMPLE) -j all
	rm -rf $(DEMO_OUT)
	$(BIN)/ectd build examples/$(EXAMPLE) -j all --out $(DEMO_OUT)
	$(BIN)/ectd check $(DEMO_OUT)/fda/0001
	$(BIN)/ectd check $(DEMO_OUT)/ema/0000
	$(BIN)/ectd check $(DEMO_OUT)/nmpa/0000
	@# PMDA gets eCTD v4.0: without the v4.0 XSD and JP code lists two checks do not run (exit 2, said in the output)
	$(BIN)/ectd check $(DEMO_OUT)/pmda/0001 || test $$? -eq 2
	$(BIN)/ectd view $(DEMO_OUT)/ema --out $(DEMO_OUT)/view
	@echo ""
	@echo "Demo output: $(abspath $(DEMO_OUT))/<fda|ema|nmpa>/<sequence>/ (eCTD v3.2.2: index.xml, m1-m3, util)"
	@echo "             $(abspath $(DEMO_OUT))/pmda/0001/ (eCTD v4.0: submissionunit.xml, sha256.txt, m2-m3)"
	@echo "Lifecycle viewer: file://$(abspath $(DEMO_OUT))/view/index.html"

CHANGE_OUT ?= build/demo-change

# The worked tech transfer (examples/tablet-transfer): build and freeze the tablet for all four
# regions, apply the change (a second drug-product site at a CDMO, batch size x2, a CPP range
# widened, a limit tightened, an editorial rewording), then list each change with each region's filing.
demo-change: standards
	sh examples/tablet-transfer/demo.sh $(CHANGE_OUT) $(BIN)/ectd
	@echo "Reviewer report: file://$(abspath $(CHANGE_OUT))/changes.html"

# Paths the lint step checks (ruff, then mypy with the configuration in pyproject.toml): the whole core.
LINT_PATHS ?= ectd_builder

# --follow-imports=silent: modules imported from outside LINT_PATHS are checked for their interfaces,
# their own errors are not listed.
lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy --follow-imports=silent $(LINT_PATHS)

test: lint
	$(BIN)/python -m pytest -n 2 -q

schemas: venv
	$(BIN)/python -m ectd_builder.dossier.schema_export

clean:
	rm -rf build dist .pytest_cache
