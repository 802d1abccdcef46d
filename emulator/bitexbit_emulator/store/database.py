"""Engine setup and the two transaction shapes the sandbox uses (read, write).

SQLite: a file gets WAL + busy_timeout; ``sqlite://`` (memory) shares one connection through a
StaticPool. pysqlite's own BEGIN handling is replaced by an explicit ``BEGIN`` (reads) or
``BEGIN IMMEDIATE`` (writes), so a read-then-write transaction is really serializable even
across processes. In-process, SQLite work is also serialized by a lock (the shared in-memory
connection must never be used by two threads at once). On other databases, balance-changing
operations lock the account row (SELECT ... FOR UPDATE) instead.

The database holds API secrets, so a SQLite file is created readable by its owner only (0600,
and SQLite gives its -wal and -shm files the same mode), in a folder created 0700; an existing
file with wider permissions is narrowed to 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from bitexbit_emulator.store.tables import metadata

__all__ = ["Database", "inserted_id", "private_file"]

_WRITE_OPTION = "bitexbit_write"
_BUSY_TIMEOUT_MS = 10_000


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
    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_memory = self.is_sqlite and parsed.database in (None, "", ":memory:")
        if self.is_sqlite and not self.is_memory and parsed.database:
            private_file(Path(parsed.database))
        self.engine = _create_engine(url, is_sqlite=self.is_sqlite, is_memory=self.is_memory)
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if self.is_sqlite else contextlib.nullcontext()
        )

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the in-process lock across several transactions (used by reset)."""
        with self._lock:
            yield

    def create_schema(self) -> None:
        with self._lock:
            metadata.create_all(self.engine)

    def drop_schema(self) -> None:
        with self._lock:
            metadata.drop_all(self.engine)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (rolled back at the end)."""
        with self._lock, self.engine.connect() as connection, connection.begin() as transaction:
            yield connection
            transaction.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction that commits on success and rolls everything back on any error."""
        with self._lock, self.engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                yield connection

    def dispose(self) -> None:
        self.engine.dispose()


def _create_engine(url: str, *, is_sqlite: bool, is_memory: bool) -> Engine:
    if not is_sqlite:
        return create_engine(url, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"check_same_thread": False}
    if is_memory:
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        connect_args["timeout"] = _BUSY_TIMEOUT_MS / 1000
        engine = create_engine(url, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
            if not is_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT created."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT did not report a primary key")
    return int(key[0])
