"""Conversion orders, filled at once at the configured market price shifted by a percent.

Deposits to a wallet with ``convert_ticker`` sell the deposited ticker for ``convert_ticker``
(at most ``convert_limit`` of it). A DONE withdrawal with ``auto_buy_ticker`` spends the
withdrawn ``amount`` of its ticker once more on ``auto_buy_ticker`` (the rule the spec states on
``auto_buy_ticker``, read from the documentation's sample: USDT withdrawn, ETH bought, side 1);
when that balance is short the order is recorded as ``cancelled`` and nothing moves.

The price is quote per base of the market: a buy of the base pays ``price * (1 + percent/100)``
and a sell receives ``price * (1 - percent/100)`` (the seed's "sell=90, buy=110" rule). What the
account pays is rounded up and what it receives rounded down to 10^-8.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, insert, select

from bitexbit_emulator.config import MarketConfig
from bitexbit_emulator.domain import ledger
from bitexbit_emulator.domain.money import quantize_down, quantize_up
from bitexbit_emulator.domain.records import ConversionRecord
from bitexbit_emulator.domain.statuses import AutoBuySide
from bitexbit_emulator.store.database import inserted_id
from bitexbit_emulator.store.tables import conversions

__all__ = [
    "CANCELLED",
    "FILLED",
    "auto_buy",
    "convert_deposit",
    "load_for_sources",
    "order_price",
]

FILLED, CANCELLED = "filled", "cancelled"
_HUNDRED = Decimal(100)


def order_price(market: MarketConfig, percent: Decimal, side: AutoBuySide) -> Decimal:
    if side is AutoBuySide.BUY:
        return quantize_up(market.price * (_HUNDRED + percent) / _HUNDRED)
    return quantize_down(market.price * (_HUNDRED - percent) / _HUNDRED)


@dataclass(frozen=True)
class _Order:
    base: str
    quote: str
    side: AutoBuySide
    amount: Decimal
    price: Decimal
    spent_ticker: str
    spent_amount: Decimal
    received_ticker: str
    received_amount: Decimal


def _spend_exactly(
    market: MarketConfig, spend_ticker: str, spend: Decimal, percent: Decimal
) -> _Order:
    """An order that spends ``spend`` of ``spend_ticker`` for the market's other ticker."""
    if market.base == spend_ticker:  # sell base for quote
        price = order_price(market, percent, AutoBuySide.SELL)
        received = quantize_down(spend * price)
        return _Order(
            market.base, market.quote, AutoBuySide.SELL, spend, price,
            spend_ticker, spend, market.quote, received,
        )  # fmt: skip
    price = order_price(market, percent, AutoBuySide.BUY)  # buy base with quote
    received = quantize_down(spend / price) if price > 0 else Decimal(0)
    return _Order(
        market.base, market.quote, AutoBuySide.BUY, received, price,
        spend_ticker, spend, market.base, received,
    )  # fmt: skip


def _record(
    connection: Connection,
    *,
    account_id: int,
    source_type: str,
    source_id: int,
    order: _Order,
    fill: bool,
    now: datetime,
) -> ConversionRecord:
    state = FILLED if fill else CANCELLED
    conversion_id = inserted_id(
        connection.execute(
            insert(conversions).values(
                account_id=account_id,
                source_type=source_type,
                source_id=source_id,
                base=order.base,
                quote=order.quote,
                side=int(order.side),
                amount=order.amount,
                price=order.price,
                state=state,
                spent_ticker=order.spent_ticker,
                spent_amount=order.spent_amount,
                received_ticker=order.received_ticker,
                received_amount=order.received_amount,
                created_at=now,
            )
        )
    )
    if fill:
        ledger.post(
            connection,
            [
                ledger.Entry(
                    account_id, order.spent_ticker, -order.spent_amount,
                    "conversion_debit", "conversion", conversion_id,
                ),
                ledger.Entry(
                    account_id, order.received_ticker, order.received_amount,
                    "conversion_credit", "conversion", conversion_id,
                ),
            ],
            now=now,
        )  # fmt: skip
    row = (
        connection.execute(select(conversions).where(conversions.c.id == conversion_id))
        .mappings()
        .one()
    )
    return ConversionRecord.from_row(row)


def convert_deposit(
    connection: Connection,
    *,
    account_id: int,
    deposit_id: int,
    market: MarketConfig,
    ticker: str,
    credited: Decimal,
    limit: Decimal | None,
    percent: Decimal,
    now: datetime,
) -> ConversionRecord:
    """Sell min(credited, limit) of ``ticker`` (just credited, so the balance covers it)."""
    spend = credited if limit is None else min(credited, limit)
    order = _spend_exactly(market, ticker, spend, percent)
    fill = order.spent_amount > 0 and order.received_amount > 0
    return _record(
        connection,
        account_id=account_id,
        source_type="deposit",
        source_id=deposit_id,
        order=order,
        fill=fill,
        now=now,
    )


def auto_buy(
    connection: Connection,
    *,
    account_id: int,
    withdrawal_id: int,
    market: MarketConfig,
    ticker: str,
    amount: Decimal,
    percent: Decimal,
    now: datetime,
) -> ConversionRecord:
    """Spend ``amount`` of ``ticker`` on the market's other ticker, if the balance allows."""
    order = _spend_exactly(market, ticker, amount, percent)
    available = ledger.balance_of(connection, account_id, order.spent_ticker)
    fill = 0 < order.spent_amount <= available and order.received_amount > 0
    return _record(
        connection,
        account_id=account_id,
        source_type="withdraw",
        source_id=withdrawal_id,
        order=order,
        fill=fill,
        now=now,
    )


def load_for_sources(
    connection: Connection, source_type: str, source_ids: Iterable[int]
) -> dict[int, ConversionRecord]:
    ids = list(source_ids)
    if not ids:
        return {}
    rows = (
        connection.execute(
            select(conversions).where(
                conversions.c.source_type == source_type, conversions.c.source_id.in_(ids)
            )
        )
        .mappings()
        .all()
    )
    return {row["source_id"]: ConversionRecord.from_row(row) for row in rows}
