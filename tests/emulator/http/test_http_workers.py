"""`serve --workers N`: one state on one file database, TCP_NODELAY kept, in-memory refused.

The multi-worker check starts a real `bitexbit-emulator serve --workers 2` (bounded: a few
dozen requests, each on a new connection so both workers answer), writes through it and reads
back: every read, whichever worker serves it, must show the same wallets, withdrawals and
balances.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from bitexbit_emulator.serving import bind_socket
from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers
from typer.testing import CliRunner

WITHDRAW = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "amount": "22",
}


def test_the_workers_socket_gets_tcp_nodelay_on_every_connection() -> None:
    """uvicorn issue 3149: a listener made with proto 0 loses TCP_NODELAY on accepted sockets."""
    listener = bind_socket("127.0.0.1", 0)
    port = listener.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(main())
    assert listener.proto == socket.IPPROTO_TCP
    assert seen == [1]


@pytest.mark.sqlite
def test_workers_are_refused_on_an_in_memory_database() -> None:
    from bitexbit_emulator.cli import app

    result = CliRunner().invoke(app, ["serve", "--in-memory", "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers" in result.output
    assert "own state" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Client:
    """Signed requests, each on a new connection (so the kernel spreads them over workers)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.nonce = time.time_ns() // 1000

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        self.nonce += 1
        content = b"" if body is None else json.dumps(body).encode()
        headers = auth_headers(
            secret="demo-secret",
            api_key="demo-key",
            scheme=SignatureScheme.PARAMS,
            encoder=ParamEncoder.PYTHON,
            method=method,
            path="/api/gateway" + path,
            query="",
            content_type="application/json" if body is not None else None,
            body=content,
            nonce=self.nonce,
        )
        if body is not None:
            headers["Content-Type"] = "application/json"
        return httpx.request(
            method, self.base + "/api/gateway" + path, content=content, headers=headers, timeout=10
        )


def test_two_workers_serve_one_state(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "bitexbit_emulator",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(tmp_path / "data"),
        "--no-rate-limit",
        "--workers",
        "2",
    ]
    process = subprocess.Popen(  # noqa: S603 - our own server
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "the emulator exited at start"
            try:
                if httpx.get(base + "/_emulator/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the emulator did not start"
            time.sleep(0.1)
        client = _Client(base)
        created = [
            client.call("POST", "/wallet/create", {"ticker": "USDT", "network": "tron"})
            for _ in range(4)
        ]
        assert [response.status_code for response in created] == [201] * 4
        withdrawals = [client.call("POST", "/withdraw/create", WITHDRAW) for _ in range(4)]
        assert [response.status_code for response in withdrawals] == [201] * 4
        reads = []
        for _ in range(12):
            wallets = client.call("GET", "/wallets").json()
            history = client.call("GET", "/withdraw/history").json()
            balances = httpx.get(base + "/_emulator/balances?account_id=1", timeout=10).json()
            reads.append((wallets, history, balances))
        assert all(read == reads[0] for read in reads)
        assert reads[0][0]["count"] == 4
        assert reads[0][1]["count"] == 4
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    pids = {
        line.split("[")[1].split("]")[0]
        for line in output.splitlines()
        if "Started server process" in line
    }
    assert len(pids) == 2, output


def test_reads_on_a_shared_database_spend_their_nonce_after_the_snapshot(tmp_path: Path) -> None:
    """With workers, a read runs in a snapshot and spends its nonce afterwards: a replay is
    still 401, and a read the domain refuses (a page past the last) still spends it."""
    from bitexbit_emulator import EmulatorConfig, Sandbox, create_app
    from bitexbit_emulator.testing.in_process import InProcessTransport

    sandbox = Sandbox(
        EmulatorConfig.load(None),
        database_url=f"sqlite:///{tmp_path / 'emulator.sqlite3'}",
        shared_by_processes=True,
    )
    app = create_app(sandbox, rate_limits=False, background_interval=None)

    def get(client: httpx.Client, path: str, query: str, nonce: int) -> httpx.Response:
        headers = auth_headers(
            secret="demo-secret",
            api_key="demo-key",
            scheme=SignatureScheme.PARAMS,
            encoder=ParamEncoder.PYTHON,
            method="GET",
            path="/api/gateway" + path,
            query=query,
            content_type=None,
            body=b"",
            nonce=nonce,
        )
        return client.get("/api/gateway" + path + ("?" + query if query else ""), headers=headers)

    try:
        transport = InProcessTransport(app)
        with transport, httpx.Client(transport=transport, base_url="http://127.0.0.1") as client:
            assert get(client, "/wallets", "", 10).status_code == 200
            replay = get(client, "/wallets", "", 10)
            assert replay.status_code == 401
            assert replay.json()["code"] == "nonce_too_small"
            assert get(client, "/wallets", "page=5", 11).status_code == 404
            assert get(client, "/wallets", "", 11).json()["code"] == "nonce_too_small"
            assert sandbox.last_nonce("demo-key") == 11
    finally:
        sandbox.close()
