"""Money in: Decimal only, checked before any request leaves the process."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from bitexbit import Gateway
from bitexbit._money import decimal_to_wire


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (Decimal("22"), "22"),
        (Decimal("22.50"), "22.5"),
        (Decimal("1E+2"), "100"),
        (Decimal("0.00000001"), "0.00000001"),
        (Decimal("1.000000000000"), "1"),  # trailing zeros beyond 8 places are not precision
        (Decimal("-0"), "0"),
        (7, "7"),
        # More digits than the default decimal context (28): never rounded on the way out.
        (
            Decimal("123456789012345678901234567890.12345678"),
            "123456789012345678901234567890.12345678",
        ),
    ],
)
def test_decimals_become_plain_strings(value: Decimal | int, wire: str) -> None:
    assert decimal_to_wire(value, name="amount") == wire


def test_signed_values_keep_their_sign() -> None:
    assert decimal_to_wire(Decimal("-2.50"), name="percent", signed=True) == "-2.5"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (22.5, TypeError, "floats cannot hold exact amounts"),
        (True, TypeError, "not bool"),
        ("22.5", TypeError, "not str"),
        (Decimal("NaN"), ValueError, "finite"),
        (Decimal("Infinity"), ValueError, "finite"),
        (Decimal("0.123456789"), ValueError, "more than 8 decimal places"),
        (Decimal("-1"), ValueError, "must not be negative"),
    ],
)
def test_bad_amounts_never_reach_the_gateway(
    value: Any, error: type[Exception], message: str
) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    transport = httpx.MockTransport(record)
    with Gateway("money-key", "money-secret", transport=transport, rate_limit=False) as gateway:
        with pytest.raises(error, match=message):
            gateway.withdrawals.create("USDT", "tron", "TR4d", value)
        with pytest.raises(error, match=message):
            gateway.wallets.create("USDT", "tron", convert_limit=value)
    assert sent == []


def test_percent_may_be_negative_but_not_float() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(500))
    with Gateway("money-key", "money-secret", transport=transport, rate_limit=False) as gateway:
        with pytest.raises(TypeError, match="convert_percent"):
            gateway.wallets.create("USDT", "tron", convert_percent=2.5)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="auto_buy_percent"):
            gateway.withdrawals.create(
                "USDT",
                "tron",
                "TR4d",
                Decimal(1),
                auto_buy_percent=0.1,  # type: ignore[arg-type]
            )
