"""`Gateway`: every operation's request shape and typed result, against an httpx mock transport.

Response bodies are the examples of `openapi/gateway.yaml`, so the facade is exercised with what
the spec promises, not with hand-written fixtures.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bitexbit import (
    DepositStatus,
    FeePayer,
    Gateway,
    RetryPolicy,
    WithdrawStatus,
)
from bitexbit_signing import verify_request

SpecExample = Callable[[str, str, str], Any]

API_KEY = "facade-key-0001"
SECRET = "facade-secret-never-shown"
BASE_URL = "http://127.0.0.1:8765/api/gateway"

Handler = Callable[[httpx.Request], httpx.Response]


def _gateway(handler: Handler) -> Gateway:
    return Gateway(
        API_KEY,
        SECRET,
        base_url=BASE_URL,
        transport=httpx.MockTransport(handler),
        rate_limit=False,
        retry_policy=RetryPolicy(sleep=lambda seconds: None),
    )


def _serving(body: Any, status: int = 200, sent: list[httpx.Request] | None = None) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if sent is not None:
            sent.append(request)
        return httpx.Response(status, json=body, headers={"X-Request-Id": "req-1"})

    return handle


def _signature_is_valid(request: httpx.Request) -> bool:
    variant = verify_request(
        secret=SECRET,
        api_key=API_KEY,
        method=request.method,
        path=request.url.path,
        query=request.url.query.decode(),
        content_type=request.headers.get("Content-Type"),
        body=request.content,
        nonce=request.headers["X-Nonce"],
        signature=request.headers["X-Signature"],
    )
    return variant is not None


def test_payment_methods_list_parses_money_as_decimal(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/payment-methods", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        methods = gateway.payment_methods.list(ordering="-id")

    (request,) = sent
    assert request.method == "GET"
    assert request.url.path == "/api/gateway/payment-methods"
    assert dict(request.url.params) == {"ordering": "-id"}
    assert request.headers["X-API-Key"] == API_KEY
    assert _signature_is_valid(request)
    assert [(m.ticker, m.network) for m in methods] == [("BTC", "bitcoin"), ("USDT", "tron")]
    btc = methods[0]
    assert btc.min_withdraw == Decimal("0.00060000")
    assert isinstance(btc.withdraw_fee_amount, Decimal)
    assert btc.is_memo_required is False  # absent in the example: false by the spec


def test_wallets_create_sends_json_with_decimal_strings(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/wallet/create", "post", "201")
    with _gateway(_serving(body, status=201, sent=sent)) as gateway:
        wallet = gateway.wallets.create(
            "ETH",
            "ethereum",
            convert_ticker="USDT",
            convert_limit=Decimal("10000"),
            convert_percent=Decimal("-2.50"),
        )

    (request,) = sent
    assert (request.method, request.url.path) == ("POST", "/api/gateway/wallet/create")
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "ticker": "ETH",
        "network": "ethereum",
        "convert_ticker": "USDT",
        "convert_limit": "10000",
        "convert_percent": "-2.5",
    }
    assert _signature_is_valid(request)
    assert wallet.address == "0x35f03647b25bd3e3221608dc05f079c0ce3ba3b1"
    assert wallet.convert_limit == Decimal("10000.00000000")
    assert wallet.created_at == datetime.datetime(
        2021, 5, 21, 12, 10, 54, 552073, tzinfo=datetime.UTC
    )


def test_wallets_list_returns_one_page(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/wallets", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        page = gateway.wallets.list(page=1, limit=2, ordering="created_at")

    assert dict(sent[0].url.params) == {"page": "1", "limit": "2", "ordering": "created_at"}
    assert page.count == 2
    assert page.next == "https://www.bitexbit.com/api/gateway/wallets?page=2"
    assert page.previous is None
    assert page.next_page_number == 2
    assert len(page) == 2
    first, second = page
    assert first.convert_percent == Decimal("0.1")
    assert second.convert_limit is None
    assert all(w.created_at.tzinfo is not None for w in page)


def test_deposits_list_sends_filters_and_parses_enums(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/wallet/history", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        page = gateway.deposits.list(
            ticker="USDT",
            network="tron",
            status=DepositStatus.CONFIRMED,
            txid="abc",
            address="TR4d",
            payment_id="p-1",
            memo="m-1",
            destination_tag="42",
            ordering="-amount",
            limit=10,
            page=3,
        )

    assert dict(sent[0].url.params) == {
        "ticker": "USDT",
        "network": "tron",
        "page": "3",
        "status": "5",
        "txid": "abc",
        "address": "TR4d",
        "payment_id": "p-1",
        "memo": "m-1",
        "destination_tag": "42",
        "ordering": "-amount",
        "limit": "10",
    }
    assert _signature_is_valid(sent[0])
    (deposit,) = page.results
    assert deposit.status is DepositStatus.CONFIRMED
    assert deposit.amount == Decimal("5")
    assert deposit.fee == Decimal("0")
    assert deposit.payment_id is None  # not in the example: Unset reads as None
    assert deposit.date.tzinfo is not None


def test_wallet_history_is_the_deposit_list(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/wallet/history", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        page = gateway.wallets.history(status=1)

    assert sent[0].url.path == "/api/gateway/wallet/history"
    assert sent[0].url.params["status"] == "1"
    assert page.count == 123


def test_withdrawals_create_sends_decimal_string_and_returns_typed_withdrawal(
    sdk_spec_example: SpecExample,
) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/withdraw/create", "post", "201")
    with _gateway(_serving(body, status=201, sent=sent)) as gateway:
        withdrawal = gateway.withdrawals.create(
            "USDT",
            "tron",
            "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
            Decimal("22.00"),
            client_order_id="order_123",
            fee_payer=FeePayer.AMOUNT,
            memo="",
            comment="Call after success",
            auto_buy_ticker="ETH",
            auto_buy_percent=Decimal("10"),
        )

    (request,) = sent
    assert (request.method, request.url.path) == ("POST", "/api/gateway/withdraw/create")
    assert json.loads(request.content) == {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "amount": "22",
        "client_order_id": "order_123",
        "fee_payer": 2,
        "memo": "",
        "comment": "Call after success",
        "auto_buy_ticker": "ETH",
        "auto_buy_percent": "10",
    }
    assert _signature_is_valid(request)
    assert withdrawal.id == 1
    assert withdrawal.status is WithdrawStatus.NEW
    assert withdrawal.amount == Decimal("22")
    assert withdrawal.fee == Decimal("2")
    assert withdrawal.fee_payer is FeePayer.BALANCE
    assert withdrawal.client_order_id == "order_123"
    assert withdrawal.auto_buy is None
    assert withdrawal.created_at.tzinfo is not None


def test_withdrawals_create_generates_a_client_order_id(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []

    def echo_order_id(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        body = dict(sdk_spec_example("/withdraw/create", "post", "201"))
        body["client_order_id"] = json.loads(request.content)["client_order_id"]
        return httpx.Response(201, json=body)

    with _gateway(echo_order_id) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal("1"))

    sent_body = json.loads(sent[0].content)
    assert sent_body["client_order_id"].startswith("sdk-")
    assert sent_body["fee_payer"] == FeePayer.BALANCE.value
    assert withdrawal.client_order_id == sent_body["client_order_id"]


def test_withdrawals_list_and_history(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/withdraw/history", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        page = gateway.withdrawals.list(status=WithdrawStatus.DONE, ticker="USDT", limit=5)
        again = gateway.withdrawals.history(address="TR4d")

    assert [r.method for r in sent] == ["GET", "GET"]
    assert sent[0].url.path == "/api/gateway/withdraw/history"
    assert dict(sent[0].url.params) == {"ticker": "USDT", "page": "1", "status": "30", "limit": "5"}
    assert sent[1].url.params["address"] == "TR4d"
    (withdrawal,) = page.results
    assert withdrawal.status is WithdrawStatus.DONE
    assert withdrawal.auto_buy is not None
    assert withdrawal.auto_buy.price == Decimal("3300")
    assert withdrawal.auto_buy.amount == Decimal("22")
    assert again.count == 123


def test_every_attempt_has_a_fresh_nonce(sdk_spec_example: SpecExample) -> None:
    sent: list[httpx.Request] = []
    body = sdk_spec_example("/payment-methods", "get", "200")
    with _gateway(_serving(body, sent=sent)) as gateway:
        for _ in range(3):
            gateway.payment_methods.list()
    nonces = [int(request.headers["X-Nonce"]) for request in sent]
    assert nonces == sorted(set(nonces))


def test_views_expose_raw_model_and_wire_form(sdk_spec_example: SpecExample) -> None:
    body = sdk_spec_example("/withdraw/create", "post", "201")
    with _gateway(_serving(body, status=201)) as gateway:
        withdrawal = gateway.withdrawals.create("USDT", "tron", "TR4d", Decimal(22))
    assert withdrawal.raw.amount == "22.00000000"
    assert withdrawal.to_dict()["amount"] == "22.00000000"
    assert "amount=Decimal('22.00000000')" in repr(withdrawal)


def test_repr_and_str_never_show_the_secret() -> None:
    gateway = Gateway(API_KEY, SECRET, base_url=BASE_URL, rate_limit=False)
    try:
        shown = repr(gateway) + str(gateway) + repr(vars(gateway))
        assert SECRET not in shown
        assert API_KEY not in repr(gateway)  # only a masked form of the key
        assert "facade-key-0001"[:4] in repr(gateway)
    finally:
        gateway.close()


def test_http_client_is_configured_and_not_closed(sdk_spec_example: SpecExample) -> None:
    body = sdk_spec_example("/payment-methods", "get", "200")
    sent: list[httpx.Request] = []
    http_client = httpx.Client(transport=httpx.MockTransport(_serving(body, sent=sent)))
    with Gateway(
        API_KEY, SECRET, base_url=BASE_URL, http_client=http_client, rate_limit=False
    ) as g:
        g.payment_methods.list()
    assert not http_client.is_closed
    assert sent[0].url == httpx.URL(f"{BASE_URL}/payment-methods")
    assert _signature_is_valid(sent[0])
    http_client.close()


def test_transport_and_http_client_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        Gateway(
            API_KEY,
            SECRET,
            transport=httpx.MockTransport(_serving({})),
            http_client=httpx.Client(),
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: g.wallets.list(ordering="newest"), "ordering must be one of"),
        (lambda g: g.wallets.list(page=0), "page must be"),
        (lambda g: g.wallets.list(limit=0), "limit must be"),
        (lambda g: g.deposits.list(status=2), "status must be one of"),
        (lambda g: g.withdrawals.list(status=1), "status must be one of"),
    ],
)
def test_bad_arguments_fail_before_any_request(
    call: Callable[[Gateway], object], message: str
) -> None:
    sent: list[httpx.Request] = []
    with _gateway(_serving({}, sent=sent)) as gateway, pytest.raises(ValueError, match=message):
        call(gateway)
    assert sent == []


def test_unknown_filter_is_a_type_error() -> None:
    with _gateway(_serving({})) as gateway, pytest.raises(TypeError, match="tickr"):
        gateway.deposits.list(tickr="USDT")  # type: ignore[call-arg]


def test_close_closes_the_owned_connection_pool() -> None:
    gateway = _gateway(_serving({}))
    with gateway:
        pass
    assert gateway.generated_client.get_httpx_client().is_closed
