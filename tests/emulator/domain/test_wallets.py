from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.domain.errors import NotFound, ValidationFailed
from bitexbit_emulator.service import Sandbox

from .helpers import DEMO, OTHER, OTHER_KEY, create_wallet, snapshot


def test_payment_methods_follow_the_catalogue_order(sandbox: Sandbox, config: Any) -> None:
    ascending = sandbox.list_payment_methods()
    assert [(m["ticker"], m["network"]) for m in ascending] == [
        (method.ticker, method.network) for method in config.payment_methods
    ]
    assert sandbox.list_payment_methods(ordering="-id") == ascending[::-1]
    assert ascending[0]["withdraw_fee_amount"] == "0.00040000"
    with pytest.raises(ValidationFailed) as error:
        sandbox.list_payment_methods(ordering="name")
    assert "ordering" in error.value.errors


@pytest.mark.parametrize(
    ("ticker", "network", "pattern"),
    [
        ("BTC", "bitcoin", r"bc1q[a-z0-9]{38}"),
        ("ETH", "ethereum", r"0x[0-9a-f]{40}"),
        ("USDT", "tron", r"T[1-9A-HJ-NP-Za-km-z]{33}"),
        ("XRP", "ripple", r"r[1-9A-HJ-NP-Za-km-z]{24,34}"),
        ("TON", "ton", r"UQ[A-Za-z0-9_-]{46}"),
    ],
)
def test_wallet_address_has_the_network_format(
    sandbox: Sandbox, ticker: str, network: str, pattern: str
) -> None:
    import re

    wallet = create_wallet(sandbox, ticker=ticker, network=network)
    assert re.fullmatch(pattern, str(wallet["address"]))
    assert wallet["ticker"] == ticker
    assert wallet["network"] == network


def test_wallet_without_conversion_has_null_conversion_fields(sandbox: Sandbox) -> None:
    wallet = create_wallet(sandbox, callback_url="http://127.0.0.1:9000/hook")
    assert wallet["callback_url"] == "http://127.0.0.1:9000/hook"
    assert wallet["convert_ticker"] is None
    assert wallet["convert_limit"] is None
    assert wallet["convert_percent"] is None
    assert wallet["created_at"] == "2024-01-01T00:00:00.000000Z"


def test_wallet_with_conversion_either_market_direction(sandbox: Sandbox) -> None:
    eth = create_wallet(
        sandbox,
        ticker="ETH",
        network="ethereum",
        convert_ticker="USDT",
        convert_limit=Decimal("10000"),
        convert_percent=Decimal("2"),
    )
    assert (eth["convert_ticker"], eth["convert_limit"], eth["convert_percent"]) == (
        "USDT",
        "10000.00000000",
        "2.00000000",
    )
    usdt = create_wallet(sandbox, convert_ticker="ETH", convert_percent=Decimal("-99.99999999"))
    assert usdt["convert_percent"] == "-99.99999999"
    assert usdt["convert_limit"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ticker": "DOGE"}, "ticker"),
        ({"network": "ethereum", "ticker": "TRX"}, "network"),
        ({"network": "bitcoin"}, "network"),
        ({"ticker": "USDC", "network": "ethereum"}, "network"),  # deposits disabled
        ({"convert_ticker": "BTC", "ticker": "TRX"}, "convert_ticker"),  # no TRX/BTC market
        ({"convert_ticker": "XRP"}, "convert_ticker"),
        ({"convert_ticker": "USDT"}, "convert_ticker"),  # same as ticker
        ({"convert_ticker": "ETH", "convert_percent": Decimal("100")}, "convert_percent"),
        ({"convert_ticker": "ETH", "convert_percent": Decimal("-100")}, "convert_percent"),
        ({"convert_ticker": "ETH", "convert_percent": Decimal("1.123456789")}, "convert_percent"),
        ({"convert_ticker": "ETH", "convert_limit": Decimal("0")}, "convert_limit"),
        ({"convert_ticker": "ETH", "convert_limit": Decimal("-1")}, "convert_limit"),
        ({"convert_ticker": "ETH", "convert_limit": Decimal("0.000000001")}, "convert_limit"),
        ({"convert_ticker": "ETH", "convert_limit": Decimal("1e20")}, "convert_limit"),
        ({"callback_url": "ftp://127.0.0.1/hook"}, "callback_url"),
        ({"callback_url": "not a url"}, "callback_url"),
    ],
)
def test_invalid_wallet_requests_are_field_errors_and_change_nothing(
    sandbox: Sandbox, fields: dict[str, Any], field: str
) -> None:
    create_wallet(sandbox)
    before = snapshot(sandbox)
    with pytest.raises(ValidationFailed) as error:
        create_wallet(sandbox, **fields)
    assert list(error.value.errors) == [field]
    assert all(isinstance(message, str) and message for message in error.value.errors[field])
    assert snapshot(sandbox) == before


