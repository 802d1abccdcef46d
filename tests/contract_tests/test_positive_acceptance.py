"""Schema-valid input is never refused for its form: the spec states every limit enforced.

Schemathesis generates positive (schema-valid) write requests; the emulator may still refuse them
for the business reasons the spec describes (an unknown ticker or market, an address not in the
network's format, the balance), but never with a form error the schema should have declared (a
bound, a length, a precision). Before the spec stated the bounds (errata L1), 13 of 200 such
requests were refused that way.
"""

from __future__ import annotations

import collections
from typing import Any

from bitexbit_conformance.emulator_target import EmulatorTarget
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import RunSettings
from bitexbit_conformance.signing import GatewaySigner
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core.transport import Response

# The domain's own form checks (bounds, precision, lengths, formats): each has a spec counterpart.
FORM_MESSAGES = (
    "Ensure this value is greater than",
    "Ensure this value is less than",
    "Enter a whole number from",
    "no more than 8 decimal places",
    "Ensure this field has no more than",
    "A valid number is required",
    "Ensure this value is greater than -100",
)


def test_positive_write_requests_meet_no_undeclared_form_rule(
    emulator: EmulatorTarget, signer: GatewaySigner
) -> None:
    schema = load_gateway_schema(
        RunSettings(catalogue=emulator.catalogue), signer=signer, app=emulator.app
    )
    statuses: collections.Counter[tuple[str, int]] = collections.Counter()
    undeclared: list[tuple[str, str, str]] = []
    for path in ("/withdraw/create", "/wallet/create"):
        _send_positive_cases(schema, path, statuses, undeclared)
    assert sum(statuses.values()) >= 100
    assert all(status in (200, 201, 400) for _, status in statuses), statuses
    assert undeclared == []


def _send_positive_cases(
    schema: Any,
    path: str,
    statuses: collections.Counter[tuple[str, int]],
    undeclared: list[tuple[str, str, str]],
) -> None:
    strategy = schema[path]["POST"].as_strategy(generation_mode=GenerationMode.POSITIVE)

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def send(case: Any) -> None:
        response: Response = case.call()
        statuses[(path, response.status_code)] += 1
        if response.status_code == 400:
            for field, messages in response.json().items():
                undeclared.extend(
                    (path, field, message)
                    for message in messages
                    if any(form in message for form in FORM_MESSAGES)
                )

    send()
