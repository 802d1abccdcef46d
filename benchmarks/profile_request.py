"""Where one request's time goes inside the emulator: the app called directly (no sockets).

    uv run python benchmarks/profile_request.py [--requests 3000] [--workload wallets|...]
        [--plain] [--shared]

Builds the emulator on a file database (as `serve` runs it), seeds it like `bench_http.py`,
calls the ASGI app `--requests` times in one event loop, and prints the mean microseconds per
request and cProfile's top functions by cumulative and own time. The load is bounded by
`--requests`; nothing listens on the network.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bitexbit_signing import ParamEncoder, SignatureScheme, auth_headers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bench_http


async def call(app: Any, workload: bench_http.Workload, nonce: int) -> int:
    path, _, query = workload.target.partition("?")
    headers = auth_headers(
        secret="bench-secret-00",
        api_key="bench-key-00",
        scheme=SignatureScheme.PARAMS,
        encoder=ParamEncoder.PYTHON,
        method=workload.method,
        path=path,
        query=query,
        content_type=workload.content_type,
        body=workload.body,
        nonce=nonce,
    )
    raw_headers = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    if workload.content_type:
        raw_headers.append((b"content-type", workload.content_type.encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": workload.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": raw_headers,
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8765),
        "root_path": "",
    }
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": workload.body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workload", choices=("wallets", "history", "withdraw"), default="wallets")
    parser.add_argument("--plain", action="store_true", help="time only, no profiler")
    parser.add_argument(
        "--shared",
        action="store_true",
        help="the database as `--workers` opens it (shared by processes: a read snapshot, then"
        " a short write for the nonce); no other process writes during the run",
    )
    args = parser.parse_args()
    workload = {
        "wallets": bench_http.WORKLOADS[0],
        "history": bench_http.WORKLOADS[1],
        "withdraw": bench_http.WORKLOADS[2],
    }[args.workload]
    from bitexbit_emulator import EmulatorConfig, Sandbox, create_app

    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        config_path = bench_http.write_emulator_config(directory)
        bench_http.seed_emulator(config_path, directory / "data")
        sandbox = Sandbox(
            EmulatorConfig.load(config_path),
            database_url=f"sqlite:///{directory / 'data' / 'emulator.sqlite3'}",
            shared_by_processes=args.shared,
        )
        app = create_app(sandbox, rate_limits=False, background_interval=None)
        base = time.time_ns() // 1000

        async def run(count: int, offset: int) -> None:
            for number in range(count):
                status = await call(app, workload, base + offset + number)
                if status >= 300:
                    raise SystemExit(f"unexpected status {status}")

        asyncio.run(run(200, 0))  # warm-up: caches, compiled statements
        profiler = cProfile.Profile()
        started = time.perf_counter()
        if not args.plain:
            profiler.enable()
        asyncio.run(run(args.requests, 1000))
        profiler.disable()
        elapsed = time.perf_counter() - started
        sandbox.close()
    label = ("unprofiled" if args.plain else "profiled") + (", shared" if args.shared else "")
    print(f"{workload.name}: {elapsed / args.requests * 1e6:,.0f} us per request ({label})")
    if args.plain:
        return
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