def test_wallet_list_pages_and_orders(sandbox: Sandbox, clock: Any) -> None:
    created = []
    for _ in range(5):
        created.append(create_wallet(sandbox)["slug"])
        clock.advance(1)
    create_wallet(sandbox, OTHER, OTHER_KEY)  # another account's wallet never shows

    everything = sandbox.list_wallets(DEMO, page=1, limit=None, ordering="-id")
    assert everything.count == 5
    assert [w["slug"] for w in everything.results] == created[::-1]
    assert not everything.has_next
    assert not everything.has_previous

    second = sandbox.list_wallets(DEMO, page=2, limit=2, ordering="id")
    assert [w["slug"] for w in second.results] == created[2:4]
    assert second.has_next
    assert second.has_previous
    assert second.count == 5
    last = sandbox.list_wallets(DEMO, page=3, limit=2, ordering="created_at")
    assert [w["slug"] for w in last.results] == created[4:]
    assert not last.has_next
    newest = sandbox.list_wallets(DEMO, page=1, limit=1, ordering="-created_at")
    assert newest.results[0]["slug"] == created[-1]

    with pytest.raises(NotFound, match="Invalid page"):
        sandbox.list_wallets(DEMO, page=4, limit=2, ordering="id")
    with pytest.raises(NotFound, match="Invalid page"):
        sandbox.list_wallets(DEMO, page=2, limit=None, ordering="id")
    with pytest.raises(ValidationFailed):
        sandbox.list_wallets(DEMO, page=1, limit=None, ordering="slug")


def test_empty_first_page_is_fine_but_later_pages_are_not(sandbox: Sandbox) -> None:
    empty = sandbox.list_wallets(OTHER, page=1, limit=10, ordering="-id")
    assert (empty.count, empty.results, empty.has_next, empty.has_previous) == (0, [], False, False)
    with pytest.raises(NotFound):
        sandbox.list_wallets(OTHER, page=2, limit=10, ordering="-id")
    with pytest.raises(NotFound):
        sandbox.list_wallets(OTHER, page=0, limit=10, ordering="-id")
    with pytest.raises(ValidationFailed):
        sandbox.list_wallets(OTHER, page=1, limit=0, ordering="-id")


@pytest.mark.parametrize("limit", [2**63, 2**70, 10**300])
def test_a_limit_beyond_any_sql_integer_returns_everything(sandbox: Sandbox, limit: int) -> None:
    """The spec sets no maximum on `limit`; the domain must not hand SQL an overflowing LIMIT."""
    created = [create_wallet(sandbox) for _ in range(3)]
    everything = sandbox.list_wallets(DEMO, page=1, limit=limit, ordering="id")
    assert [wallet["address"] for wallet in everything.results] == [
        wallet["address"] for wallet in created
    ]
    assert (everything.count, everything.has_next, everything.has_previous) == (3, False, False)
    with pytest.raises(NotFound):
        sandbox.list_wallets(DEMO, page=2, limit=limit, ordering="id")
    empty = sandbox.list_wallets(OTHER, page=1, limit=limit, ordering="id")
    assert (empty.count, empty.results) == (0, [])
