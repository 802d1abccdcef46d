"""Withdrawals: sending funds out (create) and their history.

Creating a withdrawal moves money, so it is only ever retried with a `client_order_id`: the
gateway answers a repeat of the same id and fields with the original withdrawal (200) instead of
paying twice. When the caller gives no id, one is generated ("sdk-" + 32 hex digits), sent in
every attempt, and returned on the result (`Withdrawal.client_order_id`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import TypedDict, Unpack

from bitexbit_gateway_client.api.withdraw import create_withdraw, get_withdraw_history
from bitexbit_gateway_client.models import (
    FeePayer,
    GetWithdrawHistoryOrdering,
    Withdraw,
    WithdrawCreateRequest,
    WithdrawPage,
    WithdrawStatus,
)
from bitexbit_gateway_client.types import Unset

from bitexbit._models import Withdrawal
from bitexbit._money import decimal_to_wire
from bitexbit._pagination import Page, iterate_pages, iterate_pages_async, page_from_envelope
from bitexbit._requester import AsyncRequester, SyncRequester
from bitexbit._resources._params import (
    check_names,
    choice,
    page_number,
    page_size,
    unset_if_none,
)
from bitexbit._resources.deposits import DEFAULT_ITER_LIMIT

__all__ = ["AsyncWithdrawals", "WithdrawalFilters", "Withdrawals", "new_client_order_id"]


def new_client_order_id() -> str:
    """A fresh idempotency key matching the spec's `^[A-Za-z0-9_.:-]{1,64}$`."""
    return f"sdk-{uuid.uuid4().hex}"


class WithdrawalFilters(TypedDict, total=False):
    """Optional filters of the withdrawal history; None means "do not filter"."""

    ticker: str | None
    network: str | None
    status: WithdrawStatus | int | None
    txid: str | None
    address: str | None


_FILTER_NAMES = WithdrawalFilters.__optional_keys__


class _WithdrawQuery(TypedDict):
    """The generated `get_withdraw_history` parameters other than `client` and `page`."""

    limit: int | Unset
    ordering: GetWithdrawHistoryOrdering | Unset
    ticker: str | Unset
    network: str | Unset
    status: WithdrawStatus | Unset
    txid: str | Unset
    address: str | Unset


def _query(
    limit: int | None,
    ordering: GetWithdrawHistoryOrdering | str | None,
    filters: WithdrawalFilters,
) -> _WithdrawQuery:
    check_names(filters, _FILTER_NAMES)
    return _WithdrawQuery(
        limit=page_size(limit),
        ordering=choice(GetWithdrawHistoryOrdering, ordering, name="ordering"),
        ticker=unset_if_none(filters.get("ticker")),
        network=unset_if_none(filters.get("network")),
        status=choice(WithdrawStatus, filters.get("status"), name="status"),
        txid=unset_if_none(filters.get("txid")),
        address=unset_if_none(filters.get("address")),
    )


class WithdrawalOptions(TypedDict, total=False):
    """Optional fields of a withdrawal besides `client_order_id` and `fee_payer`."""

    memo: str | None
    payment_id: str | None
    destination_tag: str | None
    comment: str | None
    callback_url: str | None
    auto_buy_ticker: str | None
    auto_buy_percent: Decimal | int | None


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
    check_names(options, _OPTION_NAMES, kind="option")
    percent = options.get("auto_buy_percent")
    fee_payer_member = choice(FeePayer, fee_payer, name="fee_payer")
    return WithdrawCreateRequest(
        ticker=ticker,
        network=network,
        address=address,
        amount=decimal_to_wire(amount, name="amount"),
        client_order_id=new_client_order_id() if client_order_id is None else client_order_id,
        fee_payer=fee_payer_member,
        memo=unset_if_none(options.get("memo")),
        payment_id=unset_if_none(options.get("payment_id")),
        destination_tag=unset_if_none(options.get("destination_tag")),
        comment=unset_if_none(options.get("comment")),
        callback_url=unset_if_none(options.get("callback_url")),
        auto_buy_ticker=unset_if_none(options.get("auto_buy_ticker")),
        auto_buy_percent=unset_if_none(
            None
            if percent is None
            else decimal_to_wire(percent, name="auto_buy_percent", signed=True)
        ),
    )


def _repeat_safe(body: WithdrawCreateRequest) -> bool:
    """Only a request carrying an idempotency key may be sent twice."""
    return isinstance(body.client_order_id, str) and bool(body.client_order_id)


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

        Safe to retry: the same `client_order_id` (generated if not given) is sent on every
        attempt, so the gateway creates at most one withdrawal.
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
        created = self._requester.send(
            lambda client: create_withdraw.sync_detailed(client=client, body=body),
            Withdraw,
            repeat_safe=_repeat_safe(body),
        )
        return Withdrawal(created)

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

    def _page(self, number: int, query: _WithdrawQuery) -> Page[Withdrawal]:
        envelope = self._requester.send(
            lambda client: get_withdraw_history.sync_detailed(client=client, page=number, **query),
            WithdrawPage,
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
        created = await self._requester.send(
            lambda client: create_withdraw.asyncio_detailed(client=client, body=body),
            Withdraw,
            repeat_safe=_repeat_safe(body),
        )
        return Withdrawal(created)

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

    async def _page(self, number: int, query: _WithdrawQuery) -> Page[Withdrawal]:
        envelope = await self._requester.send(
            lambda client: get_withdraw_history.asyncio_detailed(
                client=client, page=number, **query
            ),
            WithdrawPage,
        )
        return page_from_envelope(envelope, Withdrawal, number=number)
