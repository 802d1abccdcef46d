"""A read-only request over a SQLite file shared by processes (``--workers``): a read snapshot,
then a short write for its nonce, both on one connection (``Database.read_then_write``).

The other process is a plain ``sqlite3`` connection to the same file, as another worker's is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.service import Sandbox
from sqlalchemy import event

KEY = "demo-key"


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    return tmp_path / "emulator.sqlite3"


@pytest.fixture
def sandbox(config: EmulatorConfig, database_file: Path) -> Iterator[Sandbox]:
    instance = Sandbox(config, database_url=f"sqlite:///{database_file}", shared_by_processes=True)
    yield instance
    instance.close()


@pytest.fixture
def other_process(database_file: Path, sandbox: Sandbox) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database_file, isolation_level=None, timeout=10)
    yield connection
    connection.close()


def _stored_nonce(connection: sqlite3.Connection) -> int | None:
    row = connection.execute("SELECT last_nonce FROM api_keys WHERE api_key = ?", (KEY,)).fetchone()
    return None if row[0] is None else int(row[0])


def test_the_reading_is_a_snapshot_and_the_writing_commits(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    async def request() -> None:
        with sandbox.database.read_then_write() as unit:
            async with unit.reading():
                assert sandbox.last_nonce(KEY) is None
                other_process.execute("UPDATE api_keys SET last_nonce = 5")
                assert sandbox.last_nonce(KEY) is None  # still the snapshot's
            async with unit.writing():
                assert sandbox.last_nonce(KEY) == 5  # a new transaction sees the commit
                assert sandbox.accept_nonce(KEY, 6)
        assert _stored_nonce(other_process) == 6

    anyio.run(request)


def test_a_write_inside_the_reading_is_refused_and_changes_nothing(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    async def request() -> None:
        with sandbox.database.read_then_write() as unit:
            async with unit.reading():
                sandbox.accept_nonce(KEY, 7)

    with pytest.raises(RuntimeError, match="read-only unit"):
        anyio.run(request)
    assert _stored_nonce(other_process) is None


def test_the_writing_commits_also_when_its_block_raises(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """As in one transaction per request: a refused request still spends its nonce."""

    async def request() -> None:
        with sandbox.database.read_then_write() as unit:
            async with unit.writing():
                assert sandbox.accept_nonce(KEY, 8)
                raise LookupError("the handler's error, after the nonce")

    with pytest.raises(LookupError):
        anyio.run(request)
    assert _stored_nonce(other_process) == 8


def test_the_connection_is_left_with_no_transaction_open(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """``last_nonce`` runs through SQLAlchemy's ``Connection.execute``, which starts a
    transaction of SQLAlchemy's own inside the driver's; both end with the block, so the
    next request's BEGIN works and the other process can take the write lock."""

    async def request(nonce: int) -> None:
        with sandbox.database.read_then_write() as unit:
            async with unit.reading():
                sandbox.last_nonce(KEY)
            async with unit.writing():
                sandbox.last_nonce(KEY)
                assert sandbox.accept_nonce(KEY, nonce)

    for nonce in (10, 11, 12):
        anyio.run(request, nonce)
        other_process.execute("BEGIN IMMEDIATE")  # no lock left behind
        other_process.execute("COMMIT")
    assert _stored_nonce(other_process) == 12


def _count_checkouts(sandbox: Sandbox) -> list[object]:
    """The connections that requests over the shared file open, in order (their engine has
    no pool: each checkout is a new connection, each checkin closes one)."""
    checkouts: list[object] = []
    engine = sandbox.database._request_engine
    event.listen(engine.pool, "checkout", lambda driver, *_: checkouts.append(driver))
    return checkouts


