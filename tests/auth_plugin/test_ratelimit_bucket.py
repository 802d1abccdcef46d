"""The client-side limiter: 2 authorized calls per second per key, shared, thread-safe."""

from __future__ import annotations

import threading

import httpx
import pytest
from bitexbit import Gateway, RateLimiter, RetryPolicy
from bitexbit._ratelimit import shared_rate_limiter


class FakeClock:
    """A monotonic clock that only moves when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


def test_third_call_waits_half_a_second_with_a_burst_of_two() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, burst=2, clock=clock, sleep=clock.sleep)
    waits = [limiter.acquire() for _ in range(3)]
    assert waits == [0.0, 0.0, pytest.approx(0.5)]
    assert clock.now == pytest.approx(0.5)


def test_default_spacing_keeps_any_one_second_window_at_two_calls() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(7):
        limiter.acquire()
        times.append(clock.now)
    assert times == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
    for start in times:
        in_window = [t for t in times if start <= t < start + 1.0]
        assert len(in_window) <= 2


def test_idle_time_refills_but_never_beyond_the_burst() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, burst=2, clock=clock, sleep=clock.sleep)
    limiter.acquire()
    clock.now = 100.0  # a long pause
    assert [limiter.acquire() for _ in range(3)] == [0.0, 0.0, pytest.approx(0.5)]


def test_threads_get_distinct_slots() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=lambda seconds: None)
    waits: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(50):
            wait = limiter.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([0.5 * slot for slot in range(400)])


def test_one_limiter_per_key_shared_by_gateways() -> None:
    first = Gateway("shared-key-A", "secret", rate_limit=True)
    second = Gateway("shared-key-A", "another-secret-object", rate_limit=True)
    other = Gateway("shared-key-B", "secret", rate_limit=True)
    try:
        assert first.rate_limiter is not None
        assert first.rate_limiter is second.rate_limiter
        assert first.rate_limiter is shared_rate_limiter("shared-key-A")
        assert other.rate_limiter is not first.rate_limiter
    finally:
        for gateway in (first, second, other):
            gateway.close()


def test_rate_limit_false_turns_it_off() -> None:
    with Gateway("no-limit-key", "secret", rate_limit=False) as gateway:
        assert gateway.rate_limiter is None


def test_every_attempt_including_retries_goes_through_the_limiter() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    replies = [
        httpx.Response(502, json={"detail": "busy"}),
        httpx.Response(200, json={"count": 0, "next": None, "previous": None, "results": []}),
    ]
    sent_at: list[float] = []

    def serve(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.now)
        return replies.pop(0)

    with Gateway(
        "limited-key",
        "secret",
        transport=httpx.MockTransport(serve),
        rate_limit=limiter,
        retry_policy=RetryPolicy(sleep=lambda seconds: None, random=lambda: 0.0),
    ) as gateway:
        gateway.wallets.list()
    assert sent_at == [0.0, 0.5]  # the retry waited for its slot too


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (-1.0, 1), (2.0, 0)])
def test_invalid_settings(rate: float, burst: int) -> None:
    with pytest.raises(ValueError, match=r"rate|burst"):
        RateLimiter(rate, burst=burst)
