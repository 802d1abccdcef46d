"""The release smoke test: run inside a fresh virtual environment holding only built files.

`tools/release.py` copies this file out of the checkout and runs it with the new environment's
interpreter, from an empty folder, so nothing can be imported from the workspace:

- `python release_smoke.py client-only`: in an environment with just `pip install bitexbit`
  (its wheel and the generated client's): the SDK imports, knows its spec, pulls in no command
  line libraries, and its `bitexbit` script says how to get them instead of a traceback.
- `python -m pytest release_smoke.py`: in an environment with every distribution (and
  `bitexbit[cli]`): the pytest plugin starts an emulator, the SDK makes each of the six calls,
  the packaged specs match their stamps, and a short conformance pass runs from the installed
  command line against an installed emulator on loopback.

It imports only what the distributions install, never `tools` or `tests`.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bitexbit_emulator.pytest_plugin import GatewayEmulator

BIN = Path(sys.executable).parent
CLI_LIBRARIES = ("typer", "rich", "click")
DISTRIBUTED_MODULES = (
    "bitexbit",
    "bitexbit_signing",
    "bitexbit_gateway_client",
    "bitexbit_emulator",
    "bitexbit_emulator_control_client",
    "bitexbit_conformance",
)


def _installed_here(module_name: str) -> Path:
    """Where `module_name` is imported from; fails unless that is this environment."""
    module = importlib.import_module(module_name)
    origin = Path(str(module.__file__)).resolve()
    prefix = Path(sys.prefix).resolve()
    assert origin.is_relative_to(prefix), f"{module_name} comes from {origin}, not {prefix}"
    return origin.parent


def check_client_only() -> None:
    """`pip install bitexbit` alone: the client, its spec version, and no CLI libraries."""
    import bitexbit

    _installed_here("bitexbit")
    _installed_here("bitexbit_gateway_client")
    from importlib.metadata import version

    assert bitexbit.__version__ == version("bitexbit")
    assert bitexbit.__spec_version__ == version("bitexbit-gateway-client")
    assert len(bitexbit.__spec_sha256__) == 64
    assert bitexbit.SUPPORTED_SPEC, "the SDK must declare the spec versions it supports"
    present = [name for name in CLI_LIBRARIES if importlib.util.find_spec(name) is not None]
    assert not present, f"pip install bitexbit pulled in {present}"
    with bitexbit.Gateway("key", "secret", base_url="http://127.0.0.1:9/api/gateway") as gateway:
        assert gateway is not None
    result = subprocess.run(  # noqa: S603
        [str(BIN / "bitexbit"), "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result
    assert "pip install 'bitexbit[cli]'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    print(
        f"client-only install OK: bitexbit {bitexbit.__version__}, spec {bitexbit.__spec_version__}"
    )


def test_every_module_comes_from_this_environment() -> None:
    for name in DISTRIBUTED_MODULES:
        _installed_here(name)


def test_every_distribution_records_the_spec_it_carries() -> None:
    import bitexbit
    import bitexbit_conformance
    import bitexbit_emulator
    from bitexbit_emulator import _spec as emulator_spec

    for package in (bitexbit_emulator, bitexbit_conformance):
        packaged = _installed_here(package.__name__) / "openapi" / "gateway.yaml"
        digest = hashlib.sha256(packaged.read_bytes()).hexdigest()
        assert digest == package.__spec_sha256__, f"{package.__name__} carries another spec"
        assert package.__spec_version__ == bitexbit.__spec_version__
    assert bitexbit.__spec_sha256__ == bitexbit_emulator.__spec_sha256__
    control = _installed_here("bitexbit_emulator") / "openapi" / "emulator-control.yaml"
    assert hashlib.sha256(control.read_bytes()).hexdigest() == emulator_spec.CONTROL_SPEC_SHA256


def test_the_six_calls_through_the_pytest_plugin(gateway_emulator: GatewayEmulator) -> None:
    from bitexbit import WithdrawStatus

    gateway = gateway_emulator.gateway()
    methods = gateway.payment_methods.list()
    assert any(method.ticker == "USDT" for method in methods)
    wallet = gateway.wallets.create("USDT", "tron")
    assert wallet.address in {item.address for item in gateway.wallets.list()}
    gateway_emulator.control.simulate_deposit(wallet.address, "25.5")
    deposits = gateway.deposits.list()
    assert [deposit.amount for deposit in deposits] == [Decimal("25.5")]
    withdrawal = gateway.withdrawals.create("USDT", "tron", wallet.address, Decimal("10"))
    assert withdrawal.status == WithdrawStatus.NEW
    listed = gateway.withdrawals.list()
    assert [item.client_order_id for item in listed] == [withdrawal.client_order_id]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serving(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the emulator exited while starting"
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (loopback, fixed scheme)
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the emulator did not answer {url} within {timeout} s")


def _emulator(port: int) -> Iterator[subprocess.Popen[bytes]]:
    command = [str(BIN / "bitexbit"), "emulator", "serve", "--in-memory", "--no-rate-limit"]
    process = subprocess.Popen(  # noqa: S603
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _serving(f"http://127.0.0.1:{port}/_emulator/health", process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_short_conformance_pass_from_the_installed_command_line(tmp_path: Path) -> None:
    port = _free_port()
    report = tmp_path / "conformance.xml"
    environment: dict[str, Any] = {
        **os.environ,
        "BITEXBIT_API_KEY": "demo-key",
        "BITEXBIT_API_SECRET": "demo-secret",
    }
    for _ in _emulator(port):
        result = subprocess.run(  # noqa: S603
            [
                str(BIN / "bitexbit"),
                "conformance",
                "run",
                "--base-url",
                f"http://127.0.0.1:{port}/api/gateway",
                "--allow-writes",
                "--phase",
                "examples",
                "--phase",
                "coverage",
                "--max-examples",
                "2",
                "--rate-limit",
                "none",
                "--junit-xml",
                str(report),
            ],
            capture_output=True,
            text=True,
            env=environment,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "PASSED" in result.stdout
    assert 'failures="0"' in report.read_text("utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["client-only"]:
        raise SystemExit("usage: python release_smoke.py client-only (or run it with pytest)")
    check_client_only()
