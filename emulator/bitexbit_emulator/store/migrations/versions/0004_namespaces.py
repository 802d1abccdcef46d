"""The namespace registry: isolated sandboxes inside one emulator database.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import bitexbit_emulator.store.types
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "namespaces",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("created_at", bitexbit_emulator.store.types.UtcDateTime(), nullable=False),
        sa.Column("ready", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("namespaces")
