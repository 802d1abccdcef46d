"""Deposits (the "wallet history"): incoming transactions to the account's wallets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any, TypedDict, Unpack

from bitexbit_gateway_client.api.wallets import get_wallet_history
from bitexbit_gateway_client.models import DepositPage, DepositStatus, GetWalletHistoryOrdering

from bitexbit._decoding import reads
from bitexbit._models import Deposit
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, SyncRequester
from bitexbit._resources._params import Help, choice, page_number, page_size, sent_values

__all__ = ["AsyncDeposits", "DepositFilters", "Deposits"]

DEFAULT_ITER_LIMIT = 100


class DepositFilters(TypedDict, total=False):
    """Optional filters of the deposit list, by the spec's names; None means "do not filter"."""

    ticker: Annotated[str | None, Help("Only this ticker, e.g. USDT.")]
    network: Annotated[str | None, Help("Only this network, e.g. tron.")]
    status: Annotated[DepositStatus | int | None, Help("Only this status.")]
    txid: Annotated[str | None, Help("Only this transaction hash.")]
    address: Annotated[str | None, Help("Only this address.")]
    payment_id: Annotated[str | None, Help("Only this payment id.")]
    memo: Annotated[str | None, Help("Only this memo.")]
    destination_tag: Annotated[str | None, Help("Only this tag.")]


_FILTER_NAMES = DepositFilters.__optional_keys__


def _query(
    limit: int | None, ordering: GetWalletHistoryOrdering | str | None, filters: DepositFilters
) -> dict[str, Any]:
    """The generated `get_wallet_history` keyword arguments other than `client` and `page`."""
    return {
        "limit": page_size(limit),
        "ordering": choice(GetWalletHistoryOrdering, ordering, name="ordering"),
        **sent_values(filters, _FILTER_NAMES, enums={"status": DepositStatus}),
    }


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

    def _page(self, number: int, query: dict[str, Any]) -> Page[Deposit]:
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

    async def _page(self, number: int, query: dict[str, Any]) -> Page[Deposit]:
        envelope = await self._requester.send(
            lambda client: get_wallet_history.asyncio_detailed(client=client, page=number, **query),
            reads(DepositPage),
        )
        return page_from_envelope(envelope, Deposit, number=number)
