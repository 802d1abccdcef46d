"""Testing your own code against the emulator with the `gateway_emulator` pytest fixture.

Installing the emulator (bitexbit-emulator) registers the fixture: nothing to import.
"""

from decimal import Decimal

import pytest


def test_a_confirmed_deposit_credits_the_balance(gateway_emulator):
    gateway = gateway_emulator.gateway()  # a bitexbit.Gateway for the demo key
    wallet = gateway.wallets.create("USDT", "tron")

    deposit = gateway_emulator.control.simulate_deposit(wallet.address, "25")
    gateway_emulator.control.advance(deposit["txid"])  # all the confirmations it needs

    (confirmed,) = gateway.deposits.list(txid=deposit["txid"]).results
    assert confirmed.status == 5  # CONFIRMED
    assert confirmed.amount == Decimal("25")
    assert gateway_emulator.control.balances()["USDT"] == Decimal("10025")


@pytest.mark.gateway_emulator(live=True, rate_limits=True, transition_mode="immediate")
def test_withdrawals_complete_on_their_own(gateway_emulator):
    # live=True: a real 127.0.0.1 port, for code that opens its own connections.
    assert gateway_emulator.base_url.startswith("http://127.0.0.1:")
    gateway = gateway_emulator.gateway()
    withdrawal = gateway.withdrawals.create(
        "USDT", "tron", "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW", Decimal("20")
    )
    (listed,) = gateway.withdrawals.list(limit=1).results  # newest first
    assert listed.id == withdrawal.id
    assert listed.status == 30  # DONE: "immediate" runs the whole lifecycle
