"""Auto-pagination: `iter` follows `next` lazily; `list` returns one page."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
from bitexbit import AsyncGateway, Gateway, NotFoundError, Page, RetryPolicy

BASE_URL = "http://127.0.0.1:8765/api/gateway"
PAGES = 3
PER_PAGE = 2


def _wallet(number: int) -> dict[str, Any]:
    return {
        "address": f"addr-{number}",
        "slug": f"slug-{number}",
        "ticker": "USDT",
        "network": "tron",
        "callback_url": None,
        "convert_ticker": None,
        "convert_limit": None,
        "convert_percent": None,
        "created_at": "2021-05-20T14:42:15Z",
    }


class ThreePageServer:
    """Wallets 0..5 in pages of 2, with absolute DRF-style `next`/`previous` URLs."""

    def __init__(self) -> None:
        self.requested_pages: list[int] = []
        self.limits: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        self.requested_pages.append(page)
        self.limits.append(request.url.params.get("limit"))
        if page > PAGES:
            return httpx.Response(404, json={"detail": "Invalid page.", "code": "not_found"})
        first = (page - 1) * PER_PAGE
        return httpx.Response(
            200,
            json={
                "count": PAGES * PER_PAGE,
                "next": f"{BASE_URL}/wallets?limit={PER_PAGE}&page={page + 1}"
                if page < PAGES
                else None,
                "previous": f"{BASE_URL}/wallets?limit={PER_PAGE}&page={page - 1}"
                if page > 1
                else None,
                "results": [_wallet(n) for n in range(first, first + PER_PAGE)],
            },
        )


def _gateway(server: ThreePageServer) -> Gateway:
    return Gateway(
        "page-key",
        "page-secret",
        base_url=BASE_URL,
        transport=httpx.MockTransport(server),
        rate_limit=False,
    )


def test_iter_follows_next_across_three_pages_lazily() -> None:
    server = ThreePageServer()
    with _gateway(server) as gateway:
        wallets = gateway.wallets.iter(limit=PER_PAGE)
        assert server.requested_pages == []  # nothing fetched before iteration starts

        first_two = list(itertools.islice(wallets, PER_PAGE))
        assert [w.address for w in first_two] == ["addr-0", "addr-1"]
        assert server.requested_pages == [1]  # page 2 not fetched while page 1 lasts

        third = next(wallets)
        assert third.address == "addr-2"
        assert server.requested_pages == [1, 2]

        rest = list(wallets)
    assert [w.address for w in rest] == ["addr-3", "addr-4", "addr-5"]
    assert server.requested_pages == [1, 2, 3]  # stops at next=None, never asks for page 4
    assert server.limits == [str(PER_PAGE)] * PAGES


def test_list_returns_a_single_page_with_links() -> None:
    server = ThreePageServer()
    with _gateway(server) as gateway:
        page = gateway.wallets.list(page=2, limit=PER_PAGE)
    assert isinstance(page, Page)
    assert server.requested_pages == [2]
    assert (page.count, page.number, page.next_page_number) == (6, 2, 3)
    assert page.previous == f"{BASE_URL}/wallets?limit=2&page=1"
    assert [w.address for w in page] == ["addr-2", "addr-3"]


def test_a_page_past_the_last_is_not_found() -> None:
    with _gateway(ThreePageServer()) as gateway, pytest.raises(NotFoundError) as caught:
        gateway.wallets.list(page=4, limit=PER_PAGE)
    assert caught.value.code == "not_found"


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        (None, None),
        (f"{BASE_URL}/wallets?page=5", 5),
        (f"{BASE_URL}/wallets?limit=2", 3),  # no page number: the one after this page
        (f"{BASE_URL}/wallets?page=2", 3),  # never backwards or in place: iteration must end
        ("not a url ::", 3),
    ],
)
def test_next_page_number(next_url: str | None, expected: int | None) -> None:
    page: Page[int] = Page(results=[1], count=10, next=next_url, previous=None, number=2)
    assert page.next_page_number == expected


def test_iteration_stops_on_an_empty_page_even_if_next_is_set() -> None:
    calls: list[int] = []

    def endless(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(
            200,
            json={
                "count": 0,
                "next": f"{BASE_URL}/wallets?page=9",
                "previous": None,
                "results": [],
            },
        )

    transport = httpx.MockTransport(endless)
    with Gateway("k", "s", base_url=BASE_URL, transport=transport, rate_limit=False) as gateway:
        assert list(gateway.wallets.iter()) == []
    assert calls == [1]


async def test_async_iter_follows_next_lazily() -> None:
    server = ThreePageServer()
    async with AsyncGateway(
        "page-key",
        "page-secret",
        base_url=BASE_URL,
        transport=httpx.MockTransport(server),
        rate_limit=False,
        retry_policy=RetryPolicy(),
    ) as gateway:
        wallets = gateway.wallets.iter(limit=PER_PAGE)
        first = await anext(wallets)
        assert first.address == "addr-0"
        assert server.requested_pages == [1]
        rest = [wallet.address async for wallet in wallets]
    assert rest == [f"addr-{n}" for n in range(1, 6)]
    assert server.requested_pages == [1, 2, 3]
