"""The ledger: balances are sums of entries; entries are only ever inserted.

A withdrawal's hold is a pair of debit entries (amount sent, fee); returning funds is a pair of
credit entries that reverse them. Deposits credit once, on CONFIRMED. ``post`` checks, inside
the caller's transaction, that no touched balance goes below zero or above ``MAX_BALANCE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select

from bitexbit_emulator.domain.money import MAX_BALANCE, format_money
from bitexbit_emulator.store.tables import accounts, ledger_entries

__all__ = [
    "BalanceOutOfRange",
    "Entry",
    "InsufficientFunds",
    "balance_of",
    "balances_of",
    "lock_account",
    "post",
]


class BalanceOutOfRange(Exception):
    """A posting would take a balance outside [0, MAX_BALANCE]; nothing was written."""

    def __init__(self, ticker: str, resulting: Decimal) -> None:
        super().__init__(f"{ticker} balance would become {format_money(resulting)}")
        self.ticker = ticker
        self.resulting = resulting


class InsufficientFunds(BalanceOutOfRange):
    """The balance does not cover a debit."""


@dataclass(frozen=True)
class Entry:
    account_id: int
    ticker: str
    amount: Decimal  # positive credits, negative debits
    kind: str
    reference_type: str | None = None
    reference_id: int | None = None
    note: str | None = None


def lock_account(connection: Connection, account_id: int) -> None:
    """Serialize balance changes per account (FOR UPDATE; SQLite already locks the database)."""
    connection.execute(
        select(accounts.c.id).where(accounts.c.id == account_id).with_for_update()
    ).first()


def balance_of(connection: Connection, account_id: int, ticker: str) -> Decimal:
    total = connection.execute(
        select(func.coalesce(func.sum(ledger_entries.c.amount), Decimal(0))).where(
            ledger_entries.c.account_id == account_id, ledger_entries.c.ticker == ticker
        )
    ).scalar_one()
    return Decimal(total)


def balances_of(connection: Connection, account_id: int) -> dict[str, Decimal]:
    rows = connection.execute(
        select(ledger_entries.c.ticker, func.sum(ledger_entries.c.amount))
        .where(ledger_entries.c.account_id == account_id)
        .group_by(ledger_entries.c.ticker)
        .order_by(ledger_entries.c.ticker)
    ).all()
    return {ticker: Decimal(total) for ticker, total in rows}


def post(connection: Connection, entries: Iterable[Entry], *, now: datetime) -> None:
    """Insert entries atomically with the caller's transaction, refusing out-of-range balances.

    The check runs before anything is inserted, so a refused posting leaves no row behind.
    """
    entries = [entry for entry in entries if entry.amount != 0]
    if not entries:
        return
    changes: dict[tuple[int, str], Decimal] = {}
    for entry in entries:
        key = (entry.account_id, entry.ticker)
        changes[key] = changes.get(key, Decimal(0)) + entry.amount
    for (account_id, ticker), change in changes.items():
        resulting = balance_of(connection, account_id, ticker) + change
        if resulting < 0:
            raise InsufficientFunds(ticker, resulting)
        if resulting > MAX_BALANCE:
            raise BalanceOutOfRange(ticker, resulting)
    connection.execute(
        insert(ledger_entries),
        [
            {
                "account_id": entry.account_id,
                "ticker": entry.ticker,
                "amount": entry.amount,
                "kind": entry.kind,
                "reference_type": entry.reference_type,
                "reference_id": entry.reference_id,
                "note": entry.note,
                "created_at": now,
            }
            for entry in entries
        ],
    )
