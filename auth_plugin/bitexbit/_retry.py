"""When to retry a failed call, and how long to wait first.

Always retried: 429 (the gateway refused the call before doing anything) and a connection that
never opened (`APIConnectionError.request_sent` is False): neither can have taken effect.

Retried only for calls that are safe to repeat (`repeat_safe`): 502 and the other connection
errors (overload, a broken connection, a timeout after sending). Reads are safe to repeat. A
money-moving call is not, unless the gateway is declared to deduplicate by `client_order_id`
(`Gateway(retry_ambiguous_writes=True)`): the gateway's documentation does not say it does.

Never retried: 400/401/403/404 (the same request fails the same way) and 500 (the gateway may
have applied the change before failing; only the caller can check and decide).

Waits: the server's `Retry-After` when given (a value above `max_retry_after` is not waited for:
the error is raised so the caller can schedule), else exponential backoff with full jitter
(`random() * min(max_delay, initial_delay * 2**retries)`), which spreads clients apart.
"""

from __future__ import annotations

import asyncio
import random as _random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bitexbit._errors import APIConnectionError, BadGatewayError, GatewayError, RateLimitError

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """Retry rules; `sleep`, `async_sleep` and `random` are injectable for tests."""

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    random: Callable[[], float] = field(default=_random.random, repr=False)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must not be negative")

    def delay_before_retry(
        self, error: GatewayError, *, retries_done: int, repeat_safe: bool
    ) -> float | None:
        """Seconds to wait before retrying after `error`, or None to raise it instead."""
        if retries_done >= self.max_retries:
            return None
        if isinstance(error, RateLimitError):
            if error.retry_after is not None:
                if error.retry_after > self.max_retry_after:
                    return None
                return error.retry_after
        elif not _never_sent(error) and not (
            isinstance(error, BadGatewayError | APIConnectionError) and repeat_safe
        ):
            return None
        ceiling = min(self.max_delay, self.initial_delay * 2.0**retries_done)
        return self.random() * ceiling


def _never_sent(error: GatewayError) -> bool:
    """A connection that never opened: the request cannot have been applied."""
    return isinstance(error, APIConnectionError) and not error.request_sent
