"""The emulator accepts requests built exactly as the seed documentation's samples build them:
the Python one (``requests``, form bodies, its ``get_auth_headers``) and the JavaScript one
(``serializePayload``/``encodeURIComponent``), run by node against a live loopback server.
Both samples' code lives in ``tests/seed_samples``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from time import sleep
from typing import Any

import pytest
import requests
from bitexbit_emulator.pytest_plugin import GatewayEmulator

from tests.seed_samples.seed_python import (
    SEED_WALLET_CREATE_BODY,
    SEED_WITHDRAW_CREATE_BODY,
    seed_get_auth_headers,
)

SEED_CLIENT_JS = Path(__file__).parent / "js" / "seed_client.js"
get_auth_headers = seed_get_auth_headers("demo-key", "demo-secret")


def _next_millisecond() -> None:
    """The seed's nonce is the millisecond clock: two calls in one millisecond would share it."""
    sleep(0.002)


@pytest.mark.gateway_emulator(live=True)
def test_requests_built_like_the_seed_python_sample_are_accepted(
    gateway_emulator: GatewayEmulator,
) -> None:
    base = gateway_emulator.base_url
    assert gateway_emulator.demo_key == "demo-key"

    response = requests.get(base + "/payment-methods", headers=get_auth_headers({}), timeout=10)
    assert response.status_code == 200, response.text
    _next_millisecond()

    body: dict[str, Any] = dict(SEED_WALLET_CREATE_BODY)
    response = requests.post(
        base + "/wallet/create", data=body, headers=get_auth_headers(body), timeout=10
    )
    assert response.status_code == 201, response.text
    wallet = response.json()
    assert (wallet["convert_limit"], wallet["convert_percent"]) == ("10000.00000000", "2.00000000")
    _next_millisecond()

    response = requests.get(base + "/wallets", headers=get_auth_headers({}), timeout=10)
    assert response.json()["results"] == [wallet]
    _next_millisecond()

    gateway_emulator.control.simulate_deposit(wallet["address"], "1.5", txid="seed-tx")
    response = requests.get(base + "/wallet/history", headers=get_auth_headers({}), timeout=10)
    assert [deposit["txid"] for deposit in response.json()["results"]] == ["seed-tx"]
    _next_millisecond()

    body = dict(SEED_WITHDRAW_CREATE_BODY)
    response = requests.post(
        base + "/withdraw/create", data=body, headers=get_auth_headers(body), timeout=10
    )
    assert response.status_code == 201, response.text
    withdraw = response.json()
    assert withdraw["comment"] == "Call after success"
    assert (withdraw["amount"], withdraw["status"], withdraw["payment_id"]) == (
        "22.00000000",
        10,
        None,
    )
    _next_millisecond()

    # The seed's sample POSTs to withdraw/history; the method is GET (a documented seed error).
    response = requests.get(base + "/withdraw/history", headers=get_auth_headers({}), timeout=10)
    assert response.json()["results"] == [withdraw]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.gateway_emulator(live=True)
def test_requests_signed_like_the_seed_javascript_sample_are_accepted(
    gateway_emulator: GatewayEmulator,
) -> None:
    node = shutil.which("node")
    assert node is not None
    completed = subprocess.run(  # noqa: S603 - fixed script, loopback URL
        [node, str(SEED_CLIENT_JS), gateway_emulator.base_url, "demo-key", "demo-secret"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    steps = {step["step"]: step for step in json.loads(completed.stdout)}
    assert {name: step["status"] for name, step in steps.items()} == {
        "methods": 200,
        "wallet": 201,
        "withdraw": 201,
        "history": 200,
    }, steps
    assert steps["wallet"]["body"]["convert_ticker"] == "USDT"
    withdraw = steps["withdraw"]["body"]
    assert withdraw["comment"] == "Call after success"
    assert withdraw["client_order_id"] == "order_123"
    assert steps["history"]["body"]["results"] == [withdraw]
