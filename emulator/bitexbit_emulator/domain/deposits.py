"""Deposits: PENDING while confirmations count up, then CONFIRMED (credited) or REJECTED (AML).

``change_status`` is the only place a deposit's status changes; it queues the callback. The
AML check runs when the required confirmations are reached: a planned risk at or above
``aml.reject_threshold`` rejects the deposit, otherwise ``amount - fee`` is credited and, if the
wallet asks for it, a conversion order is filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Select, insert, select, update

from bitexbit_emulator.domain import callbacks, conversions, ledger, state, wallets
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import Conflict, NotFound
from bitexbit_emulator.domain.money import MAX_BALANCE, format_money, quantize_up
from bitexbit_emulator.domain.pagination import RowPage, fetch_account_page, next_account_seq
from bitexbit_emulator.domain.records import DepositRecord, WalletRecord
from bitexbit_emulator.domain.statuses import DepositStatus
from bitexbit_emulator.domain.validation import FieldErrors, request_from_input, request_row
from bitexbit_emulator.store.database import inserted_id
from bitexbit_emulator.store.tables import deposits
from bitexbit_emulator.store.tables import wallets as wallets_table

__all__ = [
    "DEPOSIT_EVENT",
    "DEPOSIT_ORDERINGS",
    "SimulatedDeposit",
    "advance",
    "change_status",
    "find_by_txid",
    "load",
    "page",
    "set_confirmations",
    "simulate",
]

DEPOSIT_EVENT = "deposit.status_changed"
DEPOSIT_ORDERINGS = {
    "id": (deposits.c.id.asc(),),
    "-id": (deposits.c.id.desc(),),
    "created_at": (deposits.c.created_at.asc(), deposits.c.id.asc()),
    "-created_at": (deposits.c.created_at.desc(), deposits.c.id.desc()),
    "date": (deposits.c.date.asc(), deposits.c.id.asc()),
    "-date": (deposits.c.date.desc(), deposits.c.id.desc()),
    "amount": (deposits.c.amount.asc(), deposits.c.id.asc()),
    "-amount": (deposits.c.amount.desc(), deposits.c.id.desc()),
}


_SELECT_DEPOSITS = select(deposits, wallets_table.c.slug.label("wallet_slug")).join(
    wallets_table, wallets_table.c.id == deposits.c.wallet_id
)


def _select() -> Select[tuple[object, ...]]:
    """Deposits with their wallet's slug; one statement object, built once."""
    return _SELECT_DEPOSITS


def load(connection: Connection, deposit_id: int, *, lock: bool = False) -> DepositRecord:
    """One deposit; ``lock``: its row ``FOR UPDATE`` (as `withdrawal_states.load`)."""
    statement = _select().where(deposits.c.id == deposit_id)
    if lock:
        statement = statement.with_for_update(of=deposits)
    row = connection.execute(statement).mappings().one()
    return DepositRecord.from_row(row)


def find_by_txid(connection: Connection, txid: str) -> DepositRecord | None:
    row = connection.execute(_select().where(deposits.c.txid == txid)).mappings().first()
    return None if row is None else DepositRecord.from_row(row)


@dataclass(frozen=True)
class SimulatedDeposit:
    """One control-API simulateDeposit body, typed (limits and ranges checked by its schema)."""

    address: str
    amount: Decimal
    txid: str | None = None
    confirmations: int = 0
    aml_risk: int = 0
    payment_id: str | None = None
    memo: str | None = None
    destination_tag: str | None = None

    @classmethod
    def from_input(cls, fields: Mapping[str, object]) -> SimulatedDeposit:
        """The request from input fields by name (unknown names are ignored)."""
        return request_from_input(cls, fields)


def simulate(
    connection: Connection, context: DomainContext, request: SimulatedDeposit
) -> DepositRecord:
    """A transaction to the request's address is seen on the network: a PENDING deposit."""
    wallet = wallets.find_by_address(connection, request.address)
    if wallet is None:
        raise NotFound(f"No wallet has the address {request.address}.")
    method = context.catalogue.method(wallet.ticker, wallet.network)
    amount = request.amount
    errors = FieldErrors()
    if errors.positive_amount("amount", amount):
        if method is not None and amount < method.min_deposit:
            minimum = format_money(method.min_deposit)
            errors.add("amount", f"Ensure this value is greater than or equal to {minimum}.")
        elif ledger.balance_of(connection, wallet.account_id, wallet.ticker) + amount > MAX_BALANCE:
            errors.add("amount", "The balance would exceed the sandbox's limit.")
    errors.raise_if_any()
    txid = request.txid
    if txid is not None and find_by_txid(connection, txid) is not None:
        raise Conflict(f"A deposit with txid {txid} already exists.")

    counter = state.next_counter(connection, "deposit")
    if txid is None:
        txid = context.derive("deposit-txid", counter).hex()
    required = method.required_confirmations if method is not None else 1
    fee = Decimal(0)
    if method is not None:
        fee = min(amount, quantize_up(method.deposit_fee_amount + amount * method.deposit_fee_rate))
    now = context.clock.now()
    ledger.lock_account(connection, wallet.account_id)  # for account_seq
    deposit_id = inserted_id(
        connection.execute(
            insert(deposits).values(
                request_row(
                    request,
                    deposits,
                    account_id=wallet.account_id,
                    wallet_id=wallet.id,
                    address=wallet.address,
                    ticker=wallet.ticker,
                    network=wallet.network,
                    fee=fee,
                    txid=txid,
                    status=int(DepositStatus.PENDING),
                    actual_confirmations=request.confirmations or None,
                    required_confirmations=required,
                    planned_aml_risk=request.aml_risk,
                    aml_success=None,
                    aml_risk=None,
                    aml_url=None,
                    date=now,
                    created_at=now,
                    updated_at=now,
                    next_transition_at=None,
                    account_seq=next_account_seq(connection, deposits, wallet.account_id),
                )
            )
        )
    )
    deposit = load(connection, deposit_id)
    _notify(connection, context, wallet, deposit, now=now)
    if request.confirmations >= required:
        deposit = _settle(connection, context, deposit, wallet)
    return deposit


