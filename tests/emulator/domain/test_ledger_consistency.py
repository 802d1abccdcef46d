"""After any sequence of operations the ledger agrees with every view of the money."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from decimal import Decimal

from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain import withdrawal_states
from bitexbit_emulator.domain.clock import FakeClock
from bitexbit_emulator.domain.errors import Conflict, ValidationFailed
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.store.tables import ledger_entries
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from tests.passes import examples

from .helpers import (
    BTC_ADDRESS,
    ETH_ADDRESS,
    TRON_ADDRESS,
    create_wallet,
    create_withdraw,
    simulate_deposit,
)

CONFIG = EmulatorConfig.load()
FEE_CURRENCY = {(m.ticker, m.network): m.withdraw_fee_currency for m in CONFIG.payment_methods}
ACCOUNTS = (1, 2)
KEYS = {1: "demo-key", 2: "other-key"}
DESTINATIONS = {
    ("USDT", "tron"): TRON_ADDRESS,
    ("TRX", "tron"): TRON_ADDRESS,
    ("BTC", "bitcoin"): BTC_ADDRESS,
    ("ETH", "ethereum"): ETH_ADDRESS,
    ("USDT", "ethereum"): ETH_ADDRESS,
}
amounts = st.decimals(
    min_value=Decimal("0.00000001"), max_value=Decimal("15000"), places=8, allow_nan=False
)
WALLET_KINDS = [
    ("USDT", "tron", None),
    ("ETH", "ethereum", "USDT"),
    ("BTC", "bitcoin", None),
    ("USDT", "tron", "TRX"),
]


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.sandbox = Sandbox(CONFIG, database_url="sqlite://", clock=self.clock)
        self.addresses: list[str] = []
        self.txids: list[str] = []
        self.withdraw_ids: list[int] = []

    def teardown(self) -> None:
        self.sandbox.close()

    @rule(account=st.sampled_from(ACCOUNTS), kind=st.sampled_from(WALLET_KINDS),
          limit=st.none() | amounts, percent=st.integers(-99, 99))  # fmt: skip
    def wallet(self, account: int, kind: tuple[str, str, str | None], limit: Decimal | None,
               percent: int) -> None:  # fmt: skip
        ticker, network, convert = kind
        made = create_wallet(
            self.sandbox, account, KEYS[account], ticker=ticker, network=network,
            convert_ticker=convert, convert_limit=limit, convert_percent=Decimal(percent),
        )  # fmt: skip
        self.addresses.append(str(made["address"]))

    @precondition(lambda self: self.addresses)
    @rule(
        data=st.data(), amount=amounts, risk=st.integers(0, 100), confirmations=st.integers(0, 30)
    )
    def deposit(self, data: st.DataObject, amount: Decimal, risk: int, confirmations: int) -> None:
        address = data.draw(st.sampled_from(self.addresses))
        try:
            made = simulate_deposit(
                self.sandbox,
                address=address,
                amount=amount,
                aml_risk=risk,
                confirmations=confirmations,
            )
        except ValidationFailed:
            return
        self.txids.append(str(made["txid"]))

    @precondition(lambda self: self.txids)
    @rule(data=st.data(), count=st.none() | st.integers(1, 30))
    def advance(self, data: st.DataObject, count: int | None) -> None:
        txid = data.draw(st.sampled_from(self.txids))
        with contextlib.suppress(Conflict):
            self.sandbox.advance_deposit(txid=txid, confirmations=count)

    @rule(account=st.sampled_from(ACCOUNTS), pair=st.sampled_from(sorted(DESTINATIONS)),
          amount=amounts, fee_payer=st.sampled_from([1, 2]),
          auto_buy=st.sampled_from([None, "ETH", "USDT", "BTC"]),
          order=st.none() | st.sampled_from(["a", "b", "c"]))  # fmt: skip
    def withdraw(self, account: int, pair: tuple[str, str], amount: Decimal, fee_payer: int,
                 auto_buy: str | None, order: str | None) -> None:  # fmt: skip
        ticker, network = pair
        try:
            made, _ = create_withdraw(
                self.sandbox, account, KEYS[account], ticker=ticker, network=network,
                address=DESTINATIONS[pair], amount=amount, fee_payer=fee_payer,
                auto_buy_ticker=auto_buy, client_order_id=order,
            )  # fmt: skip
        except ValidationFailed:
            return
        identifier = made["id"]
        assert isinstance(identifier, int)
        if identifier not in self.withdraw_ids:
            self.withdraw_ids.append(identifier)

    @precondition(lambda self: self.withdraw_ids)
    @rule(data=st.data(), status=st.sampled_from(list(WithdrawStatus)))
    def move(self, data: st.DataObject, status: WithdrawStatus) -> None:
        withdraw_id = data.draw(st.sampled_from(self.withdraw_ids))
        with contextlib.suppress(Conflict):
            self.sandbox.set_withdraw_status(withdraw_id=withdraw_id, status=int(status))

    @rule(account=st.sampled_from(ACCOUNTS), ticker=st.sampled_from(["USDT", "ETH", "TRX"]),
          amount=amounts, credit=st.booleans())  # fmt: skip
    def adjust(self, account: int, ticker: str, amount: Decimal, credit: bool) -> None:
        with contextlib.suppress(ValidationFailed):
            self.sandbox.adjust_balance(
                account_id=account, ticker=ticker, amount=amount if credit else -amount
            )

    @rule(mode=st.sampled_from(["manual", "immediate", "timed"]), seconds=st.integers(0, 5))
    def time_passes(self, mode: str, seconds: int) -> None:
        self.sandbox.set_transition_mode(mode=mode, delay_seconds=1)
        self.clock.advance(seconds)
        self.sandbox.tick()

    @invariant()
    def balances_are_sums_of_entries_and_never_negative(self) -> None:
        with self.sandbox.database.read() as connection:
            rows = connection.execute(
                select(
                    ledger_entries.c.account_id, ledger_entries.c.ticker, ledger_entries.c.amount
                )
            ).all()
        sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for account_id, ticker, amount in rows:
            sums[account_id][ticker] += amount
        for account in ACCOUNTS:
            reported = {t: Decimal(v) for t, v in self.sandbox.balances(account).items()}
            assert reported == dict(sums[account])
            assert all(value >= 0 for value in reported.values())

    @invariant()
    def balances_follow_from_the_presented_objects(self) -> None:
        """Opening + adjustments + confirmed deposits - held withdrawals + filled conversions."""
        for account in ACCOUNTS:
            reported = {t: Decimal(v) for t, v in self.sandbox.balances(account).items()}
            expected = self._expected_balances(account)
            assert {t: v for t, v in reported.items() if v} == {
                t: v for t, v in expected.items() if v
            }

    def _expected_balances(self, account: int) -> dict[str, Decimal]:
        expected: dict[str, Decimal] = defaultdict(Decimal)
        for ticker, amount in CONFIG.accounts[account - 1].balances.items():
            expected[ticker] += amount
        with self.sandbox.database.read() as connection:
            adjustments = connection.execute(
                select(ledger_entries.c.ticker, ledger_entries.c.amount).where(
                    ledger_entries.c.kind == "adjustment",
                    ledger_entries.c.account_id == account,
                )
            ).all()
        for ticker, amount in adjustments:
            expected[ticker] += amount
        for deposit in self.sandbox.wallet_history(account).results:
            if deposit["status"] == 5:
                expected[str(deposit["ticker"])] += _money(deposit["amount"]) - _money(
                    deposit["fee"]
                )
        for item in self.sandbox.withdraw_history(account).results:
            if WithdrawStatus(int(str(item["status"]))) not in withdrawal_states.HOLDING_STATUSES:
                continue
            ticker = str(item["ticker"])
            expected[ticker] -= _money(item["amount"])
            if item["fee_payer"] == 1:
                expected[FEE_CURRENCY[(ticker, str(item["network"]))]] -= _money(item["fee"])
        for conversion in self.sandbox.conversions(account_id=account):
            if conversion["state"] == "filled":
                expected[str(conversion["spent_ticker"])] -= _money(conversion["spent_amount"])
                expected[str(conversion["received_ticker"])] += _money(
                    conversion["received_amount"]
                )
        return expected


def _money(value: object) -> Decimal:
    assert isinstance(value, str)
    return Decimal(value)


LedgerMachine.TestCase.settings = settings(
    max_examples=examples(30),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedger = LedgerMachine.TestCase
