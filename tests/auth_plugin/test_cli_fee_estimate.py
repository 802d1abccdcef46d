"""The withdraw confirmation's fee is what the emulator charges.

The seed gives a payment method's fixed fee and rate, not how they make a withdrawal's fee; the
spec's reading (``Withdraw.fee``, errata W6) is written twice, in the emulator (which charges
it) and in the CLI (which shows it before asking). This holds the two to the same figure, on a
method with a fixed part and a rate and on amounts whose fee must be rounded up.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from bitexbit import FeePayer
from bitexbit.cli._commands import _estimated_fee, _fee_estimate
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.pytest_plugin import GatewayEmulator

TRON_ADDRESS = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"  # the spec's example address


def _with_a_fee_rate() -> EmulatorConfig:
    config = EmulatorConfig.load(None)
    methods = tuple(
        dataclasses.replace(
            method, withdraw_fee_amount=Decimal("1.5"), withdraw_fee_rate=Decimal("0.00123")
        )
        if (method.ticker, method.network) == ("USDT", "tron")
        else method
        for method in config.payment_methods
    )
    return dataclasses.replace(config, payment_methods=methods)


@pytest.mark.gateway_emulator(config=_with_a_fee_rate())
@pytest.mark.parametrize(
    ("amount", "payer"),
    [
        ("10", FeePayer.BALANCE),
        ("12.34567891", FeePayer.BALANCE),
        ("333.33333333", FeePayer.AMOUNT),
        ("1000.00000001", FeePayer.BALANCE),  # 2.7300000000123: up to 2.73000001, not to even
    ],
)
def test_the_confirmation_shows_the_fee_the_emulator_charges(
    gateway_emulator: GatewayEmulator, amount: str, payer: FeePayer
) -> None:
    with gateway_emulator.gateway() as gateway:
        methods = gateway.payment_methods.list()
        method = next(m for m in methods if (m.ticker, m.network) == ("USDT", "tron"))
        estimate = _estimated_fee(method, Decimal(amount))
        line = _fee_estimate(methods, "USDT", "tron", Decimal(amount), payer)
        created = gateway.withdrawals.create(
            "USDT", "tron", TRON_ADDRESS, Decimal(amount), fee_payer=payer
        )
    assert created.fee == estimate
    assert line.startswith(f"fee: {estimate} USDT ")
    assert estimate > method.withdraw_fee_amount  # the rate counted
