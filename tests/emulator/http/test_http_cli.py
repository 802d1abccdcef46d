"""The command line: ``serve`` (with uvicorn stubbed out), ``reset`` and ``simulate-deposit``."""

from __future__ import annotations

import importlib.resources
import json
import socket
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from bitexbit_emulator import serving
from bitexbit_emulator.app import emulator_state
from bitexbit_emulator.cli import app
from bitexbit_emulator.pytest_plugin import GatewayEmulator
from typer.testing import CliRunner

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``serve`` hands to uvicorn (which is not started)."""
    captured: dict[str, Any] = {}

    def fake_run(server: uvicorn.Server, sockets: Any = None) -> None:
        config = server.config
        application: Any = config.app
        captured["app"] = application
        captured.update(
            host=config.host,
            port=config.port,
            proxy_headers=config.proxy_headers,
            forwarded_allow_ips=config.forwarded_allow_ips,
        )
        state = emulator_state(application)
        captured["mode"] = state.sandbox.get_transition_mode()["mode"]
        captured["rate_limits"] = state.limiter.enabled
        captured["database"] = state.sandbox.database.url
        captured["checks_responses"] = state.response_checker is not None

    def fake_bind(host: str, port: int) -> socket.socket:
        captured["bound"] = (host, port)  # a real socket, on a port the system picks
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        return sock

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    monkeypatch.setattr(serving, "bind_socket", fake_bind)
    return captured


def test_serve_prints_the_urls_and_the_demo_key(served: dict[str, Any], tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--port", "9123", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:9123/api/gateway" in result.output
    assert "http://127.0.0.1:9123/_emulator" in result.output
    assert "demo-key" in result.output
    assert "demo-secret" in result.output
    assert "sandbox key" in result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 9123)
    assert served["database"] == f"sqlite:///{(tmp_path / 'data').resolve() / 'emulator.sqlite3'}"
    assert (tmp_path / "data" / "emulator.sqlite3").exists()
    assert served["mode"] == "manual"
    assert served["rate_limits"] is True
    assert served["checks_responses"] is False


@pytest.mark.sqlite
def test_serve_options(served: dict[str, Any]) -> None:
    result = runner.invoke(
        app,
        [
            "serve",
            "--in-memory",
            "--no-rate-limit",
            "--transition-mode",
            "timed",
            "--reset",
            "--validate-responses",
        ],
    )
    assert result.exit_code == 0, result.output
    assert served["database"] == "sqlite://"
    assert served["mode"] == "timed"
    assert served["rate_limits"] is False
    assert served["checks_responses"] is True


def test_serve_takes_a_database_url_from_the_environment_and_never_prints_its_password(
    served: dict[str, Any], postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    from tools.postgres_cluster import fresh_schema

    url = make_url(fresh_schema(postgres_database)).set(password="s3cret-pw")
    monkeypatch.setenv("BITEXBIT_EMULATOR_DATABASE_URL", url.render_as_string(hide_password=False))
    result = runner.invoke(app, ["serve"])  # trust auth: the password is not checked
    assert result.exit_code == 0, result.output
    assert served["database"].startswith("postgresql+psycopg://")
    assert "database    : postgresql+psycopg://" in result.output
    assert "s3cret-pw" not in result.output
    assert "***" in result.output
    both = runner.invoke(app, ["serve", "--in-memory"])
    assert both.exit_code != 0
    assert "not both" in both.output


def test_serve_warns_when_bound_beyond_loopback(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--in-memory", "--host", "0.0.0.0"])  # noqa: S104
    assert result.exit_code == 0
    assert "warning" in result.output
    assert served["host"] == "0.0.0.0"  # noqa: S104


def test_serve_rejects_an_invalid_config(served: dict[str, Any], tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("accounts: 5\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--in-memory", "--config", str(config)])
    assert result.exit_code != 0
    assert "app" not in served


@pytest.mark.gateway_emulator(live=True)
def test_simulate_deposit_and_reset_drive_a_running_emulator(
    gateway_emulator: GatewayEmulator,
) -> None:
    wallet = gateway_emulator.signed.post("/wallet/create", {"ticker": "USDT", "network": "tron"})
    address = wallet.json()["address"]
    url = gateway_emulator.root_url
    result = runner.invoke(
        app, ["simulate-deposit", address, "12.5", "--txid", "cli-tx", "--url", url]
    )
    assert result.exit_code == 0, result.output
    deposit = json.loads(result.output)
    assert (deposit["txid"], deposit["amount"], deposit["status"]) == ("cli-tx", "12.50000000", 1)

    refused = runner.invoke(app, ["simulate-deposit", "no-such-address", "1", "--url", url])
    assert refused.exit_code == 1
    assert "HTTP 404" in refused.output

    result = runner.invoke(app, ["reset", "--url", url])
    assert result.exit_code == 0, result.output
    assert gateway_emulator.signed.get("/wallets", nonce=1).json()["count"] == 0


@pytest.mark.gateway_emulator(live=True)
def test_deposit_advance_and_status_drive_one_deposit_and_one_withdrawal(
    gateway_emulator: GatewayEmulator,
) -> None:
    gateway = gateway_emulator.gateway()
    address = gateway.wallets.create("USDT", "tron").address
    url = gateway_emulator.root_url

    arrived = runner.invoke(app, ["deposit", address, "40", "--txid", "tx-1", "--url", url])
    assert arrived.exit_code == 0, arrived.output
    assert json.loads(arrived.output)["status"] == 1  # PENDING: no confirmations yet
    confirmed = runner.invoke(app, ["advance", "tx-1", "--url", url])
    assert confirmed.exit_code == 0, confirmed.output
    assert json.loads(confirmed.output)["status"] == 5  # CONFIRMED
    assert [deposit.status.name for deposit in gateway.deposits.list()] == ["CONFIRMED"]

    withdrawal = gateway.withdrawals.create("USDT", "tron", address, Decimal("12"))
    moved = runner.invoke(app, ["status", str(withdrawal.id), "done", "--url", url])
    assert moved.exit_code == 0, moved.output
    assert json.loads(moved.output)["status"] == 30
    assert gateway.withdrawals.list().results[0].status.name == "DONE"

    unknown = runner.invoke(app, ["status", str(withdrawal.id), "finished", "--url", url])
    assert unknown.exit_code == 2
    assert "'finished' is not one of new, confirmed" in unknown.output
    exponent = runner.invoke(app, ["deposit", address, "1e3", "--url", url])
    assert exponent.exit_code == 2
    assert "'1e3' is not a plain decimal number" in exponent.output


def test_an_unreachable_emulator_is_reported() -> None:
    result = runner.invoke(app, ["reset", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the emulator" in result.output


def test_an_invalid_amount_is_refused_before_calling() -> None:
    result = runner.invoke(app, ["simulate-deposit", "addr", "lots", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 2


def test_serve_never_trusts_forwarding_headers_unless_told(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--in-memory"])
    assert result.exit_code == 0, result.output
    assert served["proxy_headers"] is False
    result = runner.invoke(app, ["serve", "--in-memory", "--trust-proxy", "10.0.0.0/8, 192.0.2.7"])
    assert result.exit_code == 0, result.output
    assert served["proxy_headers"] is True
    assert served["forwarded_allow_ips"] == "10.0.0.0/8,192.0.2.7"


def test_an_invalid_trusted_proxy_is_a_usage_error(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--in-memory", "--trust-proxy", "everyone"])
    assert result.exit_code == 2
    assert "--trust-proxy" in result.output
    assert "app" not in served


def test_the_banner_masks_the_secret_of_a_config_of_your_own(
    served: dict[str, Any], tmp_path: Path
) -> None:
    text = (
        importlib.resources.files("bitexbit_emulator")
        .joinpath("default_config.yaml")
        .read_text(encoding="utf-8")
    )
    own = tmp_path / "own.yaml"
    own.write_text(text.replace("secret: demo-secret", "secret: my-real-looking-secret"), "utf-8")
    result = runner.invoke(app, ["serve", "--in-memory", "--config", str(own)])
    assert result.exit_code == 0, result.output
    assert "demo-key" in result.output
    assert "my-real-looking-secret" not in result.output
    assert "****" in result.output


def test_the_database_file_and_folder_are_private(served: dict[str, Any], tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    result = runner.invoke(app, ["serve", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert data.stat().st_mode & 0o777 == 0o700
    assert (data.parent).stat().st_mode & 0o777 == 0o700
    database = data / "emulator.sqlite3"
    assert database.stat().st_mode & 0o777 == 0o600
    for companion in data.glob("emulator.sqlite3-*"):  # -wal, -shm
        assert companion.stat().st_mode & 0o777 == 0o600, companion
    # an existing file with wider permissions is narrowed
    database.chmod(0o644)
    assert runner.invoke(app, ["serve", "--data-dir", str(data)]).exit_code == 0
    assert database.stat().st_mode & 0o777 == 0o600


@pytest.mark.gateway_emulator(live=True)
def test_reset_nonce_unlocks_one_key(gateway_emulator: GatewayEmulator) -> None:
    signed = gateway_emulator.signed
    assert signed.get("/wallets", nonce=9_223_372_036_854_775_807).status_code == 200
    locked = signed.get("/wallets", nonce=2_000_000_000_000)
    assert locked.status_code == 401
    assert "9223372036854775807" in locked.json()["detail"]
    assert "reset-nonce" in locked.json()["detail"]
    result = runner.invoke(
        app, ["reset-nonce", gateway_emulator.demo_key, "--url", gateway_emulator.root_url]
    )
    assert result.exit_code == 0, result.output
    assert signed.get("/wallets", nonce=2_000_000_000_001).status_code == 200
    unknown = runner.invoke(app, ["reset-nonce", "no-such-key", "--url", gateway_emulator.root_url])
    assert unknown.exit_code == 1


# -- start-up errors: one line each, exit status 2, nothing printed as if it were running --------


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_an_impossible_port_is_one_line(served: dict[str, Any], port: str) -> None:
    result = runner.invoke(app, ["serve", "--in-memory", "--port", port])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: --port {port} is not a TCP port (1-65535)"
    assert "app" not in served


def test_a_data_dir_that_is_a_file_is_one_line(served: dict[str, Any], tmp_path: Path) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--data-dir", str(a_file)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: --data-dir {a_file} is a file, not a folder"

    below = runner.invoke(app, ["serve", "--data-dir", str(a_file / "sub")])
    assert below.exit_code == 2
    assert below.output.startswith(f"error: --data-dir {a_file / 'sub'}: cannot create it")
    assert len(below.output.strip().splitlines()) == 1
    assert "app" not in served


def test_a_taken_port_is_reported_before_any_banner(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--in-memory", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "another emulator" in result.output
    assert "demo-key" not in result.output  # no "running" banner for a server that is not
    assert len(result.output.strip().splitlines()) == 1
