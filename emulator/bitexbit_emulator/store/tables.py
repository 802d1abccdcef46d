"""The sandbox's tables (SQLAlchemy Core). Portable SQL only: SQLite today, PostgreSQL by URL."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from bitexbit_emulator.store.types import Money, UtcDateTime

__all__ = [
    "accounts",
    "api_keys",
    "balances",
    "callback_attempts",
    "callback_outbox",
    "conversions",
    "deposits",
    "ledger_entries",
    "metadata",
    "sandbox_state",
    "wallets",
    "withdrawals",
]

metadata = MetaData()

# Key/value settings that must survive a restart: transition mode, generator counters.
sandbox_state = Table(
    "sandbox_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("api_key", String(128), primary_key=True),
    Column("secret", String(256), nullable=False),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("permissions", String(64), nullable=False),  # comma-separated, sorted
    Column("allowed_ips", Text, nullable=True),  # JSON list; NULL = any address
    Column("last_nonce", BigInteger, nullable=True),  # NULL until the first accepted nonce
)

# The audit trail: rows are only ever inserted; every balance equals the sum of its rows.
ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("ticker", String(16), nullable=False),
    Column("amount", Money, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("reference_type", String(16), nullable=True),
    Column("reference_id", Integer, nullable=True),
    Column("note", String(64), nullable=True),  # e.g. the reason of a control adjustment
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_ledger_account_ticker", "account_id", "ticker"),
)

# One row per (account, ticker) that has ever had an entry: the running total of its ledger
# entries, updated in the same transaction as they are inserted (reads are O(1), whatever the
# history's length). Never negative, by a CHECK as well as by ``domain.ledger.post``.
balances = Table(
    "balances",
    metadata,
    Column("account_id", ForeignKey("accounts.id"), primary_key=True),
    Column("ticker", String(16), primary_key=True),
    Column("amount", Money, nullable=False),
    CheckConstraint("amount >= 0", name="ck_balances_not_negative"),
)

# `account_seq` on wallets, deposits and withdrawals: the row's number among its account's rows
# of that table, 1, 2, 3, ... in id order, with no gaps (rows are never deleted one by one; a
# reset empties the table). Page N of a list in id order is then a range of numbers, found in
# the unique (account_id, account_seq) index, and its count is the largest number
# (`domain.pagination`).

wallets = Table(
    "wallets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("api_key", String(128), nullable=False),
    Column("slug", String(36), nullable=False, unique=True),
    Column("address", String(128), nullable=False, unique=True),
    Column("ticker", String(16), nullable=False),
    Column("network", String(32), nullable=False),
    Column("callback_url", String(2048), nullable=True),
    Column("convert_ticker", String(16), nullable=True),
    Column("convert_limit", Money, nullable=True),
    Column("convert_percent", Money, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("account_seq", Integer, nullable=False),  # see above wallets
    Index("ix_wallets_account", "account_id"),
    Index("uq_wallets_account_seq", "account_id", "account_seq", unique=True),
    Index("ix_wallets_account_created", "account_id", "created_at"),
)

deposits = Table(
    "deposits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("wallet_id", ForeignKey("wallets.id"), nullable=False),
    Column("address", String(128), nullable=False),
    Column("ticker", String(16), nullable=False),
    Column("network", String(32), nullable=False),
    Column("amount", Money, nullable=False),
    Column("fee", Money, nullable=False),
    Column("txid", String(128), nullable=False, unique=True),
    Column("status", Integer, nullable=False),
    Column("actual_confirmations", Integer, nullable=True),
    Column("required_confirmations", Integer, nullable=False),
    Column("payment_id", String(128), nullable=True),
    Column("memo", String(128), nullable=True),
    Column("destination_tag", String(128), nullable=True),
    Column("planned_aml_risk", Integer, nullable=False),  # what the AML check will find
    Column("aml_success", Boolean, nullable=True),
    Column("aml_risk", Integer, nullable=True),
    Column("aml_url", String(2048), nullable=True),
    Column("date", UtcDateTime, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("next_transition_at", UtcDateTime, nullable=True),
    Column("account_seq", Integer, nullable=False),  # see above wallets
    Index("ix_deposits_account", "account_id"),
    Index("uq_deposits_account_seq", "account_id", "account_seq", unique=True),
    Index("ix_deposits_account_created", "account_id", "created_at"),
    Index("ix_deposits_account_date", "account_id", "date"),
    Index("ix_deposits_account_amount", "account_id", "amount"),
    Index("ix_deposits_due", "next_transition_at"),
)

withdrawals = Table(
    "withdrawals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("api_key", String(128), nullable=False),
    Column("ticker", String(16), nullable=False),
    Column("network", String(32), nullable=False),
    Column("address", String(128), nullable=False),
    Column("amount", Money, nullable=False),
    Column("fee", Money, nullable=False),
    Column("fee_currency", String(16), nullable=False),
    Column("fee_payer", Integer, nullable=False),
    Column("payment_id", String(128), nullable=True),
    Column("memo", String(128), nullable=True),
    Column("destination_tag", String(128), nullable=True),
    Column("comment", String(255), nullable=True),
    Column("callback_url", String(2048), nullable=True),
    Column("client_order_id", String(64), nullable=True),
    Column("request_fingerprint", String(64), nullable=False),
    Column("auto_buy_ticker", String(16), nullable=True),
    Column("auto_buy_percent", Money, nullable=True),
    Column("status", Integer, nullable=False),
    Column("txid", String(128), nullable=True),
    Column("aml_success", Boolean, nullable=True),
    Column("aml_risk", Integer, nullable=True),
    Column("aml_url", String(2048), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("next_transition_at", UtcDateTime, nullable=True),
    Column("account_seq", Integer, nullable=False),  # see above wallets
    # Idempotency: never two withdrawals with one client_order_id on one account (NULLs differ).
    UniqueConstraint("account_id", "client_order_id", name="uq_withdrawals_client_order"),
    # An account's history in each ordering straight from an index (the row id comes last in
    # every index, so ties break by id as the orderings say): pages are found by key.
    Index("ix_withdrawals_account", "account_id"),
    Index("uq_withdrawals_account_seq", "account_id", "account_seq", unique=True),
    Index("ix_withdrawals_account_created", "account_id", "created_at"),
    Index("ix_withdrawals_account_amount", "account_id", "amount"),
    Index("ix_withdrawals_due", "next_transition_at"),
)

# Conversion orders: deposits to a wallet with convert_ticker, and withdrawals' auto_buy.
conversions = Table(
    "conversions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("source_type", String(16), nullable=False),  # "deposit" | "withdraw"
    Column("source_id", Integer, nullable=False),
    Column("base", String(16), nullable=False),
    Column("quote", String(16), nullable=False),
    Column("side", Integer, nullable=False),  # 1 buy base, 2 sell base
    Column("amount", Money, nullable=False),  # base quantity
    Column("price", Money, nullable=False),  # quote per base, after the percent
    Column("state", String(16), nullable=False),  # "filled" | "cancelled"
    Column("spent_ticker", String(16), nullable=False),
    Column("spent_amount", Money, nullable=False),
    Column("received_ticker", String(16), nullable=False),
    Column("received_amount", Money, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("source_type", "source_id", name="uq_conversions_source"),
)

# The callback outbox: one row per event, its body serialized once (the signature covers it).
callback_outbox = Table(
    "callback_outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("event", String(32), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("signature", String(64), nullable=False),
    Column("subject_type", String(16), nullable=False),
    Column("subject_id", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | failed | refused
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)

callback_attempts = Table(
    "callback_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("outbox_id", ForeignKey("callback_outbox.id"), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("status_code", Integer, nullable=True),
    Column("error", String(255), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_attempts_outbox", "outbox_id"),
)

# Rate-limit token buckets shared by every emulator process on one database (store.buckets):
# scope "account" (caller: the account id) or "ip" (caller: the client address).
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("scope", String(16), primary_key=True),
    Column("caller", String(64), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated_at", Float, nullable=False),  # seconds since the epoch
)

# The namespaces of a sandbox (kept in the root database; each namespace's own state lives in its
# own schema or file, see bitexbit_emulator.namespaces).
namespaces = Table(
    "namespaces",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("ready", Boolean, nullable=False),  # False while its creator is still seeding it
    Column("rate_limits", Boolean, nullable=True),  # None: as the emulator; False: not enforced
)
