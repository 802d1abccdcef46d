"""`verify_callback`: authentic deliveries parse into typed models; anything else is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from bitexbit import (
    CallbackEventType,
    CallbackVerificationError,
    DepositCallback,
    DepositStatus,
    Secret,
    WithdrawCallback,
    WithdrawStatus,
    sign_callback,
    verify_callback,
)

SpecExample = Callable[[str, str, str], Any]

SECRET = "callback-secret-never-shown"


def _delivery(event: str, data: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    event_id = str(uuid.uuid4())
    body = json.dumps(
        {"id": event_id, "event": event, "created_at": "2021-05-20T15:00:00Z", "data": data},
        separators=(",", ":"),
    ).encode()
    signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()  # independent
    headers = {
        "X-Callback-Signature": signature,
        "X-Callback-Id": event_id,
        "X-Callback-Event": event,
    }
    return body, headers


@pytest.fixture
def deposit_delivery(sdk_spec_example: SpecExample) -> tuple[bytes, dict[str, str]]:
    deposit = sdk_spec_example("/wallet/history", "get", "200")["results"][0]
    return _delivery("deposit.status_changed", deposit)


@pytest.fixture
def withdraw_delivery(sdk_spec_example: SpecExample) -> tuple[bytes, dict[str, str]]:
    withdraw = sdk_spec_example("/withdraw/history", "get", "200")["results"][0]
    return _delivery("withdraw.status_changed", withdraw)


def test_deposit_callback_is_verified_and_typed(
    deposit_delivery: tuple[bytes, dict[str, str]],
) -> None:
    body, headers = deposit_delivery
    callback = verify_callback(body, headers, SECRET)
    assert isinstance(callback, DepositCallback)
    assert callback.event is CallbackEventType.DEPOSIT_STATUS_CHANGED
    assert str(callback.id) == headers["X-Callback-Id"]
    assert callback.data.status is DepositStatus.CONFIRMED
    assert callback.data.amount == Decimal("5")
    assert callback.created_at.tzinfo is not None


def test_withdraw_callback_is_verified_and_typed(
    withdraw_delivery: tuple[bytes, dict[str, str]],
) -> None:
    body, headers = withdraw_delivery
    callback = verify_callback(body, headers, Secret(SECRET))
    assert isinstance(callback, WithdrawCallback)
    assert callback.data.status is WithdrawStatus.DONE
    assert callback.data.fee == Decimal("2")


def test_header_names_are_case_insensitive(
    deposit_delivery: tuple[bytes, dict[str, str]],
) -> None:
    body, headers = deposit_delivery
    lowered = {name.lower(): value for name, value in headers.items()}
    assert isinstance(verify_callback(body, lowered, SECRET), DepositCallback)


def test_sign_callback_matches_an_independent_hmac(
    deposit_delivery: tuple[bytes, dict[str, str]],
) -> None:
    body, headers = deposit_delivery
    assert sign_callback(body, SECRET) == headers["X-Callback-Signature"]


def test_wrong_secret_is_refused(deposit_delivery: tuple[bytes, dict[str, str]]) -> None:
    body, headers = deposit_delivery
    with pytest.raises(CallbackVerificationError, match="signature mismatch") as caught:
        verify_callback(body, headers, "some-other-secret")
    assert SECRET not in str(caught.value)
    assert headers["X-Callback-Signature"] not in str(caught.value)


def test_tampered_body_is_refused(deposit_delivery: tuple[bytes, dict[str, str]]) -> None:
    body, headers = deposit_delivery
    tampered = body.replace(b'"amount":"5.00000000"', b'"amount":"500.00000000"')
    assert tampered != body
    with pytest.raises(CallbackVerificationError, match="signature mismatch"):
        verify_callback(tampered, headers, SECRET)


def test_reserialised_body_is_refused(deposit_delivery: tuple[bytes, dict[str, str]]) -> None:
    body, headers = deposit_delivery
    pretty = json.dumps(json.loads(body), indent=2).encode()
    with pytest.raises(CallbackVerificationError):
        verify_callback(pretty, headers, SECRET)


@pytest.mark.parametrize("header", ["X-Callback-Signature", "X-Callback-Event"])
def test_missing_headers_are_refused(
    deposit_delivery: tuple[bytes, dict[str, str]], header: str
) -> None:
    body, headers = deposit_delivery
    del headers[header]
    with pytest.raises(CallbackVerificationError):
        verify_callback(body, headers, SECRET)


def test_event_header_must_match_the_body(
    deposit_delivery: tuple[bytes, dict[str, str]],
) -> None:
    body, headers = deposit_delivery
    headers["X-Callback-Event"] = "withdraw.status_changed"
    with pytest.raises(CallbackVerificationError, match="does not match the body's event"):
        verify_callback(body, headers, SECRET)


def test_id_header_must_match_the_body(deposit_delivery: tuple[bytes, dict[str, str]]) -> None:
    body, headers = deposit_delivery
    headers["X-Callback-Id"] = str(uuid.uuid4())
    with pytest.raises(CallbackVerificationError, match="id"):
        verify_callback(body, headers, SECRET)


def test_event_and_payload_must_agree(sdk_spec_example: SpecExample) -> None:
    deposit = sdk_spec_example("/wallet/history", "get", "200")["results"][0]
    body, headers = _delivery("withdraw.status_changed", deposit)  # a deposit under the wrong event
    with pytest.raises(CallbackVerificationError, match="does not match the API spec"):
        verify_callback(body, headers, SECRET)


def test_unknown_event_is_refused() -> None:
    body, headers = _delivery("wallet.deleted", {})
    with pytest.raises(CallbackVerificationError, match="unknown callback event"):
        verify_callback(body, headers, SECRET)


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]"])
def test_signed_garbage_is_refused(body: bytes) -> None:
    headers = {
        "X-Callback-Signature": sign_callback(body, SECRET),
        "X-Callback-Event": "deposit.status_changed",
    }
    with pytest.raises(CallbackVerificationError, match="JSON"):
        verify_callback(body, headers, SECRET)


def test_text_body_is_a_type_error(deposit_delivery: tuple[bytes, dict[str, str]]) -> None:
    body, headers = deposit_delivery
    with pytest.raises(TypeError, match="bytes"):
        verify_callback(body.decode(), headers, SECRET)  # type: ignore[arg-type]