def test_requests_keep_their_connection_for_the_next_one(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """A pool checkout per request cost about 30 us of a signed GET; a request that ended
    cleanly leaves its connection idle for the next, in ``read_then_write`` and in
    ``request_unit`` alike."""
    checkouts = _count_checkouts(sandbox)

    async def requests() -> None:
        for nonce in (30, 32, 34):
            with sandbox.database.read_then_write() as unit:
                async with unit.reading():
                    pass
                async with unit.writing():
                    assert sandbox.accept_nonce(KEY, nonce)
            async with sandbox.database.request_unit():
                assert sandbox.accept_nonce(KEY, nonce + 1)

    anyio.run(requests)
    assert len(checkouts) == 1
    assert _stored_nonce(other_process) == 35
    other_process.execute("BEGIN IMMEDIATE")  # the idle connection holds no lock
    other_process.execute("ROLLBACK")


def test_overlapping_requests_each_have_a_connection_of_their_own(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """Requests in one process overlap while one waits for a lock: two in flight use two
    connections (one connection cannot hold two transactions), and both are kept after."""
    checkouts = _count_checkouts(sandbox)

    async def requests() -> None:
        other_process.execute("BEGIN IMMEDIATE")  # the first request waits for this

        async def first() -> None:
            async with sandbox.database.request_unit():
                assert sandbox.accept_nonce(KEY, 50)

        async with anyio.create_task_group() as group:
            group.start_soon(first)
            await anyio.sleep(0.01)
            with sandbox.database.read_then_write() as unit:
                async with unit.reading():
                    assert sandbox.last_nonce(KEY) is None
            other_process.execute("COMMIT")
        with sandbox.database.read_then_write() as unit:
            async with unit.reading():
                assert sandbox.last_nonce(KEY) == 50

    anyio.run(requests)
    assert len(checkouts) == 2
    assert len(set(checkouts)) == 2


def test_a_connection_left_in_a_transaction_is_closed_not_kept(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """``last_nonce`` inside ``writing`` leaves a transaction of SQLAlchemy's own on the
    connection when the block ends: that connection is closed (rolled back on checkin) and
    the next request opens another."""
    checkouts = _count_checkouts(sandbox)
    closed: list[object] = []
    event.listen(
        sandbox.database._request_engine.pool, "checkin", lambda driver, *_: closed.append(driver)
    )

    async def request(nonce: int, *, through_sqlalchemy: bool) -> None:
        with sandbox.database.read_then_write() as unit:
            async with unit.writing():
                if through_sqlalchemy:
                    sandbox.last_nonce(KEY)
                assert sandbox.accept_nonce(KEY, nonce)

    anyio.run(lambda: request(60, through_sqlalchemy=False))
    assert (len(checkouts), len(closed)) == (1, 0)
    anyio.run(lambda: request(61, through_sqlalchemy=True))
    assert (len(checkouts), len(closed)) == (1, 1)
    anyio.run(lambda: request(62, through_sqlalchemy=False))
    assert len(checkouts) == 2
    assert _stored_nonce(other_process) == 62


def test_the_writing_waits_for_another_process_without_blocking_the_event_loop(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    ticks: list[float] = []

    async def request() -> None:
        other_process.execute("BEGIN IMMEDIATE")  # another worker holds the write lock

        async def tick() -> None:
            while True:
                ticks.append(anyio.current_time())
                await anyio.sleep(0.002)

        async def release() -> None:
            await anyio.sleep(0.05)
            other_process.execute("UPDATE api_keys SET last_nonce = 20")
            other_process.execute("COMMIT")

        async with anyio.create_task_group() as group:
            group.start_soon(tick)
            group.start_soon(release)
            with sandbox.database.read_then_write() as unit:
                async with unit.writing():
                    assert sandbox.last_nonce(KEY) == 20  # began after the other's commit
                    assert sandbox.accept_nonce(KEY, 21)
            group.cancel_scope.cancel()

    anyio.run(request)
    assert len(ticks) >= 10, ticks  # the loop ran while the write lock was waited for
    assert _stored_nonce(other_process) == 21


def test_a_busy_answer_is_retried_after_an_await_and_other_errors_are_not() -> None:
    """How both transactions wait (``store.database._without_blocking``): SQLite's "database
    is locked" is retried while the loop runs on; any other error is raised at once. A
    reader is refused only in rare cases (a process with the file in exclusive mode cannot
    even get that mode while another worker has it open), so this is tested here directly."""
    from bitexbit_emulator.store import database

    ticks: list[float] = []
    attempts: list[int] = []

    def busy_three_times() -> None:
        attempts.append(len(ticks))
        if len(attempts) <= 3:
            raise sqlite3.OperationalError("database is locked")

    def broken() -> None:
        raise sqlite3.OperationalError("no such table: wallets")

    async def run() -> None:
        async def tick() -> None:
            while True:
                ticks.append(anyio.current_time())
                await anyio.sleep(0)

        async with anyio.create_task_group() as group:
            group.start_soon(tick)
            await database._without_blocking(busy_three_times)
            with pytest.raises(sqlite3.OperationalError, match="no such table"):
                await database._without_blocking(broken)
            group.cancel_scope.cancel()

    anyio.run(run)
    assert len(attempts) == 4
    assert attempts == sorted(set(attempts)), attempts  # the loop ran between the attempts


def test_many_requests_waiting_for_the_write_lock_do_not_block_the_event_loop(
    sandbox: Sandbox, other_process: sqlite3.Connection
) -> None:
    """More requests waiting for another process's write lock than a connection pool holds
    (SQLAlchemy's default: 15): none may wait for a connection inside the event loop's
    thread, which would stop the loop, and so the other process's release, until the pool's
    30 s timeout."""
    count = 18

    async def requests() -> None:
        other_process.execute("BEGIN IMMEDIATE")
        done: list[int] = []

        async def request(nonce: int) -> None:
            async with sandbox.database.request_unit():
                sandbox.accept_nonce(KEY, nonce)  # the waiters take the lock in any order
            done.append(nonce)

        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                for nonce in range(1, count + 1):
                    group.start_soon(request, nonce * 1000)
                await anyio.sleep(0.05)
                other_process.execute("COMMIT")
        assert len(done) == count

    anyio.run(requests)
    assert _stored_nonce(other_process) == count * 1000  # the greatest, whoever came last
