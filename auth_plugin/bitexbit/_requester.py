"""Sending one operation: limiter, generated call, error mapping and retries, in one loop.

Resources hand over a closure calling a generated `sync_detailed` / `asyncio_detailed`
function; every attempt calls it again, so every retry is a new request through `GatewayAuth`
(fresh nonce, fresh signature). The generated code returns error bodies instead of raising,
and raises plain ValueError/KeyError when a body does not parse; both become typed
`GatewayError`s here, from the raw response captured by an httpx response hook.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx
from bitexbit_gateway_client import Client
from bitexbit_gateway_client.types import Response

from bitexbit._errors import (
    REQUEST_ID_HEADER,
    APIConnectionError,
    APITimeoutError,
    GatewayError,
    UnexpectedResponseError,
    error_from_response,
)
from bitexbit._ratelimit import RateLimiter
from bitexbit._retry import RetryPolicy

__all__ = ["AsyncRequester", "SyncRequester", "async_response_hooks", "sync_response_hooks"]

logger = logging.getLogger("bitexbit")

ResultT = TypeVar("ResultT")

# What the generated parsers raise on a body that does not match the spec.
_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError)

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
        self, client: Client, *, retry_policy: RetryPolicy, limiter: RateLimiter | None
    ) -> None:
        self.client = client
        self.retry_policy = retry_policy
        self.limiter = limiter

    def _retry_delay(
        self, error: GatewayError, *, retries_done: int, repeat_safe: bool
    ) -> float | None:
        """Seconds to wait before the next attempt (logged), or None when ``error`` is final."""
        delay = self.retry_policy.delay_before_retry(
            error, retries_done=retries_done, repeat_safe=repeat_safe
        )
        if delay is not None:
            _log_retry(error, delay, retries_done)
        return delay


class SyncRequester(_Requester):
    """Runs generated sync operations with rate limiting, typed errors and retries."""

    def send(
        self,
        operation: Callable[[Client], Response[Any]],
        success: type[ResultT],
        *,
        repeat_safe: bool = True,
    ) -> ResultT:
        """The parsed 2xx body, which must be a `success`; raises a `GatewayError` otherwise."""
        retries_done = 0
        while True:
            if self.limiter is not None:
                self.limiter.acquire()
            token = _last_response.set(None)
            try:
                return _result(_call(lambda: operation(self.client)), success)
            except GatewayError as error:
                delay = self._retry_delay(error, retries_done=retries_done, repeat_safe=repeat_safe)
                if delay is None:
                    raise
            finally:
                _last_response.reset(token)
            self.retry_policy.sleep(delay)
            retries_done += 1


class AsyncRequester(_Requester):
    """The asyncio twin of `SyncRequester`."""

    async def send(
        self,
        operation: Callable[[Client], Awaitable[Response[Any]]],
        success: type[ResultT],
        *,
        repeat_safe: bool = True,
    ) -> ResultT:
        retries_done = 0
        while True:
            if self.limiter is not None:
                await self.limiter.acquire_async()
            token = _last_response.set(None)
            try:
                return _result(await _call_async(operation(self.client)), success)
            except GatewayError as error:
                delay = self._retry_delay(error, retries_done=retries_done, repeat_safe=repeat_safe)
                if delay is None:
                    raise
            finally:
                _last_response.reset(token)
            await self.retry_policy.async_sleep(delay)
            retries_done += 1


@contextmanager
def _typed_errors() -> Iterator[None]:
    """Transport failures and unparseable bodies become `GatewayError`s."""
    try:
        yield
    except httpx.TimeoutException as error:
        raise APITimeoutError(f"The gateway did not answer in time ({_name(error)})") from error
    except httpx.RequestError as error:
        raise APIConnectionError(f"Could not reach the gateway ({_name(error)})") from error
    except _PARSE_ERRORS as error:
        raise _unreadable_response(error) from error


def _call(attempt: Callable[[], Response[Any]]) -> Response[Any]:
    with _typed_errors():
        return attempt()


async def _call_async(attempt: Awaitable[Response[Any]]) -> Response[Any]:
    with _typed_errors():
        return await attempt


def _result(response: Response[Any], success: type[ResultT]) -> ResultT:
    status = int(response.status_code)
    if not 200 <= status < 300:
        raise error_from_response(status, response.content, response.headers)
    parsed = response.parsed
    if isinstance(parsed, success):
        return parsed
    raise UnexpectedResponseError(
        f"{status}: the gateway answered with a body this client does not expect",
        status_code=status,
        body=_body_or_none(response.content),
        request_id=response.headers.get(REQUEST_ID_HEADER),
    )


def _unreadable_response(error: Exception) -> GatewayError:
    response = _last_response.get()
    if response is None:
        return UnexpectedResponseError(f"Could not read the gateway's response ({_name(error)})")
    if not response.is_success:
        return error_from_response(response.status_code, response.content, response.headers)
    return UnexpectedResponseError(
        f"{response.status_code}: the response does not match the API spec ({_name(error)})",
        status_code=response.status_code,
        body=_body_or_none(response.content),
        request_id=response.headers.get(REQUEST_ID_HEADER),
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
