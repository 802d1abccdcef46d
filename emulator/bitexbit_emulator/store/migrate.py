"""Schema creation and upgrades with Alembic, the same on SQLite and PostgreSQL.

The revisions live in ``store/migrations/versions`` and are the schema's history; the tables in
``store.tables`` are its present, and a test holds the two equal (upgrading an empty database
to head gives no difference from the tables, on both databases). A database is brought to head
with one call, `upgrade`, which handles three cases:

* a new, empty database: the tables are created from ``store.tables`` in one go and stamped
  with the head revision (Alembic's "building an up to date database from scratch"; running
  every revision would cost a sandbox started per test far more for the same result);
* a database at an older revision: the revisions after it run, in order, in one transaction;
* a database written before migrations existed (tables, no ``alembic_version``): it is stamped
  with the first revision, which is exactly what ``create_all`` used to make, and upgraded.

Several emulator processes may start on one PostgreSQL database at the same moment; a
transaction-scoped advisory lock makes the first one migrate and the others wait, then find
the database at head.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from bitexbit_emulator.store.tables import metadata

__all__ = [
    "FIRST_REVISION",
    "alembic_config",
    "current_revision",
    "head_revision",
    "serialize_setup",
    "upgrade",
]

FIRST_REVISION = "0001"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ADVISORY_LOCK = 0x626974657862  # "bitexb": any fixed 64-bit key of this application


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations (``alembic`` commands take it)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    if head is None:
        raise RuntimeError("the emulator's migrations have no head revision")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def serialize_setup(connection: Connection) -> None:
    """Make instances starting together on one PostgreSQL database take turns for the rest of
    this transaction (migrating, seeding); SQLite's write transactions take turns already."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})


def upgrade(connection: Connection) -> None:
    """Bring the database to the head revision (see the module docstring), inside the caller's
    write transaction (on SQLite, ``BEGIN IMMEDIATE``: other processes wait as they do here)."""
    serialize_setup(connection)
    revision = current_revision(connection)
    if revision == head_revision():
        return
    config = alembic_config(connection)
    if revision is None:
        if not inspect(connection).has_table("accounts"):
            metadata.create_all(connection)
            command.stamp(config, "head")
            return
        command.stamp(config, FIRST_REVISION)  # made by create_all before migrations
    command.upgrade(config, "head")
