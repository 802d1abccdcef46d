"""Rate-limit token buckets in the database, shared by every emulator process on it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_buckets",
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("caller", sa.String(length=64), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "caller"),
    )


def downgrade() -> None:
    op.drop_table("rate_buckets")
