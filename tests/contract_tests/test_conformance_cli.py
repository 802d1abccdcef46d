"""`bitexbit conformance run` against a live emulator on a loopback port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bitexbit import Gateway
from bitexbit_conformance.cli import API_KEY_ENV, API_SECRET_ENV, app
from bitexbit_conformance.emulator_target import (
    EmulatorTarget,
    ci_emulator_config,
    in_process_emulator,
)
from bitexbit_emulator import presenters
from bitexbit_emulator.testing.control import ControlClient
from typer.testing import CliRunner

from .live_server import free_port, serve

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


# -- a run you can trust: pre-flight, progress, interruption, local emulators ----------------------


def test_progress_is_one_line_per_operation_when_not_a_terminal(
    live: tuple[EmulatorTarget, str],
) -> None:
    emulator, base_url = live
    args = ["--base-url", base_url, "--max-examples", "2", "--phase", "examples"]
    result = _run(emulator, *args)

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "examples: started" in lines
    assert any(
        re.fullmatch(r"examples +GET /wallet/history +\d+ requests  passed", line) for line in lines
    )
    assert "Local emulator, rate limits off: running at full speed" in result.output


def test_an_unreachable_url_fails_fast_with_the_cause() -> None:
    url = f"http://127.0.0.1:{free_port()}/api/gateway"
    env = {API_KEY_ENV: "key", API_SECRET_ENV: "secret"}
    result = RUNNER.invoke(app, ["run", "--base-url", url], env=env)

    assert result.exit_code == 2, result.output
    assert f"cannot reach {url} (connection refused)" in result.output
    assert "make run" in result.output
    assert "Testing" not in result.output


def test_a_wrong_secret_is_named_as_an_authentication_failure(
    live: tuple[EmulatorTarget, str],
) -> None:
    emulator, base_url = live
    env = {API_KEY_ENV: emulator.api_key, API_SECRET_ENV: "not-the-secret"}
    result = RUNNER.invoke(app, ["run", "--base-url", base_url], env=env)

    assert result.exit_code == 2, result.output
    assert "authentication failed" in result.output
    assert "BITEXBIT_API_SECRET" in result.output
    assert "not-the-secret" not in result.output
    assert emulator.app.total <= 3  # the health check and the one signed read, nothing more


def test_a_base_url_without_the_api_base_path_gets_a_hint(
    live: tuple[EmulatorTarget, str],
) -> None:
    emulator, base_url = live
    origin = base_url.removesuffix("/api/gateway")
    result = _run(emulator, "--base-url", origin)

    assert result.exit_code == 2, result.output
    assert "answered 404" in result.output
    assert f"{origin}/api/gateway" in result.output


def test_the_signing_defaults_are_the_sdks() -> None:
    import inspect

    from bitexbit import Gateway
    from bitexbit_conformance.cli import run_command

    sdk = inspect.signature(Gateway).parameters
    ours = inspect.signature(run_command).parameters
    assert ours["scheme"].default == sdk["scheme"].default
    assert ours["encoder"].default == sdk["encoder"].default


def test_the_docs_list_every_option() -> None:
    import typer.main

    command = typer.main.get_command(app).commands["run"]  # type: ignore[attr-defined]
    documented = (Path(__file__).parents[2] / "docs" / "conformance.md").read_text("utf-8")
    options = [name for param in command.params for name in param.opts if name.startswith("--")]
    missing = [name for name in options if f"`{name}" not in documented]
    assert not missing, f"docs/conformance.md does not list {missing}"


def test_a_local_emulator_with_rate_limits_is_tested_in_a_namespace_at_full_speed() -> None:
    config = ci_emulator_config(rate_limits=True)
    with in_process_emulator(config) as emulator, serve(emulator.app) as origin:
        control = ControlClient(origin)
        args = ["--base-url", f"{origin}/api/gateway", "--max-examples", "3", "--allow-writes"]
        result = _run(emulator, *args, "--phase", "examples", "--phase", "coverage")

        assert result.exit_code == 0, result.output
        assert "running in a fresh namespace without rate limits" in result.output
        assert re.search(
            r"Testing http://127\.0\.0\.1:\d+/ns/conformance_[0-9a-f]{8}/api/gateway", result.output
        )
        assert 429 not in emulator.app.by_status, emulator.app.by_status
        assert emulator.app.by_method.get("POST", 0) > 10
        assert control.namespaces() == []  # deleted afterwards
        with Gateway(emulator.api_key, emulator.secret, base_url=f"{origin}/api/gateway") as sdk:
            assert len(sdk.wallets.list()) == 0  # the emulator's own sandbox saw no writes


def test_ctrl_c_stops_the_run_as_interrupted_never_passed(tmp_path: Path) -> None:
    config = ci_emulator_config(rate_limits=True)
    report = tmp_path / "interrupted.xml"
    with in_process_emulator(config) as emulator, serve(emulator.app) as origin:
        command = [
            str(Path(sys.executable).parent / "bitexbit"),
            "conformance",
            "run",
            "--base-url",
            f"{origin}/api/gateway",
            "--no-emulator-namespace",  # paced at 2/s: slow enough to interrupt
            "--junit-xml",
            str(report),
        ]
        env = {**os.environ, API_KEY_ENV: emulator.api_key, API_SECRET_ENV: emulator.secret}
        process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        assert process.stdout is not None
        seen = []
        for line in process.stdout:
            seen.append(line)
            if line.startswith("examples "):  # the run is under way
                break
        process.send_signal(signal.SIGINT)
        output = "".join(seen) + process.stdout.read()
        code = process.wait(timeout=60)

    assert code == 130, output
    assert "INTERRUPTED" in output
    assert "PASSED" not in output
    root = ET.parse(report).getroot()  # noqa: S314 - our own file
    suite = root.find("testsuite")
    assert suite is not None
    errors = [element.attrib.get("type") for element in root.iter("error")]
    assert "interrupted" in errors
    assert int(suite.attrib["errors"]) >= 1


def test_a_refused_key_is_labelled_by_its_cause(live: tuple[EmulatorTarget, str]) -> None:
    _, base_url = live
    # demo-read-key may read but not create: every create answers 403.
    env = {API_KEY_ENV: "demo-read-key", API_SECRET_ENV: "demo-read-secret"}
    args = ["run", "--base-url", base_url, "--allow-writes", "--phase", "examples"]
    result = RUNNER.invoke(app, [*args, "--max-examples", "2"], env=env)

    assert result.exit_code == 1, result.output
    assert (
        "Permission denied: a signed, schema-valid request was refused (HTTP 403)" in result.output
    )
    assert "Schema-valid request rejected" not in result.output
