"""Sandbox-wide behaviour: reset, balances, adjustments, storage exactness, thread safety."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.domain.errors import NotFound, ValidationFailed
from bitexbit_emulator.domain.money import MAX_AMOUNT
from bitexbit_emulator.service import Sandbox

from .helpers import (
    DEMO,
    OTHER,
    balance,
    create_wallet,
    create_withdraw,
    simulate_deposit,
    snapshot,
    text,
)


def _exercise(sandbox: Sandbox, clock: FakeClock) -> None:
    wallet = create_wallet(sandbox, callback_url="http://127.0.0.1:9/h", convert_ticker="ETH")
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("50"))
    sandbox.advance_deposit(txid=text(deposit["txid"]))
    create_withdraw(sandbox, client_order_id="o-1")
    sandbox.accept_nonce("demo-key", 123)
    sandbox.set_transition_mode(mode="timed", delay_seconds=3)
    sandbox.adjust_balance(account_id=OTHER, ticker="USDT", amount=Decimal("1"))
    clock.advance(60)
    sandbox.tick()


@pytest.mark.parametrize("on_file", [False, True])
def test_reset_equals_a_fresh_sandbox(
    config: EmulatorConfig, clock: FakeClock, file_url: str, on_file: bool
) -> None:
    sandbox = Sandbox(config, database_url=file_url if on_file else "sqlite://", clock=clock)
    _exercise(sandbox, clock)
    assert snapshot(sandbox)["withdrawals"]
    sandbox.reset()
    fresh = Sandbox(config, database_url="sqlite://", clock=clock)
    assert snapshot(sandbox) == snapshot(fresh)
    assert sandbox.get_transition_mode() == fresh.get_transition_mode()
    assert create_wallet(sandbox) == create_wallet(fresh)  # generators restart too
    sandbox.close()
    fresh.close()


def test_reopening_a_file_database_keeps_state_and_does_not_reseed(
    config: EmulatorConfig, file_url: str
) -> None:
    first = Sandbox(config, database_url=file_url)
    create_withdraw(first)
    first.close()
    second = Sandbox(config, database_url=file_url)
    assert balance(second, "USDT") == Decimal("9976")
    assert second.withdraw_history(DEMO).count == 1
    second.close()


def test_balances_of_an_unknown_account_is_not_found(sandbox: Sandbox) -> None:
    with pytest.raises(NotFound):
        sandbox.balances(99)
    with pytest.raises(NotFound):
        sandbox.adjust_balance(account_id=99, ticker="USDT", amount=Decimal("1"))


def test_adjust_balance_credits_and_debits(sandbox: Sandbox) -> None:
    credited = sandbox.adjust_balance(account_id=OTHER, ticker="ETH", amount=Decimal("1.5"))
    assert credited == {
        "account_id": OTHER,
        "ticker": "ETH",
        "amount": "1.50000000",
        "reason": "control",
        "balance": "1.50000000",
    }
    debited = sandbox.adjust_balance(account_id=OTHER, ticker="ETH", amount=Decimal("-1.5"))
    assert debited["balance"] == "0.00000000"
    assert sandbox.balances(OTHER) == {"ETH": "0.00000000", "USDT": "100.00000000"}


@pytest.mark.parametrize(
    ("ticker", "amount", "field"),
    [
        ("USDT", Decimal("-100.00000001"), "amount"),  # would go negative
        ("USDT", Decimal("0"), "amount"),
        ("USDT", Decimal("0.000000001"), "amount"),
        ("USDT", MAX_AMOUNT * 2, "amount"),
        ("DOGE", Decimal("1"), "ticker"),
    ],
)
def test_invalid_adjustments_change_nothing(
    sandbox: Sandbox, ticker: str, amount: Decimal, field: str
) -> None:
    before = snapshot(sandbox)
    with pytest.raises(ValidationFailed) as error:
        sandbox.adjust_balance(account_id=OTHER, ticker=ticker, amount=amount)
    assert field in error.value.errors
    assert snapshot(sandbox) == before


def test_balance_ceiling_keeps_sums_in_range(sandbox: Sandbox) -> None:
    for _ in range(5):  # exactly MAX_BALANCE
        sandbox.adjust_balance(account_id=OTHER, ticker="BTC", amount=MAX_AMOUNT)
    with pytest.raises(ValidationFailed, match="limit"):
        sandbox.adjust_balance(account_id=OTHER, ticker="BTC", amount=Decimal("0.00000001"))
    assert sandbox.balances(OTHER)["BTC"] == "50000000000.00000000"


@pytest.mark.parametrize("on_file", [False, True])
def test_large_amounts_are_stored_and_summed_exactly(
    config: EmulatorConfig, file_url: str, on_file: bool
) -> None:
    sandbox = Sandbox(config, database_url=file_url if on_file else "sqlite://")
    big = Decimal("9999999999.99999999")
    sandbox.adjust_balance(account_id=OTHER, ticker="ETH", amount=big)
    sandbox.adjust_balance(account_id=OTHER, ticker="ETH", amount=Decimal("0.00000001"))
    sandbox.adjust_balance(account_id=OTHER, ticker="ETH", amount=Decimal("-0.1"))
    assert sandbox.balances(OTHER)["ETH"] == "9999999999.90000000"
    sandbox.close()


def test_concurrent_withdrawals_never_overdraw(config: EmulatorConfig, file_url: str) -> None:
    """100 USDT allows four 22 + 2 withdrawals; 8 threads on two sandboxes try 16."""
    sandboxes = [Sandbox(config, database_url=file_url) for _ in range(2)]
    created: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def hammer(index: int) -> None:
        barrier.wait()
        for _ in range(2):
            try:
                withdrawal, _ = create_withdraw(sandboxes[index % 2], OTHER, "other-key")
            except ValidationFailed as error:
                with lock:
                    refused.append(str(error))
            else:
                with lock:
                    created.append(int(str(withdrawal["id"])))

    threads = [threading.Thread(target=hammer, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 4
    assert len(refused) == 12
    assert balance(sandboxes[0], "USDT", OTHER) == Decimal("4")
    for sandbox in sandboxes:
        sandbox.close()


def test_repr_names_no_secret(sandbox: Sandbox) -> None:
    assert "secret" not in repr(sandbox)


def test_file_database_uses_wal_and_a_busy_timeout(config: EmulatorConfig, file_url: str) -> None:
    sandbox = Sandbox(config, database_url=file_url)
    with sandbox.database.read() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    sandbox.close()


def test_adjustment_reason_is_recorded(sandbox: Sandbox) -> None:
    from bitexbit_emulator.store.tables import ledger_entries
    from sqlalchemy import select

    sandbox.adjust_balance(account_id=OTHER, ticker="USDT", amount=Decimal("5"), reason="gift")
    with sandbox.database.read() as connection:
        notes = connection.execute(
            select(ledger_entries.c.note).where(ledger_entries.c.kind == "adjustment")
        ).scalars()
        assert list(notes) == ["gift"]
    with pytest.raises(ValidationFailed) as error:
        sandbox.adjust_balance(account_id=OTHER, ticker="USDT", amount=Decimal("5"), reason="")
    assert "reason" in error.value.errors
