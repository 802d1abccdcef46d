"""Conformance profiles: `documented` fails only on documented behaviour; `full` on everything.

A deployment that differs from the spec only where the spec designed something (a `200` for a
create, an amount as a JSON number, a status code the tables do not list) passes the
`documented` profile, with each difference listed as an assumption not held; one that breaks a
documented field fails either way.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bitexbit_conformance.cli import API_KEY_ENV, API_SECRET_ENV, app
from bitexbit_conformance.emulator_target import in_process_emulator
from bitexbit_conformance.junit import junit_xml
from bitexbit_conformance.profiles import Profile, apply_profile, default_profile
from bitexbit_conformance.report import FailureRecord, RunReport, ScenarioResult
from bitexbit_conformance.runner import run_conformance
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_emulator import presenters
from typer.testing import CliRunner

from .live_server import serve

Presenter = Callable[..., dict[str, object]]


def _failure(check: str, status: int | None, body: bytes | None = None, **kw: Any) -> FailureRecord:
    return FailureRecord(
        phase="examples",
        operation=kw.get("operation", "GET /payment-methods"),
        check=check,
        title=f"{check} failed",
        message="",
        reproduction="curl ...",
        status_code=status,
        response_body=body,
    )


def _report(*failures: FailureRecord) -> RunReport:
    scenario = ScenarioResult("examples", "op", "failure", 1, 0.1, failures=list(failures))
    return RunReport(seed=1, scenarios=[scenario])


def test_each_check_is_judged_by_what_it_tests(gateway_spec: dict[str, Any]) -> None:
    documented = [
        _failure("not_a_server_error", 500),
        _failure("ignored_auth", 200),
        _failure("positive_data_acceptance", 401),
        _failure("status_code_conformance", 418),
        _failure("content_type_conformance", 200),
    ]
    designed = [
        _failure("status_code_conformance", 200, operation="POST /wallet/create"),
        _failure("response_headers_conformance", 200),
        _failure("negative_data_rejection", 200),
        _failure("positive_data_acceptance", 400),
        _failure("unsupported_method", 404),
    ]
    report = apply_profile(_report(*documented, *designed), gateway_spec, Profile.DOCUMENTED)
    assert report.failures == documented
    assert report.assumptions == designed
    assert report.profile == "documented"
    assert not report.ok


def test_full_counts_everything(gateway_spec: dict[str, Any]) -> None:
    everything = [_failure("negative_data_rejection", 200), _failure("not_a_server_error", 500)]
    report = apply_profile(_report(*everything), gateway_spec, Profile.FULL)
    assert (report.failures, report.assumptions) == (everything, [])


def test_a_response_body_is_judged_against_the_documented_view(
    gateway_spec: dict[str, Any],
) -> None:
    method = (
        b'{"ticker": "BTC", "network": "bitcoin", "min_deposit": "0.001", "min_withdraw": 0.0006,'
        b' "max_withdraw": "100", "withdraw_fee_amount": "0.0004", "withdraw_fee_rate": "0",'
        b' "withdraw_fee_currency": "BTC", "is_deposit_enabled": true, "is_withdraw_enabled": true}'
    )
    money_as_number = _failure("response_schema_conformance", 200, b"[" + method + b"]")
    missing_ticker = _failure(
        "response_schema_conformance", 200, b"[" + method.replace(b'"ticker": "BTC", ', b"") + b"]"
    )
    report = apply_profile(
        _report(money_as_number, missing_ticker), gateway_spec, Profile.DOCUMENTED
    )
    # min_withdraw is documented as a string... but its decimal-string schema is a correction
    # (B3), so a number is an assumption not held; a missing documented field is a failure.
    assert report.assumptions == [money_as_number]
    assert report.failures == [missing_ticker]


def _min_withdraw_as_float(present: Presenter) -> Presenter:
    def broken(*args: Any, **kwargs: Any) -> dict[str, object]:
        shown = present(*args, **kwargs)
        return {**shown, "min_withdraw": float(str(shown["min_withdraw"]))}

    return broken


def test_a_real_run_reports_a_designed_difference_as_an_assumption(
    monkeypatch: pytest.MonkeyPatch, gateway_spec: dict[str, Any]
) -> None:
    broken = _min_withdraw_as_float(presenters.present_payment_method)
    monkeypatch.setattr(presenters, "present_payment_method", broken)
    with in_process_emulator(validate_responses=False) as emulator:
        signer = GatewaySigner(emulator.api_key, emulator.secret)
        settings = replace(RunSettings(max_examples=3, read_only=True), phases=(Phase.FUZZING,))
        schema = load_gateway_schema(settings, signer=signer, app=emulator.app)
        full = run_conformance(schema)
        documented = apply_profile(copy.deepcopy(full), gateway_spec, Profile.DOCUMENTED)
    assert any(f.check == "response_schema_conformance" for f in full.failures)
    assert documented.ok, documented.describe_failures()
    assert any(a.check == "response_schema_conformance" for a in documented.assumptions)
    document = ET.fromstring(junit_xml(documented))  # noqa: S314 - our own output
    skipped = [element.attrib for element in document.iter("skipped")]
    assert any(entry.get("type") == "assumption-not-held" for entry in skipped)
    assert list(document.iter("failure")) == []


def test_the_default_profile_is_full_only_for_a_local_emulator() -> None:
    assert default_profile("https://www.bitexbit.com/api/gateway") is Profile.DOCUMENTED
    # loopback, but nothing answers there
    assert default_profile("http://127.0.0.1:9/api/gateway", timeout=0.5) is Profile.DOCUMENTED
    with in_process_emulator() as emulator, serve(emulator.app) as origin:
        assert default_profile(f"{origin}/api/gateway") is Profile.FULL


def test_the_cli_takes_the_profile_and_prints_assumptions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = _min_withdraw_as_float(presenters.present_payment_method)
    monkeypatch.setattr(presenters, "present_payment_method", broken)
    report = tmp_path / "report.xml"
    with in_process_emulator(validate_responses=False) as emulator, serve(emulator.app) as origin:
        env = {API_KEY_ENV: emulator.api_key, API_SECRET_ENV: emulator.secret}
        args = ["run", "--base-url", f"{origin}/api/gateway", "--max-examples", "3"]
        args += ["--phase", "fuzzing", "--rate-limit", "none", "--junit-xml", str(report)]
        documented = CliRunner().invoke(app, [*args, "--profile", "documented"], env=env)
        full = CliRunner().invoke(app, args, env=env)  # a local emulator: full
    assert documented.exit_code == 0, documented.output
    assert "profile documented" in documented.output
    assert "Assumptions not held" in documented.output
    assert full.exit_code == 1, full.output
    assert "profile full" in full.output
