"""Withdrawals: sending funds out (create) and their history.

Creating a withdrawal moves money, so it is sent again only when the first attempt certainly
did not take effect (a 429, or a connection that never opened). After an ambiguous failure
(timeout after sending, lost connection, 5xx) it raises `AmbiguousResultError`: the gateway's
documentation does not say it deduplicates by `client_order_id` (that is this toolkit's design,
errata W2), so a second attempt could pay twice. The error's `reconcile()` (or `find`) looks the
withdrawal up in the history by its `client_order_id`. Every request carries one: the caller's,
or a generated one ("sdk-" + 32 hex digits), returned on the result. With
`Gateway(retry_ambiguous_writes=True)` - for a gateway known to deduplicate, like the emulator -
ambiguous failures are retried with the same key.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Annotated, Any, TypedDict, Unpack

from bitexbit_gateway_client.api.withdraw import create_withdraw, get_withdraw_history
from bitexbit_gateway_client.models import (
    FeePayer,
    GetWithdrawHistoryOrdering,
    Withdraw,
    WithdrawCreateRequest,
    WithdrawPage,
    WithdrawStatus,
)

from bitexbit._decoding import reads
from bitexbit._models import Withdrawal
from bitexbit._money import decimal_to_wire
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, MoneyMovingCall, SyncRequester
from bitexbit._resources._params import Help, choice, page_number, page_size, sent_values
from bitexbit._resources.deposits import DEFAULT_ITER_LIMIT

__all__ = ["AsyncWithdrawals", "WithdrawalFilters", "Withdrawals", "new_client_order_id"]

FIND_SCAN_LIMIT = 1000
"""`find` reads at most this many of the newest withdrawals."""


def new_client_order_id() -> str:
    """A fresh idempotency key matching the spec's `^[A-Za-z0-9_.:-]{1,64}$`."""
    return f"sdk-{uuid.uuid4().hex}"


class WithdrawalFilters(TypedDict, total=False):
    """Optional filters of the withdrawal history, by the spec's names; None: "do not filter"."""

    ticker: Annotated[str | None, Help("Only this ticker, e.g. USDT.")]
    network: Annotated[str | None, Help("Only this network, e.g. tron.")]
    status: Annotated[WithdrawStatus | int | None, Help("Only this status.")]
    txid: Annotated[str | None, Help("Only this transaction hash.")]
    address: Annotated[str | None, Help("Only this address.")]


_FILTER_NAMES = WithdrawalFilters.__optional_keys__


def _query(
    limit: int | None,
    ordering: GetWithdrawHistoryOrdering | str | None,
    filters: WithdrawalFilters,
) -> dict[str, Any]:
    """The generated `get_withdraw_history` keyword arguments other than `client` and `page`."""
    return {
        "limit": page_size(limit),
        "ordering": choice(GetWithdrawHistoryOrdering, ordering, name="ordering"),
        **sent_values(filters, _FILTER_NAMES, enums={"status": WithdrawStatus}),
    }


class WithdrawalOptions(TypedDict, total=False):
    """Optional fields of a withdrawal besides `client_order_id` and `fee_payer`, by the spec's
    names."""

    memo: Annotated[str | None, Help("Memo, where the network needs one.")]
    payment_id: Annotated[str | None, Help("Payment id, where used.")]
    destination_tag: Annotated[str | None, Help("Destination tag.")]
    comment: Annotated[str | None, Help("A note for yourself.")]
    callback_url: Annotated[str | None, Help("Where status callbacks go.")]
    auto_buy_ticker: Annotated[str | None, Help("Buy this currency once the withdrawal is done.")]
    auto_buy_percent: Annotated[Decimal | int | None, Help("Order price vs market, in %.")]


_OPTION_NAMES = WithdrawalOptions.__optional_keys__


def _create_body(
    ticker: str,
    network: str,
    address: str,
    amount: Decimal | int,
    *,
    client_order_id: str | None,
    fee_payer: FeePayer | int,
    options: WithdrawalOptions,
) -> WithdrawCreateRequest:
    sent = sent_values(options, _OPTION_NAMES, kind="option")
    percent = options.get("auto_buy_percent")
    if percent is not None:
        sent["auto_buy_percent"] = decimal_to_wire(percent, name="auto_buy_percent", signed=True)
    return WithdrawCreateRequest(
        ticker=ticker,
        network=network,
        address=address,
        amount=decimal_to_wire(amount, name="amount"),
        client_order_id=new_client_order_id() if client_order_id is None else client_order_id,
        fee_payer=choice(FeePayer, fee_payer, name="fee_payer"),
        **sent,
    )


def _key_of(body: WithdrawCreateRequest) -> str | None:
    key = body.client_order_id
    return key if isinstance(key, str) and key else None


def _matching(withdrawal: Withdrawal, client_order_id: str) -> bool:
    return withdrawal.client_order_id == client_order_id


async def _none() -> None:
    return None


