"""Probes of an attacker holding an ordinary gateway key, against a live emulator over HTTP.

Nothing a gateway key sends may reach the control plane, let the caller pick its own IP,
lock another key out for good, or get a 500.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import json
import time
from decimal import Decimal
from typing import Any

import httpx
import pytest
import yaml
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.callbacks import CALLBACK_USER_AGENT
from bitexbit_emulator.pytest_plugin import EmulatorOptions, GatewayEmulator

pytestmark = pytest.mark.gateway_emulator(live=True)


def _deliver(emulator: GatewayEmulator) -> list[dict[str, Any]]:
    emulator.control.tick()
    return emulator.control.deliveries()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_a_callback_aimed_at_the_emulator_itself_is_refused(
    gateway_emulator: GatewayEmulator, host: str
) -> None:
    port = httpx.URL(gateway_emulator.root_url).port
    signed = gateway_emulator.signed
    target = f"http://{host}:{port}/_emulator/reset"
    wallet = signed.post(
        "/wallet/create", {"ticker": "USDT", "network": "tron", "callback_url": target}
    )
    assert wallet.status_code == 201, wallet.text
    captured_nonce = 10**9
    assert signed.get("/wallets", nonce=captured_nonce).status_code == 200
    gateway_emulator.control.simulate_deposit(wallet.json()["address"], "25")

    (delivery,) = _deliver(gateway_emulator)
    assert delivery["url"] == target
    assert delivery["status"] == "refused", delivery
    # nothing was reset: the wallet is still there and the old nonce is still spent
    assert signed.get("/wallets", nonce=captured_nonce + 1).json()["count"] == 1
    assert signed.get("/wallets", nonce=captured_nonce).status_code == 401


def test_the_control_api_refuses_the_emulators_own_callbacks(
    gateway_emulator: GatewayEmulator,
) -> None:
    refused = gateway_emulator.http.post(
        "/_emulator/reset", headers={"User-Agent": CALLBACK_USER_AGENT}
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert gateway_emulator.http.get("/_emulator/health").status_code == 200


def test_a_callback_to_another_local_port_is_still_sent(gateway_emulator: GatewayEmulator) -> None:
    """The check is aimed at the emulator's own port, not at loopback receivers in general."""
    signed = gateway_emulator.signed
    wallet = signed.post(
        "/wallet/create",
        {"ticker": "USDT", "network": "tron", "callback_url": "http://127.0.0.1:9/hook"},
    )
    gateway_emulator.control.simulate_deposit(wallet.json()["address"], "25")
    (delivery,) = _deliver(gateway_emulator)
    assert delivery["status"] != "refused", delivery  # attempted (nothing listens there)
    assert delivery["attempts"] == 1


def _config_with_key_allowed_only_from(address: str) -> EmulatorConfig:
    text = (
        importlib.resources.files("bitexbit_emulator")
        .joinpath("default_config.yaml")
        .read_text(encoding="utf-8")
    )
    text = text.replace("allowed_ips: [127.0.0.1]", f"allowed_ips: [{address}]")
    return EmulatorConfig.from_mapping(yaml.safe_load(text))


def test_a_spoofed_x_forwarded_for_changes_nothing() -> None:
    options = EmulatorOptions(live=True, config=_config_with_key_allowed_only_from("10.9.9.9"))
    with GatewayEmulator(options) as emulator:
        signed = emulator.signed
        spoofing = {
            "X-Forwarded-For": "10.9.9.9",
            "X-Real-IP": "10.9.9.9",
            "Forwarded": "for=10.9.9.9",
        }
        headers = emulator.auth_headers(
            "GET",
            emulator.gateway_base_path + "/wallets",
            api_key="demo-ip-key",
            secret="demo-ip-secret",
            nonce=int(time.time() * 1000),
        )
        response = emulator.http.get(
            emulator.gateway_base_path + "/wallets", headers={**headers, **spoofing}
        )
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "ip_not_allowed"
        assert signed.get("/wallets").status_code == 200  # other keys are unaffected


