# bitexbit API Gateway toolkit. Every target bootstraps uv when it is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.8
# uv verifies TLS against the operating system's certificate store, as curl and git do, so it
# also works behind a TLS-intercepting proxy whose CA the system trusts (uv's own bundle would
# fail with "invalid peer certificate: UnknownIssuer"). UV_NATIVE_TLS is the older uv's name.
export UV_SYSTEM_CERTS ?= 1
export UV_NATIVE_TLS ?= 1
# The PATH you called make with, to tell you when the uv installed for you is not on it.
export BITEXBIT_CALLER_PATH := $(PATH)
export PATH := $(HOME)/.local/bin:$(PATH)
# Material for MkDocs prints a banner about MkDocs 2 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

SPEC := openapi/gateway.yaml
CODEGEN := openapi/codegen

.PHONY: help uv sync run generate check-generated changelog lint spec-lint spec-gate test test-unit \
	test-postgresql release-check release fuzz docs docs-build bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

uv: ## Install uv if it is missing (pinned, into ~/.local/bin)
	@sh tools/bootstrap-uv.sh $(UV_VERSION) >/dev/null

sync: uv ## Create .venv from uv.lock
	@$(UV) sync --locked --all-packages --quiet

run: sync ## Start the emulator on http://127.0.0.1:8765 (SQLite in .emulator-data/)
	@$(UV) run --frozen bitexbit emulator serve

generate: sync ## Regenerate the clients and spec stamps from their specs (and uv.lock: a client's version is its spec's)
	@$(UV) run --frozen python -m tools.generate
	@$(UV) lock --quiet

changelog: sync ## Rewrite the generated spec-changes section of every CHANGELOG.md
	@$(UV) run --frozen python -m tools.spec_diff changelog

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

# The PostgreSQL pass re-runs what depends on the store: the emulator's tests and the contract
# suite's runs against it. Left out, since they run once in the SQLite pass and do not depend on
# the database: the conformance tool's own tests (its CLI, profiles, settings, signing, and its
# reaction to a broken emulator), and the tests of SQLite itself (SQLite files shared by
# --workers, kill -9 of a SQLite-backed server, tests marked `sqlite`). The generated-scenario
# tests run with half their examples there (tests/passes.py). All this keeps CI under 20 minutes.
PG_SKIPPED := $(addprefix --ignore=tests/contract_tests/,test_conformance_cli.py \
	test_conformance_profiles.py test_conformance_settings.py test_conformance_signing.py \
	test_broken_emulator.py test_signature_proof.py) \
	$(addprefix --ignore=tests/emulator/http/,test_http_workers.py test_http_crash.py) \
	-m "not sqlite"

test-postgresql: sync ## The emulator and contract tests again, on a throwaway PostgreSQL cluster
	@BITEXBIT_TEST_DATABASE=postgresql $(UV) run --frozen pytest -q tests/emulator tests/contract_tests $(PG_SKIPPED)

spec-gate: sync ## Fail if a spec's info.version bump is smaller than its changes need (since the last spec-v* tag)
	@$(UV) run --frozen python -m tools.spec_diff gate

release-check: sync ## Build every distribution, install the files into fresh venvs, smoke-test them
	@$(UV) run --frozen python -m tools.release

release: sync ## Dry run of a release: release-check, the spec gate, release notes, what would be uploaded
	@$(UV) run --frozen python -m tools.release --dry-run

test: lint spec-lint spec-gate check-generated test-unit test-postgresql release-check ## Everything CI runs (the docs build runs inside pytest)

docs: sync ## Serve the documentation site on http://127.0.0.1:8000
	@$(UV) run --frozen mkdocs serve -a 127.0.0.1:8000

docs-build: sync ## Build the documentation site into site/ (strict)
	@$(UV) run --frozen mkdocs build --strict

fuzz: sync ## Long Schemathesis campaign against the in-process emulator (>= 10,000 requests)
	@$(UV) run --frozen python -m bitexbit_conformance.fuzz

bench: sync ## Run every benchmark (on demand; prints ratios against a baseline)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(UV) run --frozen python $$b || exit 1; done

clean: ## Remove caches, the venv and build output
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache site node_modules .emulator-data dist
