"""The contract suite in CI: every phase and check, against the in-process emulator.

One Schemathesis run per (phase, operation) so a failure names where it is; the stateful
phase runs over the whole schema (its scenarios chain operations through the spec's links).
Fixed seed, bounded examples: the run is the same on every machine.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from bitexbit_conformance.emulator_target import EmulatorTarget
from bitexbit_conformance.report import RunReport
from bitexbit_conformance.runner import run_conformance
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner

CI_SETTINGS = RunSettings(max_examples=100, stateful_max_steps=10)

OPERATIONS = (
    "listPaymentMethods",
    "createWallet",
    "listWallets",
    "getWalletHistory",
    "createWithdraw",
    "getWithdrawHistory",
)
OPERATIONS_WITH_REQUEST_EXAMPLES = frozenset(
    {"createWallet", "createWithdraw", "getWalletHistory", "getWithdrawHistory"}
)


def _run(emulator: EmulatorTarget, signer: GatewaySigner, settings: RunSettings) -> RunReport:
    settings = replace(settings, catalogue=emulator.catalogue)
    schema = load_gateway_schema(settings, signer=signer, app=emulator.app)
    return run_conformance(schema)


def _assert_clean(report: RunReport) -> None:
    assert report.ok, report.describe_failures()


@pytest.mark.parametrize("operation_id", OPERATIONS)
@pytest.mark.parametrize("phase", [Phase.EXAMPLES, Phase.COVERAGE, Phase.FUZZING])
def test_operation_conforms_to_the_spec(
    emulator: EmulatorTarget, signer: GatewaySigner, phase: Phase, operation_id: str
) -> None:
    settings = replace(CI_SETTINGS, phases=(phase,), operations=(operation_id,))
    report = _run(emulator, signer, settings)
    _assert_clean(report)
    if phase is Phase.EXAMPLES and operation_id not in OPERATIONS_WITH_REQUEST_EXAMPLES:
        # Response examples only: Schemathesis has no request example to send.
        assert report.requests_sent == 0
        return
    assert report.requests_sent > 0
    assert emulator.app.total >= report.requests_sent
    assert signer.signed_count > 0


def test_stateful_scenarios_conform_to_the_spec(
    emulator: EmulatorTarget, signer: GatewaySigner
) -> None:
    report = _run(emulator, signer, replace(CI_SETTINGS, phases=(Phase.STATEFUL,)))
    _assert_clean(report)
    stateful = report.scenarios_in(Phase.STATEFUL.value)
    assert stateful, "no stateful scenario ran (are the spec's links still there?)"
    assert emulator.app.by_status.get(201, 0) > 0, "no create succeeded: links never followed"
