"""Engine setup and the two transaction shapes the sandbox uses (read, write).

SQLite: a file gets WAL + busy_timeout; ``sqlite://`` (memory) shares one connection through a
StaticPool. pysqlite's own BEGIN handling is replaced by an explicit ``BEGIN`` (reads) or
``BEGIN IMMEDIATE`` (writes), so a read-then-write transaction is really serializable even
across processes. In-process, SQLite work is also serialized by a lock (the shared in-memory
connection must never be used by two threads at once). On other databases, balance-changing
operations lock the account row (SELECT ... FOR UPDATE) instead.

``unit_of_work`` makes one request one transaction: inside it, ``read`` reuses the open
connection and ``write`` runs in a SAVEPOINT on it, so a failed step rolls back only its own
writes while the steps before it (a consumed nonce) still commit when the unit ends. A signed
request then costs one transaction instead of three (find the key, store the nonce, serve).
On SQLite the units, one at a time under the lock, share one kept connection.
When other processes share a SQLite file, a read-only request instead runs a read snapshot and
then a short write for its nonce, both on one connection (``read_then_write``); such requests
may overlap in one process (each waits for SQLite's locks with an ``await``), so they take
their connections from a small list of idle ones the database keeps, not from the pool.

The database holds API secrets, so a SQLite file is created readable by its owner only (0600,
and SQLite gives its -wal and -shm files the same mode), in a folder created 0700; an existing
file with wider permissions is narrowed to 0600.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import os
import sqlite3
import stat
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    RootTransaction,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool, StaticPool

from bitexbit_emulator.store import migrate
from bitexbit_emulator.store.tables import metadata

__all__ = ["Database", "ReadThenWrite", "inserted_id", "private_file"]

_WRITE_OPTION = "bitexbit_write"
_BEGUN_OPTION = "bitexbit_begun"  # BEGIN IMMEDIATE was sent on the driver already
_BUSY_TIMEOUT_MS = 10_000
_IDLE_REQUEST_CONNECTIONS = 16  # kept for requests over a shared file (see _request_connection)
_SAVEPOINTS = itertools.count(1)


def private_file(path: Path) -> None:
    """Create `path` (and missing parent folders) readable by its owner only."""
    missing = [parent for parent in reversed(path.parents) if not parent.exists()]
    for folder in missing:
        folder.mkdir(mode=0o700)
        os.chmod(folder, stat.S_IRWXU)  # the mode argument is filtered by the umask
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    if stat.S_IMODE(path.stat().st_mode) & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


class Database:
    def __init__(self, url: str, *, shared_by_processes: bool = False) -> None:
        self.url = url
        self.shared_by_processes = shared_by_processes
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_memory = self.is_sqlite and parsed.database in (None, "", ":memory:")
        if self.is_sqlite and not self.is_memory and parsed.database:
            private_file(Path(parsed.database))
        self.engine = _create_engine(url, is_sqlite=self.is_sqlite, is_memory=self.is_memory)
        # Requests over a file other processes share never wait inside SQLite: their
        # connections have no busy timeout, and each wait is an ``await`` (see request_unit).
        # Nor do they wait for a connection: the idle ones are kept here, not in a pool that
        # would make the 16th request waiting for a lock wait in the loop's thread for a
        # connection (see _request_connection).
        self._request_engine = (
            _create_engine(url, is_sqlite=True, is_memory=False, busy_timeout_ms=0, pooled=False)
            if shared_by_processes and self.is_sqlite and not self.is_memory
            else self.engine
        )
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if self.is_sqlite else contextlib.nullcontext()
        )
        self._unit: contextvars.ContextVar[Connection | None] = contextvars.ContextVar(
            f"bitexbit_unit_of_work_{id(self)}", default=None
        )
        self._unit_reads_only: contextvars.ContextVar[bool] = contextvars.ContextVar(
            f"bitexbit_unit_reads_only_{id(self)}", default=False
        )
        self._kept_connection: Connection | None = None  # see _unit_connection
        self._kept_busy = False
        self._idle_request_connections: list[Connection] = []  # see _request_connection

    @contextlib.contextmanager
    def _bound(
        self,
        connection: Connection,
        transaction: RootTransaction | None,
        *,
        reads_only: bool = False,
    ) -> Iterator[None]:
        """Make ``connection`` the unit's for the block; commit ``transaction`` at its end, also
        when it raises (each ``write`` inside already rolled back its own part)."""
        token = self._unit.set(connection)
        reads_token = self._unit_reads_only.set(reads_only)
        try:
            yield
        finally:
            self._unit_reads_only.reset(reads_token)
            self._unit.reset(token)
            if transaction is not None and transaction.is_active:
                transaction.commit()

    def _unit_for_writing(self) -> Connection | None:
        unit = self._unit.get()
        if unit is not None and self._unit_reads_only.get():
            raise RuntimeError("a write inside a read-only unit (see ReadThenWrite.reading)")
        return unit

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """One write transaction for every ``read`` and ``write`` inside; it commits when the
        block ends, also when it raises (each ``write`` inside already rolled back its own
        part). The block must not await anything that lets another request run."""
        if self._unit.get() is not None:
            yield
            return
        if not self.is_sqlite:
            with self.engine.connect() as connection:
                connection.execution_options(**{_WRITE_OPTION: True})
                with self._bound(connection, connection.begin()):
                    yield
            return
        with self._lock:
            connection = self._unit_connection()
            try:
                with self._bound(connection, connection.begin()):
                    yield
            finally:
                self._give_back_unit_connection(connection)

    def _unit_connection(self) -> Connection:
        """The connection SQLite units run on, checked out of the pool once and kept: the
        in-process lock lets one unit run at a time anyway, and a checkout per unit (with the
        pool's reset on return) made an empty unit cost 38-43 us instead of 15-16. Called under
        the lock; a unit that starts while the kept one is busy (only a nested unit of another
        context on the same thread) gets a pooled connection of its own, as before."""
        kept = self._kept_connection
        if kept is not None and not self._kept_busy:
            self._kept_busy = True
            return kept
        connection = self.engine.connect()
        connection.execution_options(**{_WRITE_OPTION: True})
        if kept is None:
            self._kept_connection, self._kept_busy = connection, True
        return connection

    def _give_back_unit_connection(self, connection: Connection) -> None:
        """Called under the lock when a unit ends. The kept connection is kept only if its
        unit ended cleanly: not invalidated, and no transaction left open, neither
        SQLAlchemy's nor SQLite's (a COMMIT that fails on a deferred constraint leaves SQLite's
        open). Otherwise it is closed, and the next unit takes a new one."""
        if connection is not self._kept_connection:
            connection.close()
            return
        self._kept_busy = False
        if not _ended_cleanly(connection):
            self._kept_connection = None
            connection.close()  # the pool's checkin rolls back what is left (_create_engine)

    def _request_connection(self) -> Connection:
        """A connection for one request over a file other processes share (``request_unit``,
        ``read_then_write``): an idle one kept from an earlier request, or a new one. Checking
        out and returning a pooled connection per request (with the pool's reset) cost about
        30 us of a signed GET's 330. Such requests run on the event loop's thread and may
        overlap (each waits for SQLite's locks with an ``await``), so each takes a connection
        of its own, never waiting for one: as many are open as requests are in flight, and up
        to ``_IDLE_REQUEST_CONNECTIONS`` stay open when idle. ``list.pop`` and ``append`` are
        atomic."""
        try:
            return self._idle_request_connections.pop()
        except IndexError:
            connection = self._request_engine.connect()
            # BEGIN is sent on the driver (see request_unit, ReadThenWrite); SQLAlchemy must
            # not send its own
            connection.execution_options(**{_WRITE_OPTION: True, _BEGUN_OPTION: True})
            return connection

    def _give_back_request_connection(self, connection: Connection) -> None:
        """Keep the connection for the next request if its request ended cleanly (as for
        ``_give_back_unit_connection``) and fewer than ``_IDLE_REQUEST_CONNECTIONS`` are
        idle; otherwise close it."""
        idle = self._idle_request_connections
        if _ended_cleanly(connection) and len(idle) < _IDLE_REQUEST_CONNECTIONS:
            idle.append(connection)
        else:
            connection.close()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the in-process lock across several transactions (used by reset)."""
        with self._lock:
            yield

    @contextlib.asynccontextmanager
    async def request_unit(self) -> AsyncIterator[None]:
        """``unit_of_work`` for one HTTP request.

        When other processes share the database (``--workers``), waiting for SQLite's write
        lock must not block the event loop: the connection comes from a pool with no busy
        timeout, and ``BEGIN IMMEDIATE`` is retried after an ``await`` while another process
        holds the lock (0.5 ms, doubling to 5 ms, for up to the busy timeout). Within one
        process nothing can hold the lock at that moment: a unit, once begun, runs to its commit
        without awaiting.
        """
        if not (self.shared_by_processes and self.is_sqlite) or self._unit.get() is not None:
            with self.unit_of_work():
                yield
            return
        connection = self._request_connection()
        try:
            await _begin_immediate_without_blocking(connection.connection.dbapi_connection)
            with self._bound(connection, connection.begin()):  # BEGIN IMMEDIATE already sent
                yield
        finally:
            self._give_back_request_connection(connection)

    @contextlib.contextmanager
    def read_then_write(self) -> Iterator[ReadThenWrite]:
        """One pooled connection for the two transactions of a read-only request when other
        processes share the SQLite file (``--workers``): a read snapshot, then a short write
        for the nonce (see ``ReadThenWrite``). Readers then do not queue behind one another
        for the single write lock; each holds it only for its nonce."""
        if not self.is_sqlite or self._unit.get() is not None:
            raise RuntimeError("read_then_write is for SQLite, outside any other unit")
        connection = self._request_connection()
        try:
            yield ReadThenWrite(self, connection)
        finally:
            self._give_back_request_connection(connection)

    def create_schema(self) -> None:
        """Create or upgrade the schema to the newest migration (``store.migrate``), in one
        write transaction."""
        with self._lock, self.engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                migrate.upgrade(connection)

    def drop_schema(self) -> None:
        """Drop every table, the migration record included."""
        with self._lock, self.engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                metadata.drop_all(connection)
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (rolled back at the end), or the unit of work's connection."""
        unit = self._unit.get()
        if unit is not None:
            yield unit
            return
        with self._lock, self.engine.connect() as connection, connection.begin() as transaction:
            yield connection
            transaction.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction that commits on success and rolls everything back on any error;
        inside a unit of work, a SAVEPOINT with the same promise for its own part."""
        unit = self._unit_for_writing()
        if unit is not None:
            if not self.is_sqlite:
                with unit.begin_nested():
                    yield unit
                return
            # the SAVEPOINT straight on the driver: this runs in every write request
            driver: Any = unit.connection.dbapi_connection
            name = f"bitexbit_step_{next(_SAVEPOINTS)}"
            driver.execute(f"SAVEPOINT {name}")
            try:
                yield unit
            except BaseException:
                driver.execute(f"ROLLBACK TO {name}")
                driver.execute(f"RELEASE {name}")
                raise
            driver.execute(f"RELEASE {name}")
            return
        with self._lock, self.engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Connection]:
        """For one data-changing statement, atomic by itself: inside a unit of work, the unit's
        connection with no SAVEPOINT around it (a failed statement changes nothing); outside,
        its own write transaction."""
        unit = self._unit_for_writing()
        if unit is not None:
            yield unit
            return
        with self.write() as connection:
            yield connection

    def dispose(self) -> None:
        with self._lock:
            kept, self._kept_connection = self._kept_connection, None
            if kept is not None:
                kept.close()
            idle, self._idle_request_connections = self._idle_request_connections, []
            for connection in idle:
                connection.close()
        self.engine.dispose()
        if self._request_engine is not self.engine:
            self._request_engine.dispose()


class ReadThenWrite:
    """The two transactions of a read-only request on one connection, sent straight to the
    SQLite driver.

    Through SQLAlchemy's ``Connection`` the nonce's write alone cost about 190 us of CPU (check
    out a connection, set its options, begin, commit, return it), against about 25 us in the
    driver; sharing the read's connection and sending BEGIN/COMMIT/ROLLBACK on the driver cut
    the read path's two transactions from about 500 to about 340 us, what one transaction
    costs (measured in one process, no contention). A statement that goes through
    ``Connection.execute`` still works inside: SQLAlchemy then books a transaction of its own
    (without sending BEGIN, see ``_BEGUN_OPTION``), which ends when ``read_then_write`` closes
    the connection instead of keeping it, with a rollback the driver ignores (no transaction is
    open by then).
    """

    def __init__(self, database: Database, connection: Connection) -> None:
        self._database = database
        self._connection = connection
        driver: Any = connection.connection.dbapi_connection
        self._driver = driver

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[None]:
        """A read snapshot (``BEGIN``, no write lock), rolled back at the end; a ``write``
        inside is an error. The snapshot is taken at once, and while another process keeps
        it from being taken (SQLite answers busy to a reader only in rare cases: a process
        with the file in exclusive mode, a recovery) it is retried after an ``await``; once
        taken, nothing inside waits."""
        database = self._database
        await _begin_read_without_blocking(self._driver)
        try:
            with database._lock, database._bound(self._connection, None, reads_only=True):
                yield
        finally:
            self._driver.execute("ROLLBACK")

    @contextlib.asynccontextmanager
    async def writing(self) -> AsyncIterator[None]:
        """A write transaction (``BEGIN IMMEDIATE``, waited for without blocking the event
        loop, as in ``Database.request_unit``), committed at the end, also when the block
        raises (each ``write`` inside already rolled back its own part)."""
        await _begin_immediate_without_blocking(self._driver)
        try:
            with self._database._bound(self._connection, None):
                yield
        finally:
            self._driver.execute("COMMIT")


def _ended_cleanly(connection: Connection) -> bool:
    """Whether the connection's work left nothing behind: not invalidated, and no transaction
    open, neither SQLAlchemy's nor SQLite's (a COMMIT that fails on a deferred constraint
    leaves SQLite's open)."""
    if connection.invalidated or connection.in_transaction():
        return False
    driver: Any = connection.connection.dbapi_connection
    return driver is not None and not driver.in_transaction


def _create_engine(
    url: str,
    *,
    is_sqlite: bool,
    is_memory: bool,
    busy_timeout_ms: int = _BUSY_TIMEOUT_MS,
    pooled: bool = True,
) -> Engine:
    """``pooled=False``: every ``connect`` opens a connection and ``close`` closes it (the
    caller keeps its idle ones itself)."""
    if not is_sqlite:
        return create_engine(url, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"check_same_thread": False}
    if is_memory:
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        connect_args["timeout"] = busy_timeout_ms / 1000
        engine = create_engine(
            url, connect_args=connect_args, **({} if pooled else {"poolclass": NullPool})
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
            if not is_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(dbapi_connection: Any, _record: Any) -> None:
        # A COMMIT that fails (a deferred constraint, a full disk) leaves SQLite's transaction
        # open, and SQLAlchemy, which counts it as ended, skips the pool's reset: without this
        # the connection's next user could not BEGIN, or would commit the failed writes.
        if dbapi_connection is not None and dbapi_connection.in_transaction:
            dbapi_connection.rollback()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # straight on the driver: this runs once per transaction (see store.statements)
        driver = connection.connection.dbapi_connection
        assert driver is not None
        options = connection.get_execution_options()
        if options.get(_BEGUN_OPTION):
            return
        if options.get(_WRITE_OPTION):
            driver.execute("BEGIN IMMEDIATE")
        else:
            driver.execute("BEGIN")

    return engine


async def _begin_immediate_without_blocking(driver: Any) -> None:
    """``BEGIN IMMEDIATE`` on a connection with no busy timeout, retried after an ``await``
    while another process holds the write lock, for up to the busy timeout."""
    await _without_blocking(lambda: driver.execute("BEGIN IMMEDIATE"))


async def _begin_read_without_blocking(driver: Any) -> None:
    """``BEGIN`` and take the snapshot at once (the first read does), on a connection with no
    busy timeout, retried after an ``await`` while another process keeps it from being taken."""

    def begin() -> None:
        driver.execute("BEGIN")
        try:
            driver.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except BaseException:
            driver.execute("ROLLBACK")
            raise

    await _without_blocking(begin)


async def _without_blocking(attempt: Callable[[], None]) -> None:
    delay, waited = 0.0005, 0.0
    while True:
        try:
            attempt()
            return
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or waited >= _BUSY_TIMEOUT_MS / 1000:
                raise
        await anyio.sleep(delay)
        waited += delay
        delay = min(delay * 2, 0.005)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT created."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT did not report a primary key")
    return int(key[0])
