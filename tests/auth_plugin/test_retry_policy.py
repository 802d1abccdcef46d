"""Retries: which failures are retried, how long the client waits, and money safety."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bitexbit import (
    AmbiguousResultError,
    APIConnectionError,
    AuthenticationError,
    BadGatewayError,
    BadRequestError,
    Gateway,
    GatewayError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
)

BASE_URL = "http://127.0.0.1:8765/api/gateway"
Reply = Callable[[httpx.Request], httpx.Response]


def _withdraw_body(client_order_id: str, withdrawal_id: int = 1) -> dict[str, Any]:
    return {
        "id": withdrawal_id,
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d",
        "payment_id": None,
        "memo": None,
        "comment": None,
        "destination_tag": None,
        "amount": "22.00000000",
        "fee": "2.00000000",
        "callback_url": None,
        "client_order_id": client_order_id,
        "fee_payer": 1,
        "status": 10,
        "auto_buy": None,
        "txid": None,
        "aml_success": None,
        "aml_risk": None,
        "aml_url": None,
        "created_at": "2021-05-21T13:28:32.095Z",
    }


PAGE: dict[str, Any] = {"count": 0, "next": None, "previous": None, "results": []}


class Script:
    """Replies in order (the last one repeats); records every request and every sleep."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        return reply(request)

    def gateway(
        self,
        *,
        max_retries: int = 3,
        max_retry_after: float = 60.0,
        retry_ambiguous_writes: bool = False,
    ) -> Gateway:
        policy = RetryPolicy(
            max_retries=max_retries,
            max_retry_after=max_retry_after,
            sleep=self.sleeps.append,
            random=lambda: 0.5,
        )
        return Gateway(
            "retry-key",
            "retry-secret",
            base_url=BASE_URL,
            transport=httpx.MockTransport(self),
            rate_limit=False,
            retry_policy=policy,
            retry_ambiguous_writes=retry_ambiguous_writes,
        )


def status(code: int, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
    payload = body if body is not None else {"detail": f"status {code}", "code": "x"}
    return lambda request: httpx.Response(code, json=payload, headers=headers)


def ok(body: Any = PAGE) -> Reply:
    return lambda request: httpx.Response(200, json=body)


def connection_error(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def test_429_waits_retry_after_then_succeeds() -> None:
    script = Script(status(429, headers={"Retry-After": "2"}), ok())
    with script.gateway() as gateway:
        assert gateway.wallets.list().count == 0
    assert len(script.requests) == 2
    assert script.sleeps == [2.0]


def test_429_without_retry_after_uses_jittered_backoff() -> None:
    script = Script(status(429), status(429), ok())
    with script.gateway() as gateway:
        gateway.wallets.list()
    # random() = 0.5 -> half of 0.5 * 2**n
    assert script.sleeps == [0.25, 0.5]


def test_retry_after_beyond_the_cap_is_raised_not_waited() -> None:
    script = Script(status(429, headers={"Retry-After": "3600"}), ok())
    with script.gateway(max_retry_after=60) as gateway, pytest.raises(RateLimitError) as caught:
        gateway.wallets.list()
    assert caught.value.retry_after == 3600.0
    assert script.sleeps == []
    assert len(script.requests) == 1


def test_502_is_retried() -> None:
    script = Script(status(502), ok())
    with script.gateway() as gateway:
        gateway.wallets.list()
    assert len(script.requests) == 2
    assert script.sleeps == [0.25]


def test_connection_error_is_retried() -> None:
    script = Script(connection_error, connection_error, ok())
    with script.gateway() as gateway:
        gateway.deposits.list()
    assert len(script.requests) == 3


def test_retries_stop_after_max_retries() -> None:
    script = Script(status(502))
    with script.gateway(max_retries=2) as gateway, pytest.raises(BadGatewayError):
        gateway.wallets.list()
    assert len(script.requests) == 3  # the first try and two retries
    assert script.sleeps == [0.25, 0.5]


def test_max_retries_zero_disables_retries() -> None:
    script = Script(connection_error, ok())
    with script.gateway(max_retries=0) as gateway, pytest.raises(APIConnectionError):
        gateway.wallets.list()
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (500, ServerError),  # may have been applied: never repeated
    ],
)
def test_other_statuses_are_not_retried(code: int, error: type[GatewayError]) -> None:
    body = {"amount": ["bad"]} if code == 400 else None
    script = Script(status(code, body), ok())
    with script.gateway(retry_ambiguous_writes=True) as gateway, pytest.raises(GatewayError) as got:
        gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22), client_order_id="o-1")
    raised = got.value.cause if isinstance(got.value, AmbiguousResultError) else got.value
    assert type(raised) is error
    assert isinstance(got.value, AmbiguousResultError) is (code == 500)  # a 500 may be applied
    assert len(script.requests) == 1
    assert script.sleeps == []


