"""Withdrawals: creation rules, idempotency, and THE state machine.

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
withdrawal's entries is either minus the hold or zero.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Select, insert, select, update

from bitexbit_emulator.config import PaymentMethodConfig
from bitexbit_emulator.domain import callbacks, conversions, ledger
from bitexbit_emulator.domain.addresses import is_valid_address
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.domain.money import format_money, quantize, quantize_up
from bitexbit_emulator.domain.pagination import RowPage, fetch_account_page
from bitexbit_emulator.domain.records import WithdrawalRecord
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.domain.validation import NON_FIELD, FieldErrors, blank_to_none
from bitexbit_emulator.store.database import inserted_id
from bitexbit_emulator.store.tables import withdrawals

__all__ = [
    "AUTOMATIC_NEXT",
    "HOLDING_STATUSES",
    "TERMINAL_STATUSES",
    "TRANSITIONS",
    "WITHDRAW_EVENT",
    "WITHDRAW_ORDERINGS",
    "WithdrawRequest",
    "compute_fee",
    "create",
    "find_by_client_order_id",
    "load",
    "page",
    "path_between",
    "transition",
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
WITHDRAW_ORDERINGS = {
    "id": (withdrawals.c.id.asc(),),
    "-id": (withdrawals.c.id.desc(),),
    "created_at": (withdrawals.c.created_at.asc(), withdrawals.c.id.asc()),
    "-created_at": (withdrawals.c.created_at.desc(), withdrawals.c.id.desc()),
    "amount": (withdrawals.c.amount.asc(), withdrawals.c.id.asc()),
    "-amount": (withdrawals.c.amount.desc(), withdrawals.c.id.desc()),
}
_MAX_TAG = 2**32 - 1  # XRP destination tags are unsigned 32-bit integers


@dataclass(frozen=True)
class WithdrawRequest:
    """The fields of a withdraw create request, normalized (blank optional strings -> None)."""

    ticker: str
    network: str
    address: str
    amount: Decimal
    payment_id: str | None
    memo: str | None
    destination_tag: str | None
    comment: str | None
    callback_url: str | None
    client_order_id: str | None
    fee_payer: int
    auto_buy_ticker: str | None
    auto_buy_percent: Decimal

    def normalized(self) -> WithdrawRequest:
        return WithdrawRequest(
            ticker=self.ticker,
            network=self.network,
            address=self.address,
            amount=self.amount,
            payment_id=blank_to_none(self.payment_id),
            memo=blank_to_none(self.memo),
            destination_tag=blank_to_none(self.destination_tag),
            comment=blank_to_none(self.comment),
            callback_url=blank_to_none(self.callback_url),
            client_order_id=blank_to_none(self.client_order_id),
            fee_payer=self.fee_payer,
            auto_buy_ticker=blank_to_none(self.auto_buy_ticker),
            auto_buy_percent=self.auto_buy_percent,
        )

    def fingerprint(self) -> str:
        """Identifies the payload for idempotent replays ("22" and "22.00000000" are equal)."""
        fields = asdict(self)
        for name in ("amount", "auto_buy_percent"):
            value: Decimal = fields[name]
            fields[name] = str(value.normalize()) if value.is_finite() else str(value)
        # auto_buy_percent only matters with an auto_buy_ticker
        if fields["auto_buy_ticker"] is None:
            fields["auto_buy_percent"] = None
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compute_fee(method: PaymentMethodConfig, amount: Decimal) -> Decimal:
    """withdraw_fee_amount + amount * withdraw_fee_rate, rounded up to 8 decimals."""
    return quantize_up(method.withdraw_fee_amount + amount * method.withdraw_fee_rate)


def _select() -> Select[tuple[object, ...]]:
    return select(withdrawals)


def load(connection: Connection, withdrawal_id: int) -> WithdrawalRecord:
    row = connection.execute(_select().where(withdrawals.c.id == withdrawal_id)).mappings().first()
    if row is None:
        raise NotFound(f"No withdrawal with id {withdrawal_id}.")
    auto_buy = conversions.load_for_sources(connection, "withdraw", [withdrawal_id])
    return WithdrawalRecord.from_row(row, auto_buy.get(withdrawal_id))


def find_by_client_order_id(
    connection: Connection, account_id: int, client_order_id: str
) -> WithdrawalRecord | None:
    withdrawal_id = connection.execute(
        select(withdrawals.c.id).where(
            withdrawals.c.account_id == account_id,
            withdrawals.c.client_order_id == client_order_id,
        )
    ).scalar_one_or_none()
    return None if withdrawal_id is None else load(connection, withdrawal_id)


def replay(existing: WithdrawalRecord, request: WithdrawRequest) -> tuple[WithdrawalRecord, bool]:
    """The idempotency rule for a repeated client_order_id."""
    if existing.request_fingerprint != request.fingerprint():
        raise ValidationFailed.field(
            "client_order_id",
            "A withdrawal with this client_order_id and different fields already exists.",
        )
    return existing, False


def create(
    connection: Connection,
    context: DomainContext,
    *,
    account_id: int,
    api_key: str,
    request: WithdrawRequest,
) -> tuple[WithdrawalRecord, bool]:
    """Validate, hold the funds and insert a NEW withdrawal; or return the original on replay."""
    request = request.normalized()
    ledger.lock_account(connection, account_id)
    if request.client_order_id is not None:
        existing = find_by_client_order_id(connection, account_id, request.client_order_id)
        if existing is not None:
            return replay(existing, request)

    method, fee = _validate(context, request)
    hold = _hold_entries(
        account_id=account_id,
        ticker=request.ticker,
        amount=request.amount,
        fee=fee,
        fee_currency=method.withdraw_fee_currency,
        fee_payer=request.fee_payer,
        withdrawal_id=None,
        returning=False,
    )
    _check_balances(connection, account_id, hold)

    now = context.clock.now()
    withdrawal_id = inserted_id(
        connection.execute(
            insert(withdrawals).values(
                account_id=account_id,
                api_key=api_key,
                ticker=request.ticker,
                network=request.network,
                address=request.address,
                amount=quantize(request.amount),
                fee=fee,
                fee_currency=method.withdraw_fee_currency,
                fee_payer=request.fee_payer,
                payment_id=request.payment_id,
                memo=request.memo,
                destination_tag=request.destination_tag,
                comment=request.comment,
                callback_url=request.callback_url,
                client_order_id=request.client_order_id,
                request_fingerprint=request.fingerprint(),
                auto_buy_ticker=request.auto_buy_ticker,
                auto_buy_percent=request.auto_buy_percent if request.auto_buy_ticker else None,
                status=int(S.NEW),
                txid=None,
                aml_success=None,
                aml_risk=None,
                aml_url=None,
                created_at=now,
                updated_at=now,
                next_transition_at=None,
            )
        )
    )
    ledger.post(connection, [_with_reference(entry, withdrawal_id) for entry in hold], now=now)
    return load(connection, withdrawal_id), True


def _validate(
    context: DomainContext, request: WithdrawRequest
) -> tuple[PaymentMethodConfig, Decimal]:
    """Every field rule; raises ValidationFailed with all field errors found."""
    errors = FieldErrors()
    catalogue = context.catalogue
    method = catalogue.method(request.ticker, request.network)
    if not catalogue.has_method_ticker(request.ticker):
        errors.add("ticker", f"Unknown ticker {request.ticker}.")
    elif method is None:
        networks = ", ".join(catalogue.networks_of(request.ticker))
        errors.add(
            "network",
            f"{request.ticker} is not available on {request.network}; networks: {networks}.",
        )
    elif not method.is_withdraw_enabled:
        errors.add("network", f"Withdrawals of {request.ticker} on {request.network} are disabled.")

    amount_ok = errors.positive_amount("amount", request.amount)
    if method is not None and amount_ok:
        if request.amount < method.min_withdraw:
            errors.add(
                "amount",
                "Ensure this value is greater than or equal to "
                f"{format_money(method.min_withdraw)}.",
            )
        elif request.amount > method.max_withdraw:
            errors.add(
                "amount",
                f"Ensure this value is less than or equal to {format_money(method.max_withdraw)}.",
            )
    if method is not None and not is_valid_address(method.address_format, request.address):
        errors.add("address", f"Enter a valid {request.network} address.")
    if method is not None and method.is_memo_required and not (request.memo or request.payment_id):
        errors.add("memo", f"This field is required on {request.network}.")
    if (
        method is not None
        and method.is_destination_tag_required
        and request.destination_tag is None
    ):
        errors.add("destination_tag", f"This field is required on {request.network}.")
    if request.destination_tag is not None and not (
        request.destination_tag.isdigit()
        and request.destination_tag.isascii()
        and int(request.destination_tag) <= _MAX_TAG
    ):
        errors.add("destination_tag", f"Enter a whole number from 0 to {_MAX_TAG}.")
    if request.fee_payer not in (1, 2):
        errors.add("fee_payer", "Select a valid choice: 1 or 2.")
    elif (
        request.fee_payer == 2
        and method is not None
        and method.withdraw_fee_currency != request.ticker
    ):
        errors.add(
            "fee_payer",
            f"Only 1 is possible: the fee is charged in {method.withdraw_fee_currency}, "
            f"not {request.ticker}.",
        )
    if request.auto_buy_ticker is not None:
        if request.auto_buy_ticker == request.ticker:
            errors.add("auto_buy_ticker", "Must differ from ticker.")
        elif catalogue.market_between(request.ticker, request.auto_buy_ticker) is None:
            errors.add(
                "auto_buy_ticker",
                f"No market {request.auto_buy_ticker}/{request.ticker} or "
                f"{request.ticker}/{request.auto_buy_ticker} exists.",
            )
        errors.percent("auto_buy_percent", request.auto_buy_percent)
    errors.callback_url("callback_url", request.callback_url)
    for name, value, limit in (
        ("address", request.address, 128),
        ("payment_id", request.payment_id, 128),
        ("memo", request.memo, 128),
        ("destination_tag", request.destination_tag, 128),
        ("comment", request.comment, 255),
        ("client_order_id", request.client_order_id, 64),
    ):
        errors.text(name, value, limit)
    errors.raise_if_any()
    assert method is not None  # every None path above added an error

    fee = compute_fee(method, request.amount)
    if request.fee_payer == 2 and request.amount <= fee:
        errors.add("amount", f"Ensure this value is greater than the fee {format_money(fee)}.")
        errors.raise_if_any()
    return method, fee


def _hold_entries(
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


def _with_reference(entry: ledger.Entry, withdrawal_id: int) -> ledger.Entry:
    return ledger.Entry(
        entry.account_id, entry.ticker, entry.amount, entry.kind, "withdraw", withdrawal_id
    )


def _check_balances(connection: Connection, account_id: int, hold: list[ledger.Entry]) -> None:
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
        entries = _hold_entries(
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


def page(
    connection: Connection,
    account_id: int,
    *,
    page: int,
    limit: int | None,
    ordering: str,
    filters: dict[str, object | None],
) -> tuple[RowPage, list[WithdrawalRecord]]:
    result = fetch_account_page(
        connection,
        _select(),
        withdrawals,
        account_id=account_id,
        orderings=WITHDRAW_ORDERINGS,
        ordering=ordering,
        filters=filters,
        page=page,
        limit=limit,
    )
    auto_buys = conversions.load_for_sources(
        connection, "withdraw", [row["id"] for row in result.rows]
    )
    return result, [WithdrawalRecord.from_row(row, auto_buys.get(row["id"])) for row in result.rows]
