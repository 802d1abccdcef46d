"""Token-bucket rate limits: per account on authenticated calls, per client IP on public ones.

Both scopes are the gateway documentation's: "2 calls per second from single account to
authorization required methods and 100 calls per second from single IP address to public
methods". Every API key of an account draws on the one account bucket.

Each bucket holds ``requests`` tokens and refills at ``requests / period_seconds`` per second,
so a client may burst up to the limit and then sustain it. The clock is injectable (tests
advance it by hand). Over the limit a request is answered 429 with ``Retry-After`` in whole
seconds (at least 1), and nothing else about it is processed.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bitexbit_emulator.http.responses import ApiError, problem

__all__ = [
    "Buckets",
    "BucketsFactory",
    "MonotonicClock",
    "RateLimitSettings",
    "RateLimiter",
    "TokenBucketLimiter",
    "in_process_buckets",
    "throttled",
]


MonotonicClock = Callable[[], float]


_MAX_TRACKED = 10_000


@dataclass(frozen=True)
class RateLimitSettings:
    enabled: bool = True
    per_account: int = 2
    per_ip: int = 100
    period_seconds: float = 1.0


@dataclass
class _Bucket:
    tokens: float
    updated_at: float


class TokenBucketLimiter:
    """One limit for many callers (keys or IPs), each with its own bucket."""

    def __init__(self, requests: int, period_seconds: float, clock: MonotonicClock) -> None:
        if requests < 1 or period_seconds <= 0:
            raise ValueError("a rate limit needs requests >= 1 and period_seconds > 0")
        self._capacity = float(requests)
        self._refill_per_second = requests / period_seconds
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def acquire(self, caller: str) -> float:
        """Take a token: 0.0 if allowed, else the seconds until one is available."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(caller)
            if bucket is None:
                if len(self._buckets) >= _MAX_TRACKED:
                    self._forget_full_buckets(now)
                bucket = self._buckets[caller] = _Bucket(self._capacity, now)
            elapsed = max(0.0, now - bucket.updated_at)
            bucket.tokens = min(self._capacity, bucket.tokens + elapsed * self._refill_per_second)
            bucket.updated_at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self._refill_per_second

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()

    def _forget_full_buckets(self, now: float) -> None:
        """Bound memory: a bucket that has refilled completely carries no state worth keeping."""
        for caller, bucket in list(self._buckets.items()):
            refilled = bucket.tokens + (now - bucket.updated_at) * self._refill_per_second
            if refilled >= self._capacity:
                del self._buckets[caller]


def throttled(wait_seconds: float) -> ApiError:
    retry_after = max(1, math.ceil(wait_seconds))
    unit = "second" if retry_after == 1 else "seconds"
    return problem(
        429,
        f"Request was throttled. Expected available in {retry_after} {unit}.",
        "throttled",
        headers={"Retry-After": str(retry_after)},
    )


class Buckets(Protocol):
    """Where one limit keeps its buckets: this process (`TokenBucketLimiter`) or the database
    every instance shares (``store.buckets.DatabaseBuckets``)."""

    def acquire(self, caller: str) -> float: ...

    def reset(self) -> None: ...


BucketsFactory = Callable[[str, int, float, MonotonicClock], Buckets]
"""(scope "account" or "ip", requests, period_seconds, clock) -> the scope's buckets."""


def in_process_buckets(
    _scope: str, requests: int, period_seconds: float, clock: MonotonicClock
) -> Buckets:
    return TokenBucketLimiter(requests, period_seconds, clock)


class RateLimiter:
    """Both limits of the gateway; ``check_*`` raise the 429 ``ApiError`` when over."""

    def __init__(
        self,
        settings: RateLimitSettings,
        clock: MonotonicClock = time.monotonic,
        buckets: BucketsFactory = in_process_buckets,
    ) -> None:
        self.settings = settings
        self._per_account = buckets("account", settings.per_account, settings.period_seconds, clock)
        self._per_ip = buckets("ip", settings.per_ip, settings.period_seconds, clock)

    @property
    def enabled(self) -> bool:
        return self.settings.enabled

    def check_ip(self, client_ip: str | None) -> None:
        if self.settings.enabled:
            wait = self._per_ip.acquire(client_ip or "unknown")
            if wait > 0:
                raise throttled(wait)

    def check_account(self, account_id: int) -> None:
        if self.settings.enabled:
            wait = self._per_account.acquire(str(account_id))
            if wait > 0:
                raise throttled(wait)

    def reset(self) -> None:
        self._per_account.reset()
        self._per_ip.reset()
