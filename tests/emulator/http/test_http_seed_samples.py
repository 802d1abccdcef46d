"""The emulator accepts requests built exactly as the seed documentation's samples build them:
the Python one (``requests``, form bodies, its ``get_auth_headers``) and the JavaScript one
(``serializePayload``/``encodeURIComponent``), run by node against a live loopback server."""

from __future__ import annotations

import hmac
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from time import sleep, time
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from bitexbit_emulator.pytest_plugin import GatewayEmulator

SEED_CLIENT_JS = Path(__file__).parent / "js" / "seed_client.js"


class SeedPythonSample:
    """The seed's ``get_auth_headers``, copied literally (it is written as a method, ``self``
    first) with only 'your key' / 'your keys secret' replaced by the demo key and secret."""

    # fmt: off
    def get_auth_headers(self, data = {}):  # type: ignore[no-untyped-def]  # noqa: B006
            msg = 'demo-key' + urlencode(sorted(data.items(), key=lambda val: val[0]))

            sign = hmac.new('demo-secret'.encode(), msg.encode(), digestmod='sha256').hexdigest()  # noqa: UP012

            return {
                'X-API-Key': 'demo-key',
                'X-Signature': sign,
                'X-Nonce': str(int(time() * 1000)),
            }
    # fmt: on


SeedHeaders = Callable[[dict[str, Any]], dict[str, str]]
get_auth_headers: SeedHeaders = SeedPythonSample().get_auth_headers


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

    body: dict[str, Any] = {
        "ticker": "ETH",
        "network": "ethereum",
        "convert_ticker": "USDT",
        "convert_limit": 10000,
        "convert_percent": 2,
    }
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

    body = {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "payment_id": "",
        "memo": "",
        "comment": "Call after success",
        "destination_tag": "",
        "amount": 22,
        "client_order_id": "order_123",
        "fee_payer": 1,
        "auto_buy_ticker": "ETH",
        "auto_buy_percent": 10,
    }
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
