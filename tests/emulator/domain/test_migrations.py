"""The migrations are the schema's history and ``store.tables`` its present: running every
revision on an empty database gives exactly the tables (Alembic's own comparison), on SQLite
and on PostgreSQL; a database made before migrations is upgraded in place, its data kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.store import migrate
from bitexbit_emulator.store.tables import metadata
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine

from tools.postgres_cluster import fresh_schema

from .helpers import DEMO, create_wallet


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/migrated.sqlite3"
    else:
        url = fresh_schema(request.getfixturevalue("postgres_database"))
    engine = create_engine(url)
    yield engine
    engine.dispose()


def _differences(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def test_every_revision_in_order_gives_exactly_the_tables(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    assert _differences(empty_engine) == []
    with empty_engine.begin() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        command.downgrade(migrate.alembic_config(connection), "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}


def test_a_fresh_database_is_created_at_head_in_one_go(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        migrate.upgrade(connection)
        assert migrate.current_revision(connection) == migrate.head_revision()
    assert _differences(empty_engine) == []


@pytest.mark.sqlite
def test_a_database_from_before_migrations_is_upgraded_with_its_data(
    tmp_path: Any, config: EmulatorConfig
) -> None:
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    engine = create_engine(url)
    with engine.begin() as connection:  # what create_all made before migrations: revision 0001
        command.upgrade(migrate.alembic_config(connection), migrate.FIRST_REVISION)
        connection.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    old = Sandbox(config, database_url=url)  # stamps 0001, then upgrades
    try:
        wallet = create_wallet(old)
    finally:
        old.close()

    reopened = Sandbox(config, database_url=url)
    try:
        with reopened.database.read() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            indexes = {index["name"] for index in inspect(connection).get_indexes("withdrawals")}
            assert "ix_withdrawals_account_created" in indexes
            addresses = select(metadata.tables["wallets"].c.address)
            assert connection.execute(addresses).scalars().all() == [wallet["address"]]
        assert reopened.list_wallets(DEMO).count == 1
    finally:
        reopened.close()
    assert _differences(create_engine(url)) == []


def test_existing_rows_are_numbered_per_account_in_id_order(empty_engine: Engine) -> None:
    """Revision 0006 (account_seq): rows of two accounts, interleaved, each get 1, 2, 3, ..."""
    with empty_engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0005")
        connection.execute(text("INSERT INTO accounts (id, name) VALUES (1, 'a'), (2, 'b')"))
        for number, account in enumerate((1, 2, 1, 1, 2, 1), start=1):
            connection.execute(
                text(
                    "INSERT INTO wallets (account_id, api_key, slug, address, ticker, network, "
                    "created_at) VALUES (:account, 'k', :slug, :slug, 'BTC', 'bitcoin', "
                    "'2026-01-01 00:00:00')"
                ),
                {"account": account, "slug": f"w{number}"},
            )
        command.upgrade(migrate.alembic_config(connection), "head")
        numbered = connection.execute(
            text("SELECT account_id, account_seq FROM wallets ORDER BY id")
        ).all()
    assert [tuple(row) for row in numbered] == [(1, 1), (2, 1), (1, 2), (1, 3), (2, 2), (1, 4)]
    assert _differences(empty_engine) == []
