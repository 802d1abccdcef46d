"""Wallets: deposit addresses of the account (create, list) and their history (deposits)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from decimal import Decimal

from bitexbit_gateway_client.api.wallets import create_wallet, list_wallets
from bitexbit_gateway_client.models import ListWalletsOrdering, WalletCreateRequest, WalletPage
from bitexbit_gateway_client.models import Wallet as GeneratedWallet
from bitexbit_gateway_client.types import Unset

from bitexbit._models import Wallet
from bitexbit._money import decimal_to_wire
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, SyncRequester
from bitexbit._resources._params import choice, page_number, page_size, unset_if_none
from bitexbit._resources.deposits import DEFAULT_ITER_LIMIT, AsyncDeposits, Deposits

__all__ = ["AsyncWallets", "Wallets"]

# A retried create after a lost response can make a second wallet: harmless (one more deposit
# address, no money moves), so wallet creation is retried like a read.
_CREATE_REPEAT_SAFE = True


def _create_body(
    ticker: str,
    network: str,
    *,
    callback_url: str | None,
    convert_ticker: str | None,
    convert_limit: Decimal | int | None,
    convert_percent: Decimal | int | None,
) -> WalletCreateRequest:
    return WalletCreateRequest(
        ticker=ticker,
        network=network,
        callback_url=unset_if_none(callback_url),
        convert_ticker=unset_if_none(convert_ticker),
        convert_limit=unset_if_none(
            None if convert_limit is None else decimal_to_wire(convert_limit, name="convert_limit")
        ),
        convert_percent=unset_if_none(
            None
            if convert_percent is None
            else decimal_to_wire(convert_percent, name="convert_percent", signed=True)
        ),
    )


def _ordering(ordering: ListWalletsOrdering | str | None) -> ListWalletsOrdering | Unset:
    return choice(ListWalletsOrdering, ordering, name="ordering")


class Wallets:
    def __init__(self, requester: SyncRequester, deposits: Deposits) -> None:
        self._requester = requester
        self.history = deposits.list
        """The wallet history: deposits to the account's wallets (same as `deposits.list`)."""

    def create(
        self,
        ticker: str,
        network: str,
        *,
        callback_url: str | None = None,
        convert_ticker: str | None = None,
        convert_limit: Decimal | int | None = None,
        convert_percent: Decimal | int | None = None,
    ) -> Wallet:
        """A new deposit address; with `convert_ticker`, deposits are converted on arrival."""
        body = _create_body(
            ticker,
            network,
            callback_url=callback_url,
            convert_ticker=convert_ticker,
            convert_limit=convert_limit,
            convert_percent=convert_percent,
        )
        created = self._requester.send(
            lambda client: create_wallet.sync_detailed(client=client, body=body),
            GeneratedWallet,
            repeat_safe=_CREATE_REPEAT_SAFE,
        )
        return Wallet(created)

    def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: ListWalletsOrdering | str | None = None,
    ) -> Page[Wallet]:
        """One page of wallets (`limit=None`: all of them on one page), newest first."""
        return self._page(page_number(page), page_size(limit), _ordering(ordering))

    def iter(
        self, *, limit: int = DEFAULT_ITER_LIMIT, ordering: ListWalletsOrdering | str | None = None
    ) -> Iterator[Wallet]:
        """Every wallet, `limit` per request; each page is fetched when reached."""
        size, order = page_size(limit), _ordering(ordering)
        return iterate_pages(lambda number: self._page(number, size, order))

    def _page(
        self, number: int, size: int | Unset, order: ListWalletsOrdering | Unset
    ) -> Page[Wallet]:
        envelope = self._requester.send(
            lambda client: list_wallets.sync_detailed(
                client=client, page=number, limit=size, ordering=order
            ),
            WalletPage,
        )
        return page_from_envelope(envelope, Wallet, number=number)


class AsyncWallets:
    def __init__(self, requester: AsyncRequester, deposits: AsyncDeposits) -> None:
        self._requester = requester
        self.history = deposits.list
        """The wallet history: deposits to the account's wallets (same as `deposits.list`)."""

    async def create(
        self,
        ticker: str,
        network: str,
        *,
        callback_url: str | None = None,
        convert_ticker: str | None = None,
        convert_limit: Decimal | int | None = None,
        convert_percent: Decimal | int | None = None,
    ) -> Wallet:
        body = _create_body(
            ticker,
            network,
            callback_url=callback_url,
            convert_ticker=convert_ticker,
            convert_limit=convert_limit,
            convert_percent=convert_percent,
        )
        created = await self._requester.send(
            lambda client: create_wallet.asyncio_detailed(client=client, body=body),
            GeneratedWallet,
            repeat_safe=_CREATE_REPEAT_SAFE,
        )
        return Wallet(created)

    async def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: ListWalletsOrdering | str | None = None,
    ) -> Page[Wallet]:
        return await self._page(page_number(page), page_size(limit), _ordering(ordering))

    def iter(
        self, *, limit: int = DEFAULT_ITER_LIMIT, ordering: ListWalletsOrdering | str | None = None
    ) -> AsyncIterator[Wallet]:
        """`async for wallet in gw.wallets.iter()`."""
        size, order = page_size(limit), _ordering(ordering)
        return iterate_pages_async(lambda number: self._page(number, size, order))

    async def _page(
        self, number: int, size: int | Unset, order: ListWalletsOrdering | Unset
    ) -> Page[Wallet]:
        envelope = await self._requester.send(
            lambda client: list_wallets.asyncio_detailed(
                client=client, page=number, limit=size, ordering=order
            ),
            WalletPage,
        )
        return page_from_envelope(envelope, Wallet, number=number)
