"""A `kill -9` in the middle of writes leaves every balance row equal to its ledger entries.

A real `bitexbit-emulator serve` process on a file database takes concurrent withdrawals (two
keys, two accounts) and balance adjustments, and is killed with SIGKILL while they run. The
database is then opened again: each (account, ticker) balance row must equal the sum of its
ledger entries and none may be negative - the row and the entries commit together or not at
all. Bounded: at most 150 requests per client, and the server is killed after 1.5 s.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from bitexbit_emulator import EmulatorConfig, Sandbox
from bitexbit_emulator.domain import ledger
from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers

WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
}
MAX_REQUESTS = 150


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the emulator exited at start"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the emulator did not start listening")


def _withdraw_loop(base: str, api_key: str, secret: str, stop: threading.Event) -> None:
    body = json.dumps(WITHDRAW).encode()
    nonce = time.time_ns() // 1000
    with httpx.Client(base_url=base, timeout=5) as client:
        for _ in range(MAX_REQUESTS):
            if stop.is_set():
                return
            nonce += 1
            headers = auth_headers(
                secret=secret,
                api_key=api_key,
                scheme=SignatureScheme.PARAMS,
                encoder=ParamEncoder.PYTHON,
                method="POST",
                path="/api/gateway/withdraw/create",
                query="",
                content_type="application/json",
                body=body,
                nonce=nonce,
            )
            headers["Content-Type"] = "application/json"
            try:
                client.post("/api/gateway/withdraw/create", content=body, headers=headers)
            except httpx.HTTPError:
                return  # the server is gone


def _adjust_loop(base: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=base, timeout=5) as client:
        for number in range(MAX_REQUESTS):
            if stop.is_set():
                return
            fields = {"account_id": 1 + number % 2, "ticker": "USDT", "amount": "1.5"}
            try:
                client.post("/_emulator/balances/adjust", json=fields)
            except httpx.HTTPError:
                return


def test_balances_equal_the_ledger_after_a_kill_9(tmp_path: Path) -> None:
    port = _free_port()
    data_dir = tmp_path / "data"
    command = [
        sys.executable,
        "-m",
        "bitexbit_emulator",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--no-rate-limit",
    ]
    process = subprocess.Popen(  # noqa: S603 - our own server
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_listening(port, process)
        base = f"http://127.0.0.1:{port}"
        stop = threading.Event()
        clients = [
            threading.Thread(target=_withdraw_loop, args=(base, key, secret, stop))
            for key, secret in (("demo-key", "demo-secret"), ("other-key", "other-secret"))
        ]
        clients.append(threading.Thread(target=_adjust_loop, args=(base, stop)))
        for client in clients:
            client.start()
        time.sleep(1.5)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        stop.set()
        for client in clients:
            client.join(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    sandbox = Sandbox(
        EmulatorConfig.load(None), database_url=f"sqlite:///{data_dir / 'emulator.sqlite3'}"
    )
    try:
        with sandbox.database.read() as connection:
            summed = ledger.summed_balances(connection)
            kept = {
                (account_id, ticker): amount
                for account_id in {account for account, _ in summed}
                for ticker, amount in ledger.balances_of(connection, account_id).items()
            }
            withdrawals = connection.exec_driver_sql("SELECT count(*) FROM withdrawals").scalar()
    finally:
        sandbox.close()
    assert withdrawals, "no withdrawal was written before the kill: the test proved nothing"
    assert kept == summed
    assert all(amount >= 0 for amount in kept.values())
