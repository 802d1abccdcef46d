"""Request validation derived from the spec: every operation's 400s, body parsing, routing errors,
and that nothing (not even a crash inside) answers with a traceback or a non-JSON body."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bitexbit_emulator.pytest_plugin import GatewayEmulator

AMOUNT_INPUT = (
    'Enter a valid value: a decimal string greater than 0 with at most 8 decimals (such as "22.5"),'
    " or a whole JSON number (such as 22, as the documentation's samples send); at most"
    " 10000000000."
)


def _errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, list[str]] = response.json()
    assert body
    assert all(isinstance(messages, list) and messages for messages in body.values())
    assert all(isinstance(message, str) for messages in body.values() for message in messages)
    return body


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/payment-methods", {"ordering": "name"}, {"ordering"}),
        ("/wallets", {"page": 0}, {"page"}),
        ("/wallets", {"page": "two"}, {"page"}),
        ("/wallets", {"limit": 0, "ordering": "-name"}, {"limit", "ordering"}),
        ("/wallet/history", {"status": 2}, {"status"}),
        ("/wallet/history", {"status": "done"}, {"status"}),
        ("/wallet/history", {"ticker": "usdt", "network": "Tron!"}, {"ticker", "network"}),
        ("/wallet/history", {"txid": "x" * 129}, {"txid"}),
        ("/withdraw/history", {"status": 11, "limit": -1}, {"status", "limit"}),
        ("/withdraw/history", {"ordering": "date"}, {"ordering"}),
    ],
)
def test_query_parameters_are_validated_per_operation(
    gateway_emulator: GatewayEmulator, path: str, params: dict[str, object], expected: set[str]
) -> None:
    assert set(_errors(gateway_emulator.signed.get(path, params))) == expected


def test_messages_are_readable(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert _errors(signed.get("/wallets", {"page": 0})) == {
        "page": ["Ensure this value is greater than or equal to 1."]
    }
    assert _errors(signed.get("/wallets", {"limit": "many"})) == {
        "limit": ["Enter a valid value: a whole number from 1, or all."]
    }
    assert _errors(signed.get("/wallet/history", {"status": 2})) == {
        "status": ["Not a valid choice. Choose one of: 1, 5, 6."]
    }
    ticker = _errors(signed.get("/wallet/history", {"ticker": "usdt"}))["ticker"]
    assert ticker == ["Enter a valid value: a currency ticker in capitals, e.g. BTC."]


def test_unknown_query_parameters_are_ignored(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.get("/wallet/history", {"colour": "blue"})
    assert response.status_code == 200, response.text


def test_a_blank_query_value_is_validated_like_any_other(
    gateway_emulator: GatewayEmulator,
) -> None:
    errors = _errors(gateway_emulator.signed.get("/wallet/history", {"ticker": "", "txid": ""}))
    assert errors["txid"] == ["This field may not be blank."]
    assert set(errors) == {"ticker", "txid"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, {"ticker": ["This field is required."], "network": ["This field is required."]}),
        ({"ticker": "USDT", "network": "tron", "convert_limit": 10000.5}, {"convert_limit"}),
        ({"ticker": "USDT", "network": "tron", "convert_limit": "0"}, {"convert_limit"}),
        ({"ticker": "USDT", "network": "tron", "convert_percent": "150"}, {"convert_percent"}),
        ({"ticker": "USDT", "network": "tron", "callback_url": "ftp://x.test"}, {"callback_url"}),
        ({"ticker": "USDT", "network": "tron", "convert_ticker": "eth"}, {"convert_ticker"}),
    ],
)
def test_wallet_create_bodies_are_validated(
    gateway_emulator: GatewayEmulator, body: dict[str, object], expected: object
) -> None:
    errors = _errors(gateway_emulator.signed.post("/wallet/create", body))
    assert (errors if isinstance(expected, dict) else set(errors)) == expected


WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"amount": 22.5}, {"amount"}),
        ({"amount": 0}, {"amount"}),
        ({"amount": "0.00000000"}, {"amount"}),
        ({"amount": "10000000000.00000001"}, {"amount"}),
        ({"destination_tag": "4294967296"}, {"destination_tag"}),
        ({"destination_tag": "abc"}, {"destination_tag"}),
        ({"amount": "22.123456789"}, {"amount"}),
        ({"amount": "-1"}, {"amount"}),
        ({"fee_payer": 3}, {"fee_payer"}),
        ({"fee_payer": "1"}, {"fee_payer"}),
        ({"client_order_id": "has spaces"}, {"client_order_id"}),
        ({"client_order_id": "x" * 65}, {"client_order_id"}),
        ({"address": ""}, {"address"}),
        ({"comment": "x" * 256}, {"comment"}),
        ({"auto_buy_percent": 10.5}, {"auto_buy_percent"}),
        ({"auto_buy_percent": 100}, {"auto_buy_percent"}),
    ],
)
def test_withdraw_create_bodies_are_validated(
    gateway_emulator: GatewayEmulator, changes: dict[str, object], expected: set[str]
) -> None:
    """The schema's rules (lengths, patterns, enums) hold here, before the domain runs: the 400
    names the field and nothing is written."""
    balances = gateway_emulator.control.balances()
    response = gateway_emulator.signed.post("/withdraw/create", {**WITHDRAW, **changes})
    assert set(_errors(response)) == expected
    assert gateway_emulator.control.balances() == balances
    assert gateway_emulator.signed.get("/withdraw/history").json()["count"] == 0


def test_whole_json_numbers_are_accepted_as_the_documentation_sends_them(
    gateway_emulator: GatewayEmulator,
) -> None:
    """The documentation's withdraw body, sent as JSON (which it says is accepted)."""
    body = {**WITHDRAW, "amount": 22, "fee_payer": 1.0, "auto_buy_ticker": "ETH"}
    response = gateway_emulator.signed.post("/withdraw/create", {**body, "auto_buy_percent": 10})
    assert response.status_code == 201, response.text
    assert (response.json()["amount"], response.json()["fee_payer"]) == ("22.00000000", 1)
    wallet = gateway_emulator.signed.post(
        "/wallet/create",
        {
            "ticker": "ETH",
            "network": "ethereum",
            "convert_ticker": "USDT",
            "convert_limit": 10000,
            "convert_percent": 2,
        },
    )
    assert wallet.status_code == 201, wallet.text
    assert (wallet.json()["convert_limit"], wallet.json()["convert_percent"]) == (
        "10000.00000000",
        "2.00000000",
    )


