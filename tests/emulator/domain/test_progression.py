from __future__ import annotations

from decimal import Decimal

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.domain.errors import ValidationFailed
from bitexbit_emulator.service import Sandbox

from .helpers import DEMO, balance, create_wallet, create_withdraw, integer, simulate_deposit, text

HOOK = "http://127.0.0.1:9/hook"


def _statuses(sandbox: Sandbox) -> list[object]:
    return [
        d["payload"]["data"]["status"]  # type: ignore[index]
        for d in reversed(sandbox.callback_deliveries())
    ]


def test_manual_is_the_default_and_nothing_moves(sandbox: Sandbox, clock: FakeClock) -> None:
    assert sandbox.get_transition_mode() == {"mode": "manual", "delay_seconds": 1.0}
    wallet = create_wallet(sandbox)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    withdrawal, _ = create_withdraw(sandbox)
    clock.advance(3600)
    assert sandbox.tick() == 0
    assert sandbox.wallet_history(DEMO).results[0]["status"] == 1
    assert sandbox.withdraw_history(DEMO).results[0]["status"] == 10
    assert deposit["status"] == 1
    assert withdrawal["status"] == 10


def test_immediate_runs_everything_inside_the_request(sandbox: Sandbox) -> None:
    assert sandbox.set_transition_mode(mode="immediate") == {
        "mode": "immediate",
        "delay_seconds": 1.0,
    }
    wallet = create_wallet(sandbox, callback_url=HOOK)
    deposit = simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    assert (deposit["status"], deposit["actual_confirmations"]) == (5, 20)
    withdrawal, created = create_withdraw(sandbox, callback_url=HOOK)
    assert created
    assert withdrawal["status"] == 30
    assert withdrawal["txid"]
    assert balance(sandbox, "USDT") == Decimal("10000") + 5 - 24
    assert _statuses(sandbox) == [1, 5, 20, 23, 26, 30]


def test_timed_moves_one_step_per_delay(sandbox: Sandbox, clock: FakeClock) -> None:
    sandbox.set_transition_mode(mode="timed", delay_seconds=10)
    wallet = create_wallet(sandbox)
    simulate_deposit(sandbox, address=text(wallet["address"]), amount=Decimal("5"))
    withdrawal, _ = create_withdraw(sandbox, callback_url=HOOK)
    withdraw_id = integer(withdrawal["id"])

    def status() -> object:
        return sandbox.withdraw_history(DEMO).results[0]["status"]

    clock.advance(9.9)
    assert sandbox.tick() == 0
    assert status() == 10
    clock.advance(0.1)
    assert sandbox.tick() == 2  # the deposit confirms, the withdrawal is CONFIRMED
    assert sandbox.wallet_history(DEMO).results[0]["status"] == 5
    assert status() == 20
    clock.advance(10)
    assert sandbox.tick() == 1
    assert status() == 23
    clock.advance(100)  # a long pause: every step that fell due is applied
    assert sandbox.tick() == 2
    assert status() == 30
    assert sandbox.tick() == 0
    assert _statuses(sandbox) == [20, 23, 26, 30]
    assert withdraw_id == 1


def test_timed_waits_on_suspended_and_resumes_after_manual_move(
    sandbox: Sandbox, clock: FakeClock
) -> None:
    sandbox.set_transition_mode(mode="timed", delay_seconds=5)
    withdrawal, _ = create_withdraw(sandbox)
    withdraw_id = integer(withdrawal["id"])
    sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=27)  # via CONFIRMED, VERIFIED
    clock.advance(60)
    assert sandbox.tick() == 0
    sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=26)
    clock.advance(5)
    assert sandbox.tick() == 1
    assert sandbox.withdraw_history(DEMO).results[0]["status"] == 30


def test_switching_to_timed_schedules_items_in_flight(sandbox: Sandbox, clock: FakeClock) -> None:
    withdrawal, _ = create_withdraw(sandbox)
    sandbox.set_transition_mode(mode="timed", delay_seconds=2)
    clock.advance(2)
    assert sandbox.tick() == 1
    sandbox.set_transition_mode(mode="manual")
    clock.advance(100)
    assert sandbox.tick() == 0
    assert sandbox.withdraw_history(DEMO).results[0]["status"] == 20
    assert sandbox.get_transition_mode() == {"mode": "manual", "delay_seconds": 2.0}
    assert withdrawal["status"] == 10


def test_a_conflicting_timed_step_is_unscheduled(
    sandbox: Sandbox, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitexbit_emulator.domain import withdrawal_states
    from bitexbit_emulator.domain.errors import Conflict

    sandbox.set_transition_mode(mode="timed", delay_seconds=1)
    create_withdraw(sandbox)

    def refuse(*_: object) -> None:
        raise Conflict("changed concurrently")

    monkeypatch.setattr(withdrawal_states, "transition", refuse)
    clock.advance(10)
    assert sandbox.tick() == 0  # returns instead of retrying the same step forever
    monkeypatch.undo()
    clock.advance(10)
    assert sandbox.tick() == 0  # no longer scheduled
    assert sandbox.withdraw_history(DEMO).results[0]["status"] == 10


@pytest.mark.parametrize(
    ("mode", "delay", "field"),
    [
        ("sometimes", None, "mode"),
        ("timed", 0.0, "delay_seconds"),
        ("timed", -1.0, "delay_seconds"),
    ],
)
def test_invalid_modes_are_field_errors(
    sandbox: Sandbox, mode: str, delay: float | None, field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        sandbox.set_transition_mode(mode=mode, delay_seconds=delay)
    assert field in error.value.errors
    assert sandbox.get_transition_mode()["mode"] == "manual"


def test_mode_persists_on_a_file_database(config: EmulatorConfig, file_url: str) -> None:
    first = Sandbox(config, database_url=file_url)
    first.set_transition_mode(mode="timed", delay_seconds=3)
    first.close()
    second = Sandbox(config, database_url=file_url)
    assert second.get_transition_mode() == {"mode": "timed", "delay_seconds": 3.0}
    second.close()
