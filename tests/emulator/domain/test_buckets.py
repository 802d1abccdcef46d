"""Rate-limit buckets in the database: two instances (two ``Database`` objects, two engines, as
two processes have) on one database share one limit, on SQLite and on PostgreSQL; the in-process
bucket and the database bucket agree on every decision of one random sequence."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from bitexbit_emulator.http.ratelimit import TokenBucketLimiter
from bitexbit_emulator.store.buckets import DatabaseBuckets
from bitexbit_emulator.store.database import Database

from tools.postgres_cluster import fresh_schema


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/buckets.sqlite3"
    return fresh_schema(request.getfixturevalue("postgres_database"))


@pytest.fixture
def two_instances(database_url: str) -> Iterator[tuple[Database, Database]]:
    first = Database(database_url, shared_by_processes=True)
    first.create_schema()
    second = Database(database_url, shared_by_processes=True)
    yield first, second
    first.dispose()
    second.dispose()


def test_two_instances_share_one_account_limit(two_instances: tuple[Database, Database]) -> None:
    clock = Clock()
    a, b = (DatabaseBuckets(db, "account", 2, 1.0, clock) for db in two_instances)
    assert a.acquire("7") == 0.0
    assert b.acquire("7") == 0.0
    assert a.acquire("7") == pytest.approx(0.5)  # both tokens gone, whichever instance asks
    assert b.acquire("7") == pytest.approx(0.5)
    assert b.acquire("8") == 0.0  # another account has its own bucket
    clock.now += 0.5
    assert b.acquire("7") == 0.0
    assert a.acquire("7") > 0
    a.reset()
    assert b.acquire("7") == 0.0


def test_the_database_bucket_decides_as_the_in_process_one(
    two_instances: tuple[Database, Database],
) -> None:
    clock = Clock()
    shared = [DatabaseBuckets(db, "ip", 3, 2.0, clock) for db in two_instances]
    local = TokenBucketLimiter(3, 2.0, clock)
    chance = random.Random(20261201)
    for step in range(300):
        clock.now += chance.choice((0.0, 0.0, 0.05, 0.2, 0.7, 1.5))
        caller = chance.choice(("10.0.0.1", "10.0.0.2"))
        expected = local.acquire(caller)
        got = shared[step % 2].acquire(caller)
        assert got == pytest.approx(expected, abs=1e-9), step


def test_a_clock_going_back_grants_nothing_extra(two_instances: tuple[Database, Database]) -> None:
    clock = Clock()
    bucket = DatabaseBuckets(two_instances[0], "account", 1, 1.0, clock)
    assert bucket.acquire("1") == 0.0
    clock.now -= 30  # another instance's clock is behind
    assert bucket.acquire("1") > 0


class _TakeThenInterleave:
    """A connection on which ``between`` runs right after the first take found no bucket row:
    another instance's first request, committed while this one is between its statements."""

    def __init__(self, connection: Any, take: Any, between: Callable[[], None]) -> None:
        self._connection = connection
        self._take = take
        self._between: Callable[[], None] | None = between

    def execute(self, statement: Any, *arguments: Any) -> Any:
        result = self._connection.execute(statement, *arguments)
        if statement is self._take and self._between is not None and result.rowcount == 0:
            between, self._between = self._between, None
            between()
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_a_bucket_made_by_another_instance_meanwhile_is_taken_from_not_skipped(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first requests of one account on two instances at once (PostgreSQL, where they
    interleave): one finds no bucket, the other creates it, and the first must then take a
    token from it. Seen in the shared-sandbox test as three grants within 60 ms for a limit
    of 2 per second."""
    url = fresh_schema(postgres_database)
    first, second = Database(url, shared_by_processes=True), Database(url, shared_by_processes=True)
    first.create_schema()
    try:
        clock = Clock()
        a, b = (DatabaseBuckets(db, "account", 2, 1.0, clock) for db in (first, second))
        granted_meanwhile: list[float] = []
        atomic = first.atomic

        @contextlib.contextmanager
        def interleaved() -> Iterator[Any]:
            with atomic() as connection:
                yield _TakeThenInterleave(
                    connection, a._take, lambda: granted_meanwhile.append(b.acquire("7"))
                )

        monkeypatch.setattr(first, "atomic", interleaved)
        assert a.acquire("7") == 0.0
        assert granted_meanwhile == [0.0]  # the other instance's first request, which made it
        monkeypatch.undo()
        assert b.acquire("7") == pytest.approx(0.5)  # both tokens gone: the third waits
        assert a.acquire("7") == pytest.approx(0.5)
    finally:
        first.dispose()
        second.dispose()
