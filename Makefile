# ectd-builder: the two entry points are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STANDARDS ?= ../shared/standards
DEMO_OUT ?= build/demo
EXAMPLE ?= tablet

.PHONY: demo test venv standards clean schemas

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
	$(BIN)/ectd view $(DEMO_OUT)/ema --out $(DEMO_OUT)/view
	@echo ""
	@echo "Demo output: $(abspath $(DEMO_OUT))/<fda|ema|pmda|nmpa>/<sequence>/ (index.xml, m1-m3, util)"
	@echo "Lifecycle viewer: file://$(abspath $(DEMO_OUT))/view/index.html"

test: venv
	$(BIN)/python -m pytest -n 2 -q

schemas: venv
	$(BIN)/python -m ectd_builder.dossier.schema_export

clean:
	rm -rf build dist .pytest_cache
