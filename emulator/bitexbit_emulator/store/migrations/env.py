"""Alembic's environment for the emulator's database: always run from ``store.migrate`` with
the connection it passes (no alembic.ini, no URL of its own)."""

from __future__ import annotations

from alembic import context
from bitexbit_emulator.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
