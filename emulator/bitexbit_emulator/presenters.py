"""Domain records -> JSON-ready dicts, exactly in the shapes of openapi/gateway.yaml.

Money is an 8-decimal string, datetimes are ISO-8601 UTC with ``Z``, enums are integers, and
every required key is present (``None`` where the spec allows null).
"""

from __future__ import annotations

import functools
from datetime import datetime
from decimal import Decimal

from bitexbit_emulator.config import PaymentMethodConfig
from bitexbit_emulator.domain.clock import format_datetime
from bitexbit_emulator.domain.money import format_money
from bitexbit_emulator.domain.records import (
    ConversionRecord,
    DepositRecord,
    WalletRecord,
    WithdrawalRecord,
)
from bitexbit_emulator.specs import GATEWAY_SPEC, load_spec

__all__ = [
    "WirePayloads",
    "format_datetime",
    "present",
    "present_auto_buy",
    "present_conversion",
    "present_deposit",
    "present_payment_method",
    "present_wallet",
    "present_withdraw",
]


def present(record: object, schema: str, **overrides: object) -> dict[str, object]:
    """``record`` as the spec's component ``schema``: each of the schema's properties, in its
    order, from the record's attribute of the same name (``overrides`` for the ones that are
    not plain attributes). The spec names the fields, so a new response field needs only the
    record to carry it."""
    fields = {
        name: _wire(getattr(record, name)) for name in _properties(schema) if name not in overrides
    }
    fields.update(overrides)
    return fields


def _wire(value: object) -> object:
    """Money as an 8-decimal string, datetimes as ISO-8601 UTC; the rest is JSON-ready."""
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    return value


@functools.cache
def _properties(schema: str) -> tuple[str, ...]:
    return tuple(load_spec(GATEWAY_SPEC)["components"]["schemas"][schema]["properties"])


def present_payment_method(method: PaymentMethodConfig) -> dict[str, object]:
    return present(method, "PaymentMethod")


def present_wallet(wallet: WalletRecord) -> dict[str, object]:
    return present(wallet, "Wallet")


def present_deposit(deposit: DepositRecord) -> dict[str, object]:
    return present(deposit, "Deposit")


def present_auto_buy(conversion: ConversionRecord) -> dict[str, object]:
    return {
        "symbol": conversion.received_ticker,
        "amount": format_money(conversion.amount),
        "price": format_money(conversion.price),
        "side": conversion.side,
        "state": conversion.state,
    }


def present_withdraw(withdrawal: WithdrawalRecord) -> dict[str, object]:
    auto_buy = withdrawal.auto_buy
    return present(
        withdrawal, "Withdraw", auto_buy=None if auto_buy is None else present_auto_buy(auto_buy)
    )


def present_conversion(conversion: ConversionRecord) -> dict[str, object]:
    """A conversion order as the control API shows it (not part of the public spec)."""
    return {
        "id": conversion.id,
        "account_id": conversion.account_id,
        "source_type": conversion.source_type,
        "source_id": conversion.source_id,
        "market": f"{conversion.base}/{conversion.quote}",
        "side": conversion.side,
        "amount": format_money(conversion.amount),
        "price": format_money(conversion.price),
        "state": conversion.state,
        "spent_ticker": conversion.spent_ticker,
        "spent_amount": format_money(conversion.spent_amount),
        "received_ticker": conversion.received_ticker,
        "received_amount": format_money(conversion.received_amount),
        "created_at": format_datetime(conversion.created_at),
    }


class WirePayloads:
    """The callbacks' `data`: the same shapes as the gateway's responses (``DomainContext``)."""

    def deposit(self, deposit: DepositRecord) -> dict[str, object]:
        return present_deposit(deposit)

    def withdrawal(self, withdrawal: WithdrawalRecord) -> dict[str, object]:
        return present_withdraw(withdrawal)
