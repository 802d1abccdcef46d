"""A namespace may run without the gateway's rate limits (a conformance run's, at full speed).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("namespaces") as batch:
        batch.add_column(sa.Column("rate_limits", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("namespaces") as batch:
        batch.drop_column("rate_limits")