def advance(
    connection: Connection, context: DomainContext, *, txid: str, confirmations: int | None
) -> DepositRecord:
    """Add ``confirmations`` (default: all still missing) to a PENDING deposit."""
    deposit = find_by_txid(connection, txid)
    if deposit is None:
        raise NotFound(f"No deposit has the txid {txid}.")
    if deposit.status != DepositStatus.PENDING:
        raise Conflict(f"The deposit is already {DepositStatus(deposit.status).name}.")
    if confirmations is not None and confirmations < 1:
        errors = FieldErrors()
        errors.add("confirmations", "Ensure this value is greater than or equal to 1.")
        errors.raise_if_any()
    current = deposit.actual_confirmations or 0
    target = deposit.required_confirmations if confirmations is None else current + confirmations
    return set_confirmations(connection, context, deposit, max(target, current))


def set_confirmations(
    connection: Connection, context: DomainContext, deposit: DepositRecord, confirmations: int
) -> DepositRecord:
    """Record the confirmations seen; reaching the requirement runs the AML check."""
    connection.execute(
        update(deposits)
        .where(deposits.c.id == deposit.id)
        .values(actual_confirmations=confirmations or None, updated_at=context.clock.now())
    )
    deposit = load(connection, deposit.id)
    if deposit.status == DepositStatus.PENDING and confirmations >= deposit.required_confirmations:
        deposit = _settle(connection, context, deposit, wallets.load(connection, deposit.wallet_id))
    return deposit


def _settle(
    connection: Connection, context: DomainContext, deposit: DepositRecord, wallet: WalletRecord
) -> DepositRecord:
    now = context.clock.now()
    risk = deposit.planned_aml_risk
    passed = risk < context.config.aml.reject_threshold
    connection.execute(
        update(deposits)
        .where(deposits.c.id == deposit.id)
        .values(aml_success=passed, aml_risk=risk, aml_url=None)
    )
    if not passed:
        return change_status(connection, context, deposit.id, DepositStatus.REJECTED)
    credited = deposit.amount - deposit.fee
    try:
        ledger.post(
            connection,
            [
                ledger.Entry(
                    deposit.account_id, deposit.ticker, credited, "deposit", "deposit", deposit.id
                )
            ],
            now=now,
        )
    except ledger.BalanceOutOfRange:
        return change_status(connection, context, deposit.id, DepositStatus.REJECTED)
    if wallet.convert_ticker is not None and credited > 0:
        market = context.catalogue.market_between(wallet.ticker, wallet.convert_ticker)
        if market is not None:
            conversions.convert_deposit(
                connection,
                account_id=deposit.account_id,
                deposit_id=deposit.id,
                market=market,
                ticker=wallet.ticker,
                credited=credited,
                limit=wallet.convert_limit,
                percent=wallet.convert_percent or Decimal(0),
                now=now,
            )
    return change_status(connection, context, deposit.id, DepositStatus.CONFIRMED)


def change_status(
    connection: Connection, context: DomainContext, deposit_id: int, to_status: DepositStatus
) -> DepositRecord:
    """The one place a deposit's status changes (only PENDING -> CONFIRMED | REJECTED)."""
    now = context.clock.now()
    changed = connection.execute(
        update(deposits)
        .where(deposits.c.id == deposit_id, deposits.c.status == int(DepositStatus.PENDING))
        .values(status=int(to_status), updated_at=now, next_transition_at=None)
    )
    if changed.rowcount != 1 or to_status == DepositStatus.PENDING:
        raise Conflict("Only a PENDING deposit can be confirmed or rejected.")
    deposit = load(connection, deposit_id)
    _notify(connection, context, wallets.load(connection, deposit.wallet_id), deposit, now=now)
    return deposit


def _notify(
    connection: Connection,
    context: DomainContext,
    wallet: WalletRecord,
    deposit: DepositRecord,
    *,
    now: datetime,
) -> None:
    if wallet.callback_url is None:
        return
    callbacks.enqueue(
        connection,
        event=DEPOSIT_EVENT,
        url=wallet.callback_url,
        api_key=wallet.api_key,
        data=context.callback_payloads.deposit(deposit),
        subject_type="deposit",
        subject_id=deposit.id,
        now=now,
    )


def page(
    connection: Connection,
    account_id: int,
    *,
    page: int,
    limit: int | None,
    ordering: str,
    filters: Mapping[str, object],
) -> tuple[RowPage, list[DepositRecord]]:
    result = fetch_account_page(
        connection,
        _select(),
        deposits,
        account_id=account_id,
        orderings=DEPOSIT_ORDERINGS,
        ordering=ordering,
        filters=filters,
        page=page,
        limit=limit,
    )
    return result, [DepositRecord.from_row(row) for row in result.rows]
