"""Withdrawals: creation rules (validation, fee, the hold), idempotent replays, the history.

Status changes after creation are the state machine's (``withdrawal_states``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal

from sqlalchemy import Connection, bindparam, select

from bitexbit_emulator.config import PaymentMethodConfig
from bitexbit_emulator.domain import conversions, ledger, withdrawal_states
from bitexbit_emulator.domain.addresses import is_valid_address
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import ValidationFailed
from bitexbit_emulator.domain.money import format_money, quantize, quantize_up
from bitexbit_emulator.domain.pagination import RowPage, fetch_account_page, next_account_seq
from bitexbit_emulator.domain.records import WithdrawalRecord
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.domain.validation import FieldErrors, request_from_input, request_row
from bitexbit_emulator.store.statements import FastInsert, FastStatement
from bitexbit_emulator.store.tables import withdrawals

__all__ = [
    "WITHDRAW_ORDERINGS",
    "WithdrawRequest",
    "compute_fee",
    "create",
    "find_by_client_order_id",
    "page",
]


WITHDRAW_ORDERINGS = {
    "id": (withdrawals.c.id.asc(),),
    "-id": (withdrawals.c.id.desc(),),
    "created_at": (withdrawals.c.created_at.asc(), withdrawals.c.id.asc()),
    "-created_at": (withdrawals.c.created_at.desc(), withdrawals.c.id.desc()),
    "amount": (withdrawals.c.amount.asc(), withdrawals.c.id.asc()),
    "-amount": (withdrawals.c.amount.desc(), withdrawals.c.id.desc()),
}


@dataclass(frozen=True)
class WithdrawRequest:
    """One withdraw create request, typed: the operation's body, one object from HTTP to domain.

    Built by `from_input` from the validated body (money already `Decimal`, from the spec's
    `format: decimal`) or from a caller's keywords; a blank optional text is none (errata T5).
    """

    ticker: str
    network: str
    address: str
    amount: Decimal
    payment_id: str | None = None
    memo: str | None = None
    destination_tag: str | None = None
    comment: str | None = None
    callback_url: str | None = None
    client_order_id: str | None = None
    fee_payer: int = 1
    auto_buy_ticker: str | None = None
    auto_buy_percent: Decimal = Decimal(5)

    @classmethod
    def from_input(cls, fields: Mapping[str, object]) -> WithdrawRequest:
        """The request from input fields by name (unknown names are ignored)."""
        return request_from_input(cls, fields)

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


_INSERT = FastInsert(withdrawals)
_FIND_BY_CLIENT_ORDER_ID = FastStatement(
    select(withdrawals.c.id).where(
        withdrawals.c.account_id == bindparam("account_id"),
        withdrawals.c.client_order_id == bindparam("client_order_id"),
    )
)


def find_by_client_order_id(
    connection: Connection, account_id: int, client_order_id: str
) -> WithdrawalRecord | None:
    withdrawal_id = _FIND_BY_CLIENT_ORDER_ID.scalar(
        connection, {"account_id": account_id, "client_order_id": client_order_id}
    )
    return None if withdrawal_id is None else withdrawal_states.load(connection, withdrawal_id)


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
    ledger.lock_account(connection, account_id)
    if request.client_order_id is not None:
        existing = find_by_client_order_id(connection, account_id, request.client_order_id)
        if existing is not None:
            return replay(existing, request)

    method, fee = _validate(context, request)
    hold = withdrawal_states.hold_entries(
        account_id=account_id,
        ticker=request.ticker,
        amount=request.amount,
        fee=fee,
        fee_currency=method.withdraw_fee_currency,
        fee_payer=request.fee_payer,
        withdrawal_id=None,
        returning=False,
    )
    withdrawal_states.check_balances(connection, account_id, hold)

    now = context.clock.now()
    withdrawal_id = _INSERT.insert_row(
        connection,
        request_row(
            request,
            withdrawals,
            account_id=account_id,
            api_key=api_key,
            amount=quantize(request.amount),
            fee=fee,
            fee_currency=method.withdraw_fee_currency,
            request_fingerprint=request.fingerprint(),
            auto_buy_percent=request.auto_buy_percent if request.auto_buy_ticker else None,
            status=int(WithdrawStatus.NEW),
            txid=None,
            aml_success=None,
            aml_risk=None,
            aml_url=None,
            created_at=now,
            updated_at=now,
            next_transition_at=None,
            account_seq=next_account_seq(connection, withdrawals, account_id),
        ),
    )
    ledger.post(
        connection,
        [withdrawal_states.with_reference(entry, withdrawal_id) for entry in hold],
        now=now,
    )
    return withdrawal_states.load(connection, withdrawal_id), True


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
    if method is not None and method.is_destination_tag_required:
        errors.required(request, "destination_tag", where=request.network)
    if (
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
    errors.raise_if_any()
    assert method is not None  # every None path above added an error

    fee = compute_fee(method, request.amount)
    if request.fee_payer == 2 and request.amount <= fee:
        errors.add("amount", f"Ensure this value is greater than the fee {format_money(fee)}.")
        errors.raise_if_any()
    return method, fee


def page(
    connection: Connection,
    account_id: int,
    *,
    page: int,
    limit: int | None,
    ordering: str,
    filters: Mapping[str, object],
) -> tuple[RowPage, list[WithdrawalRecord]]:
    result = fetch_account_page(
        connection,
        withdrawal_states.select_withdrawals(),
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
