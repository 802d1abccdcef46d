"""How deposits and withdrawals move on their own (moto's model).

* ``manual`` (default): nothing moves until the control API says so.
* ``immediate``: a new deposit confirms and a new withdrawal runs to DONE inside the request that
  created it, one transition (and one callback) per step.
* ``timed``: each step happens ``delay_seconds`` after the previous one, applied by ``tick``
  (the HTTP app calls it in the background). Due times are computed from the previous due
  time, so a tick after a long pause catches up on every step that fell due.

Switching mode re-plans the items in flight: ``timed`` schedules each one ``delay_seconds`` from
now; ``manual`` and ``immediate`` clear the schedules (immediate only drives new items).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update

from bitexbit_emulator.domain import deposits, state, withdrawal_states
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import ValidationFailed
from bitexbit_emulator.domain.records import DepositRecord, WithdrawalRecord
from bitexbit_emulator.domain.statuses import DepositStatus, WithdrawStatus
from bitexbit_emulator.store.tables import deposits as deposits_table
from bitexbit_emulator.store.tables import withdrawals as withdrawals_table

__all__ = [
    "MODES",
    "TransitionMode",
    "after_deposit_seen",
    "after_withdrawal_created",
    "after_withdrawal_moved",
    "due_deposit_ids",
    "due_withdrawal_ids",
    "get_mode",
    "set_mode",
    "step_deposit",
    "step_withdrawal",
    "unschedule",
]

MODES = ("immediate", "manual", "timed")
_MODE_KEY = "transitions.mode"
_DELAY_KEY = "transitions.delay_seconds"
_AUTOMATIC_STATUSES = [int(status) for status in withdrawal_states.AUTOMATIC_NEXT]


@dataclass(frozen=True)
class TransitionMode:
    mode: str
    delay_seconds: float

    def as_dict(self) -> dict[str, object]:
        return {"mode": self.mode, "delay_seconds": self.delay_seconds}

    @property
    def delay(self) -> timedelta:
        return timedelta(seconds=self.delay_seconds)


def get_mode(connection: Connection, context: DomainContext) -> TransitionMode:
    mode = state.get_value(connection, _MODE_KEY) or context.config.transitions.mode
    delay = state.get_value(connection, _DELAY_KEY)
    return TransitionMode(
        mode=mode,
        delay_seconds=float(delay)
        if delay is not None
        else context.config.transitions.delay_seconds,
    )


def set_mode(
    connection: Connection, context: DomainContext, *, mode: str, delay_seconds: float | None
) -> TransitionMode:
    if mode not in MODES:
        raise ValidationFailed.field("mode", f"Select a valid choice: {', '.join(MODES)}.")
    current = get_mode(connection, context)
    delay = current.delay_seconds if delay_seconds is None else delay_seconds
    if not 0 < delay <= 86_400:
        raise ValidationFailed.field(
            "delay_seconds", "Ensure this value is greater than 0 and at most 86400."
        )
    state.set_value(connection, _MODE_KEY, mode)
    state.set_value(connection, _DELAY_KEY, repr(float(delay)))
    planned = context.clock.now() + timedelta(seconds=delay) if mode == "timed" else None
    connection.execute(
        update(deposits_table)
        .where(deposits_table.c.status == int(DepositStatus.PENDING))
        .values(next_transition_at=planned)
    )
    connection.execute(
        update(withdrawals_table)
        .where(withdrawals_table.c.status.in_(_AUTOMATIC_STATUSES))
        .values(next_transition_at=planned)
    )
    return get_mode(connection, context)


def after_deposit_seen(
    connection: Connection, context: DomainContext, deposit: DepositRecord
) -> DepositRecord:
    if deposit.status != DepositStatus.PENDING:
        return deposit
    mode = get_mode(connection, context)
    if mode.mode == "immediate":
        return deposits.set_confirmations(
            connection, context, deposit, deposit.required_confirmations
        )
    if mode.mode == "timed":
        _schedule_deposit(connection, deposit.id, context.clock.now() + mode.delay)
        return deposits.load(connection, deposit.id)
    return deposit


def after_withdrawal_created(
    connection: Connection, context: DomainContext, withdrawal: WithdrawalRecord
) -> WithdrawalRecord:
    mode = get_mode(connection, context)
    if mode.mode == "immediate":
        while (
            target := withdrawal_states.AUTOMATIC_NEXT.get(WithdrawStatus(withdrawal.status))
        ) is not None:
            withdrawal = withdrawal_states.transition(connection, context, withdrawal, target)
        return withdrawal
    if mode.mode == "timed":
        return after_withdrawal_moved(connection, context, withdrawal, context.clock.now())
    return withdrawal


def after_withdrawal_moved(
    connection: Connection, context: DomainContext, withdrawal: WithdrawalRecord, base: datetime
) -> WithdrawalRecord:
    """In timed mode, plan the next automatic step ``delay`` after ``base``."""
    mode = get_mode(connection, context)
    if (
        mode.mode != "timed"
        or WithdrawStatus(withdrawal.status) not in withdrawal_states.AUTOMATIC_NEXT
    ):
        return withdrawal
    connection.execute(
        update(withdrawals_table)
        .where(withdrawals_table.c.id == withdrawal.id)
        .values(next_transition_at=base + mode.delay)
    )
    return withdrawal_states.load(connection, withdrawal.id)


def _schedule_deposit(connection: Connection, deposit_id: int, moment: datetime | None) -> None:
    connection.execute(
        update(deposits_table)
        .where(deposits_table.c.id == deposit_id)
        .values(next_transition_at=moment)
    )


def due_deposit_ids(connection: Connection, now: datetime) -> list[int]:
    return list(
        connection.execute(
            select(deposits_table.c.id)
            .where(
                deposits_table.c.status == int(DepositStatus.PENDING),
                deposits_table.c.next_transition_at <= now,
            )
            .order_by(deposits_table.c.next_transition_at, deposits_table.c.id)
        ).scalars()
    )


def due_withdrawal_ids(connection: Connection, now: datetime) -> list[int]:
    return list(
        connection.execute(
            select(withdrawals_table.c.id)
            .where(
                withdrawals_table.c.status.in_(_AUTOMATIC_STATUSES),
                withdrawals_table.c.next_transition_at <= now,
            )
            .order_by(withdrawals_table.c.next_transition_at, withdrawals_table.c.id)
        ).scalars()
    )


def step_deposit(connection: Connection, context: DomainContext, deposit_id: int) -> bool:
    """One timed step of a deposit: all confirmations arrive, the AML check decides. The row is
    locked first: with several instances, the one that loses the race sees the step done and
    skips it (it must not meet a conflict: conflicting steps are unscheduled)."""
    deposit = deposits.load(connection, deposit_id, lock=True)
    due_at = deposit.next_transition_at
    if deposit.status != DepositStatus.PENDING or due_at is None or due_at > context.clock.now():
        return False
    deposits.set_confirmations(connection, context, deposit, deposit.required_confirmations)
    return True


def step_withdrawal(connection: Connection, context: DomainContext, withdrawal_id: int) -> bool:
    """One timed step of a withdrawal along AUTOMATIC_NEXT; plans the following one (the row
    locked first, as in `step_deposit`)."""
    withdrawal = withdrawal_states.load(connection, withdrawal_id, lock=True)
    due_at = withdrawal.next_transition_at
    target = withdrawal_states.AUTOMATIC_NEXT.get(WithdrawStatus(withdrawal.status))
    if target is None or due_at is None or due_at > context.clock.now():
        return False
    moved = withdrawal_states.transition(connection, context, withdrawal, target)
    after_withdrawal_moved(connection, context, moved, due_at)
    return True


def unschedule(
    connection: Connection,
    step: Callable[[Connection, DomainContext, int], bool],
    item_id: int,
) -> None:
    """Stop timing an item whose step failed (e.g. a conflict), so tick does not spin on it."""
    table = deposits_table if step is step_deposit else withdrawals_table
    connection.execute(update(table).where(table.c.id == item_id).values(next_transition_at=None))
