"""SQLite units of work (``Database.unit_of_work``) run on one kept connection.

The in-process lock lets one unit run at a time, so the units share one connection instead of
checking one out of the pool each (which cost about 25 us of a signed GET). These tests hold
what that must not change: every unit commits, a unit whose block raises still commits what it
wrote before (a spent nonce), and a unit whose commit fails leaves nothing written and does not
break the units after it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bitexbit_emulator.store.database import Database
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import QueuePool

pytestmark = pytest.mark.sqlite  # about SQLite's unit connection (tests/conftest.py)


@pytest.fixture(params=["file", "memory"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'emulator.sqlite3'}" if request.param == "file" else "sqlite://"
    instance = Database(url)
    instance.create_schema()
    yield instance
    instance.dispose()


def _names(database: Database) -> list[str]:
    with database.read() as connection:
        return [row[0] for row in connection.execute(text("SELECT name FROM accounts ORDER BY id"))]


def _add_account(database: Database, name: str) -> None:
    with database.write() as connection:
        connection.execute(text("INSERT INTO accounts (name) VALUES (:name)"), {"name": name})


def test_units_from_two_threads_all_commit_on_one_connection(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'emulator.sqlite3'}")
    database.create_schema()
    try:

        def work(prefix: str) -> None:
            for number in range(150):
                with database.unit_of_work():
                    _add_account(database, f"{prefix}-{number}")

        threads = [threading.Thread(target=work, args=(prefix,)) for prefix in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # another process sees every unit's row: each one committed
        other = sqlite3.connect(tmp_path / "emulator.sqlite3")
        try:
            assert other.execute("SELECT count(*) FROM accounts").fetchone() == (300,)
        finally:
            other.close()
        pool = database.engine.pool
        assert isinstance(pool, QueuePool)
        assert pool.checkedout() == 1  # the kept one, not one per unit
    finally:
        database.dispose()


def test_a_unit_whose_block_raises_still_commits_what_it_wrote(database: Database) -> None:
    def refused_request() -> None:
        with database.unit_of_work():
            _add_account(database, "spent-nonce")
            raise LookupError("a refused request")

    with pytest.raises(LookupError):
        refused_request()
    with database.unit_of_work():
        _add_account(database, "next")
    assert _names(database) == ["spent-nonce", "next"]


@pytest.mark.parametrize("shape", ["unit_of_work", "write"])
def test_a_transaction_whose_commit_fails_writes_nothing_and_the_next_one_works(
    database: Database, shape: str
) -> None:
    """A deferred foreign key fails the COMMIT itself, which leaves SQLite's transaction open:
    the unit (or a lone ``write``) raises, its rows are gone, and the next transaction, on
    whichever connection it gets, begins and commits (it could not BEGIN before this was
    fixed: the pool took the connection back inside the failed transaction)."""

    def violate(connection: Connection) -> None:
        driver = connection.connection.dbapi_connection
        assert driver is not None
        driver.execute("PRAGMA defer_foreign_keys = ON")
        connection.execute(text("INSERT INTO accounts (name) VALUES ('lost')"))
        connection.execute(
            text(
                "INSERT INTO api_keys (api_key, secret, account_id, permissions)"
                " VALUES ('k', 's', 999, 'read')"
            )
        )

    def transaction() -> None:
        if shape == "unit_of_work":
            with database.unit_of_work(), database.atomic() as connection:
                violate(connection)
        else:
            with database.write() as connection:
                violate(connection)

    with pytest.raises(IntegrityError):
        transaction()
    assert _names(database) == []
    with database.unit_of_work():
        _add_account(database, "after")
    _add_account(database, "and-after")
    assert _names(database) == ["after", "and-after"]
