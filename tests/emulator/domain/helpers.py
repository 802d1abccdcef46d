"""Shared values and small helpers of the domain tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bitexbit_emulator.domain.deposits import SimulatedDeposit
from bitexbit_emulator.domain.wallets import WalletRequest
from bitexbit_emulator.domain.withdrawals import WithdrawRequest
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.store.tables import metadata
from sqlalchemy import select

DEMO = 1
OTHER = 2
DEMO_KEY = "demo-key"
OTHER_KEY = "other-key"
TRON_ADDRESS = "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW"
BTC_ADDRESS = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
ETH_ADDRESS = "0x35f03647b25bd3e3221608dc05f079c0ce3ba3b1"
XRP_ADDRESS = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
TON_ADDRESS = "UQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG"


def withdraw_fields(**overrides: Any) -> dict[str, Any]:
    """A valid USDT/tron withdraw request of 22 (fee 2), with overrides."""
    fields: dict[str, Any] = {
        "ticker": "USDT",
        "network": "tron",
        "address": TRON_ADDRESS,
        "amount": Decimal("22"),
        "payment_id": None,
        "memo": None,
        "destination_tag": None,
        "comment": None,
        "callback_url": None,
        "client_order_id": None,
        "fee_payer": 1,
        "auto_buy_ticker": None,
        "auto_buy_percent": Decimal("5"),
    }
    fields.update(overrides)
    return fields


def create_withdraw(
    sandbox: Sandbox, account_id: int = DEMO, api_key: str = DEMO_KEY, **overrides: Any
) -> tuple[dict[str, object], bool]:
    request = WithdrawRequest.from_input(withdraw_fields(**overrides))
    return sandbox.create_withdraw(account_id, api_key, request)


def wallet_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "ticker": "USDT",
        "network": "tron",
        "callback_url": None,
        "convert_ticker": None,
        "convert_limit": None,
        "convert_percent": Decimal("5"),
    }
    fields.update(overrides)
    return fields


def create_wallet(
    sandbox: Sandbox, account_id: int = DEMO, api_key: str = DEMO_KEY, **overrides: Any
) -> dict[str, object]:
    return sandbox.create_wallet(
        account_id, api_key, WalletRequest.from_input(wallet_fields(**overrides))
    )


def snapshot(sandbox: Sandbox) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, for "nothing changed" and "same as fresh" comparisons."""
    dump: dict[str, list[tuple[object, ...]]] = {}
    with sandbox.database.read() as connection:
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            dump[table.name] = [tuple(row) for row in rows]
    return dump


def balance(sandbox: Sandbox, ticker: str, account_id: int = DEMO) -> Decimal:
    return Decimal(sandbox.balances(account_id).get(ticker, "0"))


def text(value: object) -> str:
    assert isinstance(value, str)
    return value


def integer(value: object) -> int:
    assert isinstance(value, int)
    return value


def simulate_deposit(sandbox: Sandbox, **fields: Any) -> dict[str, object]:
    """Sandbox.simulate_deposit with the control API body's fields as keywords."""
    return sandbox.simulate_deposit(SimulatedDeposit.from_input(fields))
