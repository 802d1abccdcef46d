"""Verifying the status callbacks the gateway POSTs to a wallet's or withdrawal's `callback_url`.

Give `verify_callback` the raw body bytes exactly as received (before any JSON parsing: a
re-serialised body has other bytes and fails the check), the request headers and the API
secret of the key that created the wallet or withdrawal. Nothing in the body is trusted or
even parsed before the signature matches. Deliveries are retried, so deduplicate on `.id`.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping

from bitexbit_gateway_client.models import CallbackEventType
from bitexbit_gateway_client.models import DepositCallback as GeneratedDepositCallback
from bitexbit_gateway_client.models import WithdrawCallback as GeneratedWithdrawCallback
from bitexbit_signing import Secret, hmac_hex

from bitexbit._errors import CallbackVerificationError
from bitexbit._models import DepositCallback, WithdrawCallback

__all__ = [
    "CALLBACK_EVENT_HEADER",
    "CALLBACK_ID_HEADER",
    "CALLBACK_SIGNATURE_HEADER",
    "sign_callback",
    "verify_callback",
]

CALLBACK_SIGNATURE_HEADER = "X-Callback-Signature"
CALLBACK_ID_HEADER = "X-Callback-Id"
CALLBACK_EVENT_HEADER = "X-Callback-Event"

_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError)


def sign_callback(raw_body: bytes, secret: str | Secret) -> str:
    """The `X-Callback-Signature` of a body: hex HMAC-SHA256(secret, raw body)."""
    return hmac_hex(secret, raw_body)


def verify_callback(
    raw_body: bytes, headers: Mapping[str, str], secret: str | Secret
) -> DepositCallback | WithdrawCallback:
    """The typed payload of an authentic delivery; `CallbackVerificationError` otherwise.

    Checks, in order: the signature over the raw body (constant-time comparison), then that
    the body is a callback whose `event` and `id` match the `X-Callback-Event` and
    `X-Callback-Id` headers.
    """
    if not isinstance(raw_body, bytes | bytearray):
        raise TypeError("raw_body must be the request body as bytes, exactly as received")
    fields = {name.lower(): value for name, value in headers.items()}
    given = fields.get(CALLBACK_SIGNATURE_HEADER.lower())
    if not given:
        raise CallbackVerificationError(f"missing {CALLBACK_SIGNATURE_HEADER} header")
    expected = sign_callback(bytes(raw_body), secret)
    if not hmac.compare_digest(expected.encode("ascii"), given.strip().lower().encode()):
        raise CallbackVerificationError(
            "signature mismatch: the body was altered or signed with another secret"
        )
    payload = _json_object(raw_body)
    event = payload.get("event")
    header_event = fields.get(CALLBACK_EVENT_HEADER.lower())
    if header_event is None or header_event != event:
        raise CallbackVerificationError(
            f"{CALLBACK_EVENT_HEADER} {header_event!r} does not match the body's event {event!r}"
        )
    header_id = fields.get(CALLBACK_ID_HEADER.lower())
    if header_id is not None and header_id != payload.get("id"):
        raise CallbackVerificationError(f"{CALLBACK_ID_HEADER} does not match the body's id")
    try:
        if event == CallbackEventType.DEPOSIT_STATUS_CHANGED:
            return DepositCallback(GeneratedDepositCallback.from_dict(payload))
        if event == CallbackEventType.WITHDRAW_STATUS_CHANGED:
            return WithdrawCallback(GeneratedWithdrawCallback.from_dict(payload))
    except _PARSE_ERRORS as error:
        raise CallbackVerificationError(
            f"the {event} payload does not match the API spec ({type(error).__name__})"
        ) from None
    raise CallbackVerificationError(f"unknown callback event {event!r}")


def _json_object(raw_body: bytes | bytearray) -> dict[str, object]:
    try:
        payload: object = json.loads(raw_body)
    except (ValueError, UnicodeDecodeError):
        raise CallbackVerificationError("the body is not JSON") from None
    if not isinstance(payload, dict):
        raise CallbackVerificationError("the body is not a JSON object")
    return payload
