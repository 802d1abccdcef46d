"""Deposits (the "wallet history"): incoming transactions to the account's wallets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TypedDict, Unpack

from bitexbit_gateway_client.api.wallets import get_wallet_history
from bitexbit_gateway_client.models import DepositPage, DepositStatus, GetWalletHistoryOrdering
from bitexbit_gateway_client.types import Unset

from bitexbit._decoding import reads
from bitexbit._models import Deposit
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, SyncRequester
from bitexbit._resources._params import (
    check_names,
    choice,
    page_number,
    page_size,
    unset_if_none,
)

__all__ = ["AsyncDeposits", "DepositFilters", "Deposits"]

DEFAULT_ITER_LIMIT = 100


class DepositFilters(TypedDict, total=False):
    """Optional filters of the deposit list; None means "do not filter"."""

    ticker: str | None
    network: str | None
    status: DepositStatus | int | None
    txid: str | None
    address: str | None
    payment_id: str | None
    memo: str | None
    destination_tag: str | None


_FILTER_NAMES = DepositFilters.__optional_keys__


class _DepositQuery(TypedDict):
    """The generated `get_wallet_history` parameters other than `client` and `page`."""

    limit: int | Unset
    ordering: GetWalletHistoryOrdering | Unset
    ticker: str | Unset
    network: str | Unset
    status: DepositStatus | Unset
    txid: str | Unset
    address: str | Unset
    payment_id: str | Unset
    memo: str | Unset
    destination_tag: str | Unset


def _query(
    limit: int | None, ordering: GetWalletHistoryOrdering | str | None, filters: DepositFilters
) -> _DepositQuery:
    check_names(filters, _FILTER_NAMES)
    return _DepositQuery(
        limit=page_size(limit),
        ordering=choice(GetWalletHistoryOrdering, ordering, name="ordering"),
        ticker=unset_if_none(filters.get("ticker")),
        network=unset_if_none(filters.get("network")),
        status=choice(DepositStatus, filters.get("status"), name="status"),
        txid=unset_if_none(filters.get("txid")),
        address=unset_if_none(filters.get("address")),
        payment_id=unset_if_none(filters.get("payment_id")),
        memo=unset_if_none(filters.get("memo")),
        destination_tag=unset_if_none(filters.get("destination_tag")),
    )


class Deposits:
    def __init__(self, requester: SyncRequester) -> None:
        self._requester = requester

    def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: GetWalletHistoryOrdering | str | None = None,
        **filters: Unpack[DepositFilters],
    ) -> Page[Deposit]:
        """One page of deposits (`limit=None`: all of them on one page), newest first."""
        return self._page(page_number(page), _query(limit, ordering, filters))

    def iter(
        self,
        *,
        limit: int = DEFAULT_ITER_LIMIT,
        ordering: GetWalletHistoryOrdering | str | None = None,
        **filters: Unpack[DepositFilters],
    ) -> Iterator[Deposit]:
        """Every matching deposit, `limit` per request; each page is fetched when reached."""
        query = _query(limit, ordering, filters)
        return iterate_pages(lambda number: self._page(number, query))

    def _page(self, number: int, query: _DepositQuery) -> Page[Deposit]:
        envelope = self._requester.send(
            lambda client: get_wallet_history.sync_detailed(client=client, page=number, **query),
            reads(DepositPage),
        )
        return page_from_envelope(envelope, Deposit, number=number)


class AsyncDeposits:
    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: GetWalletHistoryOrdering | str | None = None,
        **filters: Unpack[DepositFilters],
    ) -> Page[Deposit]:
        return await self._page(page_number(page), _query(limit, ordering, filters))

    def iter(
        self,
        *,
        limit: int = DEFAULT_ITER_LIMIT,
        ordering: GetWalletHistoryOrdering | str | None = None,
        **filters: Unpack[DepositFilters],
    ) -> AsyncIterator[Deposit]:
        """`async for deposit in gw.deposits.iter(...)`."""
        query = _query(limit, ordering, filters)
        return iterate_pages_async(lambda number: self._page(number, query))

    async def _page(self, number: int, query: _DepositQuery) -> Page[Deposit]:
        envelope = await self._requester.send(
            lambda client: get_wallet_history.asyncio_detailed(client=client, page=number, **query),
            reads(DepositPage),
        )
        return page_from_envelope(envelope, Deposit, number=number)
