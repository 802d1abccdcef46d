"""Typed snapshots of stored rows: what domain functions and presenters pass around."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

__all__ = ["ConversionRecord", "DepositRecord", "WalletRecord", "WithdrawalRecord"]


@dataclass(frozen=True)
class WalletRecord:
    id: int
    account_id: int
    api_key: str
    slug: str
    address: str
    ticker: str
    network: str
    callback_url: str | None
    convert_ticker: str | None
    convert_limit: Decimal | None
    convert_percent: Decimal | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> WalletRecord:
        return cls(**_pick(cls, row))


@dataclass(frozen=True)
class DepositRecord:
    id: int
    account_id: int
    wallet_id: int
    wallet_slug: str
    address: str
    ticker: str
    network: str
    amount: Decimal
    fee: Decimal
    txid: str
    status: int
    actual_confirmations: int | None
    required_confirmations: int
    payment_id: str | None
    memo: str | None
    destination_tag: str | None
    planned_aml_risk: int
    aml_success: bool | None
    aml_risk: int | None
    aml_url: str | None
    date: datetime
    created_at: datetime
    next_transition_at: datetime | None

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> DepositRecord:
        return cls(**_pick(cls, row))


@dataclass(frozen=True)
class ConversionRecord:
    id: int
    account_id: int
    source_type: str
    source_id: int
    base: str
    quote: str
    side: int
    amount: Decimal
    price: Decimal
    state: str
    spent_ticker: str
    spent_amount: Decimal
    received_ticker: str
    received_amount: Decimal
    created_at: datetime

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> ConversionRecord:
        return cls(**_pick(cls, row))


@dataclass(frozen=True)
class WithdrawalRecord:
    id: int
    account_id: int
    api_key: str
    ticker: str
    network: str
    address: str
    amount: Decimal
    fee: Decimal
    fee_currency: str
    fee_payer: int
    payment_id: str | None
    memo: str | None
    destination_tag: str | None
    comment: str | None
    callback_url: str | None
    client_order_id: str | None
    request_fingerprint: str
    auto_buy_ticker: str | None
    auto_buy_percent: Decimal | None
    status: int
    txid: str | None
    aml_success: bool | None
    aml_risk: int | None
    aml_url: str | None
    created_at: datetime
    next_transition_at: datetime | None
    auto_buy: ConversionRecord | None = None

    @classmethod
    def from_row(
        cls, row: Mapping[Any, Any], auto_buy: ConversionRecord | None = None
    ) -> WithdrawalRecord:
        return cls(**_pick(cls, row, exclude=frozenset({"auto_buy"})), auto_buy=auto_buy)


def _pick(cls: type, row: Mapping[Any, Any], exclude: frozenset[str] = frozenset()) -> Any:
    return {name: row[name] for name in _field_names(cls, exclude)}


@functools.cache
def _field_names(cls: type, exclude: frozenset[str]) -> tuple[str, ...]:
    """A record's column fields, read once per type (every listed row is built with them)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in exclude)
