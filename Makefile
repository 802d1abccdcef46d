# bitexbit API Gateway toolkit. Every target bootstraps uv when it is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.8
export PATH := $(HOME)/.local/bin:$(PATH)
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

SPEC := openapi/gateway.yaml
CODEGEN := openapi/codegen

.PHONY: help uv sync run generate check-generated lint typecheck spec-lint test test-unit fuzz docs docs-build bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

uv: ## Install uv if it is missing (pip --user, pinned)
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || \
	  python3 -m pip install --quiet --user --disable-pip-version-check "uv==$(UV_VERSION)"

sync: uv ## Create .venv from uv.lock
	@$(UV) sync --frozen --all-packages --quiet

run: sync ## Start the emulator on http://127.0.0.1:8765 (SQLite in .emulator-data/)
	@$(UV) run --frozen bitexbit emulator serve

generate: sync ## Regenerate generated_client/ from the spec
	@$(UV) run --frozen python -m tools.generate

check-generated: sync ## Fail if generated_client/ differs from what the spec generates
	@$(UV) run --frozen python -m tools.generate --check

lint: sync ## ruff (lint + format check) and mypy --strict on hand-written code
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen mypy

spec-lint: sync ## openapi-spec-validator and Redocly CLI on the spec files
	@$(UV) run --frozen python -m tools.spec_lint

test-unit: sync ## pytest only
	@$(UV) run --frozen pytest -q

test: lint spec-lint check-generated test-unit ## Everything CI runs

clean: ## Remove caches, the venv and build output
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache site node_modules .emulator-data