def test_a_fractional_json_number_for_money_is_rejected_with_a_clear_message(
    gateway_emulator: GatewayEmulator,
) -> None:
    response = gateway_emulator.signed.post("/withdraw/create", {**WITHDRAW, "amount": 22.5})
    assert _errors(response) == {"amount": [AMOUNT_INPUT]}


def test_the_documentation_literal_defaults_are_accepted(
    gateway_emulator: GatewayEmulator,
) -> None:
    signed = gateway_emulator.signed
    for path in ("/wallets", "/wallet/history", "/withdraw/history"):
        response = signed.get(path, {"limit": "all", "ordering": "default"})
        assert response.status_code == 200, (path, response.text)
    assert signed.get("/payment-methods", {"ordering": "default"}).json() == (
        signed.get("/payment-methods").json()
    )


def test_a_form_body_is_coerced_by_the_schema(gateway_emulator: GatewayEmulator) -> None:
    form = "application/x-www-form-urlencoded"
    signed = gateway_emulator.signed
    bad = signed.post("/withdraw/create", {**WITHDRAW, "fee_payer": "x"}, content_type=form)
    assert _errors(bad) == {"fee_payer": ["A valid integer is required."]}
    # In a form everything is text: fee_payer "2" becomes 2, the amount stays a string.
    ok = signed.post("/withdraw/create", {**WITHDRAW, "fee_payer": "2"}, content_type=form)
    assert ok.status_code == 201, ok.text
    assert ok.json()["fee_payer"] == 2


def test_malformed_json_is_a_400(gateway_emulator: GatewayEmulator) -> None:
    # Signed over the raw bytes (the params scheme cannot read a broken body).
    response = gateway_emulator.signed.post(
        "/wallet/create", b'{"ticker": "USDT",', scheme="path-nonce-body"
    )
    (message,) = _errors(response)["non_field_errors"]
    assert message.startswith("JSON parse error")


