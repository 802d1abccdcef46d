"""The emulator's HTTP speed, measured with a native load generator next to its baselines.

    uv run python benchmarks/bench_http.py [--duration 10] [--rounds 3] [--connections 1,10,50]
        [--servers emulator,prism,prism-silent,hello-starlette,hello-asgi]
        [--skip-scale | --only-scale] [--skip-workers] [--workers-rounds 6]
        [--ledger-rows 1000000] [--history-rows 100000] [--skip-shared] [--itemise-statuses]

To measure another version of the emulator with the same baselines, put its source first on
the path: `PYTHONPATH=/path/to/old/emulator uv run python benchmarks/bench_http.py ...`.

Load comes from Debian's `wrk` (installed with apt-get when missing and running as root), one
thread per connection and one API key per connection, signed with a precomputed signature and
an increasing nonce per request (`benchmarks/wrk/signed.lua`). Servers, each in its own
process on 127.0.0.1, all kept running and measured in interleaved rounds (every round runs
every workload on every server in turn, so drift hits all alike):

* `emulator`: `bitexbit-emulator serve` as a user starts it (file database, rate limits off);
* `prism` / `prism-silent`: Prism from `benchmarks/prism/package.json` on the same spec,
  `--multiprocess=false` (its default crashes here), default logging / `-v silent`;
* `hello-starlette` / `hello-asgi`: `benchmarks/baselines.py` on the emulator's own uvicorn
  settings.

Printed: per workload and connection count, the median over rounds of req/s, p50/p99 latency,
server CPU per request, and the ratios emulator/Prism and emulator/hello-world. Then the
scale checks: withdraw create with an empty ledger vs 1M ledger rows (and a concurrent read's
p99), page 1 vs a middle and the last page of a 100k-withdrawal history, `--workers 2` vs
one worker (and two separate emulators on separate files: the most two processes serve on
this machine with the load generator beside them), 1/2/3 instances on one PostgreSQL
database (a throwaway cluster, when the server binaries are installed), and the emulator's
RSS before and after the run.

Every run is bounded by `--duration` seconds and wrk's own timeout; every server is stopped at
the end. On demand only (`make bench`): speed is never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = ROOT / "benchmarks" / "wrk" / "signed.lua"
PRISM_DIR = ROOT / "benchmarks" / "prism"
SPEC = ROOT / "openapi" / "gateway.yaml"
LOOPBACK = "127.0.0.1"
GATEWAY = "/api/gateway"
MAX_CONNECTIONS = 50
TRON_ADDRESS = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ITEMISE_STATUSES = False
"""Count answers by status code in wrk's Lua (``--itemise-statuses``): costs wrk CPU per request."""
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Workload:
    name: str
    method: str
    path: str
    query: str = ""
    content_type: str | None = None
    body: bytes = b""

    @property
    def target(self) -> str:
        return GATEWAY + self.path + (f"?{self.query}" if self.query else "")


_WITHDRAW = {"ticker": "USDT", "network": "tron", "address": TRON_ADDRESS, "amount": "25"}
WORKLOADS = (
    Workload("GET /wallets", "GET", "/wallets"),
    Workload(
        "GET /wallet/history?filters",
        "GET",
        "/wallet/history",
        query="ticker=USDT&network=tron&status=5&limit=20",
    ),
    Workload(
        "POST /withdraw/create form",
        "POST",
        "/withdraw/create",
        content_type="application/x-www-form-urlencoded",
        body="&".join(f"{k}={v}" for k, v in _WITHDRAW.items()).encode(),
    ),
    Workload(
        "POST /withdraw/create JSON",
        "POST",
        "/withdraw/create",
        content_type="application/json",
        body=json.dumps({**_WITHDRAW, "amount": 25}).encode(),
    ),
)


# --- tools ------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The wrk binary; installed from Debian's package when missing (as root), like Chromium."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk (apt-get install -y wrk) ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", "wrk"],  # noqa: S607
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is missing: install Debian's `wrk` package (apt-get install wrk)")
    return found


