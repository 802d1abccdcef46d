# bitexbit API Gateway toolkit. Every target bootstraps uv when it is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.8
export PATH := $(HOME)/.local/bin:$(PATH)
# Material for MkDocs prints a banner about MkDocs 2 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

SPEC := openapi/gateway.yaml
CODEGEN := openapi/codegen

.PHONY: help uv sync run generate check-generated lint spec-lint test test-unit test-postgresql fuzz docs docs-build bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

uv: ## Install uv if it is missing (pinned, into ~/.local/bin)
	@sh tools/bootstrap-uv.sh $(UV_VERSION) >/dev/null

sync: uv ## Create .venv from uv.lock
	@$(UV) sync --locked --all-packages --quiet

run: sync ## Start the emulator on http://127.0.0.1:8765 (SQLite in .emulator-data/)
	@$(UV) run --frozen bitexbit emulator serve

generate: sync ## Regenerate generated_client/ and generated_control_client/ from their specs
	@$(UV) run --frozen python -m tools.generate

check-generated: sync ## Fail if a generated client differs from what its spec generates
	@$(UV) run --frozen python -m tools.generate --check

lint: sync ## ruff (lint + format check), mypy --strict, and the import-linter layer contracts
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen mypy
	@$(UV) run --frozen lint-imports --no-cache --no-logo

spec-lint: sync ## openapi-spec-validator and Redocly CLI on the spec files
	@$(UV) run --frozen python -m tools.spec_lint

test-unit: sync ## pytest only
	@$(UV) run --frozen pytest -q

test-postgresql: sync ## The emulator and contract tests again, on a throwaway PostgreSQL cluster
	@BITEXBIT_TEST_DATABASE=postgresql $(UV) run --frozen pytest -q tests/emulator tests/contract_tests

test: lint spec-lint check-generated test-unit test-postgresql ## Everything CI runs (the docs build runs inside pytest)

docs: sync ## Serve the documentation site on http://127.0.0.1:8000
	@$(UV) run --frozen mkdocs serve -a 127.0.0.1:8000

docs-build: sync ## Build the documentation site into site/ (strict)
	@$(UV) run --frozen mkdocs build --strict

fuzz: sync ## Long Schemathesis campaign against the in-process emulator (>= 10,000 requests)
	@$(UV) run --frozen python -m bitexbit_conformance.fuzz

bench: sync ## Run every benchmark (on demand; prints ratios against a baseline)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(UV) run --frozen python $$b || exit 1; done

clean: ## Remove caches, the venv and build output
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache site node_modules .emulator-data
