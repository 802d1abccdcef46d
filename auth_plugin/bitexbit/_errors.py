"""Typed exceptions: every failed call raises one of these, nothing is returned as an error.

The tree mirrors the gateway's documented statuses, so callers can catch as broadly or as
narrowly as they need (`GatewayError` for "the call failed", `RateLimitError` for "slow down").
Messages hold the status, the server's `detail` and the request id; they never hold request
headers, so neither the secret nor a signature can leak through an exception.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, Generic, TypeVar

__all__ = [
    "APIConnectionError",
    "APITimeoutError",
    "AmbiguousResultError",
    "AuthenticationError",
    "BadGatewayError",
    "BadRequestError",
    "BitexbitError",
    "CallbackVerificationError",
    "GatewayError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnexpectedResponseError",
    "error_from_response",
]

REQUEST_ID_HEADER = "X-Request-Id"
_MAX_BODY_IN_MESSAGE = 200


class BitexbitError(Exception):
    """The root of every exception this SDK raises on purpose."""


class GatewayError(BitexbitError):
    """A call to the gateway failed.

    `status_code` is None when no response arrived (connection errors). `body` is the parsed
    JSON body when there is one, else the text. `code` is the machine-readable reason of
    `{"detail", "code"}` bodies.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: object = None,
        request_id: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body
        self.request_id = request_id
        self.code = code

    def __str__(self) -> str:
        if self.request_id:
            return f"{self.message} (request id {self.request_id})"
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code!r}, code={self.code!r}, "
            f"request_id={self.request_id!r}, message={self.message!r})"
        )


class BadRequestError(GatewayError):
    """400: the input is invalid; `field_errors` maps each field to its messages."""

    def __init__(self, message: str, *, field_errors: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.field_errors = field_errors


class AuthenticationError(GatewayError):
    """401: missing or invalid key, signature or nonce (`code` says which)."""


class PermissionDeniedError(GatewayError):
    """403: the key may not do this (permission or IP allow-list)."""


class NotFoundError(GatewayError):
    """404: e.g. a page past the last one."""


class RateLimitError(GatewayError):
    """429: too many calls; `retry_after` is the server's `Retry-After` in seconds, if given."""

    def __init__(self, message: str, *, retry_after: float | None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(GatewayError):
    """5xx: the server failed. A 500 may have applied the change, so it is never retried."""


class BadGatewayError(ServerError):
    """502: the gateway is overloaded; the request is safe to retry when it is idempotent."""


class APIConnectionError(GatewayError):
    """No response: the connection failed or broke.

    `request_sent` is False only when the request certainly never left this process (the
    connection could not be opened): then it is safe to send again, whatever it was. Otherwise
    the gateway may have received and applied it.
    """

    def __init__(self, message: str, *, request_sent: bool = True, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.request_sent = request_sent


class APITimeoutError(APIConnectionError):
    """No response in time (unless `request_sent` is False, the request may have been applied)."""


ReconciledT = TypeVar("ReconciledT")


class AmbiguousResultError(GatewayError, Generic[ReconciledT]):
    """A money-moving request failed in a way that does not say whether it was applied.

    Raised for `withdrawals.create` and `wallets.create` after a timeout once the request was
    sent, a lost connection, or a 5xx. The SDK did not send it again: the gateway's
    documentation does not say it deduplicates anything, so a second attempt could pay twice.
    `cause` is the failure itself; `client_order_id` the idempotency key the request carried
    (withdrawals). `reconcile()` looks for what the request may have created (the withdrawal
    with that `client_order_id`, or the wallets created since) and returns it, or None / an
    empty list when nothing was created; with `AsyncGateway` it returns an awaitable.
    """

    def __init__(
        self,
        message: str,
        *,
        cause: GatewayError,
        operation: str,
        reconcile: Callable[[], ReconciledT],
        client_order_id: str | None = None,
    ) -> None:
        super().__init__(
            message,
            status_code=cause.status_code,
            body=cause.body,
            request_id=cause.request_id,
            code=cause.code,
        )
        self.cause = cause
        self.operation = operation
        self.client_order_id = client_order_id
        self._reconcile = reconcile

    def reconcile(self) -> ReconciledT:
        """Look up what the ambiguous request may have created (one or more history reads)."""
        return self._reconcile()


class UnexpectedResponseError(GatewayError):
    """A status the spec does not document, or a body the client cannot parse."""


class CallbackVerificationError(BitexbitError):
    """A callback delivery is not authentic or not well formed: do not act on it."""


_ERROR_BY_STATUS: dict[int, type[GatewayError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    500: ServerError,
    502: BadGatewayError,
}


def error_from_response(
    status_code: int, content: bytes, headers: Mapping[str, str]
) -> GatewayError:
    """The exception for an error response, built from the status, raw body and headers.

    Works from the raw response, so a proxy's HTML 502 maps as well as the documented JSON.
    """
    body = _parse_body(content)
    request_id = _header(headers, REQUEST_ID_HEADER)
    code = _string_member(body, "code")
    if status_code == 400:
        field_errors = _field_errors(body)
        summary = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in field_errors.items())
        return BadRequestError(
            f"400 Bad Request: {summary or _describe(body)}",
            field_errors=field_errors,
            status_code=status_code,
            body=body,
            request_id=request_id,
            code=code,
        )
    message = f"{status_code} {_reason(status_code)}: {_describe(body)}"
    if status_code == 429:
        return RateLimitError(
            message,
            retry_after=parse_retry_after(_header(headers, "Retry-After")),
            status_code=status_code,
            body=body,
            request_id=request_id,
            code=code,
        )
    error_class = _ERROR_BY_STATUS.get(status_code)
    if error_class is None:
        error_class = ServerError if status_code >= 500 else UnexpectedResponseError
    return error_class(
        message, status_code=status_code, body=body, request_id=request_id, code=code
    )


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value (delta-seconds or an HTTP date), or None."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        current = time.time() if now is None else now
        return max(0.0, moment.timestamp() - current)
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _parse_body(content: bytes) -> object:
    if not content:
        return None
    try:
        parsed: object = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return content.decode("utf-8", errors="replace")
    return parsed


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        # Plain dicts are case-sensitive; httpx.Headers is not.
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _string_member(body: object, key: str) -> str | None:
    if isinstance(body, dict):
        value = body.get(key)
        if isinstance(value, str):
            return value
    return None


def _field_errors(body: object) -> dict[str, list[str]]:
    if not isinstance(body, dict):
        return {}
    errors: dict[str, list[str]] = {}
    for field, messages in body.items():
        if isinstance(messages, list):
            errors[str(field)] = [str(message) for message in messages]
        else:
            errors[str(field)] = [str(messages)]
    return errors


def _describe(body: object) -> str:
    detail = _string_member(body, "detail")
    if detail is not None:
        return detail
    if body is None:
        return "(empty body)"
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    if len(text) > _MAX_BODY_IN_MESSAGE:
        return text[:_MAX_BODY_IN_MESSAGE] + "…"
    return text


def _reason(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Unknown Status"
