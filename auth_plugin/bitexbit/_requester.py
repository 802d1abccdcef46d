"""Sending one operation: limiter, generated call, error mapping and retries, in one loop.

Resources hand over a closure calling a generated `sync_detailed` / `asyncio_detailed`
function; every attempt calls it again, so every retry is a new request through `GatewayAuth`
(fresh nonce, fresh signature). The generated client sends; the body is read here, from the raw
response (captured by an httpx response hook when the generated parser gives up), by
`decode` (`bitexbit._decoding`): liberally, and any 2xx is success, since the gateway's
documentation names no success status.

A money-moving call (`MoneyMovingCall`) is only sent again when the first attempt certainly
did not take effect (a 429, or a connection that never opened). After an ambiguous failure it
raises `AmbiguousResultError` instead, unless the gateway was declared to deduplicate
(`retry_ambiguous_writes`) and the request carries an idempotency key.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from bitexbit_gateway_client import Client
from bitexbit_gateway_client.types import Response

from bitexbit._errors import (
    REQUEST_ID_HEADER,
    AmbiguousResultError,
    APIConnectionError,
    APITimeoutError,
    GatewayError,
    ServerError,
    UnexpectedResponseError,
    error_from_response,
)
from bitexbit._ratelimit import RateLimiter
from bitexbit._retry import RetryPolicy

__all__ = [
    "AsyncRequester",
    "MoneyMovingCall",
    "SyncRequester",
    "async_response_hooks",
    "is_ambiguous",
    "sync_response_hooks",
]

logger = logging.getLogger("bitexbit")

ResultT = TypeVar("ResultT")

# What the generated parsers raise on a body that does not match the spec.
_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError)
# Transport errors raised before any byte of the request left: nothing can have been applied.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)

Decode = Callable[[bytes], ResultT]


@dataclass(frozen=True)
class MoneyMovingCall:
    """What the requester must know about a call that moves money or creates an address."""

    operation: str
    """For messages: "withdrawal", "wallet"."""
    reconcile: Callable[[], Any]
    """Looks up what an ambiguous attempt may have created (see `AmbiguousResultError`)."""
    client_order_id: str | None = None
    """The idempotency key the request carries, if any."""


def is_ambiguous(error: GatewayError) -> bool:
    """Whether `error` leaves open if the request was applied: a 5xx, or a connection that
    broke (or timed out) after the request was sent."""
    if isinstance(error, APIConnectionError):
        return error.request_sent
    return isinstance(error, ServerError)


_last_response: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "bitexbit_last_response", default=None
)


def _remember_response(response: httpx.Response) -> None:
    _last_response.set(response)


async def _remember_response_async(response: httpx.Response) -> None:
    _last_response.set(response)


def sync_response_hooks() -> dict[str, list[Callable[[httpx.Response], None]]]:
    """httpx `event_hooks` for a sync client, so unparseable responses can still be mapped."""
    return {"response": [_remember_response]}


def async_response_hooks() -> dict[str, list[Callable[[httpx.Response], Awaitable[None]]]]:
    return {"response": [_remember_response_async]}


class _Requester:
    """What both requesters hold, and how they decide on a retry."""

    def __init__(
        self,
        client: Client,
        *,
        retry_policy: RetryPolicy,
        limiter: RateLimiter | None,
        retry_ambiguous_writes: bool = False,
    ) -> None:
        self.client = client
        self.retry_policy = retry_policy
        self.limiter = limiter
        self.retry_ambiguous_writes = retry_ambiguous_writes

    def _retry_delay(
        self, error: GatewayError, *, retries_done: int, write: MoneyMovingCall | None
    ) -> float:
        """Seconds to wait before the next attempt (logged); raises when ``error`` is final.

        A read may be repeated after any failure the policy retries. A money-moving call only
        after one that certainly did not take effect, unless the gateway is declared to
        deduplicate and the call carries a key; an ambiguous failure it may not repeat becomes
        `AmbiguousResultError`.
        """
        ambiguous = write is not None and is_ambiguous(error)
        repeat_safe = write is None or (
            ambiguous and self.retry_ambiguous_writes and bool(write.client_order_id)
        )
        delay = self.retry_policy.delay_before_retry(
            error, retries_done=retries_done, repeat_safe=repeat_safe
        )
        if delay is None:
            if ambiguous and write is not None:
                raise _ambiguous(error, write) from error
            raise error
        _log_retry(error, delay, retries_done)
        return delay


class SyncRequester(_Requester):
    """Runs generated sync operations with rate limiting, typed errors and retries."""

    def send(
        self,
        operation: Callable[[Client], Response[Any]],
        decode: Decode[ResultT],
        *,
        write: MoneyMovingCall | None = None,
    ) -> ResultT:
        """The 2xx body read by `decode`; raises a `GatewayError` otherwise."""
        retries_done = 0
        while True:
            if self.limiter is not None:
                self.limiter.acquire()
            token = _last_response.set(None)
            try:
                return _result(_call(lambda: operation(self.client)), decode)
            except GatewayError as error:
                delay = self._retry_delay(error, retries_done=retries_done, write=write)
            finally:
                _last_response.reset(token)
            self.retry_policy.sleep(delay)
            retries_done += 1


class AsyncRequester(_Requester):
    """The asyncio twin of `SyncRequester`."""

    async def send(
        self,
        operation: Callable[[Client], Awaitable[Response[Any]]],
        decode: Decode[ResultT],
        *,
        write: MoneyMovingCall | None = None,
    ) -> ResultT:
        retries_done = 0
        while True:
            if self.limiter is not None:
                await self.limiter.acquire_async()
            token = _last_response.set(None)
            try:
                return _result(await _call_async(operation(self.client)), decode)
            except GatewayError as error:
                delay = self._retry_delay(error, retries_done=retries_done, write=write)
            finally:
                _last_response.reset(token)
            await self.retry_policy.async_sleep(delay)
            retries_done += 1


@dataclass(frozen=True)
class _RawResponse:
    """What is read of a response: the same for a generated `Response` and an httpx one."""

    status_code: int
    content: bytes
    headers: httpx.Headers


@contextmanager
def _typed_errors() -> Iterator[None]:
    """Transport failures become `GatewayError`s (saying whether the request left at all)."""
    try:
        yield
    except _NOT_SENT as error:
        error_type = (
            APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        )
        raise error_type(
            f"Could not reach the gateway ({_name(error)}); the request was not sent",
            request_sent=False,
        ) from error
    except httpx.TimeoutException as error:
        raise APITimeoutError(f"The gateway did not answer in time ({_name(error)})") from error
    except httpx.RequestError as error:
        raise APIConnectionError(f"Could not reach the gateway ({_name(error)})") from error


def _call(attempt: Callable[[], Response[Any]]) -> _RawResponse:
    with _typed_errors():
        try:
            return _raw(attempt())
        except _PARSE_ERRORS as error:
            return _captured(error)


async def _call_async(attempt: Awaitable[Response[Any]]) -> _RawResponse:
    with _typed_errors():
        try:
            return _raw(await attempt)
        except _PARSE_ERRORS as error:
            return _captured(error)


def _raw(response: Response[Any]) -> _RawResponse:
    return _RawResponse(
        int(response.status_code), response.content, httpx.Headers(response.headers)
    )


def _captured(error: Exception) -> _RawResponse:
    """The generated parser gave up on a body; the response hook kept the raw response."""
    response = _last_response.get()
    if response is None:
        raise UnexpectedResponseError(
            f"Could not read the gateway's response ({_name(error)})"
        ) from error
    return _RawResponse(response.status_code, response.content, response.headers)


def _result(response: _RawResponse, decode: Decode[ResultT]) -> ResultT:
    status = response.status_code
    if not 200 <= status < 300:
        raise error_from_response(status, response.content, response.headers)
    try:
        return decode(response.content)
    except (*_PARSE_ERRORS, RecursionError) as error:
        raise UnexpectedResponseError(
            f"{status}: the gateway answered with a body this client cannot read ({_name(error)})",
            status_code=status,
            body=_body_or_none(response.content),
            request_id=response.headers.get(REQUEST_ID_HEADER),
        ) from error


def _ambiguous(error: GatewayError, write: MoneyMovingCall) -> AmbiguousResultError[Any]:
    key = f" (client_order_id {write.client_order_id!r})" if write.client_order_id else ""
    return AmbiguousResultError(
        f"The {write.operation}{key} may or may not have been created "
        f"({error.message.rstrip('.')}). "
        "It was not sent again; call reconcile() on this error to look it up before retrying.",
        cause=error,
        operation=write.operation,
        reconcile=write.reconcile,
        client_order_id=write.client_order_id,
    )


def _body_or_none(content: bytes) -> object:
    try:
        body: object = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        return content.decode("utf-8", errors="replace")
    return body


def _name(error: Exception) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _log_retry(error: GatewayError, delay: float, retries_done: int) -> None:
    logger.info(
        "retry %d in %.2f s after %s (status %s, request id %s)",
        retries_done + 1,
        delay,
        type(error).__name__,
        error.status_code,
        error.request_id,
    )
