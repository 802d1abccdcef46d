"""Stateful sequences through the spec's links, with cross-request invariants.

`schema.as_state_machine()` chains createWallet -> listWallets / getWalletHistory /
createWithdraw and createWithdraw -> getWithdrawHistory. On top of the built-in checks,
`ScenarioLedger` asserts that what a scenario created shows up in the later reads: the new
wallet in the wallet list, the new withdrawal in the withdraw history (by address and
ticker), and a deposit simulated through the control API to each new wallet in the wallet
history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import hypothesis
import pytest
from bitexbit_conformance.emulator_target import EmulatorTarget
from bitexbit_conformance.invariants import ScenarioLedger
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_emulator.testing.control import ControlClient, ControlError
from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.stateful.state_machine import APIStateMachine

from tests.passes import examples

STATE_MACHINE_SETTINGS = hypothesis.settings(
    max_examples=examples(40),
    stateful_step_count=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
)


def _deposit_simulator(emulator: EmulatorTarget) -> Any:
    control = ControlClient.in_process(emulator.asgi_app)
    minimum = {
        (method["ticker"], method["network"]): Decimal(str(method["min_deposit"]))
        for method in emulator.sandbox.list_payment_methods()
    }

    def simulate(wallet: Mapping[str, Any]) -> Mapping[str, Any] | None:
        low = minimum.get((wallet.get("ticker"), wallet.get("network")))
        if low is None or not isinstance(wallet.get("address"), str):
            return None
        try:
            return control.simulate_deposit(wallet["address"], low * 3)
        except ControlError:
            return None  # e.g. deposits disabled for this method: nothing to look for

    return simulate


@dataclass
class Tally:
    """What the scenarios of one state machine run created and how many reads were judged."""

    created: list[str] = field(default_factory=list)
    judged_reads: int = 0


def _machine(
    emulator: EmulatorTarget, signer: GatewaySigner
) -> tuple[type[APIStateMachine], Tally]:
    settings = RunSettings(phases=(Phase.STATEFUL,), catalogue=emulator.catalogue)
    schema = load_gateway_schema(settings, signer=signer, app=emulator.app)
    base = schema.as_state_machine()
    simulate = _deposit_simulator(emulator)
    tally = Tally()

    class GatewayWorkflow(base):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            # Every scenario starts from the same emulator state (moto-style reset), so the state
            # machine is a function of Hypothesis' draws alone: a replayed or shrunk scenario takes
            # the same path. Without it, a create that succeeded once can fail on replay (spent
            # balance, reused client_order_id) and Hypothesis rejects the run as flaky.
            emulator.sandbox.reset()
            super().setup()
            self.ledger = ScenarioLedger(deposit_simulator=simulate)

        def teardown(self) -> None:
            tally.judged_reads += self.ledger.judged_reads
            tally.created.extend(item.kind for item in self.ledger.created)
            super().teardown()

        def after_call(self, response: Response, case: Case[Any]) -> None:
            super().after_call(response, case)
            self.ledger.record(_operation_id(case), response.status_code, _json(response))

        def validate_response(
            self,
            response: Response,
            case: Case[Any],
            additional_checks: list[Any] | None = None,
            **kwargs: Any,
        ) -> None:
            ledger = self.ledger

            def created_items_are_listed(
                ctx: CheckContext, response: Response, case: Case[Any]
            ) -> None:
                problem = ledger.check_read(
                    _operation_id(case), case.query or {}, response.status_code, _json(response)
                )
                assert problem is None, problem

            checks = [*(additional_checks or []), created_items_are_listed]
            super().validate_response(response, case, additional_checks=checks, **kwargs)

    return GatewayWorkflow, tally


def _operation_id(case: Case[Any]) -> str | None:
    operation_id = case.operation.definition.raw.get("operationId")
    return operation_id if isinstance(operation_id, str) else None


def _json(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def test_created_resources_show_up_in_the_linked_reads(
    emulator: EmulatorTarget, signer: GatewaySigner
) -> None:
    machine, tally = _machine(emulator, signer)
    machine.run(settings=STATE_MACHINE_SETTINGS)
    created = set(tally.created)
    # Not vacuous: wallets, withdrawals and simulated deposits were created and then judged.
    assert {"listWallets", "getWalletHistory", "getWithdrawHistory"} <= created, created
    assert tally.judged_reads >= 10, tally


@pytest.mark.parametrize("operation_id", ["listWallets", "getWithdrawHistory", "getWalletHistory"])
def test_the_ledger_catches_a_read_that_misses_a_created_item(operation_id: str) -> None:
    """The invariant can fail: a list without the created item is reported."""
    ledger = ScenarioLedger(
        deposit_simulator=lambda wallet: {"txid": "tx-1", "address": wallet["address"]}
    )
    ledger.record("createWallet", 201, {"address": "addr-1", "ticker": "ETH"})
    ledger.record("createWithdraw", 201, {"id": 7, "address": "dest", "ticker": "ETH"})
    other = {"address": "someone-else", "txid": "tx-0", "id": 1}
    stale = {"count": 1, "next": None, "previous": None, "results": [other]}
    assert ledger.check_read(operation_id, {}, 200, stale) is not None
    assert ledger.check_read(operation_id, {"page": 2}, 200, stale) is None
    fresh = {**stale, "results": [{"address": "addr-1", "txid": "tx-1", "id": 7}, other]}
    assert ledger.check_read(operation_id, {}, 200, fresh) is None


def test_the_ledger_respects_the_filters_of_a_read() -> None:
    ledger = ScenarioLedger()
    ledger.record(
        "createWithdraw", 201, {"id": 7, "address": "dest", "ticker": "ETH", "status": 10}
    )
    empty: dict[str, Any] = {"count": 0, "next": None, "previous": None, "results": []}
    assert ledger.check_read("getWithdrawHistory", {"ticker": "BTC"}, 200, empty) is None
    assert ledger.check_read("getWithdrawHistory", {"status": 30}, 200, empty) is None
    problem = ledger.check_read("getWithdrawHistory", {"ticker": "ETH", "status": 10}, 200, empty)
    assert problem is not None
    assert ledger.check_read("getWithdrawHistory", {"ordering": "amount"}, 200, empty) is not None
    limited = {"ordering": "amount", "limit": 1}
    assert ledger.check_read("getWithdrawHistory", limited, 200, empty) is None


def test_an_emulator_that_loses_the_newest_wallet_fails_the_stateful_run(
    emulator: EmulatorTarget, signer: GatewaySigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The invariant is not vacuous: hide the newest wallet from the list and the run fails."""
    import dataclasses

    list_wallets = emulator.sandbox.list_wallets

    def without_newest(*args: Any, **kwargs: Any) -> Any:
        page = list_wallets(*args, **kwargs)
        return dataclasses.replace(page, results=page.results[1:])

    monkeypatch.setattr(emulator.sandbox, "list_wallets", without_newest)
    machine, _ = _machine(emulator, signer)
    with pytest.raises(FailureGroup) as caught:
        machine.run(settings=STATE_MACHINE_SETTINGS)
    messages = [str(failure) for failure in caught.value.exceptions]
    # Which read meets the loss first depends on the scenario drawn: one ordered newest first,
    # or one without a limit that must hold every wallet the scenario created.
    caught_loss = ("listWallets (newest first) should start with", "listWallets misses the")
    assert any(sign in text for text in messages for sign in caught_loss), messages
