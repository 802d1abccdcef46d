"""Authentication through HTTP: every 401/403 path, the check order, and that a rejected request
changes nothing (no nonce spent, no money moved)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.pytest_plugin import GatewayEmulator

WALLETS = "/api/gateway/wallets"
WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
    "comment": "Call after success",
}


def _config_with_key(**key_fields: Any) -> EmulatorConfig:
    """The default config plus a key ``extra-key`` on the demo account."""
    config = EmulatorConfig.load(None)
    demo = config.accounts[0]
    template = demo.keys[0]
    extra = dataclasses.replace(template, api_key="extra-key", secret="extra-secret", **key_fields)
    accounts = (dataclasses.replace(demo, keys=(*demo.keys, extra)), *config.accounts[1:])
    return dataclasses.replace(config, accounts=accounts)


def _problem(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    # Only a refused signature carries the emulator's forensics (an emulator-only field).
    expected = {"detail", "code", "emulator_diagnostics"} if code == "invalid_signature" else None
    assert set(body) == (expected or {"detail", "code"})
    detail: str = body["detail"]
    return detail


@pytest.mark.parametrize("missing", ["X-API-Key", "X-Signature", "X-Nonce"])
def test_each_missing_header_is_named(gateway_emulator: GatewayEmulator, missing: str) -> None:
    headers = gateway_emulator.auth_headers("GET", WALLETS, nonce=1)
    del headers[missing]
    response = gateway_emulator.http.get(WALLETS, headers=headers)
    assert missing in _problem(response, 401, "missing_header")


def test_an_empty_header_counts_as_missing(gateway_emulator: GatewayEmulator) -> None:
    headers = gateway_emulator.auth_headers("GET", WALLETS, nonce=1) | {"X-Signature": " "}
    response = gateway_emulator.http.get(WALLETS, headers=headers)
    assert "X-Signature" in _problem(response, 401, "missing_header")


@pytest.mark.parametrize("nonce", ["abc", "-5", "1.5", "0x10", "1e3", "12345678901234567890"])
def test_a_nonce_that_is_not_a_decimal_integer_is_401(
    gateway_emulator: GatewayEmulator, nonce: str
) -> None:
    headers = gateway_emulator.auth_headers("GET", WALLETS, nonce=1) | {"X-Nonce": nonce}
    response = gateway_emulator.http.get(WALLETS, headers=headers)
    assert "X-Nonce" in _problem(response, 401, "invalid_nonce")


def test_an_unknown_key_is_401_without_echoing_it(gateway_emulator: GatewayEmulator) -> None:
    headers = gateway_emulator.auth_headers(
        "GET", WALLETS, nonce=1, api_key="no-such-key-123", secret="whatever"
    )
    response = gateway_emulator.http.get(WALLETS, headers=headers)
    assert "no-such-key-123" not in _problem(response, 401, "unknown_key")


def test_a_bad_signature_is_401_and_never_shows_the_expected_one(
    gateway_emulator: GatewayEmulator,
) -> None:
    good = gateway_emulator.auth_headers("GET", WALLETS, nonce=7)
    wrong_secret = gateway_emulator.auth_headers("GET", WALLETS, nonce=7, secret="not-the-secret")
    response = gateway_emulator.http.get(WALLETS, headers=wrong_secret)
    detail = _problem(response, 401, "invalid_signature")
    assert good["X-Signature"] not in response.text
    assert gateway_emulator.demo_secret not in response.text
    assert "HMAC-SHA256" in detail


def test_a_refused_signature_shows_the_canonical_string_of_each_variant(
    gateway_emulator: GatewayEmulator,
) -> None:
    body = '{"ticker":"USDT","network":"tron"}'
    path = "/api/gateway/wallet/create"
    json_type = "application/json"
    wrong = gateway_emulator.auth_headers(
        "POST", path, body=body.encode(), content_type=json_type, nonce=9, secret="not-the-secret"
    )
    headers = {**wrong, "Content-Type": "application/json"}
    response = gateway_emulator.http.post(path, content=body, headers=headers)
    _problem(response, 401, "invalid_signature")
    forensics = response.json()["emulator_diagnostics"]
    tried = {
        (entry["scheme"], entry["encoder"]): entry["canonical"] for entry in forensics["tried"]
    }
    key = gateway_emulator.demo_key
    # What the gateway's documentation says each scheme signs, written out by hand.
    assert tried == {
        ("params", "python"): f"{key}network=tron&ticker=USDT",
        ("params", "javascript"): f"{key}network=tron&ticker=USDT",
        ("path-nonce-body", None): f"{path}9{body}",
    }
    assert "Emulator only" in forensics["note"]
    for scheme in ("params", "path-nonce-body"):
        for encoder in ("python", "javascript"):
            expected = gateway_emulator.auth_headers(
                "POST",
                path,
                body=body.encode(),
                content_type=json_type,
                nonce=9,
                scheme=scheme,
                encoder=encoder,
            )["X-Signature"]
            assert expected not in response.text
    assert gateway_emulator.demo_secret not in response.text
    assert gateway_emulator.signed.get("/wallets", nonce=9).status_code == 200  # no nonce spent


def test_the_signature_covers_the_query(gateway_emulator: GatewayEmulator) -> None:
    headers = gateway_emulator.auth_headers("GET", WALLETS, query="limit=1", nonce=1)
    response = gateway_emulator.http.get(WALLETS + "?limit=2", headers=headers)
    _problem(response, 401, "invalid_signature")


def test_a_replayed_or_lower_nonce_is_401(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert signed.get("/wallets", nonce=50).status_code == 200
    detail = _problem(signed.get("/wallets", nonce=50), 401, "nonce_too_small")
    assert detail == (
        "Nonce must be greater than the last nonce used with this key."
        " The last accepted nonce is 50; this one was 50."
    )
    _problem(signed.get("/wallets", nonce=49), 401, "nonce_too_small")
    assert signed.get("/wallets", nonce=51).status_code == 200


def test_nonces_are_per_key(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert signed.get("/wallets", nonce=500).status_code == 200
    other = signed.get("/wallets", nonce=5, api_key="other-key", secret="other-secret")
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("scheme", "encoder"),
    [("params", "python"), ("params", "javascript"), ("path-nonce-body", "python")],
)
@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_every_accepted_scheme_and_encoder_signs_a_body_with_spaces(
    gateway_emulator: GatewayEmulator,
    funded_deposit: Any,
    scheme: str,
    encoder: str,
    content_type: str,
) -> None:
    funded_deposit("100")
    response = gateway_emulator.signed.post(
        "/withdraw/create", WITHDRAW, content_type=content_type, scheme=scheme, encoder=encoder
    )
    assert response.status_code == 201, response.text
    assert response.json()["comment"] == "Call after success"


@pytest.mark.gateway_emulator(
    config=dataclasses.replace(
        EmulatorConfig.load(None),
        signing=dataclasses.replace(
            EmulatorConfig.load(None).signing, schemes=("path-nonce-body",)
        ),
    )
)
def test_the_accepted_schemes_come_from_the_config(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    _problem(signed.get("/wallets", scheme="params"), 401, "invalid_signature")
    assert signed.get("/wallets", scheme="path-nonce-body").status_code == 200


@pytest.mark.gateway_emulator(config=_config_with_key(allowed_ips=("10.0.0.0/8", "192.0.2.7")))
def test_a_key_used_outside_its_ip_allow_list_is_403(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.get("/wallets", api_key="extra-key", secret="extra-secret")
    _problem(response, 403, "ip_not_allowed")


@pytest.mark.gateway_emulator(config=_config_with_key(allowed_ips=("127.0.0.0/8",)))
def test_a_key_used_inside_its_ip_allow_list_is_served(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.get("/wallets", api_key="extra-key", secret="extra-secret")
    assert response.status_code == 200, response.text


def test_a_read_only_key_reads_but_may_not_create(gateway_emulator: GatewayEmulator) -> None:
    key, secret = "demo-read-key", "demo-read-secret"
    signed = gateway_emulator.signed
    assert signed.get("/wallets", api_key=key, secret=secret).status_code == 200
    assert signed.get("/payment-methods", api_key=key, secret=secret).status_code == 200
    wallet = signed.post(
        "/wallet/create", {"ticker": "BTC", "network": "bitcoin"}, api_key=key, secret=secret
    )
    assert "create wallets" in _problem(wallet, 403, "permission_denied")
    withdraw = signed.post("/withdraw/create", WITHDRAW, api_key=key, secret=secret)
    assert (
        _problem(withdraw, 403, "permission_denied") == "This API key is not allowed to withdraw."
    )


@pytest.mark.gateway_emulator(config=_config_with_key(permissions=frozenset({"wallets"})))
def test_a_key_without_read_may_not_list(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.signed.get("/wallets", api_key="extra-key", secret="extra-secret")
    _problem(response, 403, "permission_denied")


def test_checks_run_in_the_documented_order(gateway_emulator: GatewayEmulator) -> None:
    http = gateway_emulator.http
    # A malformed nonce is reported before the (unknown) key.
    headers = {"X-API-Key": "nobody", "X-Signature": "00", "X-Nonce": "x"}
    _problem(http.get(WALLETS, headers=headers), 401, "invalid_nonce")
    # The key before the signature.
    headers = {"X-API-Key": "nobody", "X-Signature": "00", "X-Nonce": "1"}
    _problem(http.get(WALLETS, headers=headers), 401, "unknown_key")
    # The signature before the permission: a forged read-only request learns nothing more.
    forged = gateway_emulator.auth_headers(
        "POST",
        "/api/gateway/withdraw/create",
        body=b"{}",
        content_type="application/json",
        nonce=1,
        api_key="demo-read-key",
        secret="wrong",
    )
    response = http.post("/api/gateway/withdraw/create", content=b"{}", headers=forged)
    _problem(response, 401, "invalid_signature")
    # The permission before input validation.
    signed = gateway_emulator.signed
    response = signed.post(
        "/withdraw/create", {"amount": 5}, api_key="demo-read-key", secret="demo-read-secret"
    )
    _problem(response, 403, "permission_denied")


def _state(emulator: GatewayEmulator) -> dict[str, Any]:
    signed = emulator.signed
    return {
        "balances": emulator.control.balances(1),
        "withdrawals": signed.get("/withdraw/history").json(),
        "wallets": signed.get("/wallets").json(),
        "deliveries": emulator.control.deliveries(),
    }


def test_a_rejected_request_spends_no_nonce_and_moves_no_money(
    gateway_emulator: GatewayEmulator, funded_deposit: Any
) -> None:
    funded_deposit("100")
    before = _state(gateway_emulator)
    signed = gateway_emulator.signed
    high = 10**12
    body = json.dumps(WITHDRAW).encode()
    forged_headers = gateway_emulator.auth_headers(
        "POST",
        "/api/gateway/withdraw/create",
        body=body,
        content_type="application/json",
        nonce=high,
        secret="wrong",
    )
    refused_before_running = [
        gateway_emulator.http.post(
            "/api/gateway/withdraw/create", content=body, headers=forged_headers
        ),
        signed.post(
            "/withdraw/create",
            WITHDRAW,
            nonce=high,
            api_key="demo-read-key",
            secret="demo-read-secret",
        ),
        signed.post("/withdraw/create", {**WITHDRAW, "amount": 22.5}, nonce=high),
        signed.post("/withdraw/create", {**WITHDRAW, "ticker": "usdt"}, nonce=high),
    ]
    assert [response.status_code for response in refused_before_running] == [401, 403, 400, 400]
    # None of them spent the nonce `high`: a lower one is still accepted.
    assert signed.get("/wallets", nonce=high - 1).status_code == 200
    # Requests refused by a business rule ran, so they spent their nonce, but moved nothing.
    over_balance = signed.post("/withdraw/create", {**WITHDRAW, "amount": "20000"}, nonce=high)
    below_minimum = signed.post("/withdraw/create", {**WITHDRAW, "amount": "0.5"})
    for response in (over_balance, below_minimum):
        assert response.status_code == 400, response.text
        assert all(isinstance(messages, list) for messages in response.json().values())
    after = _state(gateway_emulator)
    assert after == before
    assert after["balances"]["USDT"] == Decimal("10100")


def test_a_request_the_domain_refuses_spends_its_nonce_and_writes_nothing(
    gateway_emulator: GatewayEmulator,
) -> None:
    """One request is one transaction (`store.database.unit_of_work`):
    the handler's part rolls back on a domain 400, the nonce consumed before it still commits."""
    signed = gateway_emulator.signed
    before = _state(gateway_emulator)
    nonce = signed.next_nonce() + 10
    too_much = {**WITHDRAW, "amount": "9999"}  # valid input, more than the balance holds
    refused = signed.post("/withdraw/create", too_much, nonce=nonce)
    assert refused.status_code == 400, refused.text
    # the very next request reuses that nonce: it must have been spent
    replayed = signed.get("/wallets", nonce=nonce)
    assert replayed.status_code == 401, (refused.text, replayed.text)
    assert replayed.json()["code"] == "nonce_too_small"
    assert _state(gateway_emulator) == before
