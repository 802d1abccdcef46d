"""The ledger: entries are only ever inserted; each balance is kept in a ``balances`` row.

``post`` inserts the entries and moves the balance rows by the same amounts in the caller's
transaction, so a balance read is one primary-key lookup (not a SUM over the history) and
balance = sum(entries) always holds (``tests/emulator/domain/test_ledger_consistency.py``).

A withdrawal's hold is a pair of debit entries (amount sent, fee); returning funds is a pair of
credit entries that reverse them. Deposits credit once, on CONFIRMED. ``post`` checks, inside
the caller's transaction, that no touched balance goes below zero or above ``MAX_BALANCE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, bindparam, func, insert, select, update

from bitexbit_emulator.domain.money import MAX_BALANCE, format_money
from bitexbit_emulator.store.statements import FastStatement
from bitexbit_emulator.store.tables import accounts, balances, ledger_entries

__all__ = [
    "BalanceOutOfRange",
    "Entry",
    "InsufficientFunds",
    "backfill_balances",
    "balance_of",
    "balances_of",
    "lock_account",
    "post",
    "summed_balances",
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


_LOCK_ACCOUNT = FastStatement(
    select(accounts.c.id).where(accounts.c.id == bindparam("account_id")).with_for_update()
)
_NEW_BALANCE = FastStatement(
    insert(balances).values(
        account_id=bindparam("b_account_id"),
        ticker=bindparam("b_ticker"),
        amount=bindparam("b_amount", type_=balances.c.amount.type),
    )
)
_SET_BALANCE = FastStatement(
    update(balances)
    .where(
        balances.c.account_id == bindparam("b_account_id"),
        balances.c.ticker == bindparam("b_ticker"),
    )
    .values(amount=bindparam("b_amount", type_=balances.c.amount.type))
)
_NEW_ENTRY = FastStatement(
    insert(ledger_entries).values(
        {
            column.name: bindparam(f"e_{column.name}", type_=column.type)
            for column in ledger_entries.columns
            if column.name != "id"
        }
    )
)


def lock_account(connection: Connection, account_id: int) -> None:
    """Serialize balance changes per account (FOR UPDATE; SQLite already locks the database)."""
    _LOCK_ACCOUNT.first(connection, {"account_id": account_id})


_BALANCE = FastStatement(
    select(balances.c.amount).where(
        balances.c.account_id == bindparam("account_id"), balances.c.ticker == bindparam("ticker")
    )
)


def balance_of(connection: Connection, account_id: int, ticker: str) -> Decimal:
    amount = _BALANCE.scalar(connection, {"account_id": account_id, "ticker": ticker})
    return Decimal(0) if amount is None else Decimal(amount)


def balances_of(connection: Connection, account_id: int) -> dict[str, Decimal]:
    rows = connection.execute(
        select(balances.c.ticker, balances.c.amount)
        .where(balances.c.account_id == account_id)
        .order_by(balances.c.ticker)
    ).all()
    return {ticker: Decimal(amount) for ticker, amount in rows}


def summed_balances(connection: Connection) -> dict[tuple[int, str], Decimal]:
    """Every (account, ticker) total recomputed from the entries: the audit view."""
    rows = connection.execute(
        select(
            ledger_entries.c.account_id, ledger_entries.c.ticker, func.sum(ledger_entries.c.amount)
        ).group_by(ledger_entries.c.account_id, ledger_entries.c.ticker)
    ).all()
    return {(account_id, ticker): Decimal(total) for account_id, ticker, total in rows}


def backfill_balances(connection: Connection) -> int:
    """Fill an empty ``balances`` table from the entries (a database from before it existed);
    returns how many rows were written."""
    if connection.execute(select(balances.c.account_id).limit(1)).first() is not None:
        return 0
    totals = summed_balances(connection)
    if totals:
        connection.execute(
            insert(balances),
            [
                {"account_id": account_id, "ticker": ticker, "amount": amount}
                for (account_id, ticker), amount in totals.items()
            ],
        )
    return len(totals)


def post(connection: Connection, entries: Iterable[Entry], *, now: datetime) -> None:
    """Insert entries atomically with the caller's transaction, refusing out-of-range balances.

    The check runs before anything is written, so a refused posting leaves no row behind.
    """
    entries = [entry for entry in entries if entry.amount != 0]
    if not entries:
        return
    changes: dict[tuple[int, str], Decimal] = {}
    for entry in entries:
        key = (entry.account_id, entry.ticker)
        changes[key] = changes.get(key, Decimal(0)) + entry.amount
    resulting: dict[tuple[int, str], tuple[Decimal | None, Decimal]] = {}
    for (account_id, ticker), change in changes.items():
        current = _BALANCE.scalar(connection, {"account_id": account_id, "ticker": ticker})
        total = (Decimal(0) if current is None else Decimal(current)) + change
        if total < 0:
            raise InsufficientFunds(ticker, total)
        if total > MAX_BALANCE:
            raise BalanceOutOfRange(ticker, total)
        resulting[(account_id, ticker)] = (current, total)
    for (account_id, ticker), (current, total) in resulting.items():
        change_row = _NEW_BALANCE if current is None else _SET_BALANCE
        change_row.rowcount(
            connection, {"b_account_id": account_id, "b_ticker": ticker, "b_amount": total}
        )
    for entry in entries:
        _NEW_ENTRY.rowcount(
            connection,
            {
                "e_account_id": entry.account_id,
                "e_ticker": entry.ticker,
                "e_amount": entry.amount,
                "e_kind": entry.kind,
                "e_reference_type": entry.reference_type,
                "e_reference_id": entry.reference_id,
                "e_note": entry.note,
                "e_created_at": now,
            },
        )
