"""The SDK against a gateway that does only what its documentation says.

`httpx.MockTransport` answers with the documentation's own sample outputs, and with failures
whose outcome is unknown. Nothing here relies on the emulator's designed behaviour (dedupe by
`client_order_id`, 201 for creates, closed enums): that is the point.
"""

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
    AsyncGateway,
    BadGatewayError,
    DepositStatus,
    Gateway,
    RetryPolicy,
    ServerError,
    WithdrawStatus,
)

from tests.seed_samples.sample_outputs import as_json

BASE_URL = "http://127.0.0.1:8765/api/gateway"
Reply = Callable[[httpx.Request], httpx.Response]


class Server:
    """Answers POST /withdraw/create with `create`, and the history with what was created."""

    def __init__(self, create: Reply) -> None:
        self.create = create
        self.posts: list[httpx.Request] = []
        self.history: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.posts.append(request)
            return self.create(request)
        return httpx.Response(
            200,
            json={
                "count": len(self.history),
                "next": None,
                "previous": None,
                "results": self.history,
            },
        )

    def gateway(self, **options: Any) -> Gateway:
        return Gateway(
            "doc-key",
            "doc-secret",
            base_url=BASE_URL,
            transport=httpx.MockTransport(self),
            rate_limit=False,
            retry_policy=RetryPolicy(sleep=lambda seconds: None),
            **options,
        )


def _sample_withdrawal(client_order_id: str) -> dict[str, Any]:
    withdrawal = dict(as_json("createWithdraw"))
    withdrawal["client_order_id"] = client_order_id
    return withdrawal


def _applied_then(failure: Callable[[httpx.Request], httpx.Response], server: Server) -> Reply:
    """The gateway applies the withdrawal, then the answer is lost (`failure`)."""

    def reply(request: httpx.Request) -> httpx.Response:
        server.history.append(_sample_withdrawal(json.loads(request.content)["client_order_id"]))
        return failure(request)

    return reply


def _read_timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("no answer", request=request)


def _lost_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("server disconnected", request=request)


@pytest.mark.parametrize(
    ("failure", "cause"),
    [
        (lambda request: httpx.Response(502, text="<html>Bad Gateway</html>"), BadGatewayError),
        (lambda request: httpx.Response(500, json={"detail": "oops"}), ServerError),
        (lambda request: httpx.Response(503, text="busy"), ServerError),
        (_read_timeout, APIConnectionError),
        (_lost_connection, APIConnectionError),
    ],
    ids=["502", "500", "503", "read-timeout", "connection-lost"],
)
def test_an_ambiguous_withdrawal_is_sent_once_and_can_be_reconciled(
    failure: Reply, cause: type[Exception]
) -> None:
    server = Server(lambda request: httpx.Response(500))
    server.create = _applied_then(failure, server)
    with server.gateway() as gateway:
        with pytest.raises(AmbiguousResultError) as caught:
            gateway.withdrawals.create(
                "USDT", "tron", "TR4d", Decimal(22), client_order_id="order_123"
            )
        error = caught.value
        assert len(server.posts) == 1  # never a second payout
        assert isinstance(error.cause, cause)
        assert error.client_order_id == "order_123"
        assert "order_123" in str(error)
        found = gateway.withdrawals.find("order_123")
        assert found is not None
        assert found.client_order_id == "order_123"
        reconciled = error.reconcile()
        assert gateway.withdrawals.find("order_124") is None
    assert reconciled is not None
    assert reconciled.client_order_id == "order_123"


def test_reconcile_returns_none_when_nothing_was_created() -> None:
    server = Server(lambda request: httpx.Response(502))
    with server.gateway() as gateway:
        with pytest.raises(AmbiguousResultError) as caught:
            gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22))
        assert caught.value.reconcile() is None
    assert len(server.posts) == 1
    assert caught.value.client_order_id is not None
    assert caught.value.client_order_id.startswith("sdk-")


def test_a_connection_that_never_opened_is_retried_even_for_a_withdrawal() -> None:
    attempts: list[httpx.Request] = []

    def refuse_then_create(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        if len(attempts) == 1:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, json=_sample_withdrawal("o-7"))

    server = Server(refuse_then_create)
    with server.gateway() as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22))
    assert len(attempts) == 2
    assert withdrawal.client_order_id == "o-7"


def test_a_429_is_retried_for_a_withdrawal() -> None:
    replies = iter([httpx.Response(429), httpx.Response(201, json=_sample_withdrawal("o-8"))])
    server = Server(lambda request: next(replies))
    with server.gateway() as gateway:
        assert gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22)).id == 0
    assert len(server.posts) == 2


