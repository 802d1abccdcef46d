"""Domain records -> JSON-ready dicts, exactly in the shapes of openapi/gateway.yaml.

Money is an 8-decimal string, datetimes are ISO-8601 UTC with ``Z``, enums are integers, and
every required key is present (``None`` where the spec allows null).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

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


def present(record: Any, schema: str, **overrides: object) -> dict[str, object]:
    """``record`` as the spec's component ``schema``: each of the schema's properties, in its
    order, from the record's attribute of the same name (``overrides`` for the ones that are
    not plain attributes). The spec names the fields, so a new response field needs only the
    record to carry it."""
    fields: dict[str, object] = {}
    record_type: type = type(record)
    for name, convert in _plan(record_type, schema):
        if name in overrides:
            fields[name] = overrides[name]
        else:
            value = getattr(record, name)
            fields[name] = value if convert is None or value is None else convert(value)
    return fields


@functools.cache
def _plan(record_type: type, schema: str) -> tuple[tuple[str, Callable[[Any], object] | None], ...]:
    """(property, converter) per schema property, worked out once per record type from its
    field types: money as an 8-decimal string, datetimes as ISO-8601 UTC, the rest as is."""
    hints = typing.get_type_hints(record_type)
    plan: list[tuple[str, Callable[[Any], object] | None]] = []
    for name in load_spec(GATEWAY_SPEC)["components"]["schemas"][schema]["properties"]:
        kinds = {hints.get(name), *typing.get_args(hints.get(name))}
        if Decimal in kinds:
            plan.append((name, format_money))
        elif datetime in kinds:
            plan.append((name, format_datetime))
        else:
            plan.append((name, None))
    return tuple(plan)


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
