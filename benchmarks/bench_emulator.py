"""Emulator throughput over loopback, against a hello-world ASGI app served the same way.

    uv run python benchmarks/bench_emulator.py [--requests 1500] [--clients 4] [--rounds 3]

Each app runs in its own uvicorn process on 127.0.0.1 (one worker, the same settings); this
process drives it with a few concurrent ``httpx.AsyncClient``s, one API key each (a key's nonces
must arrive in order). The emulator runs with rate limits off, manual transitions, an in-memory
database and enough balance on every key's account. Printed: requests per second of signed
``GET /api/gateway/wallets`` and ``POST /api/gateway/withdraw/create`` and their ratio to the
hello-world baseline, plus the cost of one request-body validation with ``jsonschema`` and with
``jsonschema-rs`` (why the emulator uses the latter). Request counts are bounded; every server
is stopped at the end. On demand only: speed is never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import time
import timeit
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

LOOPBACK = "127.0.0.1"
BENCH_ACCOUNTS = 8
SERVE_FLAG = "--serve"

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def hello_world(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """The baseline: the smallest JSON-answering ASGI app."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b'{"hello":"world"}'
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def bench_keys() -> list[tuple[str, str]]:
    return [(f"bench-key-{index}", f"bench-secret-{index}") for index in range(BENCH_ACCOUNTS)]


def emulator_app() -> Any:
    """The emulator as served here: default catalogue, funded bench accounts, no rate limits."""
    from bitexbit_emulator import EmulatorConfig, Sandbox, create_app
    from bitexbit_emulator.config import AccountConfig, ApiKeyConfig

    config = EmulatorConfig.load(None)
    accounts = tuple(
        AccountConfig(
            name=f"bench-{index}",
            keys=(ApiKeyConfig(api_key=key, secret=secret),),
            balances={"USDT": Decimal("10000000")},
        )
        for index, (key, secret) in enumerate(bench_keys())
    )
    config = dataclasses.replace(
        config,
        accounts=config.accounts + accounts,
        rate_limits=dataclasses.replace(config.rate_limits, enabled=False),
    )
    return create_app(Sandbox(config, database_url="sqlite://"), validate_responses=False)


def serve(which: str, port: int) -> None:
    """Child process: serve one app with uvicorn until terminated."""
    import uvicorn
    from bitexbit_emulator.serving import server_config

    application = hello_world if which == "hello" else emulator_app()
    config = server_config(
        application, host=LOOPBACK, port=port, log_level="warning", access_log=False
    )
    uvicorn.Server(config).run()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    def __init__(self, which: str) -> None:
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._process = subprocess.Popen(  # noqa: S603 - this script, loopback only
            [sys.executable, __file__, SERVE_FLAG, which, str(self.port)],
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def wait_ready(self, probe_path: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("the server process exited during startup")
            try:
                httpx.get(self.url + probe_path, timeout=1.0, trust_env=False)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"the server on {self.url} did not start")

    def stop(self) -> None:
        self._process.send_signal(signal.SIGINT)
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(10)


@dataclass(frozen=True)
class Outcome:
    label: str
    requests: int
    seconds: float
    failures: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


RequestFactory = Callable[[int, int], tuple[str, str, bytes, dict[str, str]]]
"""(client index, nonce) -> (method, path with query, body, headers)."""


async def drive(
    base_url: str, label: str, total: int, clients: int, build: RequestFactory, ok: set[int]
) -> Outcome:
    per_client = total // clients
    failures = 0

    async def one_client(index: int) -> None:
        nonlocal failures
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base_url, limits=limits, trust_env=False) as client:
            for nonce in range(1, per_client + 1):
                method, path, body, headers = build(index, nonce)
                response = await client.request(method, path, content=body, headers=headers)
                if response.status_code not in ok:
                    failures += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_client(index) for index in range(clients)))
    elapsed = time.perf_counter() - started
    return Outcome(label, per_client * clients, elapsed, failures)


def signed_get(path: str) -> RequestFactory:
    from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers

    def build(index: int, nonce: int) -> tuple[str, str, bytes, dict[str, str]]:
        key, secret = bench_keys()[index]
        headers = auth_headers(
            secret=secret,
            api_key=key,
            scheme=SignatureScheme.PARAMS,
            encoder=ParamEncoder.PYTHON,
            method="GET",
            path=path,
            query="",
            content_type=None,
            body=b"",
            nonce=nonce,
        )
        return "GET", path, b"", headers

    return build