def test_a_nonce_with_leading_zeros_is_refused_with_the_reason(
    gateway_emulator: GatewayEmulator,
) -> None:
    headers = gateway_emulator.auth_headers(
        "GET", gateway_emulator.gateway_base_path + "/wallets", nonce=5, scheme="path-nonce-body"
    )
    response = gateway_emulator.http.get(
        gateway_emulator.gateway_base_path + "/wallets", headers={**headers, "X-Nonce": "0005"}
    )
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_nonce"
    assert "leading zeros" in response.json()["detail"]


def test_upper_case_hex_signatures_are_accepted(gateway_emulator: GatewayEmulator) -> None:
    path = gateway_emulator.gateway_base_path + "/wallets"
    headers = gateway_emulator.auth_headers("GET", path, nonce=7)
    headers["X-Signature"] = headers["X-Signature"].upper()
    assert gateway_emulator.http.get(path, headers=headers).status_code == 200


def test_an_optional_ceiling_refuses_far_future_nonces() -> None:
    config = EmulatorConfig.load(None)
    signing = dataclasses.replace(config.signing, max_nonce_ahead_ms=60_000)
    options = EmulatorOptions(live=True, config=dataclasses.replace(config, signing=signing))
    with GatewayEmulator(options) as emulator:
        now = int(time.time() * 1000)
        ahead = emulator.signed.get("/wallets", nonce=now + 3_600_000)
        assert ahead.status_code == 401
        assert ahead.json()["code"] == "nonce_too_far_ahead"
        assert emulator.signed.get("/wallets", nonce=now).status_code == 200
        # small counters (not millisecond timestamps) are not affected
        other = emulator.signed.get("/wallets", nonce=5, api_key="other-key", secret="other-secret")
        assert other.status_code == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/_emulator/balances", {"account_id": "9223372036854775808"}),
        ("/_emulator/balances", {"account_id": "99999999999999999999999"}),
    ],
)
def test_control_ids_beyond_64_bits_are_a_400(
    gateway_emulator: GatewayEmulator, path: str, params: dict[str, str]
) -> None:
    response = gateway_emulator.http.get(path, params=params)
    assert response.status_code == 400
    assert "account_id" in response.json()


def test_a_withdrawal_id_beyond_64_bits_is_a_400(gateway_emulator: GatewayEmulator) -> None:
    response = gateway_emulator.http.post(
        "/_emulator/withdrawals/9223372036854775808/status", json={"status": 30}
    )
    assert response.status_code == 400
    assert "withdraw_id" in response.json()


@pytest.mark.parametrize("fee_payer", [1.0, 2.0])
def test_an_integral_float_fee_payer_is_read_as_the_integer(
    gateway_emulator: GatewayEmulator, fee_payer: float
) -> None:
    body = {"ticker": "USDT", "network": "tron", "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"}
    response = gateway_emulator.signed.post(
        "/withdraw/create", {**body, "amount": "22", "fee_payer": fee_payer}
    )
    assert response.status_code == 201, response.text
    assert response.json()["fee_payer"] == int(fee_payer)


@pytest.mark.parametrize("field", ["comment", "memo", "payment_id"])
@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "nul\x00"])
def test_text_no_database_can_store_is_a_400_and_writes_nothing(
    gateway_emulator: GatewayEmulator, field: str, text: str
) -> None:
    body = {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "amount": "22",
        field: text,
    }
    before = gateway_emulator.control.balances()
    raw = json.dumps(body).encode()  # \\ud800 escaped: valid JSON, not valid Unicode
    response = gateway_emulator.signed.post("/withdraw/create", raw, scheme="path-nonce-body")
    assert response.status_code == 400, response.text
    assert list(response.json()) == [field]
    assert gateway_emulator.control.balances() == before
    assert before["USDT"] == Decimal("10000")
