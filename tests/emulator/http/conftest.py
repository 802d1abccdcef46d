"""Fixtures for the emulator's HTTP tests (the ``gateway_emulator`` fixture itself comes from
the emulator's pytest plugin, registered through the ``pytest11`` entry point)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bitexbit_emulator.pytest_plugin import GatewayEmulator

FundedDeposit = Callable[..., dict[str, Any]]


@pytest.fixture
def funded_deposit(gateway_emulator: GatewayEmulator) -> FundedDeposit:
    """Make a wallet (USDT/tron unless told) and a confirmed deposit to it; returns the deposit."""

    def make(amount: str = "25", ticker: str = "USDT", network: str = "tron") -> dict[str, Any]:
        wallet = gateway_emulator.signed.post(
            "/wallet/create", {"ticker": ticker, "network": network}
        )
        assert wallet.status_code == 201, wallet.text
        deposit = gateway_emulator.control.simulate_deposit(wallet.json()["address"], amount)
        return gateway_emulator.control.advance(deposit["txid"])

    return make
