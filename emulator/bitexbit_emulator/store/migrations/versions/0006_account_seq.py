"""Each wallet, deposit and withdrawal gets its number among its account's rows (``account_seq``),
so a page in id order is a range in one index (``domain.pagination``).

Existing rows are numbered 1, 2, 3, ... per account in id order. The column is added with a
default of 0 (SQLite adds a NOT NULL column only with one) and the default is then dropped where
the database can (PostgreSQL); the unique index refuses a second 0 on one account either way.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TABLES = ("wallets", "deposits", "withdrawals")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in _TABLES:
        op.add_column(
            table, sa.Column("account_seq", sa.Integer(), nullable=False, server_default="0")
        )
        # names built here from _TABLES
        op.execute(
            f"UPDATE {table} SET account_seq = numbered.seq FROM ("  # noqa: S608
            f"SELECT id, ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY id) AS seq "
            f"FROM {table}) AS numbered WHERE {table}.id = numbered.id"
        )
        if postgresql:
            op.alter_column(table, "account_seq", server_default=None)
        op.create_index(
            f"uq_{table}_account_seq", table, ["account_id", "account_seq"], unique=True
        )


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_index(f"uq_{table}_account_seq", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("account_seq")
