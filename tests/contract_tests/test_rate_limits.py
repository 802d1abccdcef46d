"""The rate-limited configuration: the gateway answers 429 with Retry-After, as the spec
documents, and the SDK's client-side limiter keeps a client under the limit."""

from __future__ import annotations

import pytest
from bitexbit_conformance.emulator_target import ci_emulator_config, in_process_emulator
from bitexbit_conformance.schema import load_gateway_schema
from bitexbit_conformance.settings import RunSettings
from bitexbit_conformance.signing import GatewaySigner
from bitexbit_emulator.pytest_plugin import GatewayEmulator
from schemathesis import AuthContext

PLACEHOLDERS = {"X-API-Key": "generated", "X-Nonce": "generated", "X-Signature": "generated"}


def test_three_quick_calls_get_a_429_with_retry_after_as_documented() -> None:
    with in_process_emulator(ci_emulator_config(rate_limits=True)) as emulator:
        signer = GatewaySigner(emulator.api_key, emulator.secret)
        schema = load_gateway_schema(RunSettings(), signer=signer, app=emulator.app)
        operation = schema.find_operation_by_id("listWallets")
        responses = []
        for _ in range(3):
            case = operation.Case(headers=dict(PLACEHOLDERS))
            schema.auth.set(case, AuthContext(operation=operation, app=emulator.app))
            responses.append(case.call())

    assert [response.status_code for response in responses] == [200, 200, 429]
    throttled = responses[2]
    assert throttled.json()["code"] == "throttled"
    retry_after = throttled.headers["retry-after"][0]
    assert retry_after.isdigit()
    assert 0 <= int(retry_after) <= 1
    # Status, content type, body schema and the required Retry-After header, per the spec.
    case.validate_response(throttled)


@pytest.mark.gateway_emulator(rate_limits=True)
def test_the_sdk_limiter_stays_under_the_limit(gateway_emulator: GatewayEmulator) -> None:
    # No retries: a single 429 would raise RateLimitError.
    with gateway_emulator.gateway(rate_limit=True, max_retries=0) as gateway:
        for _ in range(5):
            gateway.wallets.list()
        assert gateway.rate_limiter is not None


@pytest.mark.gateway_emulator(rate_limits=True)
def test_without_the_limiter_the_same_calls_are_throttled(
    gateway_emulator: GatewayEmulator,
) -> None:
    from bitexbit import RateLimitError

    with gateway_emulator.gateway(rate_limit=False, max_retries=0) as gateway:
        gateway.wallets.list()
        gateway.wallets.list()
        with pytest.raises(RateLimitError):
            gateway.wallets.list()
