"""`AsyncGateway` mirrors `Gateway`: same requests, same typed results, same errors and retries."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bitexbit import (
    AsyncGateway,
    BadRequestError,
    DepositStatus,
    RateLimiter,
    RetryPolicy,
    ServerError,
    WithdrawStatus,
)

SpecExample = Callable[[str, str, str], Any]

API_KEY = "async-key-0001"
SECRET = "async-secret-never-shown"
BASE_URL = "http://127.0.0.1:8765/api/gateway"


class Recorder:
    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.body = body
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)


async def _sleep_nothing(seconds: float) -> None:
    return None


def _gateway(handler: Recorder, **options: Any) -> AsyncGateway:
    options.setdefault("rate_limit", False)
    return AsyncGateway(
        API_KEY,
        SECRET,
        base_url=BASE_URL,
        transport=httpx.MockTransport(handler),
        retry_policy=RetryPolicy(async_sleep=_sleep_nothing),
        **options,
    )


async def test_payment_methods(sdk_spec_example: SpecExample) -> None:
    server = Recorder(200, sdk_spec_example("/payment-methods", "get", "200"))
    async with _gateway(server) as gateway:
        methods = await gateway.payment_methods.list()
    assert server.requests[0].headers["X-API-Key"] == API_KEY
    assert methods[1].max_withdraw == Decimal("50000")


async def test_wallets_create_and_list(sdk_spec_example: SpecExample) -> None:
    created = Recorder(201, sdk_spec_example("/wallet/create", "post", "201"))
    async with _gateway(created) as gateway:
        wallet = await gateway.wallets.create("ETH", "ethereum", convert_limit=Decimal("10000.0"))
    assert json.loads(created.requests[0].content) == {
        "ticker": "ETH",
        "network": "ethereum",
        "convert_limit": "10000",
    }
    assert wallet.convert_percent == Decimal("2")

    listed = Recorder(200, sdk_spec_example("/wallets", "get", "200"))
    async with _gateway(listed) as gateway:
        page = await gateway.wallets.list(limit=2)
    assert page.count == 2
    assert listed.requests[0].url.params["limit"] == "2"


async def test_deposits_list_history_and_iter(sdk_spec_example: SpecExample) -> None:
    body = dict(sdk_spec_example("/wallet/history", "get", "200"), next=None)
    server = Recorder(200, body)
    async with _gateway(server) as gateway:
        page = await gateway.deposits.list(status=DepositStatus.PENDING, txid="t")
        history = await gateway.wallets.history(ticker="USDT")
        every = [deposit async for deposit in gateway.deposits.iter(network="tron")]
    assert server.requests[0].url.params["status"] == "1"
    assert server.requests[1].url.params["ticker"] == "USDT"
    assert server.requests[2].url.params["limit"] == "100"
    assert page.results[0].status is DepositStatus.CONFIRMED
    assert history.count == 123
    assert [deposit.amount for deposit in every] == [Decimal("5")]


async def test_withdrawals_create_list_and_iter(sdk_spec_example: SpecExample) -> None:
    created = Recorder(201, sdk_spec_example("/withdraw/create", "post", "201"))
    async with _gateway(created) as gateway:
        withdrawal = await gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("22.5"))
    sent = json.loads(created.requests[0].content)
    assert sent["amount"] == "22.5"
    assert sent["client_order_id"].startswith("sdk-")
    assert withdrawal.status is WithdrawStatus.NEW

    body = dict(sdk_spec_example("/withdraw/history", "get", "200"), next=None)
    listed = Recorder(200, body)
    async with _gateway(listed) as gateway:
        page = await gateway.withdrawals.history(status=WithdrawStatus.DONE)
        every = [item async for item in gateway.withdrawals.iter(limit=10)]
    assert listed.requests[0].url.params["status"] == "30"
    assert page.results[0].txid is not None
    assert len(every) == 1


async def test_errors_are_raised() -> None:
    server = Recorder(400, {"amount": ["Ensure this value is greater than 10."]})
    async with _gateway(server) as gateway:
        with pytest.raises(BadRequestError) as caught:
            await gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(1))
    assert caught.value.field_errors == {"amount": ["Ensure this value is greater than 10."]}


async def test_500_is_not_retried_and_502_is() -> None:
    failing = Recorder(500, {"detail": "A server error occurred.", "code": "server_error"})
    async with _gateway(failing) as gateway:
        with pytest.raises(ServerError):
            await gateway.wallets.list()
    assert len(failing.requests) == 1

    replies = [
        httpx.Response(502, json={"detail": "busy"}),
        httpx.Response(200, json={"count": 0, "next": None, "previous": None, "results": []}),
    ]
    sleeps: list[float] = []

    async def record_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def flaky(request: httpx.Request) -> httpx.Response:
        return replies.pop(0)

    async with AsyncGateway(
        API_KEY,
        SECRET,
        base_url=BASE_URL,
        transport=httpx.MockTransport(flaky),
        rate_limit=False,
        retry_policy=RetryPolicy(async_sleep=record_sleep, random=lambda: 1.0),
    ) as gateway:
        page = await gateway.wallets.list()
    assert page.count == 0
    assert sleeps == [0.5]


async def test_the_limiter_paces_async_calls(sdk_spec_example: SpecExample) -> None:
    now = [0.0]
    waits: list[float] = []

    async def advance(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(clock=lambda: now[0], async_sleep=advance)
    server = Recorder(200, sdk_spec_example("/payment-methods", "get", "200"))
    async with _gateway(server, rate_limit=limiter) as gateway:
        for _ in range(3):
            await gateway.payment_methods.list()
    assert waits == [0.5, 0.5]
    assert len(server.requests) == 3


async def test_repr_hides_the_secret() -> None:
    async with AsyncGateway(API_KEY, SECRET, rate_limit=False) as gateway:
        assert SECRET not in repr(gateway)
        assert repr(gateway).startswith("AsyncGateway(")


async def test_http_client_is_configured_and_left_open(sdk_spec_example: SpecExample) -> None:
    server = Recorder(200, sdk_spec_example("/payment-methods", "get", "200"))
    http_client = httpx.AsyncClient(transport=httpx.MockTransport(server))
    async with AsyncGateway(
        API_KEY, SECRET, base_url=BASE_URL, http_client=http_client, rate_limit=False
    ) as gateway:
        await gateway.payment_methods.list()
    assert not http_client.is_closed
    assert server.requests[0].url == httpx.URL(f"{BASE_URL}/payment-methods")
    assert server.requests[0].headers["X-API-Key"] == API_KEY
    await http_client.aclose()