def test_every_retry_is_freshly_signed() -> None:
    script = Script(status(429, headers={"Retry-After": "0"}), status(502), ok())
    with script.gateway() as gateway:
        gateway.wallets.list(limit=5)
    nonces = [int(request.headers["X-Nonce"]) for request in script.requests]
    assert len(set(nonces)) == 3
    assert nonces == sorted(nonces)


def _order_id(request: httpx.Request) -> str:
    value = json.loads(request.content)["client_order_id"]
    assert isinstance(value, str)
    return value


def test_withdraw_without_order_id_gets_one_reused_on_every_attempt() -> None:
    def created(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json=_withdraw_body(_order_id(request)))

    script = Script(connection_error, status(502), created)
    with script.gateway(retry_ambiguous_writes=True) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22"))

    order_ids = {_order_id(request) for request in script.requests}
    assert len(script.requests) == 3
    assert len(order_ids) == 1
    (order_id,) = order_ids
    assert order_id.startswith("sdk-")
    assert withdrawal.client_order_id == order_id
    bodies = [request.content for request in script.requests]
    assert bodies == [bodies[0]] * 3  # byte-identical, so the gateway sees a true repeat


def test_each_withdraw_call_gets_its_own_generated_order_id() -> None:
    def created(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json=_withdraw_body(_order_id(request)))

    script = Script(created)
    with script.gateway() as gateway:
        first = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22"))
        second = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22"))
    assert first.client_order_id != second.client_order_id


class IdempotentLedger:
    """A server that applies a withdrawal, then loses the response once (timeout)."""

    def __init__(self) -> None:
        self.withdrawals: dict[str, dict[str, Any]] = {}
        self.lost_responses = 1
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        order_id = _order_id(request)
        if order_id in self.withdrawals:
            return httpx.Response(200, json=self.withdrawals[order_id])  # idempotent replay
        self.withdrawals[order_id] = _withdraw_body(order_id, len(self.withdrawals) + 1)
        if self.lost_responses:
            self.lost_responses -= 1
            raise httpx.ReadTimeout("response lost", request=request)
        return httpx.Response(201, json=self.withdrawals[order_id])


def test_a_retry_after_a_lost_response_creates_no_second_withdrawal() -> None:
    """With the opt-in, against a server that deduplicates (as the emulator does)."""
    ledger = IdempotentLedger()
    policy = RetryPolicy(sleep=lambda seconds: None)
    transport = httpx.MockTransport(ledger)
    with Gateway(
        "k",
        "s",
        transport=transport,
        rate_limit=False,
        retry_policy=policy,
        retry_ambiguous_writes=True,
    ) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22"))
    assert ledger.requests == 2
    assert len(ledger.withdrawals) == 1
    assert withdrawal.id == 1


def lost_response(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("response lost", request=request)


def test_withdraw_with_an_empty_order_id_is_never_repeated() -> None:
    script = Script(lost_response, ok())
    with (
        script.gateway(retry_ambiguous_writes=True) as gateway,
        pytest.raises(AmbiguousResultError) as caught,
    ):
        gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22"), client_order_id="")
    assert isinstance(caught.value.cause, APIConnectionError)
    assert caught.value.reconcile() is None
    assert len(script.requests) == 1


def test_withdraw_without_order_id_is_still_retried_on_429() -> None:
    """A 429 is refused before any processing, so even a non-idempotent call is repeated."""
    policy = RetryPolicy(sleep=lambda seconds: None)
    assert (
        policy.delay_before_retry(
            RateLimitError("slow", retry_after=1.0, status_code=429),
            retries_done=0,
            repeat_safe=False,
        )
        == 1.0
    )
    assert (
        policy.delay_before_retry(
            BadGatewayError("busy", status_code=502), retries_done=0, repeat_safe=False
        )
        is None
    )


@pytest.mark.parametrize("retries_done", [0, 1, 2, 5, 10])
def test_full_jitter_stays_within_the_exponential_ceiling(retries_done: int) -> None:
    error = BadGatewayError("busy", status_code=502)
    high = RetryPolicy(max_retries=20, random=lambda: 0.999999)
    low = RetryPolicy(max_retries=20, random=lambda: 0.0)
    ceiling = min(high.max_delay, high.initial_delay * 2**retries_done)
    delay = high.delay_before_retry(error, retries_done=retries_done, repeat_safe=True)
    assert delay is not None
    assert 0 < delay <= ceiling
    assert low.delay_before_retry(error, retries_done=retries_done, repeat_safe=True) == 0.0


def test_negative_max_retries_is_rejected() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
