"""One index per list ordering, so a history page is found by key (``domain.pagination``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_wallets_account_created", "wallets", ["account_id", "created_at"]),
    ("ix_deposits_account_created", "deposits", ["account_id", "created_at"]),
    ("ix_deposits_account_date", "deposits", ["account_id", "date"]),
    ("ix_deposits_account_amount", "deposits", ["account_id", "amount"]),
    ("ix_withdrawals_account_created", "withdrawals", ["account_id", "created_at"]),
    ("ix_withdrawals_account_amount", "withdrawals", ["account_id", "amount"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