@pytest.mark.parametrize(
    "raw", [b"[1, 2]", b'"text"', b"NaN", b"\xff\xfe"], ids=["array", "string", "nan", "utf8"]
)
def test_a_body_that_is_not_a_json_object_is_a_400(
    gateway_emulator: GatewayEmulator, raw: bytes
) -> None:
    response = gateway_emulator.signed.post("/wallet/create", raw, scheme="path-nonce-body")
    assert set(_errors(response)) == {"non_field_errors"}


def test_an_unsupported_content_type_is_a_400(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.post(
        "/wallet/create", b"ticker=USDT", content_type="text/plain", scheme="path-nonce-body"
    )
    (message,) = _errors(response)["non_field_errors"]
    assert "application/json" in message


def test_a_body_without_content_type_is_read_as_json(gateway_emulator: GatewayEmulator) -> None:
    raw = json.dumps({"ticker": "USDT", "network": "tron"}).encode()
    headers = gateway_emulator.auth_headers("POST", "/api/gateway/wallet/create", body=raw, nonce=1)
    response = gateway_emulator.http.post(
        "/api/gateway/wallet/create", content=raw, headers=headers
    )
    assert response.status_code == 201, response.text


def test_an_oversized_body_is_a_400(gateway_emulator: GatewayEmulator) -> None:
    raw = json.dumps({"ticker": "USDT", "network": "tron", "pad": "x" * 1_100_000}).encode()
    response = gateway_emulator.signed.post("/wallet/create", raw, scheme="path-nonce-body")
    assert set(_errors(response)) == {"non_field_errors"}


def test_a_page_past_the_last_is_404(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.get("/wallets", {"page": 2})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page.", "code": "not_found"}


def test_unknown_paths_and_methods_answer_in_the_error_shape(
    gateway_emulator: GatewayEmulator,
) -> None:
    http = gateway_emulator.http
    unknown = http.get("/api/gateway/balance")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Not found.", "code": "not_found"}
    trailing_slash = http.get("/api/gateway/wallets/")
    assert trailing_slash.status_code == 404
    wrong_method = http.delete("/api/gateway/wallets")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"
    assert wrong_method.headers["content-type"] == "application/json"


def test_every_response_carries_a_request_id(gateway_emulator: GatewayEmulator) -> None:
    http = gateway_emulator.http
    responses = [
        http.get("/api/gateway/wallets"),
        http.get("/nowhere"),
        gateway_emulator.signed.get("/wallets"),
        http.get("/_emulator/health"),
    ]
    ids = [response.headers["x-request-id"] for response in responses]
    assert len(set(ids)) == len(ids)
    echoed = http.get("/_emulator/health", headers={"X-Request-Id": "trace-42"})
    assert echoed.headers["x-request-id"] == "trace-42"
    unsafe = http.get("/_emulator/health", headers={"X-Request-Id": "bad id\twith space"})
    assert unsafe.headers["x-request-id"] != "bad id\twith space"


def test_an_unexpected_error_is_a_json_500_without_details(
    gateway_emulator: GatewayEmulator, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom: internal detail")

    monkeypatch.setattr(gateway_emulator.sandbox, "list_wallets", explode)
    response = gateway_emulator.signed.get("/wallets")
    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
    assert "boom" not in response.text
    assert "x-request-id" in response.headers
    assert any("RuntimeError in listWallets" in record.getMessage() for record in caplog.records)
    assert gateway_emulator.demo_secret not in caplog.text


@pytest.mark.parametrize(
    "raw",
    [
        b'{"ticker": "USDT", "memo": ' + b"[" * 900 + b"]" * 900 + b"}",
        b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"ticker": "USDT", "fee_payer": ' + b"9" * 400 + b"}",
        b'{"ticker": "USDT", "fee_payer": 1e999}',
    ],
    ids=["deep", "deeper", "huge-int", "overflow"],
)
def test_pathological_json_is_a_400_not_a_crash(
    gateway_emulator: GatewayEmulator, raw: bytes
) -> None:
    response = gateway_emulator.signed.post("/withdraw/create", raw, scheme="path-nonce-body")
    _errors(response)
