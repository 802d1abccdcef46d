"""`bitexbit conformance run` against a live emulator on a loopback port."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bitexbit_conformance.cli import API_KEY_ENV, API_SECRET_ENV, app
from bitexbit_conformance.emulator_target import EmulatorTarget, in_process_emulator
from bitexbit_emulator import presenters
from typer.testing import CliRunner

from .live_server import serve

RUNNER = CliRunner()


@pytest.fixture
def live() -> Iterator[tuple[EmulatorTarget, str]]:
    """An emulator served by uvicorn on 127.0.0.1; yields it and its API base URL."""
    with in_process_emulator() as emulator, serve(emulator.app) as origin:
        yield emulator, f"{origin}/api/gateway"


def _run(emulator: EmulatorTarget, *args: str) -> Any:
    env = {API_KEY_ENV: emulator.api_key, API_SECRET_ENV: emulator.secret}
    return RUNNER.invoke(app, ["run", *args], env=env)


def _junit_failures(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("failure"))  # noqa: S314 - our own file


def test_a_read_only_run_sends_only_gets_and_writes_a_junit_report(
    live: tuple[EmulatorTarget, str], tmp_path: Path
) -> None:
    emulator, base_url = live
    report = tmp_path / "reports" / "conformance.xml"
    args = [
        "--base-url",
        base_url,
        "--max-examples",
        "3",
        "--seed",
        "7",
        "--junit-xml",
        str(report),
    ]
    result = _run(emulator, *args, "--rate-limit", "none")

    assert "read-only" in result.output
    assert set(emulator.app.by_method) == {"GET"}, emulator.app.by_method
    assert emulator.app.total > 20
    root = ET.parse(report).getroot()  # noqa: S314 - our own file
    names = {case.attrib["name"] for case in root.iter("testcase")}
    assert {"GET /payment-methods", "GET /wallets", "GET /withdraw/history"} <= names
    assert not {"POST /wallet/create", "POST /withdraw/create"} & names
    assert _junit_failures(report) == []
    assert result.exit_code == 0, result.output
    assert "requests" in result.output
    assert "seed 7" in result.output


def test_writes_need_the_explicit_flag(live: tuple[EmulatorTarget, str], tmp_path: Path) -> None:
    emulator, base_url = live
    args = ["--base-url", base_url, "--max-examples", "2", "--phase", "examples"]
    result = _run(emulator, *args, "--allow-writes", "--rate-limit", "none")

    assert result.exit_code == 0, result.output
    assert emulator.app.by_method.get("POST", 0) > 0
    assert "PASSED" in result.output


def _min_withdraw_as_float(present: Callable[..., dict[str, object]]) -> Any:
    def broken(*args: Any, **kwargs: Any) -> dict[str, object]:
        shown = present(*args, **kwargs)
        return {**shown, "min_withdraw": float(str(shown["min_withdraw"]))}

    return broken


def test_a_broken_response_fails_the_run_with_a_readable_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = _min_withdraw_as_float(presenters.present_payment_method)
    monkeypatch.setattr(presenters, "present_payment_method", broken)
    report = tmp_path / "broken.xml"
    with in_process_emulator(validate_responses=False) as emulator, serve(emulator.app) as origin:
        result = _run(
            emulator,
            "--base-url",
            f"{origin}/api/gateway",
            "--max-examples",
            "3",
            "--phase",
            "fuzzing",
            "--junit-xml",
            str(report),
            "--rate-limit",
            "none",
        )

    assert result.exit_code == 1, result.output
    assert "FAILED" in result.output
    assert "response_schema_conformance" in result.output
    failures = _junit_failures(report)
    assert any(failure.attrib["type"] == "response_schema_conformance" for failure in failures)
    assert emulator.secret not in result.output
    assert emulator.secret not in report.read_text(encoding="utf-8")


def test_missing_keys_are_a_usage_error() -> None:
    result = RUNNER.invoke(app, ["run", "--base-url", "http://127.0.0.1:9/api/gateway"], env={})
    assert result.exit_code == 2
    assert API_KEY_ENV in result.output


def test_the_sub_command_is_registered_for_the_sdk_cli() -> None:
    from importlib.metadata import entry_points

    registered = {entry.name: entry.value for entry in entry_points(group="bitexbit.cli")}
    assert registered.get("conformance") == "bitexbit_conformance.cli:app"
