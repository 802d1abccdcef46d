"""Wallets: deposit addresses of the account (create, list) and their history (deposits).

Creating a wallet creates an address, so it is sent once: after an ambiguous failure (timeout
after sending, lost connection, 5xx) it raises `AmbiguousResultError`, whose `reconcile()`
lists the wallets of that ticker and network created since the call began (a few minutes of
clock difference allowed), so the caller can use one instead of creating another.
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Iterable, Iterator
from decimal import Decimal

from bitexbit_gateway_client.api.wallets import create_wallet, list_wallets
from bitexbit_gateway_client.models import ListWalletsOrdering, WalletCreateRequest, WalletPage
from bitexbit_gateway_client.models import Wallet as GeneratedWallet
from bitexbit_gateway_client.types import Unset

from bitexbit._decoding import reads
from bitexbit._models import Wallet
from bitexbit._money import decimal_to_wire
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, MoneyMovingCall, SyncRequester
from bitexbit._resources._params import choice, page_number, page_size, unset_if_none
from bitexbit._resources.deposits import DEFAULT_ITER_LIMIT, AsyncDeposits, Deposits

__all__ = ["AsyncWallets", "Wallets"]

RECONCILE_CLOCK_MARGIN = datetime.timedelta(minutes=5)
"""How far the gateway's clock may be behind ours when reconciling a wallet create."""
RECONCILE_SCAN_LIMIT = 1000
"""At most this many of the newest wallets are read when reconciling."""


def _created_since(
    wallets: Iterable[Wallet], *, ticker: str, network: str, since: datetime.datetime
) -> list[Wallet]:
    found: list[Wallet] = []
    for scanned, wallet in enumerate(wallets):
        if scanned >= RECONCILE_SCAN_LIMIT or wallet.created_at < since:
            break
        if wallet.ticker == ticker and wallet.network == network:
            found.append(wallet)
    return found


def _reconcile_since() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) - RECONCILE_CLOCK_MARGIN


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
        since = _reconcile_since()
        created = self._requester.send(
            lambda client: create_wallet.sync_detailed(client=client, body=body),
            reads(GeneratedWallet),
            write=MoneyMovingCall(
                "wallet",
                reconcile=lambda: self.created_since(ticker, network, since=since),
            ),
        )
        return Wallet(created)

    def created_since(self, ticker: str, network: str, *, since: datetime.datetime) -> list[Wallet]:
        """The wallets of `ticker` on `network` created at or after `since`, newest first."""
        return _created_since(
            self.iter(ordering=ListWalletsOrdering.ID_DESC),
            ticker=ticker,
            network=network,
            since=since,
        )

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
            reads(WalletPage),
        )
        return page_from_envelope(envelope, Wallet, number=number)


async def _bounded(
    wallets: AsyncIterator[Wallet], since: datetime.datetime
) -> AsyncIterator[Wallet]:
    """The newest wallets down to `since` (and one more), at most `RECONCILE_SCAN_LIMIT`."""
    scanned = 0
    async for wallet in wallets:
        yield wallet
        scanned += 1
        if scanned >= RECONCILE_SCAN_LIMIT or wallet.created_at < since:
            return


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
        since = _reconcile_since()
        created = await self._requester.send(
            lambda client: create_wallet.asyncio_detailed(client=client, body=body),
            reads(GeneratedWallet),
            write=MoneyMovingCall(
                "wallet",
                reconcile=lambda: self.created_since(ticker, network, since=since),
            ),
        )
        return Wallet(created)

    async def created_since(
        self, ticker: str, network: str, *, since: datetime.datetime
    ) -> list[Wallet]:
        """The wallets of `ticker` on `network` created at or after `since`, newest first."""
        wallets = [
            wallet
            async for wallet in _bounded(self.iter(ordering=ListWalletsOrdering.ID_DESC), since)
        ]
        return _created_since(wallets, ticker=ticker, network=network, since=since)

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
            reads(WalletPage),
        )
        return page_from_envelope(envelope, Wallet, number=number)
