"""Proof that the signature covers the request Schemathesis finally sends.

Schemathesis runs auth `set()` before serializing, and its coverage/stateful phases change
the case afterwards. These tests do exactly that - set auth, then change the body - and the
emulator (which verifies signatures with `bitexbit_signing.verify_request` over the bytes it
received) still accepts the request. A provider that signs inside `set()` is rejected for
the same request, which is why the signer is a `requests` auth.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from bitexbit_conformance.emulator_target import EmulatorTarget
from bitexbit_conformance.runner import run_conformance
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import GenerationModes, Phase, RunSettings
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_signing import ParamEncoder, SignatureScheme, sign_request
from schemathesis import AuthContext, Case

PLACEHOLDERS = {"X-API-Key": "generated", "X-Nonce": "generated", "X-Signature": "generated"}
VARIANTS = [
    (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),
    (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
    (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),
]


def _wallet_case(
    emulator: EmulatorTarget, signer: GatewaySigner, media_type: str
) -> tuple[Case[Any], Any]:
    schema = load_gateway_schema(RunSettings(), signer=signer, app=emulator.app)
    operation = schema.find_operation_by_id("createWallet")
    case = operation.Case(
        body={"ticker": "BTC", "network": "bitcoin", "callback_url": "http://127.0.0.1/cb"},
        media_type=media_type,
        headers=dict(PLACEHOLDERS),
    )
    return case, schema


@pytest.mark.parametrize("media_type", ["application/json", "application/x-www-form-urlencoded"])
@pytest.mark.parametrize(("scheme", "encoder"), VARIANTS)
def test_a_body_changed_after_auth_set_still_verifies(
    emulator: EmulatorTarget, scheme: SignatureScheme, encoder: ParamEncoder, media_type: str
) -> None:
    signer = GatewaySigner(emulator.api_key, emulator.secret, scheme=scheme, encoder=encoder)
    case, schema = _wallet_case(emulator, signer, media_type)
    schema.auth.set(case, AuthContext(operation=case.operation, app=emulator.app))
    # What the coverage and stateful phases do after auth was set: change the payload.
    case.body = {
        "ticker": "ETH",
        "network": "ethereum",
        "convert_ticker": "USDT",
        "convert_percent": "-2.5",
        # Characters the two PARAMS encoders write differently.
        "callback_url": "http://127.0.0.1/cb?note=it's(ok)*!~&x=1",
    }

    response = case.call()

    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["ticker"], created["convert_percent"]) == ("ETH", "-2.50000000")
    assert signer.signed_count == 1


def test_signing_inside_the_auth_providers_set_breaks_on_the_same_request(
    emulator: EmulatorTarget,
) -> None:
    """The counterfactual: a provider that signs the body it sees in `set()` is rejected."""
    signer = GatewaySigner(emulator.api_key, emulator.secret)

    class SignsInSet:
        def get(self, case: Case[Any], context: AuthContext) -> str:
            return emulator.secret

        def set(self, case: Case[Any], secret: str, context: AuthContext) -> None:
            nonce = 10**15
            body = json.dumps(case.body).encode()
            case.headers.update(
                {
                    "X-API-Key": emulator.api_key,
                    "X-Nonce": str(nonce),
                    "X-Signature": sign_request(
                        secret=secret,
                        api_key=emulator.api_key,
                        scheme=SignatureScheme.PATH_NONCE_BODY,
                        encoder=ParamEncoder.PYTHON,
                        method="POST",
                        path="/api/gateway/wallet/create",
                        query="",
                        content_type="application/json",
                        body=body,
                        nonce=nonce,
                    ),
                }
            )

    case, _ = _wallet_case(emulator, signer, "application/json")
    SignsInSet().set(case, emulator.secret, AuthContext(operation=case.operation, app=None))
    untouched = case.operation.Case(
        body=case.body, media_type="application/json", headers=dict(case.headers)
    )
    case.body = {"ticker": "ETH", "network": "ethereum"}

    rejected = case.call()
    assert rejected.status_code == 401
    assert rejected.json()["code"] == "invalid_signature"
    # ... while the same provider's signature is fine for the body it actually saw.
    accepted = untouched.call()
    assert accepted.status_code == 201, accepted.text


@pytest.mark.parametrize(("scheme", "encoder"), VARIANTS)
def test_schema_valid_requests_are_accepted_with_every_signing_variant(
    emulator: EmulatorTarget, scheme: SignatureScheme, encoder: ParamEncoder
) -> None:
    """positive_data_acceptance expects 2xx: any signing mismatch would fail this run."""
    signer = GatewaySigner(emulator.api_key, emulator.secret, scheme=scheme, encoder=encoder)
    settings = replace(
        RunSettings(max_examples=10, catalogue=emulator.catalogue),
        phases=(Phase.EXAMPLES, Phase.FUZZING),
        modes=GenerationModes.POSITIVE,
    )
    schema = load_gateway_schema(settings, signer=signer, app=emulator.app)
    report = run_conformance(schema)
    assert report.ok, report.describe_failures()
    assert emulator.app.by_status.get(201, 0) > 0
    assert emulator.app.by_status.get(200, 0) > 0
