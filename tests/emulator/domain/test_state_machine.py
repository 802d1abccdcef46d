from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from bitexbit_emulator.domain import withdrawal_states
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.store.tables import ledger_entries
from sqlalchemy import func, select

from .helpers import DEMO, balance, create_withdraw, integer, snapshot, text

S = WithdrawStatus
ALL = list(WithdrawStatus)


def _withdrawal_in(sandbox: Sandbox, status: WithdrawStatus, **fields: object) -> int:
    withdrawal, _ = create_withdraw(sandbox, **fields)  # type: ignore[arg-type]
    withdraw_id = integer(withdrawal["id"])
    if status != S.NEW:
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(status))
    return withdraw_id


def _entries_sum(sandbox: Sandbox, withdraw_id: int, ticker: str) -> Decimal:
    with sandbox.database.read() as connection:
        total = connection.execute(
            select(func.coalesce(func.sum(ledger_entries.c.amount), Decimal(0))).where(
                ledger_entries.c.reference_type == "withdraw",
                ledger_entries.c.reference_id == withdraw_id,
                ledger_entries.c.ticker == ticker,
            )
        ).scalar_one()
    return Decimal(total)


def test_the_table_is_the_documented_one() -> None:
    assert {
        S.NEW: {S.CONFIRMED, S.CANCELLED},
        S.CONFIRMED: {S.VERIFIED, S.CANCELLED},
        S.VERIFIED: {S.MODERATION, S.APPROVED, S.SUSPENDED},
        S.MODERATION: {S.APPROVED, S.SUSPENDED, S.REFUSED},
        S.APPROVED: {S.DONE, S.SUSPENDED},
        S.SUSPENDED: {S.APPROVED, S.REFUSED, S.CANCELLED},
        S.DONE: set(),
        S.REFUSED: set(),
        S.CANCELLED: set(),
    } == withdrawal_states.TRANSITIONS
    assert {S.DONE, S.REFUSED, S.CANCELLED} == withdrawal_states.TERMINAL_STATUSES
    # every status is reachable from NEW
    assert all(withdrawal_states.path_between(S.NEW, status) for status in ALL if status != S.NEW)


@pytest.mark.parametrize("source", ALL)
def test_each_edge_is_legal_or_a_conflict(sandbox: Sandbox, source: WithdrawStatus) -> None:
    for target in ALL:
        withdraw_id = _withdrawal_in(sandbox, source)
        before = snapshot(sandbox)
        legal = target in withdrawal_states.TRANSITIONS[source]
        try:
            with sandbox.database.write() as connection:
                record = withdrawal_states.load(connection, withdraw_id)
                moved = withdrawal_states.transition(connection, sandbox.context, record, target)
        except Conflict:
            assert not legal, f"{source.name} -> {target.name} should be legal"
            assert snapshot(sandbox) == before
        else:
            assert legal, f"{source.name} -> {target.name} should be refused"
            assert moved.status == target


@pytest.mark.parametrize("status", ALL)
def test_ledger_position_follows_the_status(sandbox: Sandbox, status: WithdrawStatus) -> None:
    withdraw_id = _withdrawal_in(sandbox, status)
    held = status in withdrawal_states.HOLDING_STATUSES
    assert _entries_sum(sandbox, withdraw_id, "USDT") == (Decimal("-24") if held else 0)
    assert balance(sandbox, "USDT") == (Decimal("9976") if held else Decimal("10000"))


def test_suspend_returns_funds_and_resume_holds_them_again(sandbox: Sandbox) -> None:
    withdraw_id = _withdrawal_in(sandbox, S.SUSPENDED)
    assert balance(sandbox, "USDT") == Decimal("10000")
    resumed = sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.APPROVED))
    assert resumed["status"] == S.APPROVED
    assert balance(sandbox, "USDT") == Decimal("9976")


def test_resume_without_funds_is_a_conflict_that_changes_nothing(sandbox: Sandbox) -> None:
    withdraw_id = _withdrawal_in(sandbox, S.SUSPENDED)
    sandbox.adjust_balance(account_id=DEMO, ticker="USDT", amount=Decimal("-9990"))
    before = snapshot(sandbox)
    with pytest.raises(Conflict, match="balance"):
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.APPROVED))
    with pytest.raises(Conflict):
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.DONE))
    assert snapshot(sandbox) == before
    cancelled = sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.CANCELLED))
    assert cancelled["status"] == S.CANCELLED
    assert balance(sandbox, "USDT") == Decimal("10")


def test_done_sets_txid_and_keeps_the_debit(sandbox: Sandbox) -> None:
    withdraw_id = _withdrawal_in(sandbox, S.DONE)
    (done,) = sandbox.withdraw_history(DEMO, status=int(S.DONE)).results
    assert done["id"] == withdraw_id
    assert re.fullmatch(r"[0-9a-f]{64}", text(done["txid"]))
    assert (done["aml_success"], done["aml_risk"]) == (True, 0)
    assert done["auto_buy"] is None
    assert balance(sandbox, "USDT") == Decimal("9976")


