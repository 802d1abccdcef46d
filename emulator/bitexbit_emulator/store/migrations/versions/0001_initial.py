"""The schema as ``create_all`` made it before migrations (databases without a revision are
stamped with this one).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import bitexbit_emulator.store.types
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "callback_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=True),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    with op.batch_alter_table("callback_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["status", "next_attempt_at"], unique=False)

    op.create_table(
        "sandbox_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "api_keys",
        sa.Column("api_key", sa.String(length=128), nullable=False),
        sa.Column("secret", sa.String(length=256), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("permissions", sa.String(length=64), nullable=False),
        sa.Column("allowed_ips", sa.Text(), nullable=True),
        sa.Column("last_nonce", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("api_key"),
    )
    op.create_table(
        "balances",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("ticker", sa.String(length=16), nullable=False),
        sa.Column(
            "amount", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.CheckConstraint("amount >= 0", name="ck_balances_not_negative"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("account_id", "ticker"),
    )
    op.create_table(
        "callback_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=255), nullable=True),
        sa.Column("at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["callback_outbox.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("callback_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_attempts_outbox", ["outbox_id"], unique=False)

    op.create_table(
        "conversions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("source_type", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("base", sa.String(length=16), nullable=False),
        sa.Column("quote", sa.String(length=16), nullable=False),
        sa.Column("side", sa.Integer(), nullable=False),
        sa.Column(
            "amount", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column(
            "price", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("spent_ticker", sa.String(length=16), nullable=False),
        sa.Column(
            "spent_amount",
            bitexbit_emulator.store.types.Money(precision=38, scale=8),
            nullable=False,
        ),
        sa.Column("received_ticker", sa.String(length=16), nullable=False),
        sa.Column(
            "received_amount",
            bitexbit_emulator.store.types.Money(precision=38, scale=8),
            nullable=False,
        ),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_type", "source_id", name="uq_conversions_source"),
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("ticker", sa.String(length=16), nullable=False),
        sa.Column(
            "amount", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("reference_type", sa.String(length=16), nullable=True),
        sa.Column("reference_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=64), nullable=True),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_account_ticker", ["account_id", "ticker"], unique=False)

    op.create_table(
        "wallets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("api_key", sa.String(length=128), nullable=False),
        sa.Column("slug", sa.String(length=36), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("ticker", sa.String(length=16), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.Column("callback_url", sa.String(length=2048), nullable=True),
        sa.Column("convert_ticker", sa.String(length=16), nullable=True),
        sa.Column(
            "convert_limit",
            bitexbit_emulator.store.types.Money(precision=38, scale=8),
            nullable=True,
        ),
        sa.Column(
            "convert_percent",
            bitexbit_emulator.store.types.Money(precision=38, scale=8),
            nullable=True,
        ),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("address"),
        sa.UniqueConstraint("slug"),
    )
    with op.batch_alter_table("wallets", schema=None) as batch_op:
        batch_op.create_index("ix_wallets_account", ["account_id"], unique=False)

    op.create_table(
        "withdrawals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("api_key", sa.String(length=128), nullable=False),
        sa.Column("ticker", sa.String(length=16), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column(
            "amount", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column(
            "fee", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column("fee_currency", sa.String(length=16), nullable=False),
        sa.Column("fee_payer", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.String(length=128), nullable=True),
        sa.Column("memo", sa.String(length=128), nullable=True),
        sa.Column("destination_tag", sa.String(length=128), nullable=True),
        sa.Column("comment", sa.String(length=255), nullable=True),
        sa.Column("callback_url", sa.String(length=2048), nullable=True),
        sa.Column("client_order_id", sa.String(length=64), nullable=True),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("auto_buy_ticker", sa.String(length=16), nullable=True),
        sa.Column(
            "auto_buy_percent",
            bitexbit_emulator.store.types.Money(precision=38, scale=8),
            nullable=True,
        ),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("txid", sa.String(length=128), nullable=True),
        sa.Column("aml_success", sa.Boolean(), nullable=True),
        sa.Column("aml_risk", sa.Integer(), nullable=True),
        sa.Column("aml_url", sa.String(length=2048), nullable=True),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("next_transition_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "client_order_id", name="uq_withdrawals_client_order"),
    )
    with op.batch_alter_table("withdrawals", schema=None) as batch_op:
        batch_op.create_index("ix_withdrawals_account", ["account_id"], unique=False)
        batch_op.create_index("ix_withdrawals_due", ["next_transition_at"], unique=False)

    op.create_table(
        "deposits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("wallet_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("ticker", sa.String(length=16), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.Column(
            "amount", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column(
            "fee", bitexbit_emulator.store.types.Money(precision=38, scale=8), nullable=False
        ),
        sa.Column("txid", sa.String(length=128), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("actual_confirmations", sa.Integer(), nullable=True),
        sa.Column("required_confirmations", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.String(length=128), nullable=True),
        sa.Column("memo", sa.String(length=128), nullable=True),
        sa.Column("destination_tag", sa.String(length=128), nullable=True),
        sa.Column("planned_aml_risk", sa.Integer(), nullable=False),
        sa.Column("aml_success", sa.Boolean(), nullable=True),
        sa.Column("aml_risk", sa.Integer(), nullable=True),
        sa.Column("aml_url", sa.String(length=2048), nullable=True),
        sa.Column("date", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("next_transition_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["wallet_id"],
            ["wallets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("txid"),
    )
    with op.batch_alter_table("deposits", schema=None) as batch_op:
        batch_op.create_index("ix_deposits_account", ["account_id"], unique=False)
        batch_op.create_index("ix_deposits_due", ["next_transition_at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("deposits", schema=None) as batch_op:
        batch_op.drop_index("ix_deposits_due")
        batch_op.drop_index("ix_deposits_account")

    op.drop_table("deposits")
    with op.batch_alter_table("withdrawals", schema=None) as batch_op:
        batch_op.drop_index("ix_withdrawals_due")
        batch_op.drop_index("ix_withdrawals_account")

    op.drop_table("withdrawals")
    with op.batch_alter_table("wallets", schema=None) as batch_op:
        batch_op.drop_index("ix_wallets_account")

    op.drop_table("wallets")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_account_ticker")

    op.drop_table("ledger_entries")
    op.drop_table("conversions")
    with op.batch_alter_table("callback_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_attempts_outbox")

    op.drop_table("callback_attempts")
    op.drop_table("balances")
    op.drop_table("api_keys")
    op.drop_table("sandbox_state")
    with op.batch_alter_table("callback_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_due")

    op.drop_table("callback_outbox")
    op.drop_table("accounts")
