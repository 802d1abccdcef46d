"""The suite can fail: an emulator presenter that breaks one field's type fails the run.

The emulator's own response validation is off here, so it is Schemathesis' checks (run by the
same `run_conformance` the CI suite and the CLI use) that must catch the broken field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from bitexbit_conformance.emulator_target import in_process_emulator
from bitexbit_conformance.runner import run_conformance
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_emulator import presenters

Presenter = Callable[..., dict[str, object]]


def _amount_as_float(present: Presenter) -> Presenter:
    def broken(*args: Any, **kwargs: Any) -> dict[str, object]:
        shown = present(*args, **kwargs)
        return {**shown, "min_withdraw": float(str(shown["min_withdraw"]))}

    return broken


def _status_as_string(present: Presenter) -> Presenter:
    def broken(*args: Any, **kwargs: Any) -> dict[str, object]:
        shown = present(*args, **kwargs)
        return {**shown, "status": str(shown["status"])}

    return broken


@pytest.mark.parametrize(
    ("presenter", "breakage", "operation", "phase"),
    [
        ("present_payment_method", _amount_as_float, "GET /payment-methods", Phase.FUZZING),
        ("present_withdraw", _status_as_string, "POST /withdraw/create", Phase.EXAMPLES),
    ],
)
def test_a_presenter_returning_a_wrong_type_fails_the_run(
    monkeypatch: pytest.MonkeyPatch,
    presenter: str,
    breakage: Callable[[Presenter], Presenter],
    operation: str,
    phase: Phase,
) -> None:
    monkeypatch.setattr(presenters, presenter, breakage(getattr(presenters, presenter)))
    with in_process_emulator(validate_responses=False) as emulator:
        signer = GatewaySigner(emulator.api_key, emulator.secret)
        settings = replace(RunSettings(max_examples=5), phases=(phase,))
        report = run_conformance(load_gateway_schema(settings, signer=signer, app=emulator.app))

    assert not report.ok
    broken = [failure for failure in report.failures if failure.operation == operation]
    assert {failure.check for failure in broken} >= {"response_schema_conformance"}, (
        report.describe_failures()
    )
    assert any(failure.status_code in (200, 201) for failure in broken)


def test_an_emulator_that_ignores_authentication_fails_ignored_auth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Auth-negative cases: a gateway answering 200 without valid credentials is reported."""
    from bitexbit_emulator.http.auth import AuthenticatedKey, Authenticator

    with in_process_emulator() as emulator:
        demo = emulator.sandbox.find_key(emulator.api_key)

        def accept_anyone(*args: Any, **kwargs: Any) -> AuthenticatedKey:
            return AuthenticatedKey(record=demo, nonce=0, variant=None)  # type: ignore[arg-type]

        monkeypatch.setattr(Authenticator, "authenticate", accept_anyone)
        monkeypatch.setattr(Authenticator, "consume_nonce", lambda *args: None)
        signer = GatewaySigner(emulator.api_key, emulator.secret)
        settings = RunSettings(max_examples=5, phases=(Phase.FUZZING,))
        settings = replace(settings, operations=("listPaymentMethods",))
        report = run_conformance(load_gateway_schema(settings, signer=signer, app=emulator.app))

    assert "ignored_auth" in {failure.check for failure in report.failures}, (
        report.describe_failures()
    )
