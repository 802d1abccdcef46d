"""The withdrawal state machine: the transition table and the one function that moves a status.

``transition`` is the only function that changes a withdrawal's status. Legal moves are the
edges of ``TRANSITIONS``::

    NEW        -> CONFIRMED | CANCELLED
    CONFIRMED  -> VERIFIED | CANCELLED
    VERIFIED   -> MODERATION | APPROVED | SUSPENDED
    MODERATION -> APPROVED | SUSPENDED | REFUSED
    APPROVED   -> DONE | SUSPENDED
    SUSPENDED  -> APPROVED | REFUSED | CANCELLED
    DONE, REFUSED, CANCELLED: terminal

Ledger rule: creating a withdrawal puts a hold (debit entries of the amount sent and the fee).
The hold stays while the status is in ``HOLDING_STATUSES`` and becomes final on DONE. Entering
SUSPENDED, REFUSED or CANCELLED from a holding status returns the funds with reversing credit
entries; leaving SUSPENDED for APPROVED puts the hold back (a 409 if the balance no longer
covers it). So every status has one well-defined ledger position, and the sum of a
withdrawal's entries is either minus the hold or zero. When statuses advance by themselves is
``progression``'s business, not this module's.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Select, bindparam, select, update

from bitexbit_emulator.domain import callbacks, conversions, ledger
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.domain.money import format_money
from bitexbit_emulator.domain.records import WithdrawalRecord
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.domain.validation import NON_FIELD
from bitexbit_emulator.store.statements import FastStatement
from bitexbit_emulator.store.tables import withdrawals

__all__ = [
    "AUTOMATIC_NEXT",
    "HOLDING_STATUSES",
    "TERMINAL_STATUSES",
    "TRANSITIONS",
    "WITHDRAW_EVENT",
    "check_balances",
    "hold_entries",
    "load",
    "path_between",
    "select_withdrawals",
    "transition",
    "with_reference",
]


S = WithdrawStatus


WITHDRAW_EVENT = "withdraw.status_changed"


TRANSITIONS: dict[WithdrawStatus, frozenset[WithdrawStatus]] = {
    S.NEW: frozenset({S.CONFIRMED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.VERIFIED, S.CANCELLED}),
    S.VERIFIED: frozenset({S.MODERATION, S.APPROVED, S.SUSPENDED}),
    S.MODERATION: frozenset({S.APPROVED, S.SUSPENDED, S.REFUSED}),
    S.APPROVED: frozenset({S.DONE, S.SUSPENDED}),
    S.SUSPENDED: frozenset({S.APPROVED, S.REFUSED, S.CANCELLED}),
    S.DONE: frozenset(),
    S.REFUSED: frozenset(),
    S.CANCELLED: frozenset(),
}


TERMINAL_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if not targets)


# Funds are held (debited, not yet final) in these statuses; DONE makes the debit final.
HOLDING_STATUSES = frozenset({S.NEW, S.CONFIRMED, S.VERIFIED, S.MODERATION, S.APPROVED, S.DONE})


# The path the "immediate" and "timed" modes follow on their own (SUSPENDED waits for a person).
AUTOMATIC_NEXT: dict[WithdrawStatus, WithdrawStatus] = {
    S.NEW: S.CONFIRMED,
    S.CONFIRMED: S.VERIFIED,
    S.VERIFIED: S.APPROVED,
    S.MODERATION: S.APPROVED,
    S.APPROVED: S.DONE,
}


_SELECT_WITHDRAWALS = select(withdrawals)


def select_withdrawals() -> Select[tuple[object, ...]]:
    """Every withdrawal column; one statement object, built once."""
    return _SELECT_WITHDRAWALS


_LOAD = FastStatement(_SELECT_WITHDRAWALS.where(withdrawals.c.id == bindparam("withdrawal_id")))
# The row locked until the transaction ends (PostgreSQL; SQLite's writers already take turns):
# an instance's scheduler stepping a withdrawal waits for another's step of it, then sees it.
_LOAD_LOCKED = FastStatement(
    _SELECT_WITHDRAWALS.where(withdrawals.c.id == bindparam("withdrawal_id")).with_for_update()
)


def load(connection: Connection, withdrawal_id: int, *, lock: bool = False) -> WithdrawalRecord:
    """One withdrawal; ``lock``: ``SELECT ... FOR UPDATE`` (read what a concurrent change
    committed, and hold the row until this transaction ends)."""
    row = (_LOAD_LOCKED if lock else _LOAD).first(connection, {"withdrawal_id": withdrawal_id})
    if row is None:
        raise NotFound(f"No withdrawal with id {withdrawal_id}.")
    if row["auto_buy_ticker"] is None:  # no conversion order can exist
        return WithdrawalRecord.from_row(row)
    auto_buy = conversions.load_for_sources(connection, "withdraw", [withdrawal_id])
    return WithdrawalRecord.from_row(row, auto_buy.get(withdrawal_id))


def hold_entries(
    *,
    account_id: int,
    ticker: str,
    amount: Decimal,
    fee: Decimal,
    fee_currency: str,
    fee_payer: int,
    withdrawal_id: int | None,
    returning: bool,
) -> list[ledger.Entry]:
    """The hold: the amount sent and the fee as two debits (or their reversal when returning).

    fee_payer 1: amount of ticker + fee of fee_currency. fee_payer 2: the fee comes out of the
    amount, so the two debits add up to ``amount``.
    """
    sent = amount if fee_payer == 1 else amount - fee
    sign = 1 if returning else -1
    suffix = "release" if returning else "hold"
    return [
        ledger.Entry(
            account_id, ticker, sign * sent, f"withdraw_{suffix}", "withdraw", withdrawal_id
        ),
        ledger.Entry(
            account_id,
            fee_currency,
            sign * fee,
            f"withdraw_fee_{suffix}",
            "withdraw",
            withdrawal_id,
        ),
    ]


def with_reference(entry: ledger.Entry, withdrawal_id: int) -> ledger.Entry:
    return ledger.Entry(
        entry.account_id, entry.ticker, entry.amount, entry.kind, "withdraw", withdrawal_id
    )


def check_balances(connection: Connection, account_id: int, hold: list[ledger.Entry]) -> None:
    needed: dict[str, Decimal] = {}
    for entry in hold:
        needed[entry.ticker] = needed.get(entry.ticker, Decimal(0)) - entry.amount
    short = [
        f"{format_money(need)} {ticker} needed, "
        f"{format_money(ledger.balance_of(connection, account_id, ticker))} available"
        for ticker, need in sorted(needed.items())
        if ledger.balance_of(connection, account_id, ticker) < need
    ]
    if short:
        raise ValidationFailed({NON_FIELD: ["Insufficient balance.", *short]})


def transition(
    connection: Connection,
    context: DomainContext,
    withdrawal: WithdrawalRecord,
    to_status: WithdrawStatus,
) -> WithdrawalRecord:
    """THE one place a withdrawal's status changes: ledger effects, txid, auto_buy, callback."""
    from_status = WithdrawStatus(withdrawal.status)
    if to_status not in TRANSITIONS[from_status]:
        allowed = ", ".join(s.name for s in sorted(TRANSITIONS[from_status])) or "none (terminal)"
        raise Conflict(
            f"Withdrawal {withdrawal.id} cannot go from {from_status.name} to {to_status.name}; "
            f"allowed: {allowed}."
        )
    now = context.clock.now()
    held_before = from_status in HOLDING_STATUSES
    held_after = to_status in HOLDING_STATUSES
    if held_before != held_after:
        entries = hold_entries(
            account_id=withdrawal.account_id,
            ticker=withdrawal.ticker,
            amount=withdrawal.amount,
            fee=withdrawal.fee,
            fee_currency=withdrawal.fee_currency,
            fee_payer=withdrawal.fee_payer,
            withdrawal_id=withdrawal.id,
            returning=held_before,
        )
        try:
            ledger.post(connection, entries, now=now)
        except ledger.InsufficientFunds as error:
            raise Conflict(
                f"Withdrawal {withdrawal.id} cannot resume: the {error.ticker} balance no "
                "longer covers it."
            ) from None
    values: dict[str, object] = {
        "status": int(to_status),
        "updated_at": now,
        "next_transition_at": None,  # the transition mode schedules the next step, if any
    }
    if to_status == S.VERIFIED:  # the automatic system's AML check
        values.update(aml_success=True, aml_risk=0)
    if to_status == S.DONE:
        values["txid"] = context.derive("withdraw-txid", withdrawal.id).hex()
    changed = connection.execute(
        update(withdrawals)
        .where(withdrawals.c.id == withdrawal.id, withdrawals.c.status == int(from_status))
        .values(**values)
    )
    if changed.rowcount != 1:
        raise Conflict(f"Withdrawal {withdrawal.id} changed concurrently; try again.")
    if to_status == S.DONE and withdrawal.auto_buy_ticker is not None:
        market = context.catalogue.market_between(withdrawal.ticker, withdrawal.auto_buy_ticker)
        if market is not None:
            conversions.auto_buy(
                connection,
                account_id=withdrawal.account_id,
                withdrawal_id=withdrawal.id,
                market=market,
                ticker=withdrawal.ticker,
                amount=withdrawal.amount,
                percent=withdrawal.auto_buy_percent or Decimal(0),
                now=now,
            )
    updated = load(connection, withdrawal.id)
    _notify(connection, context, updated, now=now)
    return updated


def path_between(
    from_status: WithdrawStatus, to_status: WithdrawStatus
) -> list[WithdrawStatus] | None:
    """The shortest sequence of legal moves to ``to_status`` (BFS over TRANSITIONS)."""
    if from_status == to_status:
        return None
    queue: deque[tuple[WithdrawStatus, list[WithdrawStatus]]] = deque([(from_status, [])])
    seen = {from_status}
    while queue:
        current, path = queue.popleft()
        for target in sorted(TRANSITIONS[current]):
            if target in seen:
                continue
            if target == to_status:
                return [*path, target]
            seen.add(target)
            queue.append((target, [*path, target]))
    return None


def _notify(
    connection: Connection, context: DomainContext, withdrawal: WithdrawalRecord, *, now: datetime
) -> None:
    if withdrawal.callback_url is None:
        return
    callbacks.enqueue(
        connection,
        event=WITHDRAW_EVENT,
        url=withdrawal.callback_url,
        api_key=withdrawal.api_key,
        data=context.callback_payloads.withdrawal(withdrawal),
        subject_type="withdraw",
        subject_id=withdrawal.id,
        now=now,
    )
