"""Test mode: a response that breaks the spec is replaced by a loud 500, logged and recorded."""

from __future__ import annotations

from typing import Any

import pytest
from bitexbit_emulator.pytest_plugin import GatewayEmulator

BROKEN_METHOD = {"ticker": "BTC", "network": "bitcoin", "min_deposit": 0.001}


def test_a_response_that_breaks_the_spec_becomes_a_500(
    gateway_emulator: GatewayEmulator, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    monkeypatch.setattr(
        gateway_emulator.sandbox, "list_payment_methods", lambda **_: [BROKEN_METHOD]
    )
    response = gateway_emulator.signed.get("/payment-methods")
    assert response.status_code == 500
    assert response.json()["code"] == "response_validation_failed"
    (mismatch,) = gateway_emulator.response_mismatches
    assert mismatch.operation_id == "listPaymentMethods"
    assert mismatch.status == 200
    assert "body.0" in mismatch.problems
    assert "does not match the spec" in caplog.text
    # Recorded mismatches fail the test at teardown; this one was made on purpose.
    gateway_emulator.response_mismatches.clear()


def test_an_undocumented_status_is_a_mismatch(
    gateway_emulator: GatewayEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitexbit_emulator.domain.errors import Conflict

    def conflict(**_: object) -> None:
        raise Conflict("not documented for this operation")

    monkeypatch.setattr(gateway_emulator.sandbox, "list_payment_methods", conflict)
    response = gateway_emulator.signed.get("/payment-methods")
    assert response.status_code == 500
    (mismatch,) = gateway_emulator.response_mismatches
    assert mismatch.problems == {"status": ["HTTP 409 is not documented for this operation."]}
    gateway_emulator.response_mismatches.clear()


def test_the_teardown_check_fails_on_a_recorded_mismatch(
    gateway_emulator: GatewayEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        gateway_emulator.sandbox, "list_payment_methods", lambda **_: [BROKEN_METHOD]
    )
    gateway_emulator.signed.get("/payment-methods")
    with pytest.raises(pytest.fail.Exception, match="listPaymentMethods HTTP 200"):
        gateway_emulator.check_responses()
    gateway_emulator.response_mismatches.clear()


@pytest.mark.gateway_emulator(validate_responses=False)
def test_without_test_mode_responses_are_not_checked(
    gateway_emulator: GatewayEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        gateway_emulator.sandbox, "list_payment_methods", lambda **_: [BROKEN_METHOD]
    )
    response = gateway_emulator.signed.get("/payment-methods")
    assert response.status_code == 200
    assert response.json() == [BROKEN_METHOD]
    assert gateway_emulator.response_mismatches == []


def test_real_responses_of_every_kind_match_the_spec(
    gateway_emulator: GatewayEmulator, funded_deposit: Any
) -> None:
    """Success and error answers of every gateway operation pass the checker."""
    signed = gateway_emulator.signed
    funded_deposit("100")
    statuses = [
        signed.get("/payment-methods").status_code,
        signed.get("/wallets", {"limit": 1}).status_code,
        signed.get("/wallet/history").status_code,
        signed.post(
            "/withdraw/create",
            {
                "ticker": "USDT",
                "network": "tron",
                "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
                "amount": "22",
                "client_order_id": "order-1",
                "auto_buy_ticker": "ETH",
            },
        ).status_code,
        signed.get("/withdraw/history", {"status": 10}).status_code,
        signed.get("/wallets", {"page": 9}).status_code,
        signed.post("/wallet/create", {"ticker": "XX", "network": "nowhere"}).status_code,
        gateway_emulator.http.get("/api/gateway/wallets").status_code,
    ]
    assert statuses == [200, 200, 200, 201, 200, 404, 400, 401]
    assert gateway_emulator.response_mismatches == []
