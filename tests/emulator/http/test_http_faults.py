"""Injected faults: deterministic shares of 500/502, added latency, and that a faulted request
changes nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from bitexbit_emulator.faults import FaultInjector, FaultRule
from bitexbit_emulator.pytest_plugin import GatewayEmulator

WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
}


def _sequence(seed: int) -> list[int | None]:
    injector = FaultInjector()
    injector.configure({"listWallets": FaultRule(error_500_share=0.3, error_502_share=0.3)}, seed)
    return [injector.decide("listWallets").status for _ in range(40)]


def test_a_seed_repeats_the_same_faults() -> None:
    first = _sequence(7)
    assert first == _sequence(7)
    assert {500, 502, None} <= set(first)
    assert first != _sequence(8)


def test_rules_validate_their_shares() -> None:
    with pytest.raises(ValueError, match="add up"):
        FaultRule(error_500_share=0.6, error_502_share=0.6)
    with pytest.raises(ValueError, match="negative"):
        FaultRule(latency_ms=-1)


def test_the_wildcard_applies_to_operations_without_a_rule() -> None:
    injector = FaultInjector()
    injector.configure({"*": FaultRule(error_502_share=1), "listWallets": FaultRule()})
    assert injector.decide("createWithdraw").status == 502
    assert injector.decide("listWallets").status is None


def test_faults_fail_the_next_requests_then_stop(
    gateway_emulator: GatewayEmulator, funded_deposit: Any
) -> None:
    funded_deposit("100")
    balances = gateway_emulator.control.balances(1)
    gateway_emulator.control.set_faults(
        {"createWithdraw": {"error_502_share": 1, "max_faults": 2}}, seed=1
    )
    failed = [gateway_emulator.signed.post("/withdraw/create", WITHDRAW) for _ in range(2)]
    assert [response.status_code for response in failed] == [502, 502]
    assert failed[0].json() == {"detail": "Bad gateway. Try again later.", "code": "bad_gateway"}
    assert failed[0].headers["x-emulator-fault"] == "502"
    assert gateway_emulator.control.balances(1) == balances
    assert gateway_emulator.signed.get("/withdraw/history").json()["count"] == 0
    assert gateway_emulator.signed.post("/withdraw/create", WITHDRAW).status_code == 201
    rule = gateway_emulator.control.faults()["operations"]["createWithdraw"]
    assert rule["injected"] == 2


def test_a_500_share_and_only_the_named_operation(gateway_emulator: GatewayEmulator) -> None:
    gateway_emulator.control.set_faults({"listWallets": {"error_500_share": 1}})
    response = gateway_emulator.signed.get("/wallets")
    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
    assert gateway_emulator.signed.get("/payment-methods").status_code == 200
    gateway_emulator.control.set_faults({})
    assert gateway_emulator.signed.get("/wallets").status_code == 200


def test_latency_is_added(gateway_emulator: GatewayEmulator) -> None:
    gateway_emulator.control.set_faults({"listPaymentMethods": {"latency_ms": 150}})
    started = time.perf_counter()
    assert gateway_emulator.signed.get("/payment-methods").status_code == 200
    assert time.perf_counter() - started >= 0.15


@pytest.mark.parametrize(
    "operations",
    [
        {"noSuchOperation": {"error_500_share": 1}},
        {"listWallets": {"error_500_share": 0.7, "error_502_share": 0.7}},
        {"listWallets": {"error_500_share": 2}},
        {"listWallets": {"latency": 5}},
    ],
)
def test_invalid_fault_rules_are_400(
    gateway_emulator: GatewayEmulator, operations: dict[str, dict[str, object]]
) -> None:
    # sent raw: the generated control client cannot even express an unknown rule field
    response = gateway_emulator.http.put("/_emulator/faults", json={"operations": operations})
    assert response.status_code == 400, response.text
    assert gateway_emulator.control.faults() == {"seed": None, "operations": {}}


def test_the_sdk_retries_through_injected_502s(gateway_emulator: GatewayEmulator) -> None:
    gateway_emulator.control.set_faults(
        {"listPaymentMethods": {"error_502_share": 1, "max_faults": 1}}
    )
    with gateway_emulator.gateway() as gateway:
        methods = gateway.payment_methods.list()
    assert methods
    assert gateway_emulator.control.faults()["operations"]["listPaymentMethods"]["injected"] == 1
