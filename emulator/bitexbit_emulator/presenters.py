"""Domain records -> JSON-ready dicts, exactly in the shapes of openapi/gateway.yaml.

Money is an 8-decimal string, datetimes are ISO-8601 UTC with ``Z``, enums are integers, and
every required key is present (``None`` where the spec allows null).
"""

from __future__ import annotations

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

__all__ = [
    "WirePayloads",
    "format_datetime",
    "present_auto_buy",
    "present_conversion",
    "present_deposit",
    "present_payment_method",
    "present_wallet",
    "present_withdraw",
]


def _money_or_none(amount: Decimal | None) -> str | None:
    return None if amount is None else format_money(amount)


def present_payment_method(method: PaymentMethodConfig) -> dict[str, object]:
    return {
        "ticker": method.ticker,
        "network": method.network,
        "min_deposit": format_money(method.min_deposit),
        "min_withdraw": format_money(method.min_withdraw),
        "max_withdraw": format_money(method.max_withdraw),
        "withdraw_fee_amount": format_money(method.withdraw_fee_amount),
        "withdraw_fee_rate": format_money(method.withdraw_fee_rate),
        "withdraw_fee_currency": method.withdraw_fee_currency,
        "is_deposit_enabled": method.is_deposit_enabled,
        "is_withdraw_enabled": method.is_withdraw_enabled,
        "is_memo_required": method.is_memo_required,
        "is_destination_tag_required": method.is_destination_tag_required,
    }


def present_wallet(wallet: WalletRecord) -> dict[str, object]:
    return {
        "address": wallet.address,
        "slug": wallet.slug,
        "ticker": wallet.ticker,
        "network": wallet.network,
        "callback_url": wallet.callback_url,
        "convert_ticker": wallet.convert_ticker,
        "convert_limit": _money_or_none(wallet.convert_limit),
        "convert_percent": _money_or_none(wallet.convert_percent),
        "created_at": format_datetime(wallet.created_at),
    }


def present_deposit(deposit: DepositRecord) -> dict[str, object]:
    return {
        "address": deposit.address,
        "wallet_slug": deposit.wallet_slug,
        "date": format_datetime(deposit.date),
        "amount": format_money(deposit.amount),
        "fee": format_money(deposit.fee),
        "ticker": deposit.ticker,
        "network": deposit.network,
        "status": deposit.status,
        "txid": deposit.txid,
        "actual_confirmations": deposit.actual_confirmations,
        "required_confirmations": deposit.required_confirmations,
        "payment_id": deposit.payment_id,
        "memo": deposit.memo,
        "destination_tag": deposit.destination_tag,
        "aml_success": deposit.aml_success,
        "aml_risk": deposit.aml_risk,
        "aml_url": deposit.aml_url,
        "created_at": format_datetime(deposit.created_at),
    }


def present_auto_buy(conversion: ConversionRecord) -> dict[str, object]:
    return {
        "symbol": conversion.received_ticker,
        "amount": format_money(conversion.amount),
        "price": format_money(conversion.price),
        "side": conversion.side,
        "state": conversion.state,
    }


def present_withdraw(withdrawal: WithdrawalRecord) -> dict[str, object]:
    return {
        "id": withdrawal.id,
        "ticker": withdrawal.ticker,
        "network": withdrawal.network,
        "address": withdrawal.address,
        "payment_id": withdrawal.payment_id,
        "memo": withdrawal.memo,
        "comment": withdrawal.comment,
        "destination_tag": withdrawal.destination_tag,
        "amount": format_money(withdrawal.amount),
        "fee": format_money(withdrawal.fee),
        "callback_url": withdrawal.callback_url,
        "client_order_id": withdrawal.client_order_id,
        "fee_payer": withdrawal.fee_payer,
        "status": withdrawal.status,
        "auto_buy": None if withdrawal.auto_buy is None else present_auto_buy(withdrawal.auto_buy),
        "txid": withdrawal.txid,
        "aml_success": withdrawal.aml_success,
        "aml_risk": withdrawal.aml_risk,
        "aml_url": withdrawal.aml_url,
        "created_at": format_datetime(withdrawal.created_at),
    }


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
