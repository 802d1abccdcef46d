"""A throwaway PostgreSQL cluster on loopback, for the tests and for trying a shared sandbox.

    uv run python -m tools.postgres_cluster      # start one, print its URL, stop on Ctrl+C

It runs the server binaries of the machine's PostgreSQL (Debian's ``postgresql`` package;
``.ci/run`` installs it when missing): ``initdb`` into a temporary folder, then ``pg_ctl``
with TCP on 127.0.0.1 only, a free port, the socket in that folder and ``trust`` for local
connections (nothing listens beyond loopback, and the folder is private). PostgreSQL refuses
to run as root, so under root the cluster runs as the ``postgres`` system user the package
creates. Written by hand, not with pytest-postgresql: that plugin cannot run as root, and the
multi-instance tests and the docs' example need the cluster outside pytest as well.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "PostgresCluster",
    "PostgresUnavailable",
    "SchemaPool",
    "admin_connection",
    "find_bindir",
    "fresh_schema",
]

_CANDIDATE_BINDIRS = ("/usr/lib/postgresql",)


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine (the message says how to get them)."""


def find_bindir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl`` (newest Debian version first)."""
    for name in ("pg_ctl", "initdb"):
        found = shutil.which(name)
        if found and (Path(found).resolve().parent / "initdb").exists():
            return Path(found).resolve().parent
    for root in _CANDIDATE_BINDIRS:
        versions = sorted(Path(root).glob("*/bin/initdb"), key=lambda p: p.parts[-3], reverse=True)
        if versions:
            return versions[0].parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (apt-get install postgresql, or put initdb on PATH)"
    )


_SCHEMAS = itertools.count(1)


def _schema_url(database_url: str, name: str) -> str:
    """``database_url`` with its connections on schema ``name``; they also carry the name as
    their ``application_name``, so the server can tell who still uses the schema."""
    from sqlalchemy.engine import make_url

    query = {"options": f"-csearch_path={name}", "application_name": name}
    return make_url(database_url).update_query_dict(query).render_as_string(hide_password=False)


def admin_connection(database_url: str) -> Any:
    """An autocommit psycopg connection to the database ``database_url`` (a SQLAlchemy URL)
    names, whatever schema options the URL carries."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    )


def fresh_schema(database_url: str) -> str:
    """A new, empty schema on ``database_url`` (a SQLAlchemy URL); returns a URL whose
    connections use it (``options=-csearch_path=...``): one database, many isolated sandboxes."""
    name = f"test_{os.getpid()}_{next(_SCHEMAS)}"
    with admin_connection(database_url) as connection:
        connection.execute(f"CREATE SCHEMA {name}")  # a name built here
    return _schema_url(database_url, name)


