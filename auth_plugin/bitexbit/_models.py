"""The result types: typed views over the generated models.

Each property reads the generated model (`.raw`), so the schema lives only in `gateway.yaml`
and its generated code; the views add Decimal money, `None` for absent values and aware
datetimes. `tests/auth_plugin/test_models_spec_drift.py` fails when the spec grows a property
a view does not expose.
"""

from __future__ import annotations

from bitexbit_gateway_client import models

from bitexbit._view import FieldsOf, View

__all__ = [
    "AutoBuyOrder",
    "Deposit",
    "DepositCallback",
    "PaymentMethod",
    "Wallet",
    "WithdrawCallback",
    "Withdrawal",
]

_payment_method = FieldsOf(models.PaymentMethod)
_wallet = FieldsOf(models.Wallet)
_deposit = FieldsOf(models.Deposit)
_auto_buy = FieldsOf(models.AutoBuy)
_withdraw = FieldsOf(models.Withdraw)
_deposit_callback = FieldsOf(models.DepositCallback)
_withdraw_callback = FieldsOf(models.WithdrawCallback)


class PaymentMethod(View[models.PaymentMethod]):
    """A ticker on a network, with its limits and fees."""

    __slots__ = ()

    ticker = _payment_method.same(lambda raw: raw.ticker)
    network = _payment_method.same(lambda raw: raw.network)
    min_deposit = _payment_method.decimal(lambda raw: raw.min_deposit)
    min_withdraw = _payment_method.decimal(lambda raw: raw.min_withdraw)
    max_withdraw = _payment_method.decimal(lambda raw: raw.max_withdraw)
    withdraw_fee_amount = _payment_method.decimal(lambda raw: raw.withdraw_fee_amount)
    withdraw_fee_rate = _payment_method.decimal(lambda raw: raw.withdraw_fee_rate)
    withdraw_fee_currency = _payment_method.same(lambda raw: raw.withdraw_fee_currency)
    is_deposit_enabled = _payment_method.same(lambda raw: raw.is_deposit_enabled)
    is_withdraw_enabled = _payment_method.same(lambda raw: raw.is_withdraw_enabled)
    # Absent means false (spec).
    is_memo_required = _payment_method.same(lambda raw: raw.is_memo_required is True)
    is_destination_tag_required = _payment_method.same(
        lambda raw: raw.is_destination_tag_required is True
    )


class Wallet(View[models.Wallet]):
    """A deposit address of the account."""

    __slots__ = ()

    address = _wallet.same(lambda raw: raw.address)
    slug = _wallet.same(lambda raw: raw.slug)
    ticker = _wallet.same(lambda raw: raw.ticker)
    network = _wallet.same(lambda raw: raw.network)
    callback_url = _wallet.same(lambda raw: raw.callback_url)
    convert_ticker = _wallet.same(lambda raw: raw.convert_ticker)
    convert_limit = _wallet.optional_decimal(lambda raw: raw.convert_limit)
    convert_percent = _wallet.optional_decimal(lambda raw: raw.convert_percent)
    created_at = _wallet.timestamp(lambda raw: raw.created_at)


class Deposit(View[models.Deposit]):
    """A deposit to one of the account's wallets (an entry of the wallet history)."""

    __slots__ = ()

    address = _deposit.same(lambda raw: raw.address)
    wallet_slug = _deposit.same(lambda raw: raw.wallet_slug)
    date = _deposit.timestamp(lambda raw: raw.date)
    amount = _deposit.decimal(lambda raw: raw.amount)
    fee = _deposit.decimal(lambda raw: raw.fee)
    ticker = _deposit.same(lambda raw: raw.ticker)
    network = _deposit.same(lambda raw: raw.network)
    status = _deposit.same(lambda raw: raw.status)
    txid = _deposit.same(lambda raw: raw.txid)
    actual_confirmations = _deposit.same(lambda raw: raw.actual_confirmations)
    required_confirmations = _deposit.same(lambda raw: raw.required_confirmations)
    payment_id = _deposit.optional(lambda raw: raw.payment_id)
    memo = _deposit.optional(lambda raw: raw.memo)
    destination_tag = _deposit.optional(lambda raw: raw.destination_tag)
    aml_success = _deposit.same(lambda raw: raw.aml_success)
    aml_risk = _deposit.same(lambda raw: raw.aml_risk)
    aml_url = _deposit.same(lambda raw: raw.aml_url)
    created_at = _deposit.timestamp(lambda raw: raw.created_at)


class AutoBuyOrder(View[models.AutoBuy]):
    """The conversion order placed for a withdrawal with `auto_buy_ticker`."""

    __slots__ = ()

    symbol = _auto_buy.same(lambda raw: raw.symbol)
    amount = _auto_buy.decimal(lambda raw: raw.amount)
    price = _auto_buy.decimal(lambda raw: raw.price)
    side = _auto_buy.same(lambda raw: raw.side)
    state = _auto_buy.same(lambda raw: raw.state)


def _auto_buy_order(raw: models.AutoBuy | None) -> AutoBuyOrder | None:
    return None if raw is None else AutoBuyOrder(raw)


class Withdrawal(View[models.Withdraw]):
    """A withdrawal. `client_order_id` is the idempotency key (generated if you gave none)."""

    __slots__ = ()

    id = _withdraw.same(lambda raw: raw.id)
    ticker = _withdraw.same(lambda raw: raw.ticker)
    network = _withdraw.same(lambda raw: raw.network)
    address = _withdraw.same(lambda raw: raw.address)
    payment_id = _withdraw.same(lambda raw: raw.payment_id)
    memo = _withdraw.same(lambda raw: raw.memo)
    comment = _withdraw.same(lambda raw: raw.comment)
    destination_tag = _withdraw.same(lambda raw: raw.destination_tag)
    amount = _withdraw.decimal(lambda raw: raw.amount)
    fee = _withdraw.optional_decimal(lambda raw: raw.fee)
    callback_url = _withdraw.same(lambda raw: raw.callback_url)
    client_order_id = _withdraw.same(lambda raw: raw.client_order_id)
    fee_payer = _withdraw.same(lambda raw: raw.fee_payer)
    status = _withdraw.same(lambda raw: raw.status)
    auto_buy = _withdraw.nested(lambda raw: raw.auto_buy, _auto_buy_order)
    txid = _withdraw.same(lambda raw: raw.txid)
    aml_success = _withdraw.same(lambda raw: raw.aml_success)
    aml_risk = _withdraw.same(lambda raw: raw.aml_risk)
    aml_url = _withdraw.same(lambda raw: raw.aml_url)
    created_at = _withdraw.timestamp(lambda raw: raw.created_at)


class DepositCallback(View[models.DepositCallback]):
    """A verified `deposit.status_changed` delivery; deduplicate on `id`."""

    __slots__ = ()

    id = _deposit_callback.same(lambda raw: raw.id)
    event = _deposit_callback.same(lambda raw: raw.event)
    created_at = _deposit_callback.timestamp(lambda raw: raw.created_at)
    data = _deposit_callback.nested(lambda raw: raw.data, Deposit)


class WithdrawCallback(View[models.WithdrawCallback]):
    """A verified `withdraw.status_changed` delivery; deduplicate on `id`."""

    __slots__ = ()

    id = _withdraw_callback.same(lambda raw: raw.id)
    event = _withdraw_callback.same(lambda raw: raw.event)
    created_at = _withdraw_callback.timestamp(lambda raw: raw.created_at)
    data = _withdraw_callback.nested(lambda raw: raw.data, Withdrawal)
