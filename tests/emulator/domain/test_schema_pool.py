"""The PostgreSQL test pass reuses schemas (``tools.postgres_cluster.SchemaPool``): a schema is
handed to a later test emptied, as a new one would be, and only when nothing can still be
using it or have changed it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.service import Sandbox
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tools.postgres_cluster import SchemaPool, admin_connection

from .helpers import DEMO, create_wallet


@pytest.fixture
def pool(
    postgres_database: str,
    emulator_schema_shape: tuple[dict[str, int], dict[str, list[tuple[object, ...]]]],
) -> Iterator[SchemaPool]:
    made = SchemaPool(postgres_database, *emulator_schema_shape, lock_timeout_ms=100)
    yield made
    made.close()


def _used_sandbox(url: str) -> None:
    """A sandbox on ``url`` with a wallet in it, closed."""
    sandbox = Sandbox(EmulatorConfig.load(None), database_url=url)
    create_wallet(sandbox)
    sandbox.close()


def _schema(url: str) -> str:
    return str(make_url(url).query["application_name"])


def test_a_closed_sandboxs_schema_comes_back_empty_with_ids_from_one(pool: SchemaPool) -> None:
    url = pool.take()
    _used_sandbox(url)
    assert pool.give_back(url)
    again = pool.take()
    assert again == url
    sandbox = Sandbox(EmulatorConfig.load(None), database_url=again)
    try:
        assert sandbox.list_wallets(DEMO).count == 0
        assert [account["id"] for account in sandbox.accounts()][:1] == [DEMO]  # seeded again
        create_wallet(sandbox)
        with sandbox.database.read() as connection:
            ids = connection.execute(text("SELECT id FROM wallets")).scalars().all()
        assert ids == [1]  # identities restarted, as on a new schema
    finally:
        sandbox.close()
    assert pool.reused == 1


def test_a_schema_still_connected_to_is_left_as_it_is(pool: SchemaPool) -> None:
    url = pool.take()
    _used_sandbox(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:  # e.g. a wider fixture's sandbox, still open
            connection.execute(text("SELECT 1"))
            assert not pool.give_back(url)
    finally:
        engine.dispose()
    assert pool.take() != url
    assert pool.left == 1


def test_a_schema_whose_tables_changed_is_left_as_it_is(pool: SchemaPool) -> None:
    url = pool.take()
    _used_sandbox(url)
    with admin_connection(url) as admin:
        admin.execute(f"ALTER TABLE {_schema(url)}.wallets ADD COLUMN extra integer")
    assert not pool.give_back(url)
    assert pool.take() != url


def test_a_schema_at_another_revision_is_left_as_it_is(pool: SchemaPool) -> None:
    url = pool.take()
    _used_sandbox(url)
    with admin_connection(url) as admin:
        admin.execute(f"UPDATE {_schema(url)}.alembic_version SET version_num = '0001'")  # noqa: S608
    assert not pool.give_back(url)


def test_a_lock_held_by_an_unseen_session_is_waited_for_briefly_then_left(
    pool: SchemaPool,
) -> None:
    url = pool.take()
    _used_sandbox(url)
    # the holder has no application_name: the pool cannot see it as the schema's user
    with admin_connection(url) as holder, holder.transaction():
        holder.execute(f"LOCK TABLE {_schema(url)}.wallets IN ACCESS SHARE MODE")
        assert not pool.give_back(url)
        with admin_connection(url) as check:
            query = f"SELECT count(*) FROM {_schema(url)}.wallets"  # noqa: S608 - the pool's name
            rows = check.execute(query).fetchone()
    assert rows is not None
    assert rows[0] == 1  # nothing was emptied
    assert pool.left == 1
