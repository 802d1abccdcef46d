"""A client-side limiter so a well-behaved program never meets the gateway's 429.

The gateway allows 2 authorized calls per second per API key. `RateLimiter` is a token bucket
written as GCRA (one "theoretical arrival time"): each call reserves the next free slot under a
lock and then sleeps outside it, so threads and asyncio tasks share one limiter without holding
a lock while waiting. The default burst of 1 spaces calls 0.5 s apart, which also satisfies a
sliding-window server (any 1 s window holds at most 2 calls); a larger burst would not.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

from bitexbit._per_key import PerKey

__all__ = ["DEFAULT_CALLS_PER_SECOND", "RateLimiter", "shared_rate_limiter"]

DEFAULT_CALLS_PER_SECOND = 2.0


class RateLimiter:
    """At most `rate` calls per second on average, with bursts of up to `burst` calls."""

    def __init__(
        self,
        rate: float = DEFAULT_CALLS_PER_SECOND,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self.burst = burst
        self._interval = 1.0 / rate
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._next_slot: float | None = None
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Claim the next slot; return how many seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            slot = now if self._next_slot is None else max(self._next_slot, now)
            self._next_slot = slot + self._interval
            return max(0.0, slot - self._tolerance - now)

    def acquire(self) -> float:
        """Block until a call may go out; return the seconds waited."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    async def acquire_async(self) -> float:
        """Like `acquire`, without blocking the event loop."""
        wait = self.reserve()
        if wait > 0:
            await self._async_sleep(wait)
        return wait

    def __repr__(self) -> str:
        return f"RateLimiter(rate={self.rate}, burst={self.burst})"


_shared_limiters: PerKey[RateLimiter] = PerKey(RateLimiter)


def shared_rate_limiter(api_key: str) -> RateLimiter:
    """The process-wide limiter of one API key (what `rate_limit=True` uses)."""
    return _shared_limiters.get(api_key)
