"""The Schemathesis configuration a run gets: what is enabled and what a failure means."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bitexbit_conformance.operations import operation_facts
from bitexbit_conformance.schema import find_spec_path, load_gateway_schema, read_spec
from bitexbit_conformance.settings import (
    ALL_CHECKS,
    DISABLED_CHECKS,
    GenerationModes,
    RunSettings,
    build_config,
)
from schemathesis.core.result import Ok

CI = RunSettings(base_url="http://127.0.0.1:9/api/gateway")
OPERATIONS = operation_facts(read_spec(find_spec_path()))


def test_every_builtin_check_is_either_enabled_or_listed_with_a_reason() -> None:
    from schemathesis.config._checks import _BUILTIN_CHECK_NAMES

    assert set(ALL_CHECKS) | set(DISABLED_CHECKS) == set(_BUILTIN_CHECK_NAMES)
    project = build_config(CI, OPERATIONS).projects.get_default()
    for name in ALL_CHECKS:
        assert getattr(project.checks, name).enabled, name
    assert not project.checks.object_level_authorization.enabled


def test_a_run_uses_one_worker_a_fixed_seed_both_modes_and_no_example_database() -> None:
    project = build_config(CI, OPERATIONS).projects.get_default()
    assert project.workers == 1
    assert project.seed == CI.seed
    assert {mode.value for mode in project.generation.modes} == {"positive", "negative"}
    assert project.generation.database == "none"
    assert all(project.phases.get_by_name(name=p).enabled for p in ("examples", "coverage"))
    assert all(project.phases.get_by_name(name=p).enabled for p in ("fuzzing", "stateful"))


@pytest.mark.parametrize(
    "operation_id",
    [
        "listPaymentMethods",
        "createWallet",
        "listWallets",
        "getWalletHistory",
        "createWithdraw",
        "getWithdrawHistory",
    ],
)
def test_a_rejected_signature_fails_positive_data_acceptance_on_every_operation(
    operation_id: str,
) -> None:
    schema = load_gateway_schema(CI, signer=None)
    operation = schema.find_operation_by_id(operation_id)
    checks = schema.config.checks_config_for(operation=operation, phase="fuzzing")
    statuses = checks.positive_data_acceptance.expected_statuses
    assert "2xx" in statuses
    assert not {"401", "403", "4xx", "5xx"} & set(statuses)


def test_read_only_runs_keep_get_operations_only_and_skip_the_stateful_phase() -> None:
    settings = replace(CI, read_only=True)
    schema = load_gateway_schema(settings, signer=None)
    labels = {result.ok().label for result in schema.get_all_operations() if isinstance(result, Ok)}
    assert labels == {
        "GET /payment-methods",
        "GET /wallets",
        "GET /wallet/history",
        "GET /withdraw/history",
    }
    project = build_config(settings, OPERATIONS).projects.get_default()
    assert not project.phases.stateful.enabled
    assert project.phases.coverage.unexpected_methods == set()


def test_positive_only_mode_is_expressible() -> None:
    project = build_config(
        replace(CI, modes=GenerationModes.POSITIVE), OPERATIONS
    ).projects.get_default()
    assert [mode.value for mode in project.generation.modes] == ["positive"]


def test_a_run_needs_a_target() -> None:
    with pytest.raises(ValueError, match="ASGI app or"):
        load_gateway_schema(RunSettings(), signer=None)