class SchemaPool:
    """Schemas on one database for tests that each want an empty sandbox: ``take`` one, and
    ``give_back`` it when the test is done, emptied, for a later ``take``.

    Creating a sandbox's tables is most of what a PostgreSQL test spends on its set-up (about
    130 ms: some 30 DDL statements and compiling them); emptying them again (``TRUNCATE ...
    RESTART IDENTITY``) costs about 25 ms, and a sandbox then finds its schema at the head
    revision and only seeds its accounts. A schema is handed back only if nothing can still be
    using it or have changed its shape; otherwise it is left as it is, as a schema of its own
    would have been:

    * no session of the cluster still uses it (its URL names it as ``application_name``);
    * its tables are exactly ``tables`` (name -> number of columns);
    * each table in ``kept`` holds exactly the rows given (the migration record); every other
      table is emptied, its identity sequences restarted, so ids start at 1 again.
    """

    def __init__(
        self,
        database_url: str,
        tables: Mapping[str, int],
        kept: Mapping[str, Sequence[tuple[object, ...]]],
        *,
        lock_timeout_ms: int = 2000,
    ) -> None:
        self._database_url = database_url
        self._tables = dict(tables)
        self._kept = {table: sorted(map(tuple, rows)) for table, rows in kept.items()}
        self._lock_timeout_ms = int(lock_timeout_ms)
        self._connection: Any = None
        self._handed: dict[str, str] = {}  # URL handed out -> its schema
        self._free: list[str] = []
        self.created = 0
        self.reused = 0
        self.left = 0

    def _admin(self) -> Any:
        if self._connection is None:
            self._connection = admin_connection(self._database_url)
            # a lock some test left behind must not hang the suite: give up and leave it
            self._connection.execute(f"SET lock_timeout = {self._lock_timeout_ms}")
        return self._connection

    def take(self) -> str:
        if self._free:
            name = self._free.pop()
            self.reused += 1
        else:
            name = f"pool_{os.getpid()}_{next(_SCHEMAS)}"
            self._admin().execute(f"CREATE SCHEMA {name}")  # a name built here
            self.created += 1
        url = _schema_url(self._database_url, name)
        self._handed[url] = name
        return url

    def give_back(self, url: str) -> bool:
        """Empty the schema behind ``url`` (from ``take``) for a later test; False when it
        was left as it is (see the class docstring)."""
        name = self._handed.pop(url, None)
        if name is None:
            return False
        if self._in_use(name) or not self._is_as_expected(name):
            self.left += 1
            return False
        import psycopg

        emptied = sorted(set(self._tables) - set(self._kept))
        try:
            self._admin().execute(
                f"TRUNCATE {', '.join(f'{name}.{table}' for table in emptied)} RESTART IDENTITY"
            )
        except psycopg.Error:  # a lock timeout (a session we could not see), or another error
            self.left += 1
            return False
        self._free.append(name)
        return True

    def _in_use(self, name: str) -> bool:
        # a connection closed a moment ago may still be listed while its backend exits
        for _ in range(20):
            row = (
                self._admin()
                .execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
                )
                .fetchone()
            )
            if not row[0]:
                return False
            time.sleep(0.005)
        return True

    def _is_as_expected(self, name: str) -> bool:
        shape = dict(
            self._admin()
            .execute(
                "SELECT c.relname, count(a.attnum) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " LEFT JOIN pg_attribute a"
                " ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                " WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                " GROUP BY c.relname",
                (name,),
            )
            .fetchall()
        )
        if shape != self._tables:
            return False
        for table, rows in self._kept.items():
            query = f"SELECT * FROM {name}.{table}"  # noqa: S608 - the pool's and caller's names
            found = self._admin().execute(query).fetchall()
            if sorted(map(tuple, found)) != rows:
                return False
        return True

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """``start()`` a fresh cluster, ``url(database)`` to reach it, ``stop()`` to remove it."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.port = _free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="bitexbit-pg-"))
        self.data = self.directory / "data"
        self._user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self._user = pwd.getpwnam("postgres")
            except KeyError as error:
                raise PostgresUnavailable(
                    "running as root needs the 'postgres' system user (the Debian package adds it)"
                ) from error
            os.chown(self.directory, self._user.pw_uid, self._user.pw_gid)
        os.chmod(self.directory, 0o700)
        self.role = self._user.pw_name if self._user else pwd.getpwuid(os.geteuid()).pw_name

    def _run(self, *command: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", self._user.pw_name, "--"] if self._user else []
        completed = subprocess.run(  # noqa: S603 - the cluster's own binaries, built paths
            [*prefix, *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=self.directory,
        )
        if completed.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(command[0]).name} failed: {completed.stderr or completed.stdout}"
            )

    def start(self) -> PostgresCluster:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "--auth=trust",
            "--encoding=UTF8",
            "--no-instructions",
            "-U",
            self.role,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory}"
            " -c fsync=off -c max_connections=300 -c shared_buffers=64MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.directory / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return self
            time.sleep(0.1)
        raise PostgresUnavailable("the server did not accept connections within 30 s")

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL (psycopg 3 driver) for ``database`` on this cluster."""
        return f"postgresql+psycopg://{self.role}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with admin_connection(self.url()) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # test-chosen names only
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    @classmethod
    @contextlib.contextmanager
    def running(cls) -> Iterator[PostgresCluster]:
        cluster = cls().start()
        try:
            yield cluster
        finally:
            cluster.stop()


if __name__ == "__main__":
    with PostgresCluster.running() as cluster:
        print(cluster.url(), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