class Withdrawals:
    def __init__(self, requester: SyncRequester) -> None:
        self._requester = requester
        self.history = self.list
        """The withdraw history (same as `list`)."""

    def create(
        self,
        ticker: str,
        network: str,
        address: str,
        amount: Decimal | int,
        *,
        client_order_id: str | None = None,
        fee_payer: FeePayer | int = FeePayer.BALANCE,
        **options: Unpack[WithdrawalOptions],
    ) -> Withdrawal:
        """Send `amount` (a Decimal, at most 8 decimals) of `ticker` over `network`.

        Sent once: after an ambiguous failure it raises `AmbiguousResultError` (see the module
        docstring); `error.reconcile()` returns the withdrawal if it was created, else None.
        """
        body = _create_body(
            ticker,
            network,
            address,
            amount,
            client_order_id=client_order_id,
            fee_payer=fee_payer,
            options=options,
        )
        key = _key_of(body)
        created = self._requester.send(
            lambda client: create_withdraw.sync_detailed(client=client, body=body),
            reads(Withdraw),
            write=MoneyMovingCall(
                "withdrawal",
                reconcile=lambda: None if key is None else self.find(key),
                client_order_id=key,
            ),
        )
        return Withdrawal(created)

    def find(self, client_order_id: str, *, scan: int = FIND_SCAN_LIMIT) -> Withdrawal | None:
        """The withdrawal created with `client_order_id`, looked up among the newest `scan`
        withdrawals of the history (newest first), or None."""
        for scanned, withdrawal in enumerate(
            self.iter(ordering=GetWithdrawHistoryOrdering.ID_DESC)
        ):
            if scanned >= scan:
                break
            if _matching(withdrawal, client_order_id):
                return withdrawal
        return None

    def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: GetWithdrawHistoryOrdering | str | None = None,
        **filters: Unpack[WithdrawalFilters],
    ) -> Page[Withdrawal]:
        """One page of withdrawals (`limit=None`: all of them on one page), newest first."""
        return self._page(page_number(page), _query(limit, ordering, filters))

    def iter(
        self,
        *,
        limit: int = DEFAULT_ITER_LIMIT,
        ordering: GetWithdrawHistoryOrdering | str | None = None,
        **filters: Unpack[WithdrawalFilters],
    ) -> Iterator[Withdrawal]:
        """Every matching withdrawal, `limit` per request; each page is fetched when reached."""
        query = _query(limit, ordering, filters)
        return iterate_pages(lambda number: self._page(number, query))

    def _page(self, number: int, query: dict[str, Any]) -> Page[Withdrawal]:
        envelope = self._requester.send(
            lambda client: get_withdraw_history.sync_detailed(client=client, page=number, **query),
            reads(WithdrawPage),
        )
        return page_from_envelope(envelope, Withdrawal, number=number)


class AsyncWithdrawals:
    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester
        self.history = self.list
        """The withdraw history (same as `list`)."""

    async def create(
        self,
        ticker: str,
        network: str,
        address: str,
        amount: Decimal | int,
        *,
        client_order_id: str | None = None,
        fee_payer: FeePayer | int = FeePayer.BALANCE,
        **options: Unpack[WithdrawalOptions],
    ) -> Withdrawal:
        body = _create_body(
            ticker,
            network,
            address,
            amount,
            client_order_id=client_order_id,
            fee_payer=fee_payer,
            options=options,
        )
        key = _key_of(body)
        created = await self._requester.send(
            lambda client: create_withdraw.asyncio_detailed(client=client, body=body),
            reads(Withdraw),
            write=MoneyMovingCall(
                "withdrawal",
                reconcile=lambda: self.find(key) if key is not None else _none(),
                client_order_id=key,
            ),
        )
        return Withdrawal(created)

    async def find(self, client_order_id: str, *, scan: int = FIND_SCAN_LIMIT) -> Withdrawal | None:
        """The withdrawal created with `client_order_id`, looked up among the newest `scan`
        withdrawals of the history (newest first), or None."""
        scanned = 0
        async for withdrawal in self.iter(ordering=GetWithdrawHistoryOrdering.ID_DESC):
            if scanned >= scan:
                break
            if _matching(withdrawal, client_order_id):
                return withdrawal
            scanned += 1
        return None

    async def list(
        self,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: GetWithdrawHistoryOrdering | str | None = None,
        **filters: Unpack[WithdrawalFilters],
    ) -> Page[Withdrawal]:
        return await self._page(page_number(page), _query(limit, ordering, filters))

    def iter(
        self,
        *,
        limit: int = DEFAULT_ITER_LIMIT,
        ordering: GetWithdrawHistoryOrdering | str | None = None,
        **filters: Unpack[WithdrawalFilters],
    ) -> AsyncIterator[Withdrawal]:
        """`async for withdrawal in gw.withdrawals.iter(...)`."""
        query = _query(limit, ordering, filters)
        return iterate_pages_async(lambda number: self._page(number, query))

    async def _page(self, number: int, query: dict[str, Any]) -> Page[Withdrawal]:
        envelope = await self._requester.send(
            lambda client: get_withdraw_history.asyncio_detailed(
                client=client, page=number, **query
            ),
            reads(WithdrawPage),
        )
        return page_from_envelope(envelope, Withdrawal, number=number)
