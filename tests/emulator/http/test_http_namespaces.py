"""Namespaces: isolated sandboxes in one emulator, each under ``/ns/{name}``, made, reset and
deleted through the root control API without touching the others. Driven over HTTP with the
SDK (a base URL with a path prefix) and plain httpx; on SQLite here and on PostgreSQL in the
suite's PostgreSQL run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bitexbit import Gateway
from bitexbit_emulator import EmulatorConfig, Sandbox
from bitexbit_emulator.app import create_app
from bitexbit_emulator.testing.loopback import LoopbackServer

DEMO_KEY, DEMO_SECRET = "demo-key", "demo-secret"


@pytest.fixture
def server() -> Iterator[str]:
    sandbox = Sandbox(EmulatorConfig.load(None), database_url="sqlite://")
    app = create_app(sandbox, rate_limits=False, validate_responses=True, background_interval=0.05)
    with LoopbackServer(app) as running:
        yield running.url
    sandbox.close()


def _gateway(url: str, namespace: str | None) -> Gateway:
    prefix = f"/ns/{namespace}" if namespace else ""
    return Gateway(DEMO_KEY, DEMO_SECRET, base_url=f"{url}{prefix}/api/gateway", rate_limit=False)


class _Fixed:
    """A nonce source that always gives the same nonce."""

    def __init__(self, nonce: int) -> None:
        self.nonce = nonce

    def next_nonce(self) -> int:
        return self.nonce


def _create(url: str, name: str) -> dict[str, Any]:
    response = httpx.post(f"{url}/_emulator/namespaces", json={"name": name})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _wallet_addresses(url: str, namespace: str | None) -> list[str]:
    with _gateway(url, namespace) as gateway:
        return [wallet.address for wallet in gateway.wallets.list()]


def test_namespaces_keep_their_own_state(server: str) -> None:
    made = _create(server, "team_a")
    assert made["gateway_path"] == "/ns/team_a/api/gateway"
    assert made["control_path"] == "/ns/team_a/_emulator"
    _create(server, "team_b")
    listed = httpx.get(f"{server}/_emulator/namespaces").json()
    assert [item["name"] for item in listed] == ["team_a", "team_b"]

    with _gateway(server, "team_a") as gateway:
        wallet = gateway.wallets.create("USDT", "tron")
    assert _wallet_addresses(server, "team_a") == [wallet.address]
    assert _wallet_addresses(server, "team_b") == []
    assert _wallet_addresses(server, None) == []

    # One key, one nonce, three namespaces: each keeps its own last nonce.
    nonce = 10**15
    for namespace in ("team_a", "team_b", None):
        with Gateway(
            DEMO_KEY,
            DEMO_SECRET,
            base_url=f"{server}{f'/ns/{namespace}' if namespace else ''}/api/gateway",
            rate_limit=False,
            nonces=_Fixed(nonce),
        ) as gateway:
            gateway.wallets.list()

    deposit = httpx.post(
        f"{server}/ns/team_a/_emulator/deposits", json={"address": wallet.address, "amount": "25"}
    )
    assert deposit.status_code == 201, deposit.text
    missing = httpx.post(
        f"{server}/ns/team_b/_emulator/deposits", json={"address": wallet.address, "amount": "25"}
    )
    assert missing.status_code == 404


def test_a_namespace_resets_and_deletes_alone(server: str) -> None:
    _create(server, "keep")
    _create(server, "drop")
    for namespace in ("keep", "drop", None):
        with _gateway(server, namespace) as gateway:
            gateway.wallets.create("USDT", "tron")

    assert httpx.post(f"{server}/ns/drop/_emulator/reset").status_code == 200
    assert _wallet_addresses(server, "drop") == []
    assert len(_wallet_addresses(server, "keep")) == 1
    assert len(_wallet_addresses(server, None)) == 1

    with _gateway(server, "drop") as gateway:
        gateway.wallets.create("USDT", "tron")
    assert httpx.delete(f"{server}/_emulator/namespaces/drop").status_code == 204
    gone = httpx.get(f"{server}/ns/drop/api/gateway/payment-methods")
    assert gone.status_code == 404
    assert gone.json() == {"detail": "No namespace 'drop'.", "code": "not_found"}
    assert len(_wallet_addresses(server, "keep")) == 1

    _create(server, "drop")  # the same name again starts empty
    assert _wallet_addresses(server, "drop") == []


def test_namespace_requests_that_cannot_work_get_clear_4xx(server: str) -> None:
    _create(server, "ci_1")
    for name in ("Upper", "has-dash", "", "x" * 41, "../etc"):
        bad = httpx.post(f"{server}/_emulator/namespaces", json={"name": name})
        assert bad.status_code == 400, (name, bad.text)
        assert "name" in bad.json()
    assert httpx.post(f"{server}/_emulator/namespaces", json={"name": "ci_1"}).status_code == 409
    assert httpx.delete(f"{server}/_emulator/namespaces/nothing").status_code == 404
    nested = httpx.post(f"{server}/ns/ci_1/_emulator/namespaces", json={"name": "inner"})
    assert nested.status_code == 404
    assert httpx.get(f"{server}/ns/unknown/_emulator/health").status_code == 404


def test_a_root_reset_removes_every_namespace(server: str) -> None:
    _create(server, "temp")
    assert httpx.post(f"{server}/_emulator/reset").status_code == 200
    assert httpx.get(f"{server}/_emulator/namespaces").json() == []
    assert httpx.get(f"{server}/ns/temp/_emulator/health").status_code == 404


def test_timed_transitions_run_in_a_namespace(server: str) -> None:
    _create(server, "timed")
    mode = httpx.put(
        f"{server}/ns/timed/_emulator/transition-mode", json={"mode": "timed", "delay_seconds": 0.1}
    )
    assert mode.status_code == 200, mode.text
    with _gateway(server, "timed") as gateway:
        withdrawal = gateway.withdrawals.create(
            "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("22")
        )
        deadline = time.monotonic() + 15
        status = withdrawal.status
        while time.monotonic() < deadline:
            status = next(w for w in gateway.withdrawals.list() if w.id == withdrawal.id).status
            if status != withdrawal.status:
                break
            time.sleep(0.1)
    assert status != withdrawal.status, "the background task never moved the namespace's withdrawal"
