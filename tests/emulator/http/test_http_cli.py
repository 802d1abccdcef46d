"""The command line: ``serve`` (with uvicorn stubbed out), ``reset`` and ``simulate-deposit``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from bitexbit_emulator.app import emulator_state
from bitexbit_emulator.cli import app
from bitexbit_emulator.pytest_plugin import GatewayEmulator
from typer.testing import CliRunner

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``serve`` hands to uvicorn (which is not started)."""
    captured: dict[str, Any] = {}

    def fake_run(application: Any, **kwargs: Any) -> None:
        captured["app"] = application
        captured.update(kwargs)
        state = emulator_state(application)
        captured["mode"] = state.sandbox.get_transition_mode()["mode"]
        captured["rate_limits"] = state.limiter.enabled
        captured["database"] = state.sandbox.database.url
        captured["checks_responses"] = state.response_checker is not None

    monkeypatch.setattr(uvicorn, "run", fake_run)
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


def test_an_unreachable_emulator_is_reported() -> None:
    result = runner.invoke(app, ["reset", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the emulator" in result.output


def test_an_invalid_amount_is_refused_before_calling() -> None:
    result = runner.invoke(app, ["simulate-deposit", "addr", "lots", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 2