def ensure_prism() -> Path:
    """Prism as pinned in benchmarks/prism/package.json (npm ci on first use)."""
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        npm = shutil.which("npm") or sys.exit("npm is missing: Prism needs Node.js 20 and npm")
        print("installing Prism (npm ci in benchmarks/prism) ...", flush=True)
        subprocess.run(  # noqa: S603 - fixed arguments
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=PRISM_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def _process_tree(pid: int) -> list[int]:
    """`pid` and its live descendants (uvicorn workers, Prism's node)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def tree_cpu_seconds(pid: int) -> float:
    total = 0
    for member in _process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLOCK_TICKS


def tree_rss_mb(pid: int) -> float:
    total = 0
    for member in _process_tree(pid):
        try:
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1])
        except OSError:
            continue
    return total * PAGE_SIZE / 1e6


# --- servers ----------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    argv: list[str]
    port: int
    base: str
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own servers, built above
            self.argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **self.env},
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start ({self.process.returncode})")
            try:
                # an HTTP answer, not just an open port: with --workers the parent listens
                # before any worker can answer
                with socket.create_connection((LOOPBACK, self.port), timeout=2) as probe:
                    probe.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                    if probe.recv(16).startswith(b"HTTP/"):
                        time.sleep(0.3)
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not listen on {self.port} within {timeout} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


def bench_keys(count: int = MAX_CONNECTIONS) -> list[tuple[str, str]]:
    return [(f"bench-key-{index:02d}", f"bench-secret-{index:02d}") for index in range(count)]


def write_emulator_config(directory: Path) -> Path:
    """The packaged config with one funded account per connection and rate limits off."""
    from importlib import resources

    text = resources.files("bitexbit_emulator").joinpath("default_config.yaml").read_text()
    config = yaml.safe_load(text)
    config["accounts"] = [
        {
            "name": f"bench-{index:02d}",
            "keys": [
                {"api_key": key, "secret": secret, "permissions": ["read", "wallets", "withdraw"]}
            ],
            "balances": {"USDT": "1000000000", "ETH": "1000"},
        }
        for index, (key, secret) in enumerate(bench_keys())
    ]
    config["rate_limits"]["enabled"] = False
    path = directory / "bench-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def seed_emulator(
    config_path: Path,
    data_dir: Path,
    ledger_rows: int = 0,
    withdrawals: int = 0,
    database_url: str | None = None,
) -> None:
    """Wallets and confirmed deposits for every bench account (what the GETs list), written
    through the Sandbox into the file database the server then opens; `ledger_rows` extra
    ledger entries (net zero) on the first account for the growth check, and `withdrawals`
    withdrawals on it."""
    from bitexbit_emulator import EmulatorConfig, Sandbox
    from bitexbit_emulator.domain.wallets import WalletRequest

    try:
        from bitexbit_emulator.domain.deposits import SimulatedDeposit

        def simulate(sandbox: Any, **fields: Any) -> None:
            sandbox.simulate_deposit(SimulatedDeposit.from_input(fields))
    except ImportError:  # an emulator from before typed control requests (a "before" run)

        def simulate(sandbox: Any, **fields: Any) -> None:
            sandbox.simulate_deposit(**fields)

    data_dir.mkdir(parents=True, exist_ok=True)
    config = EmulatorConfig.load(config_path)
    url = database_url or f"sqlite:///{data_dir / 'emulator.sqlite3'}"
    sandbox = Sandbox(config, database_url=url)
    try:
        accounts = {str(a["name"]): int(str(a["id"])) for a in sandbox.accounts()}
        for index, (key, _) in enumerate(bench_keys()):
            account_id = accounts[f"bench-{index:02d}"]
            wallets = [
                sandbox.create_wallet(
                    account_id, key, WalletRequest.from_input({"ticker": t, "network": n})
                )
                for t, n in (("USDT", "tron"), ("ETH", "ethereum"), ("USDT", "ethereum"))
            ]
            for number in range(30):
                simulate(
                    sandbox,
                    address=wallets[0]["address"],
                    amount=Decimal(10 + number),
                    confirmations=1000,
                )
        if ledger_rows:
            _grow_ledger(sandbox, accounts["bench-00"], ledger_rows)
        if withdrawals:
            from bitexbit_emulator.domain.withdrawals import WithdrawRequest

            for _ in range(withdrawals):
                sandbox.create_withdraw(
                    accounts["bench-00"],
                    bench_keys()[0][0],
                    WithdrawRequest.from_input(
                        {**_WITHDRAW, "amount": Decimal(_WITHDRAW["amount"])}
                    ),
                )
    finally:
        sandbox.close()


def _grow_ledger(sandbox: Any, account_id: int, rows: int) -> None:
    from datetime import UTC, datetime

    from bitexbit_emulator.store.tables import ledger_entries

    now = datetime.now(UTC)
    batch = 50_000
    with sandbox.database.write() as connection:
        for start in range(0, rows, batch):
            connection.execute(
                ledger_entries.insert(),
                [
                    {
                        "account_id": account_id,
                        "ticker": "USDT",
                        "amount": Decimal(1 if number % 2 == 0 else -1),
                        "kind": "bench",
                        "reference_type": None,
                        "reference_id": None,
                        "note": None,
                        "created_at": now,
                    }
                    for number in range(start, min(start + batch, rows))
                ],
            )


def _grow_withdrawals(data_dir: Path, account_name: str, rows: int) -> None:
    """`rows` copies of one withdrawal on the account (straight into the table: the check is
    about reading a long history, not about making one)."""
    from bitexbit_emulator import EmulatorConfig, Sandbox
    from bitexbit_emulator.store.tables import withdrawals
    from sqlalchemy import select

    sandbox = Sandbox(
        EmulatorConfig.load(), database_url=f"sqlite:///{data_dir / 'emulator.sqlite3'}"
    )
    try:
        with sandbox.database.write() as connection:
            account = next(a for a in sandbox.accounts() if a["name"] == account_name)
            template = (
                connection.execute(
                    select(withdrawals).where(withdrawals.c.account_id == account["id"]).limit(1)
                )
                .mappings()
                .first()
            )
            if template is None:
                raise RuntimeError("the seed made no withdrawal to copy")
            row = {key: value for key, value in template.items() if key != "id"}
            numbered = "account_seq" in row  # each row's number on its account (newer emulators)
            batch = 20_000
            for start in range(0, rows, batch):
                size = min(batch, rows - start)
                copies = (
                    [
                        {**row, "account_seq": row["account_seq"] + start + n + 1}
                        for n in range(size)
                    ]
                    if numbered
                    else [row] * size
                )
                connection.execute(withdrawals.insert(), copies)
    finally:
        sandbox.close()


def history_paging(wrk: str, scratch: Path, config: Path, duration: float, rows: int) -> None:
    """GET /withdraw/history at 1 connection: page 1 against a page in the middle and the
    last page of a `rows`-withdrawal history (pages are found by key: they should cost alike)."""
    limit = 20
    last = -(-rows // limit)
    print(f"\nHistory paging: GET /withdraw/history, {rows:,} withdrawals, limit {limit}, 1 conn")
    data = scratch / "paging"
    seed_emulator(config, data, withdrawals=1)
    _grow_withdrawals(data, "bench-00", rows - 1)
    server = emulator_server(config, data)
    figures: dict[int, Result] = {}
    with running([server]):
        for page in (1, last // 2, last):
            workload = Workload(
                f"page {page}", "GET", "/withdraw/history", query=f"limit={limit}&page={page}"
            )
            figures[page] = run_wrk(wrk, server, workload, 1, duration, scratch)
            result = figures[page]
            print(
                f"  page {page:>7,}: {result.per_second:>7,.0f}/s p50 {result.p50_ms:.2f} ms"
                f" p99 {result.p99_ms:.2f} ms{_ok_share(result)}"
            )
    first = figures[1].per_second
    print(
        "  cost ratio (page / page 1): "
        + ", ".join(
            f"page {page:,} {first / result.per_second:.2f}x"
            for page, result in figures.items()
            if page != 1
        )
    )


def emulator_server(config_path: Path, data_dir: Path, *, workers: int = 1) -> Server:
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "bitexbit_emulator",
        "serve",
        "--port",
        str(port),
        "--config",
        str(config_path),
        "--data-dir",
        str(data_dir),
        "--no-rate-limit",
    ]
    if workers != 1:
        argv += ["--workers", str(workers)]
    name = "emulator" if workers == 1 else f"emulator --workers {workers}"
    return Server(name, argv, port, GATEWAY)


def prism_server(binary: Path, *, silent: bool) -> Server:
    port = free_port()
    argv = [str(binary), "mock", "--multiprocess=false", "-h", LOOPBACK, "-p", str(port)]
    if silent:
        argv += ["-v", "silent"]
    argv.append(str(SPEC))
    return Server("prism-silent" if silent else "prism", argv, port, "")


def hello_server(which: str) -> Server:
    port = free_port()
    argv = [sys.executable, str(Path(__file__).resolve()), "--serve", which, str(port)]
    return Server(which, argv, port, GATEWAY)


def serve_baseline(which: str, port: int) -> None:
    """The `--serve` entry point: a baseline on the emulator's uvicorn settings."""
    import uvicorn

    sys.path.insert(0, str(ROOT))
    from bitexbit_emulator.serving import server_config

    from benchmarks.baselines import hello_asgi, hello_starlette

    app = {"hello-asgi": hello_asgi, "hello-starlette": hello_starlette}[which]
    uvicorn.Server(server_config(app, host=LOOPBACK, port=port, log_level="info")).run()


# --- load -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    """Socket errors and timeouts."""
    failed: int
    """Answers with a status above 399, counted by wrk itself."""
    statuses: dict[int, int]
    """Answers by status code, only with ``--itemise-statuses`` (see ``benchmarks/wrk``)."""
    cpu_us: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _keys_file(directory: Path, workload: Workload, connections: int, offset: int = 0) -> Path:
    from bitexbit_signing import ParamEncoder, SignatureScheme, sign_request

    path, _, query = workload.target.partition("?")
    lines = []
    for key, secret in bench_keys()[offset : offset + connections]:
        signature = sign_request(
            secret=secret,
            api_key=key,
            scheme=SignatureScheme.PARAMS,
            encoder=ParamEncoder.PYTHON,
            method=workload.method,
            path=path,
            query=query,
            content_type=workload.content_type,
            body=workload.body,
            nonce=0,
        )
        lines.append(f"{key} {signature}")
    shape = abs(hash((workload.target, workload.method, workload.content_type)))
    keys = directory / f"keys-{offset}-{connections}-{shape}.txt"
    keys.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return keys


def run_wrk(
    wrk: str,
    server: Server,
    workload: Workload,
    connections: int,
    duration: float,
    scratch: Path,
    *,
    key_offset: int = 0,
) -> Result:
    body_file = "-"
    if workload.body:
        body_path = scratch / f"body-{abs(hash(workload.body))}.bin"
        body_path.write_bytes(workload.body)
        body_file = str(body_path)
    keys = _keys_file(scratch, workload, connections, key_offset)
    # the emulator and the baselines serve under /api/gateway; Prism serves the spec's paths
    target = workload.target if server.base else workload.target.removeprefix(GATEWAY)
    command = [
        wrk,
        "-t",
        str(connections),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(duration))}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        f"http://{LOOPBACK}:{server.port}/",
        "--",
        workload.method,
        target,
        workload.content_type or "-",
        body_file,
        str(time.time_ns() // 1000),
        str(keys),
    ]
    if ITEMISE_STATUSES:
        command.append("itemise")
    cpu_before = tree_cpu_seconds(server.pid)
    completed = subprocess.run(  # noqa: S603 - wrk with arguments built here
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    cpu_after = tree_cpu_seconds(server.pid)
    line = next((text for text in completed.stdout.splitlines() if text.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(
            f"wrk failed against {server.name}: {completed.stderr or completed.stdout}"
        )
    values = dict(part.split("=", 1) for part in line.split()[1:])
    statuses: dict[int, int] = {}
    for item in filter(None, values["statuses"].split(",")):  # one entry per thread
        code, count = item.split(":")
        statuses[int(code)] = statuses.get(int(code), 0) + int(count)
    requests = int(values["requests"])
    return Result(
        requests=requests,
        seconds=int(values["duration_us"]) / 1e6,
        p50_ms=int(values["p50_us"]) / 1000,
        p99_ms=int(values["p99_us"]) / 1000,
        errors=int(values["errors"]),
        failed=int(values["failed"]),
        statuses=statuses,
        cpu_us=(cpu_after - cpu_before) / requests * 1e6 if requests else 0.0,
    )


def _median(results: Sequence[Result]) -> Result:
    ordered = sorted(results, key=lambda result: result.per_second)
    return ordered[len(ordered) // 2]


def _ok_share(result: Result) -> str:
    """Empty when every request succeeded (2xx; without ``--itemise-statuses``, nothing
    above 399: wrk counts no more than that by itself), else what went wrong."""
    notes = []
    if result.errors:
        notes.append(f"{result.errors} socket errors")
    if result.statuses:
        good = sum(count for code, count in result.statuses.items() if 200 <= code < 300)
        if good != result.requests:
            codes = ", ".join(f"{code}: {count}" for code, count in sorted(result.statuses.items()))
            notes.append(f"{result.requests - good} non-2xx ({codes})")
    elif result.failed:
        notes.append(f"{result.failed} answered >= 400 (--itemise-statuses names the codes)")
    return f" ({'; '.join(notes)})" if notes else ""


# --- report -----------------------------------------------------------------------------------


def throughput_table(
    wrk: str,
    servers: Sequence[Server],
    connection_counts: Sequence[int],
    duration: float,
    rounds: int,
    scratch: Path,
) -> None:
    results: dict[tuple[str, str, int], list[Result]] = {}
    for number in range(rounds):
        print(f"round {number + 1}/{rounds} ...", flush=True)
        for workload in WORKLOADS:
            for connections in connection_counts:
                for server in servers:
                    result = run_wrk(wrk, server, workload, connections, duration, scratch)
                    results.setdefault((workload.name, server.name, connections), []).append(result)
    names = [server.name for server in servers]
    print()
    print(f"Median of {rounds} interleaved rounds, {duration:g} s each; loopback, wrk.")
    for workload in WORKLOADS:
        print(f"\n{workload.name}")
        header = f"{'conns':>5} " + "".join(f"{name:>22}" for name in names)
        print(header + "   emu/prism emu/silent emu/starlette emu/asgi")
        medians_by_count = {
            connections: {
                name: _median(results[(workload.name, name, connections)]) for name in names
            }
            for connections in connection_counts
        }
        for connections, medians in medians_by_count.items():
            cells = []
            for name in names:
                result = medians[name]
                cells.append(f"{result.per_second:>9,.0f}/s {result.p99_ms:>6.1f}ms")
            ratios = []
            emulator = medians.get("emulator")
            for baseline in ("prism", "prism-silent", "hello-starlette", "hello-asgi"):
                if emulator is None or baseline not in medians:
                    ratios.append(f"{'-':>10}")
                    continue
                ratios.append(f"{emulator.per_second / medians[baseline].per_second:>10.2f}x")
            print(f"{connections:>5} " + "".join(f"{c:>22}" for c in cells) + " ".join(ratios))
        print("       p50 / CPU per request:")
        for connections, medians in medians_by_count.items():
            parts = []
            for name in names:
                result = medians[name]
                parts.append(f"{result.p50_ms:>6.2f}ms {result.cpu_us:>7,.0f}us{_ok_share(result)}")
            print(f"{connections:>5} " + "".join(f"{p:>22}" for p in parts))


@contextmanager
def running(servers: Sequence[Server]) -> Iterator[None]:
    try:
        for server in servers:
            server.start()
        yield
    finally:
        for server in servers:
            server.stop()


def ledger_growth(wrk: str, scratch: Path, config: Path, duration: float, rows: int) -> None:
    """Withdraw create at 1 connection, and a concurrent read on another key, with an empty
    ledger and with `rows` ledger entries on the writing account."""
    print("\nLedger growth: POST /withdraw/create (1 conn) + concurrent GET /wallets (1 conn)")
    figures = {}
    for label, extra in (("empty ledger", 0), (f"{rows:,} ledger rows", rows)):
        data = scratch / f"ledger-{extra}"
        seed_emulator(config, data, ledger_rows=extra)
        server = emulator_server(config, data)
        with running([server]), tempfile.TemporaryDirectory() as side:
            read = _background_wrk(wrk, server, WORKLOADS[0], duration, Path(side))
            write = run_wrk(wrk, server, WORKLOADS[2], 1, duration, scratch)
            read_result = read()
        figures[label] = (write, read_result)
        print(
            f"  {label:>20}: create {write.per_second:>7,.0f}/s p50 {write.p50_ms:.2f} ms"
            f" p99 {write.p99_ms:.2f} ms{_ok_share(write)} | read p99 {read_result.p99_ms:.2f} ms"
        )
    (empty_write, empty_read), (full_write, full_read) = figures.values()
    cost = empty_write.per_second / full_write.per_second
    print(
        f"  cost ratio ({rows:,} rows / empty): create {cost:.2f}x,"
        f" concurrent read p99 {full_read.p99_ms / empty_read.p99_ms:.2f}x"
    )


def _background_wrk(
    wrk: str, server: Server, workload: Workload, duration: float, scratch: Path
) -> Any:
    """Start a wrk run on a different key (the last one) and return a function waiting for it."""
    import threading

    box: dict[str, Result] = {}

    def work() -> None:
        box["result"] = run_wrk(
            wrk, server, workload, 1, duration, scratch, key_offset=MAX_CONNECTIONS - 1
        )

    thread = threading.Thread(target=work)
    thread.start()

    def wait() -> Result:
        thread.join(duration + 90)
        return box["result"]

    return wait


def workers_check(wrk: str, scratch: Path, config: Path, duration: float, rounds: int) -> None:
    """One worker against `--workers 2` on one file database, signed GET /wallets at 10
    connections. Each round runs both, the first in alternate rounds (the machine's speed
    drifts within a round too), and the ratio is the median of the rounds' own ratios.

    Each round also runs the ceiling of that ratio on this machine: two separate emulators on
    two separate files, 5 connections each from two wrk runs at once (what two processes serve
    with the load generator beside them and nothing shared, so no SQLite locks or page-cache
    resets between them)."""
    print("\nWorkers: signed GET /wallets, 10 connections, file database")
    data, other_data = scratch / "workers", scratch / "workers-separate"
    seed_emulator(config, data)
    seed_emulator(config, other_data)
    per: dict[str, list[Result]] = {"one": [], "two": []}
    ratios: list[float] = []
    ceilings: list[float] = []
    separate: list[float] = []
    servers = {
        "one": emulator_server(config, data),
        "two": emulator_server(config, data, workers=2),
    }
    other = emulator_server(config, other_data)
    with running([*servers.values(), other]):
        for number in range(rounds):
            order = ("one", "two") if number % 2 == 0 else ("two", "one")
            got = {
                name: run_wrk(wrk, servers[name], WORKLOADS[0], 10, duration, scratch)
                for name in order
            }
            pair = _wrk_at_once(wrk, (servers["one"], other), 5, duration, scratch)
            pair_total = sum(result.per_second for result in pair)
            for name, result in got.items():
                per[name].append(result)
            ratios.append(got["two"].per_second / got["one"].per_second)
            ceilings.append(pair_total / got["one"].per_second)
            separate.append(pair_total)
    for name, label in (("one", "1 worker "), ("two", "2 workers")):
        result = _median(per[name])
        print(
            f"  {label}: {result.per_second:>8,.0f}/s p99 {result.p99_ms:.2f} ms"
            f" CPU {result.cpu_us:,.0f} us per request{_ok_share(result)}"
        )
    print(f"  2 emulators on 2 separate files: {statistics.median(separate):>8,.0f}/s")
    print(
        f"  ratio: {statistics.median(ratios):.2f}x (median of {rounds} rounds;"
        f" {', '.join(f'{ratio:.2f}' for ratio in ratios)})"
    )
    print(
        f"  ceiling (2 separate emulators / 1 worker): {statistics.median(ceilings):.2f}x"
        f" ({', '.join(f'{ratio:.2f}' for ratio in ceilings)}); 2 workers reach"
        f" {statistics.median(ratios) / statistics.median(ceilings):.0%} of it"
    )


def _wrk_at_once(
    wrk: str, servers: Sequence[Server], each: int, duration: float, scratch: Path
) -> list[Result]:
    """Signed GET /wallets on every server at once, `each` connections apiece (one wrk per
    server, its own keys: server i takes keys i*each onwards). Results in server order."""
    import threading

    box: dict[int, Result] = {}

    def load(index: int) -> None:
        box[index] = run_wrk(
            wrk, servers[index], WORKLOADS[0], each, duration, scratch, key_offset=index * each
        )

    threads = [threading.Thread(target=load, args=(index,)) for index in range(len(servers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 90)
    return [box[index] for index in range(len(servers))]


SHARED_CONNECTIONS = 12


def shared_sandbox_check(
    wrk: str, scratch: Path, config: Path, duration: float, rounds: int
) -> None:
    """Signed GET /wallets on 1, 2 and 3 emulator instances on one PostgreSQL database, the
    same 12 connections split evenly over the instances (one wrk per instance, run together)."""
    sys.path.insert(0, str(ROOT))
    from tools.postgres_cluster import PostgresCluster, PostgresUnavailable

    print(f"\nShared sandbox: signed GET /wallets, {SHARED_CONNECTIONS} connections, PostgreSQL")
    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as error:
        print(f"  skipped: {error}")
        return
    servers: list[Server] = []
    try:
        url = cluster.create_database("bench")
        seed_emulator(config, scratch / "shared", database_url=url)
        for _ in range(3):
            port = free_port()
            argv = [sys.executable, "-m", "bitexbit_emulator", "serve", "--port", str(port)]
            argv += ["--config", str(config), "--no-rate-limit"]
            servers.append(
                Server("emulator", argv, port, GATEWAY, env={"BITEXBIT_EMULATOR_DATABASE_URL": url})
            )
        with running(servers):
            per: dict[int, list[tuple[float, float, str]]] = {1: [], 2: [], 3: []}
            for _ in range(rounds):
                for count in (1, 2, 3):
                    results = _wrk_at_once(
                        wrk, servers[:count], SHARED_CONNECTIONS // count, duration, scratch
                    )
                    total = sum(result.per_second for result in results)
                    worst_p99 = max(result.p99_ms for result in results)
                    shares = "".join(_ok_share(result) for result in results)
                    per[count].append((total, worst_p99, shares))
        medians = {count: sorted(values)[len(values) // 2] for count, values in per.items()}
        one = medians[1][0]
        for count, (total, p99, shares) in medians.items():
            print(
                f"  {count} instance{'s' if count > 1 else ' '}: {total:>8,.0f}/s"
                f" p99 {p99:.2f} ms  {total / one:.2f}x one instance{shares}"
            )
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--serve", nargs=2, metavar=("APP", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", default="1,10,50")
    parser.add_argument(
        "--servers", default="emulator,prism,prism-silent,hello-starlette,hello-asgi"
    )
    parser.add_argument("--ledger-rows", type=int, default=1_000_000)
    parser.add_argument("--history-rows", type=int, default=100_000)
    parser.add_argument("--skip-scale", action="store_true", help="only the throughput table")
    parser.add_argument("--only-scale", action="store_true", help="only the scale checks")
    parser.add_argument("--skip-workers", action="store_true", help="no --workers check")
    parser.add_argument(
        "--workers-rounds",
        type=int,
        default=6,
        help="rounds of the --workers check (its ratio moves the most from run to run)",
    )
    parser.add_argument(
        "--skip-shared", action="store_true", help="no shared-sandbox (PostgreSQL) check"
    )
    parser.add_argument(
        "--itemise-statuses",
        action="store_true",
        help="count answers by status code (wrk then hands every response to Lua, which costs"
        " it CPU the servers measured would otherwise have)",
    )
    args = parser.parse_args()
    global ITEMISE_STATUSES
    ITEMISE_STATUSES = args.itemise_statuses
    if args.serve:
        serve_baseline(args.serve[0], int(args.serve[1]))
        return
    connection_counts = [int(part) for part in args.connections.split(",")]
    if max(connection_counts) > MAX_CONNECTIONS or min(connection_counts) < 1:
        sys.exit(f"connections must be within 1..{MAX_CONNECTIONS}")
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="bitexbit-bench-") as temporary:
        scratch = Path(temporary)
        config = write_emulator_config(scratch)
        if not args.only_scale:
            wanted = args.servers.split(",")
            data = scratch / "emulator"
            seed_emulator(config, data)
            servers: list[Server] = []
            for name in wanted:
                if name == "emulator":
                    servers.append(emulator_server(config, data))
                elif name in ("prism", "prism-silent"):
                    servers.append(prism_server(ensure_prism(), silent=name == "prism-silent"))
                elif name in ("hello-starlette", "hello-asgi"):
                    servers.append(hello_server(name))
                else:
                    sys.exit(f"unknown server {name!r}")
            with running(servers):
                emulator = next((s for s in servers if s.name == "emulator"), None)
                idle = tree_rss_mb(emulator.pid) if emulator else 0.0
                throughput_table(
                    wrk, servers, connection_counts, args.duration, args.rounds, scratch
                )
                if emulator is not None:
                    print(
                        f"\nEmulator RSS: {idle:.0f} MB idle, {tree_rss_mb(emulator.pid):.0f} MB"
                        " after the run above"
                    )
        if not args.skip_scale:
            ledger_growth(wrk, scratch, config, args.duration, args.ledger_rows)
            history_paging(wrk, scratch, config, args.duration, args.history_rows)
            if not args.skip_workers:
                workers_check(wrk, scratch, config, args.duration, args.workers_rounds)
            if not args.skip_shared:
                shared_sandbox_check(wrk, scratch, config, args.duration, args.rounds)


if __name__ == "__main__":
    main()
