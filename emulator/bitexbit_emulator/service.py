"""The Sandbox: the only object the HTTP layer calls. Plain Python in, JSON-ready dicts out.

Each public method is one database transaction (a rejected call writes nothing). Rule
violations raise ``ValidationFailed`` (400), ``NotFound`` (404) or ``Conflict`` (409).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import httpx
from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from bitexbit_emulator import presenters
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.domain import (
    accounts,
    callbacks,
    deposits,
    ledger,
    progression,
    wallets,
    withdrawal_states,
    withdrawals,
)
from bitexbit_emulator.domain.accounts import ApiKeyRecord
from bitexbit_emulator.domain.catalogue import Catalogue
from bitexbit_emulator.domain.clock import Clock, SystemClock
from bitexbit_emulator.domain.context import DomainContext
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.domain.money import format_money
from bitexbit_emulator.domain.pagination import PageResult, RowPage, invalid_ordering
from bitexbit_emulator.domain.records import ConversionRecord
from bitexbit_emulator.domain.statuses import WithdrawStatus
from bitexbit_emulator.domain.validation import FieldErrors
from bitexbit_emulator.store import migrate
from bitexbit_emulator.store.database import Database
from bitexbit_emulator.store.tables import accounts as accounts_table
from bitexbit_emulator.store.tables import conversions as conversions_table

__all__ = ["ApiKeyRecord", "PageResult", "Sandbox"]

_MAX_TICK_STEPS = 10_000


class Sandbox:
    """A stateful gateway: accounts, wallets, deposits, withdrawals, ledger and callbacks."""

    def __init__(
        self,
        config: EmulatorConfig,
        *,
        database_url: str | None = None,
        clock: Clock | None = None,
        shared_by_processes: bool = False,
    ) -> None:
        """``shared_by_processes``: other processes write to the same database (``--workers``),
        so a request may wait for the write lock; it then waits off the event loop."""
        self.config = config
        self.own_addresses = callbacks.SelfAddresses()
        """Where this emulator listens: callbacks are never sent there (self-SSRF)."""
        self.clock: Clock = clock or SystemClock()
        self.context = DomainContext(
            config=config,
            catalogue=Catalogue(config),
            clock=self.clock,
            callback_payloads=presenters.WirePayloads(),
        )
        self.database = Database(
            database_url or config.resolved_database_url(), shared_by_processes=shared_by_processes
        )
        self.database.create_schema()
        with self.database.write() as connection:
            migrate.serialize_setup(connection)  # instances starting together seed once
            if connection.execute(select(accounts_table.c.id).limit(1)).first() is None:
                accounts.seed_accounts(connection, config, now=self.clock.now())
            else:  # a database written before balance rows existed gets them once
                ledger.backfill_balances(connection)

    def __repr__(self) -> str:
        return f"Sandbox(database={self.database.engine.url!r})"

    # --- auth support ----------------------------------------------------------------------

    def find_key(self, api_key: str) -> ApiKeyRecord | None:
        with self.database.read() as connection:
            return accounts.find_key(connection, api_key)

    def last_nonce(self, api_key: str) -> int | None:
        """The key's last accepted nonce (None before its first request)."""
        with self.database.read() as connection:
            return accounts.last_nonce(connection, api_key)

    def set_last_nonce(self, api_key: str, last_nonce: int = 0) -> dict[str, object]:
        """Recover a key locked out by a far-future nonce; touches nothing else."""
        with self.database.write() as connection:
            accounts.set_last_nonce(connection, api_key, last_nonce)
        return {"api_key": api_key, "last_nonce": last_nonce}

    def accept_nonce(self, api_key: str, nonce: int) -> bool:
        """Store ``nonce`` and return True only if it is greater than the last one accepted."""
        with self.database.atomic() as connection:  # one conditional UPDATE
            return accounts.accept_nonce(connection, api_key, nonce)

    # --- API operations --------------------------------------------------------------------

    def list_payment_methods(self, *, ordering: str = "id") -> list[dict[str, object]]:
        if ordering not in ("id", "-id"):
            raise invalid_ordering({"id": None, "-id": None})
        return [
            presenters.present_payment_method(method)
            for method in self.context.catalogue.ordered_methods(ordering)
        ]

    def create_wallet(
        self, account_id: int, api_key: str, request: wallets.WalletRequest
    ) -> dict[str, object]:
        with self.database.write() as connection:
            wallet = wallets.create(
                connection, self.context, account_id=account_id, api_key=api_key, request=request
            )
            return presenters.present_wallet(wallet)

    def list_wallets(
        self, account_id: int, *, page: int = 1, limit: int | None = None, ordering: str = "-id"
    ) -> PageResult:
        with self.database.read() as connection:
            rows, records = wallets.page(
                connection, account_id, page=page, limit=limit, ordering=ordering
            )
            return _page_result(rows, [presenters.present_wallet(record) for record in records])

    def wallet_history(
        self,
        account_id: int,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: str = "-id",
        **filters: object,
    ) -> PageResult:
        """Deposits to the account's wallets; `filters` are the spec's filter parameters by
        name (exact match; None: not filtered)."""
        with self.database.read() as connection:
            rows, records = deposits.page(
                connection, account_id, page=page, limit=limit, ordering=ordering, filters=filters
            )
            return _page_result(rows, [presenters.present_deposit(record) for record in records])

    def create_withdraw(
        self, account_id: int, api_key: str, request: withdrawals.WithdrawRequest
    ) -> tuple[dict[str, object], bool]:
        """Returns (withdraw, created); created is False for an idempotent replay."""
        try:
            with self.database.write() as connection:
                withdrawal, created = withdrawals.create(
                    connection,
                    self.context,
                    account_id=account_id,
                    api_key=api_key,
                    request=request,
                )
                if created:
                    withdrawal = progression.after_withdrawal_created(
                        connection, self.context, withdrawal
                    )
                return presenters.present_withdraw(withdrawal), created
        except IntegrityError:
            # Another transaction inserted the same client_order_id first: answer as a replay.
            if request.client_order_id is None:
                raise
            with self.database.read() as connection:
                existing = withdrawals.find_by_client_order_id(
                    connection, account_id, request.client_order_id
                )
            if existing is None:
                raise
            original, _ = withdrawals.replay(existing, request)
            return presenters.present_withdraw(original), False

    def withdraw_history(
        self,
        account_id: int,
        *,
        page: int = 1,
        limit: int | None = None,
        ordering: str = "-id",
        **filters: object,
    ) -> PageResult:
        """The account's withdrawals; `filters` as for `wallet_history`."""
        with self.database.read() as connection:
            rows, records = withdrawals.page(
                connection, account_id, page=page, limit=limit, ordering=ordering, filters=filters
            )
            return _page_result(rows, [presenters.present_withdraw(record) for record in records])

    # --- control API -----------------------------------------------------------------------

    def simulate_deposit(self, request: deposits.SimulatedDeposit) -> dict[str, object]:
        """A transaction reaches a wallet address: a PENDING deposit (NotFound if no wallet)."""
        with self.database.write() as connection:
            deposit = deposits.simulate(connection, self.context, request)
            deposit = progression.after_deposit_seen(connection, self.context, deposit)
            return presenters.present_deposit(deposit)

    def advance_deposit(self, *, txid: str, confirmations: int | None = None) -> dict[str, object]:
        """Add confirmations (default: all that are missing); Conflict if no longer PENDING."""
        with self.database.write() as connection:
            deposit = deposits.advance(
                connection, self.context, txid=txid, confirmations=confirmations
            )
            return presenters.present_deposit(deposit)

    def set_withdraw_status(self, *, withdraw_id: int, status: int) -> dict[str, object]:
        """Move a withdrawal to ``status`` along the shortest chain of legal transitions.

        Each step goes through ``withdrawal_states.transition`` (ledger effects and one callback per
        step). Conflict when ``status`` cannot be reached (terminal, same status, or a resume
        the balance no longer covers); nothing changes then.
        """
        try:
            target = WithdrawStatus(status)
        except ValueError:
            raise ValidationFailed.field(
                "status",
                f"Select a valid choice: {', '.join(str(int(s)) for s in WithdrawStatus)}.",
            ) from None
        with self.database.write() as connection:
            withdrawal = withdrawal_states.load(connection, withdraw_id)
            ledger.lock_account(connection, withdrawal.account_id)
            current = WithdrawStatus(withdrawal.status)
            path = withdrawal_states.path_between(current, target)
            if path is None:
                raise Conflict(
                    f"Withdrawal {withdraw_id} cannot go from {current.name} to {target.name}."
                )
            for step in path:
                withdrawal = withdrawal_states.transition(
                    connection, self.context, withdrawal, step
                )
            withdrawal = progression.after_withdrawal_moved(
                connection, self.context, withdrawal, self.clock.now()
            )
            return presenters.present_withdraw(withdrawal)

    def get_transition_mode(self) -> dict[str, object]:
        with self.database.read() as connection:
            return progression.get_mode(connection, self.context).as_dict()

    def set_transition_mode(
        self, *, mode: str, delay_seconds: float | None = None
    ) -> dict[str, object]:
        with self.database.write() as connection:
            return progression.set_mode(
                connection, self.context, mode=mode, delay_seconds=delay_seconds
            ).as_dict()

    def adjust_balance(
        self, *, account_id: int, ticker: str, amount: Decimal, reason: str = "control"
    ) -> dict[str, object]:
        """Credit (amount > 0) or debit (amount < 0) a balance with a ledger entry."""
        errors = FieldErrors()
        if ticker not in self.context.catalogue.tickers:
            errors.add("ticker", f"Unknown ticker {ticker}.")
        if amount == 0:
            errors.add("amount", "Ensure this value is not 0.")
        else:
            errors.positive_amount("amount", abs(amount))
        if not reason:
            errors.add("reason", "This field may not be blank.")
        errors.text("reason", reason, 64)
        errors.raise_if_any()
        with self.database.write() as connection:
            accounts.require_account(connection, account_id)
            ledger.lock_account(connection, account_id)
            try:
                ledger.post(
                    connection,
                    [
                        ledger.Entry(
                            account_id, ticker, amount, "adjustment", "control", None, reason
                        )
                    ],
                    now=self.clock.now(),
                )
            except ledger.InsufficientFunds:
                raise ValidationFailed.field("amount", "Insufficient balance.") from None
            except ledger.BalanceOutOfRange:
                raise ValidationFailed.field(
                    "amount", "The balance would exceed the sandbox's limit."
                ) from None
            balance = ledger.balance_of(connection, account_id, ticker)
        return {
            "account_id": account_id,
            "ticker": ticker,
            "amount": format_money(amount),
            "reason": reason,
            "balance": format_money(balance),
        }

    def balances(self, account_id: int) -> dict[str, str]:
        """Ticker -> 8-decimal string, summed from the ledger (NotFound for an unknown account)."""
        with self.database.read() as connection:
            accounts.require_account(connection, account_id)
            return {
                ticker: format_money(total)
                for ticker, total in ledger.balances_of(connection, account_id).items()
            }

    def accounts(self) -> list[dict[str, object]]:
        """Accounts and their keys' public attributes (never secrets)."""
        with self.database.read() as connection:
            return accounts.list_accounts(connection)

    def conversions(self, *, account_id: int | None = None) -> list[dict[str, object]]:
        """Conversion orders (deposit conversions, auto_buy), oldest first (beyond EMULATOR.md)."""
        statement = select(conversions_table).order_by(conversions_table.c.id)
        if account_id is not None:
            statement = statement.where(conversions_table.c.account_id == account_id)
        with self.database.read() as connection:
            rows = connection.execute(statement).mappings().all()
            return [presenters.present_conversion(ConversionRecord.from_row(row)) for row in rows]

    def callback_deliveries(self, *, limit: int = 100) -> list[dict[str, object]]:
        """Outbox entries, newest first, each with its delivery attempts."""
        if limit < 1:
            raise ValidationFailed.field(
                "limit", "Ensure this value is greater than or equal to 1."
            )
        with self.database.read() as connection:
            return callbacks.list_deliveries(connection, limit=limit)

    def tick(self) -> int:
        """Apply every due timed transition; returns how many steps were taken."""
        steps = 0
        for _ in range(_MAX_TICK_STEPS):
            now = self.clock.now()
            with self.database.read() as connection:
                deposit_ids = progression.due_deposit_ids(connection, now)
                withdrawal_ids = progression.due_withdrawal_ids(connection, now)
            if not deposit_ids and not withdrawal_ids:
                break
            for deposit_id in deposit_ids:
                steps += self._step(progression.step_deposit, deposit_id)
            for withdrawal_id in withdrawal_ids:
                steps += self._step(progression.step_withdrawal, withdrawal_id)
        return steps

    def _step(self, step: Callable[[Connection, DomainContext, int], bool], item_id: int) -> int:
        """One timed step in its own transaction; a conflicting step is unscheduled, not fatal."""
        try:
            with self.database.write() as connection:
                return int(step(connection, self.context, item_id))
        except (Conflict, NotFound):
            with self.database.write() as connection:
                progression.unschedule(connection, step, item_id)
            return 0

    async def deliver_callbacks(self, client: httpx.AsyncClient | None = None) -> int:
        """Send every due outbox entry once; returns how many were attempted."""
        settings = self.config.callbacks
        with self.database.write() as connection:
            due = callbacks.claim_due(
                connection, now=self.clock.now(), lease_seconds=settings.timeout_seconds * 2 + 1
            )
        if not due:
            return 0
        owns_client = client is None
        http = client or httpx.AsyncClient(trust_env=False, follow_redirects=False)
        try:
            outcomes = await callbacks.send_in_order_per_url(
                http, due, settings, self.own_addresses
            )
            with self.database.write() as connection:
                for item, outcome in zip(due, outcomes, strict=True):
                    callbacks.record_attempt(
                        connection, item, outcome, settings, now=self.clock.now()
                    )
        finally:
            if owns_client:
                await http.aclose()
        return len(due)

    def reset(self) -> None:
        """Wipe everything (nonces too) and seed again from the config."""
        with self.database.exclusive():
            self.database.drop_schema()
            self.database.create_schema()
            with self.database.write() as connection:
                accounts.seed_accounts(connection, self.config, now=self.clock.now())

    def close(self) -> None:
        self.database.dispose()


def _page_result(rows: RowPage, results: list[dict[str, object]]) -> PageResult:
    return PageResult(
        count=rows.count,
        results=results,
        page=rows.page,
        has_next=rows.has_next,
        has_previous=rows.has_previous,
    )
