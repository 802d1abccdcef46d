"""Rate limits: the token bucket with a hand-driven clock, and 429 + Retry-After over HTTP."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest
from bitexbit_emulator.app import create_app
from bitexbit_emulator.config import EmulatorConfig, RateLimitConfig
from bitexbit_emulator.http.ratelimit import RateLimiter, RateLimitSettings, TokenBucketLimiter
from bitexbit_emulator.pytest_plugin import EmulatorOptions, GatewayEmulator
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.testing.in_process import InProcessTransport


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_a_burst_then_refills() -> None:
    clock = FakeClock()
    limiter = TokenBucketLimiter(2, 1.0, clock)
    assert limiter.acquire("key") == 0.0
    assert limiter.acquire("key") == 0.0
    assert limiter.acquire("key") == pytest.approx(0.5)
    assert limiter.acquire("other") == 0.0  # one bucket per caller
    clock.now += 0.5
    assert limiter.acquire("key") == 0.0
    assert limiter.acquire("key") > 0
    clock.now += 10
    assert [limiter.acquire("key") for _ in range(3)][:2] == [0.0, 0.0]


def test_limits_can_be_switched_off() -> None:
    limiter = RateLimiter(RateLimitSettings(enabled=False, per_account=1, per_ip=1), FakeClock())
    for _ in range(5):
        limiter.check_ip("127.0.0.1")
        limiter.check_account(1)


@pytest.mark.gateway_emulator(rate_limits=True)
def test_over_the_per_account_limit_is_429_with_retry_after(
    gateway_emulator: GatewayEmulator,
) -> None:
    signed = gateway_emulator.signed
    statuses = [signed.get("/wallets").status_code for _ in range(2)]
    throttled = signed.get("/wallets", nonce=10**9)
    assert statuses == [200, 200]
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "throttled"
    retry_after = throttled.headers["retry-after"]
    assert retry_after.isdigit()
    assert int(retry_after) >= 1
    # Another account has its own budget, and the throttled request spent no nonce.
    other = signed.get("/wallets", api_key="other-key", secret="other-secret")
    assert other.status_code == 200


@pytest.mark.gateway_emulator(rate_limits=True)
def test_two_keys_of_one_account_share_one_allowance(gateway_emulator: GatewayEmulator) -> None:
    """The documented limit is per account: a second key of the account gets no fresh 2/s."""
    signed = gateway_emulator.signed
    first = signed.get("/wallets", api_key="demo-key", secret="demo-secret")
    second = signed.get("/wallets", api_key="demo-read-key", secret="demo-read-secret")
    third = signed.get("/wallets", api_key="demo-read-key", secret="demo-read-secret")
    fourth = signed.get("/wallets", api_key="demo-key", secret="demo-secret")
    assert [first.status_code, second.status_code] == [200, 200]
    assert [third.status_code, fourth.status_code] == [429, 429]


@pytest.fixture
def strict_ip_client() -> Iterator[tuple[httpx.Client, FakeClock]]:
    config = EmulatorConfig.load(None)
    limits = RateLimitConfig(enabled=True, per_account=2, per_ip=3, period_seconds=1.0)
    sandbox = Sandbox(dataclasses.replace(config, rate_limits=limits), database_url="sqlite://")
    clock = FakeClock()
    app = create_app(
        sandbox, validate_responses=True, rate_limit_clock=clock, background_interval=None
    )
    transport = InProcessTransport(app)
    with httpx.Client(transport=transport, base_url="http://127.0.0.1") as client:
        yield client, clock
    transport.close()
    sandbox.close()


def test_the_per_ip_limit_is_not_applied_to_authorized_operations(
    strict_ip_client: tuple[httpx.Client, FakeClock],
) -> None:
    """The documentation puts the per-IP limit on public methods; every gateway operation
    requires authorization, so only the per-account limit applies (and only to signed calls)."""
    client, _clock = strict_ip_client
    statuses = [client.get("/api/gateway/wallets").status_code for _ in range(6)]
    assert statuses == [401] * 6
    # The control API is not rate limited.
    assert client.get("/_emulator/health").status_code == 200


def test_the_fixture_leaves_rate_limits_off_by_default() -> None:
    with GatewayEmulator(EmulatorOptions()) as emulator:
        assert [emulator.signed.get("/wallets").status_code for _ in range(5)] == [200] * 5
