"""State on a file database outlives the app: a nonce accepted before a restart stays spent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bitexbit_emulator.pytest_plugin import EmulatorOptions, GatewayEmulator


def test_nonces_and_state_persist_across_a_restart(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'emulator.sqlite3'}"
    options = EmulatorOptions(database_url=database_url)
    with GatewayEmulator(options) as first_run:
        assert first_run.signed.get("/wallets", nonce=500).status_code == 200
        created = first_run.signed.post(
            "/wallet/create", {"ticker": "BTC", "network": "bitcoin"}, nonce=501
        )
        assert created.status_code == 201
    with GatewayEmulator(options) as second_run:
        replay = second_run.signed.get("/wallets", nonce=501)
        assert replay.status_code == 401
        assert replay.json()["code"] == "nonce_too_small"
        wallets = second_run.signed.get("/wallets", nonce=502).json()
        assert [wallet["address"] for wallet in wallets["results"]] == [created.json()["address"]]


@pytest.mark.gateway_emulator(live=True)
def test_a_live_emulator_serves_over_loopback(gateway_emulator: GatewayEmulator) -> None:
    assert gateway_emulator.base_url.startswith("http://127.0.0.1:")
    assert gateway_emulator.signed.get("/payment-methods").status_code == 200


@pytest.mark.gateway_emulator(live=True, transition_mode="timed", delay_seconds=0.05)
def test_a_live_emulator_moves_timed_transitions_in_the_background(
    gateway_emulator: GatewayEmulator,
) -> None:
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "BTC", "network": "bitcoin"})
    gateway_emulator.control.simulate_deposit(wallet.json()["address"], "0.5", txid="bg-tx")
    deadline = time.monotonic() + 5
    status = None
    while time.monotonic() < deadline:
        status = gateway_emulator.signed.get("/wallet/history").json()["results"][0]["status"]
        if status == 5:
            break
        time.sleep(0.05)
    assert status == 5  # confirmed by the app's background task, without any /tick call