def test_the_opt_in_retries_ambiguous_withdrawals_with_the_same_key() -> None:
    replies = iter([httpx.Response(502), httpx.Response(200, json=_sample_withdrawal("o-9"))])
    server = Server(lambda request: next(replies))
    with server.gateway(retry_ambiguous_writes=True) as gateway:
        gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22), client_order_id="o-9")
    assert len(server.posts) == 2
    assert server.posts[0].content == server.posts[1].content


def test_a_wallet_create_is_never_repeated_after_an_ambiguous_failure() -> None:
    wallets: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            created = dict(as_json("createWallet"))
            created["created_at"] = "2999-01-01T00:00:00Z"  # after the call began
            wallets.append(created)
            raise httpx.ReadTimeout("lost", request=request)
        page = {"count": len(wallets), "next": None, "previous": None, "results": wallets}
        return httpx.Response(200, json=page)

    transport = httpx.MockTransport(answer)
    with Gateway(
        "k", "s", base_url=BASE_URL, transport=transport, rate_limit=False, max_retries=5
    ) as gateway:
        with pytest.raises(AmbiguousResultError) as caught:
            gateway.wallets.create("ETH", "ethereum")
        (candidate,) = caught.value.reconcile()
    assert len(wallets) == 1
    assert candidate.address == as_json("createWallet")["address"]


async def test_the_async_gateway_raises_and_reconciles_too() -> None:
    server = Server(lambda request: httpx.Response(500))
    server.create = _applied_then(_read_timeout, server)
    transport = httpx.MockTransport(server)
    async with AsyncGateway(
        "k", "s", base_url=BASE_URL, transport=transport, rate_limit=False
    ) as gateway:
        with pytest.raises(AmbiguousResultError) as caught:
            await gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22))
        found = await caught.value.reconcile()
    assert len(server.posts) == 1
    assert found is not None
    assert found.client_order_id == caught.value.client_order_id


def _sample_gateway(operation_id: str, status: int = 200) -> Gateway:
    body = json.dumps(as_json(operation_id)).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    return Gateway("k", "s", base_url=BASE_URL, transport=transport, rate_limit=False)


def test_the_documentation_payment_methods_sample_parses() -> None:
    with _sample_gateway("listPaymentMethods") as gateway:
        methods = gateway.payment_methods.list()
    assert [(m.ticker, m.network) for m in methods] == [("BTC", "bitcoin"), ("USDT", "tron")]
    assert methods[1].withdraw_fee_amount == Decimal("2.00000000")
    assert methods[0].is_memo_required is False  # a designed field the sample does not have


@pytest.mark.parametrize("status", [200, 201])
def test_the_documentation_wallet_sample_parses_with_200_or_201(status: int) -> None:
    with _sample_gateway("createWallet", status) as gateway:
        wallet = gateway.wallets.create("ETH", "ethereum")
    assert wallet.address == "0x35f03647b25bd3e3221608dc05f079c0ce3ba3b1"
    assert wallet.convert_limit == Decimal("10000")


def test_the_documentation_wallets_sample_parses() -> None:
    with _sample_gateway("listWallets") as gateway:
        page = gateway.wallets.list()
    assert page.count == 2
    assert [wallet.convert_ticker for wallet in page] == ["ETH", None]
    assert page.next_page_number == 2  # despite the stray space in `next`


def test_the_documentation_deposit_sample_parses_its_string_status() -> None:
    with _sample_gateway("getWalletHistory") as gateway:
        (deposit,) = gateway.deposits.list().results
    assert deposit.status is DepositStatus.CONFIRMED  # sent as "5"
    assert deposit.amount == Decimal("5.00000000")
    assert deposit.aml_risk == 0


@pytest.mark.parametrize("status", [200, 201])
def test_the_documentation_withdraw_sample_parses(status: int) -> None:
    with _sample_gateway("createWithdraw", status) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22))
    assert withdrawal.amount == Decimal(22)  # a JSON number
    assert withdrawal.status == 0
    assert not withdrawal.status.is_known  # 0 is in no table: kept, not an error
    assert withdrawal.status.name == "UNKNOWN_0"
    assert withdrawal.fee is None
    auto_buy = withdrawal.auto_buy
    assert auto_buy is not None
    assert (auto_buy.amount, auto_buy.price, auto_buy.side) == (Decimal(22), Decimal(3300), 1)
    assert not auto_buy.state.is_known  # the placeholder "string"
    # placeholders that cannot be read as the declared type read as unknown
    assert (withdrawal.aml_success, withdrawal.aml_risk) == (None, None)
    assert withdrawal.txid == "string"