def test_done_with_auto_buy_fills_an_order(sandbox: Sandbox) -> None:
    withdraw_id = _withdrawal_in(
        sandbox, S.DONE, auto_buy_ticker="ETH", auto_buy_percent=Decimal("10")
    )
    (done,) = sandbox.withdraw_history(DEMO).results
    assert done["id"] == withdraw_id
    # As in the documentation's sample (USDT withdrawn, ETH bought, side 1): spending the
    # withdrawn 22 USDT on ETH 10% over 3300 (3630): 22 / 3630 = 0.00606060 ETH (rounded down).
    assert done["auto_buy"] == {
        "symbol": "ETH",
        "amount": "0.00606060",
        "price": "3630.00000000",
        "side": 1,
        "state": "filled",
    }
    assert balance(sandbox, "ETH") == Decimal("10") + Decimal("0.00606060")
    assert balance(sandbox, "USDT") == Decimal("9976") - 22


def test_auto_buy_of_the_quote_sells_the_base(sandbox: Sandbox) -> None:
    from .helpers import ETH_ADDRESS

    _withdrawal_in(
        sandbox,
        S.DONE,
        ticker="ETH",
        network="ethereum",
        address=ETH_ADDRESS,
        amount=Decimal("0.1"),
        auto_buy_ticker="USDT",
        auto_buy_percent=Decimal("-10"),
    )
    (done,) = sandbox.withdraw_history(DEMO).results
    # Spending the withdrawn 0.1 ETH on USDT: a sell of the base at 3300 * (1 + 10%) = 3630
    # (a negative percent raises a sell's price): 363 USDT.
    assert done["auto_buy"] == {
        "symbol": "USDT",
        "amount": "0.10000000",
        "price": "3630.00000000",
        "side": 2,
        "state": "filled",
    }
    assert balance(sandbox, "USDT") == Decimal("10000") + 363
    assert balance(sandbox, "ETH") == Decimal("10") - Decimal("0.1") - Decimal("0.005") - Decimal(
        "0.1"
    )


def test_auto_buy_without_balance_is_cancelled_and_moves_nothing(sandbox: Sandbox) -> None:
    # 30 USDT: the withdrawal (22 + 2 fee) leaves 6, short of the 22 the order would spend
    sandbox.adjust_balance(account_id=DEMO, ticker="USDT", amount=Decimal("-9970"))
    _withdrawal_in(sandbox, S.DONE, auto_buy_ticker="ETH")
    (done,) = sandbox.withdraw_history(DEMO).results
    assert isinstance(done["auto_buy"], dict)
    assert done["auto_buy"]["state"] == "cancelled"
    assert balance(sandbox, "ETH") == 10
    assert balance(sandbox, "USDT") == Decimal("6")


def test_set_status_walks_the_shortest_legal_path_with_a_callback_per_step(
    sandbox: Sandbox,
) -> None:
    withdrawal, _ = create_withdraw(sandbox, callback_url="http://127.0.0.1:9/w")
    done = sandbox.set_withdraw_status(withdraw_id=integer(withdrawal["id"]), status=30)
    assert done["status"] == 30
    statuses = [d["payload"]["data"]["status"] for d in reversed(sandbox.callback_deliveries())]  # type: ignore[index]
    assert statuses == [20, 23, 26, 30]


def test_set_status_errors(sandbox: Sandbox) -> None:
    withdraw_id = _withdrawal_in(sandbox, S.DONE)
    with pytest.raises(Conflict):
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.CANCELLED))
    with pytest.raises(Conflict):
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(S.DONE))
    with pytest.raises(NotFound):
        sandbox.set_withdraw_status(withdraw_id=999, status=int(S.DONE))
    with pytest.raises(ValidationFailed):
        sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=31)


def test_fee_payer_2_and_foreign_fee_currency_are_returned_exactly(sandbox: Sandbox) -> None:
    from .helpers import ETH_ADDRESS

    first = _withdrawal_in(sandbox, S.REFUSED, fee_payer=2)
    second = _withdrawal_in(
        sandbox, S.CANCELLED, network="ethereum", address=ETH_ADDRESS, amount=Decimal("20")
    )
    assert balance(sandbox, "USDT") == Decimal("10000")
    assert balance(sandbox, "ETH") == Decimal("10")
    assert _entries_sum(sandbox, first, "USDT") == 0
    assert _entries_sum(sandbox, second, "ETH") == 0


@pytest.mark.parametrize("name", ["DepositStatus", "WithdrawStatus", "AutoBuySide"])
def test_the_domain_status_enums_are_the_specs(gateway_spec: dict[str, Any], name: str) -> None:
    """The domain keeps typed enums for mypy; their members are exactly the spec's."""
    from bitexbit_emulator.domain import statuses

    schema = gateway_spec["components"]["schemas"][name]
    expected = dict(zip(schema["x-enum-varnames"], schema["enum"], strict=True))
    assert {member.name: member.value for member in getattr(statuses, name)} == expected