def signed_withdraw(path: str) -> RequestFactory:
    from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers

    def build(index: int, nonce: int) -> tuple[str, str, bytes, dict[str, str]]:
        key, secret = bench_keys()[index]
        body = json.dumps(
            {
                "ticker": "USDT",
                "network": "tron",
                "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
                "amount": "22",
                "comment": "Call after success",
                "client_order_id": f"bench-{index}-{nonce}",
            }
        ).encode()
        headers = auth_headers(
            secret=secret,
            api_key=key,
            scheme=SignatureScheme.PARAMS,
            encoder=ParamEncoder.PYTHON,
            method="POST",
            path=path,
            query="",
            content_type="application/json",
            body=body,
            nonce=nonce,
        )
        return "POST", path, body, {**headers, "Content-Type": "application/json"}

    return build


def plain_get(path: str) -> RequestFactory:
    def build(index: int, nonce: int) -> tuple[str, str, bytes, dict[str, str]]:
        return "GET", path, b"", {}

    return build


def validator_costs(repeats: int = 3000) -> tuple[float, float]:
    """Microseconds per valid withdraw-create body: (jsonschema, jsonschema-rs)."""
    import jsonschema
    import jsonschema_rs
    from bitexbit_emulator.specs import GATEWAY_SPEC, load_spec

    document = load_spec(GATEWAY_SPEC)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        "$ref": "#/components/schemas/WithdrawCreateRequest",
    }
    body = {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "amount": "22",
        "comment": "Call after success",
        "client_order_id": "order_123",
        "fee_payer": 1,
        "auto_buy_ticker": "ETH",
        "auto_buy_percent": "10",
    }
    python_validator = jsonschema.Draft202012Validator(schema)
    rust_validator = jsonschema_rs.validator_for(schema)
    assert python_validator.is_valid(body)
    assert rust_validator.is_valid(body)
    python_us = timeit.timeit(lambda: python_validator.is_valid(body), number=repeats)
    rust_us = timeit.timeit(lambda: rust_validator.is_valid(body), number=repeats)
    return python_us / repeats * 1e6, rust_us / repeats * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1500, help="per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (best kept)")
    parser.add_argument("--clients", type=int, default=4, help=f"at most {BENCH_ACCOUNTS}")
    arguments = parser.parse_args()
    clients = max(1, min(arguments.clients, BENCH_ACCOUNTS))
    total = max(clients, arguments.requests)

    hello = ServerProcess("hello")
    emulator = ServerProcess("emulator")
    wallets = "/api/gateway/wallets"
    withdraw = "/api/gateway/withdraw/create"
    nonce_offset = 0

    def measure(label: str, base_url: str, build: RequestFactory, ok: set[int]) -> Outcome:
        nonlocal nonce_offset
        offset = nonce_offset
        nonce_offset += total + 1

        def shifted(index: int, nonce: int) -> tuple[str, str, bytes, dict[str, str]]:
            return build(index, nonce + offset)

        return asyncio.run(drive(base_url, label, total, clients, shifted, ok))

    best: dict[str, Outcome] = {}
    failures = 0
    try:
        hello.wait_ready("/")
        emulator.wait_ready("/_emulator/health")
        # Warm both servers (imports, caches, connections) before timing.
        measure("warm", hello.url, plain_get("/"), {200})
        measure("warm", emulator.url, signed_get(wallets), {200})
        # Interleaved rounds, best of each: other load on the machine hits all three alike.
        for _ in range(arguments.rounds):
            for outcome in (
                measure("hello-world GET /", hello.url, plain_get("/"), {200}),
                measure("emulator signed GET /wallets", emulator.url, signed_get(wallets), {200}),
                measure(
                    "emulator signed POST /withdraw/create",
                    emulator.url,
                    signed_withdraw(withdraw),
                    {201},
                ),
            ):
                failures += outcome.failures
                current = best.get(outcome.label)
                if current is None or outcome.per_second > current.per_second:
                    best[outcome.label] = outcome
    finally:
        hello.stop()
        emulator.stop()

    baseline = best["hello-world GET /"]
    print(
        f"loopback, one uvicorn process per app, {clients} concurrent clients, "
        f"best of {arguments.rounds} rounds of {total} requests"
    )
    for outcome in best.values():
        ratio = outcome.per_second / baseline.per_second
        print(
            f"  {outcome.label:<40} {outcome.per_second:8.0f} req/s  "
            f"({outcome.seconds * 1000 / outcome.requests:5.2f} ms/req)  ratio {ratio:5.2f}"
        )
    python_us, rust_us = validator_costs()
    print(
        f"  body validation (WithdrawCreateRequest): jsonschema {python_us:.1f} us, "
        f"jsonschema-rs {rust_us:.2f} us (x{python_us / rust_us:.0f})"
    )
    if failures:
        print(f"  {failures} requests failed")
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == SERVE_FLAG:
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        main()