def test_the_documentation_withdraw_history_sample_parses() -> None:
    with _sample_gateway("getWithdrawHistory") as gateway:
        page = gateway.withdrawals.list()
    assert page.count == 123
    assert [withdrawal.client_order_id for withdrawal in page] == ["order_123"]


def test_unknown_codes_and_exact_json_numbers_survive_a_listing() -> None:
    results = [
        {**_sample_withdrawal("a"), "status": 99, "amount": 0.1, "fee": 1e-8},
        {**_sample_withdrawal("b"), "status": "40", "amount": "22.10000000"},
    ]
    body = {"count": 2, "next": None, "previous": None, "results": results}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with Gateway("k", "s", base_url=BASE_URL, transport=transport, rate_limit=False) as gateway:
        first, second = gateway.withdrawals.list()
    assert first.status == 99
    assert not first.status.is_known
    assert first.amount == Decimal("0.1")  # the exact text, never the binary float
    assert first.fee == Decimal("1E-8")
    assert second.status is WithdrawStatus.REFUSED
    assert json.loads(json.dumps(first.to_dict()))["amount"] == "0.1"


def test_requests_stay_conservative() -> None:
    """Unknown values are read, never sent: filters still take only the spec's values."""
    with (
        _sample_gateway("getWithdrawHistory") as gateway,
        pytest.raises(ValueError, match="status"),
    ):
        gateway.withdrawals.list(status=99)


def _calls() -> dict[str, Callable[[Gateway], object]]:
    """One SDK call per operationId (the spec's operations, every one of them)."""
    address = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"
    return {
        "listPaymentMethods": lambda gw: gw.payment_methods.list(),
        "createWallet": lambda gw: gw.wallets.create("USDT", "tron"),
        "listWallets": lambda gw: gw.wallets.list(),
        "getWalletHistory": lambda gw: gw.deposits.list(),
        "createWithdraw": lambda gw: gw.withdrawals.create("USDT", "tron", address, Decimal(1)),
        "getWithdrawHistory": lambda gw: gw.withdrawals.list(),
    }


def test_what_the_spec_marks_money_moving_is_never_resent_and_the_rest_is(
    gateway_spec: dict[str, Any],
) -> None:
    """`x-operation.money-moving` (errata O1) decides, operation by operation, what a 502 does."""
    calls = _calls()
    operations = {
        operation["operationId"]: operation["x-operation"]
        for item in gateway_spec["paths"].values()
        for operation in item.values()
    }
    assert set(operations) == set(calls)
    for operation_id, facts in operations.items():
        sent: list[httpx.Request] = []

        def reply(request: httpx.Request, sent: list[httpx.Request] = sent) -> httpx.Response:
            sent.append(request)
            return httpx.Response(502, json={"detail": "busy", "code": "bad_gateway"})

        gateway = Gateway(
            "k",
            "s",
            base_url=BASE_URL,
            transport=httpx.MockTransport(reply),
            rate_limit=False,
            retry_policy=RetryPolicy(max_retries=2, sleep=lambda seconds: None),
        )
        with gateway, pytest.raises((AmbiguousResultError, BadGatewayError)) as caught:
            calls[operation_id](gateway)
        if facts["money-moving"]:
            assert isinstance(caught.value, AmbiguousResultError), operation_id
            assert len(sent) == 1, operation_id
        else:
            assert isinstance(caught.value, BadGatewayError), operation_id
            assert len(sent) == 3, operation_id


def test_the_opt_in_still_raises_when_every_retry_is_ambiguous() -> None:
    server = Server(lambda request: httpx.Response(502))
    with (
        server.gateway(retry_ambiguous_writes=True) as gateway,
        pytest.raises(AmbiguousResultError) as caught,
    ):
        gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22), client_order_id="o-10")
    assert len(server.posts) == 4  # the first attempt and max_retries (3) repeats, one key
    assert {json.loads(post.content)["client_order_id"] for post in server.posts} == {"o-10"}
    assert isinstance(caught.value.cause, BadGatewayError)


async def test_an_async_wallet_create_is_never_repeated_and_reconciles() -> None:
    wallets: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            wallets.append({**as_json("createWallet"), "created_at": "2999-01-01T00:00:00Z"})
            return httpx.Response(500)
        page = {"count": len(wallets), "next": None, "previous": None, "results": wallets}
        return httpx.Response(200, json=page)

    transport = httpx.MockTransport(answer)
    async with AsyncGateway(
        "k", "s", base_url=BASE_URL, transport=transport, rate_limit=False
    ) as gateway:
        with pytest.raises(AmbiguousResultError) as caught:
            await gateway.wallets.create("ETH", "ethereum")
        candidates = await caught.value.reconcile()
    assert len(wallets) == 1
    assert [wallet.ticker for wallet in candidates] == ["ETH"]
