"""Namespaces: many isolated sandboxes inside one emulator (one per team, CI job or test).

A namespace has everything a sandbox has (accounts and keys seeded from the configuration,
balances, nonces, histories, callbacks, rate-limit counters, transition mode) and shares none
of it. Where its state lives follows the root database:

* PostgreSQL: a schema ``ns_<name>`` in the same database (connections select it with
  ``search_path``), so every emulator instance on that database serves every namespace (the
  schema and the name are SQL-safe: the name must match the control spec's pattern);
* a SQLite file: a sibling file ``<file>.ns_<name>.sqlite3``;
* in-memory SQLite: a separate in-memory database, in this process only.

The registry (which namespaces exist) is the root database's ``namespaces`` table. Each
instance keeps a `Sandbox` open per registered namespace and aligns that set with the table in
`sync`, which the background loop runs every second and a request for an unknown name runs at
once: a namespace created through one instance is served by another immediately, and one
deleted through one instance stops being served by the others within a second (a request in
that second may fail; delete a namespace when its users are done with it).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from bitexbit_emulator.domain.clock import format_datetime
from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.service import Sandbox
from bitexbit_emulator.specs import CONTROL_SPEC, load_spec
from bitexbit_emulator.store.tables import namespaces as namespaces_table

__all__ = ["NAME_PATTERN", "PATH_PREFIX", "NamespaceRegistry", "namespace_url"]

_DROP_TRIES = 5
_DEADLOCK_DETECTED = "40P01"  # PostgreSQL's SQLSTATE

NAME_PATTERN = re.compile(
    load_spec(CONTROL_SPEC)["components"]["schemas"]["NamespaceName"]["pattern"]
)
"""The control spec's ``NamespaceName``: also the schema name's suffix, so SQL-safe."""
PATH_PREFIX = "/ns"


_SEARCH_PATH = re.compile(r"-c\s*search_path=([a-z0-9_]+)")


def _schema(root_url: str, name: str) -> str:
    """``ns_<name>``, or ``<root schema>_ns_<name>`` when the root sandbox itself lives in a
    schema of its own (``options=-csearch_path=...``), so two sandboxes sharing one database
    never share a namespace."""
    options = make_url(root_url).query.get("options")
    found = _SEARCH_PATH.search(options if isinstance(options, str) else "")
    return f"{found.group(1)}_ns_{name}" if found else f"ns_{name}"


def namespace_url(root_url: str, name: str) -> str:
    """The database URL of namespace ``name`` of the sandbox on ``root_url``."""
    url = make_url(root_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        schema = _schema(root_url, name)
        return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            return "sqlite://"
        path = Path(url.database)
        sibling = path.with_name(f"{path.name}.ns_{name}.sqlite3")
        return url.set(database=str(sibling)).render_as_string(hide_password=False)
    raise ValueError(f"namespaces need PostgreSQL or SQLite, not {backend}")


class NamespaceRegistry:
    """The namespaces of the sandbox ``root``, and one open `Sandbox` per namespace."""

    def __init__(self, root: Sandbox, open_sandbox: Callable[[str], Sandbox] | None = None) -> None:
        self.root = root
        self._open_sandbox = open_sandbox or (
            lambda url: Sandbox(root.config, database_url=url, clock=root.clock)
        )
        self._open: dict[str, Sandbox] = {}
        self._rate_limits: dict[str, bool | None] = {}
        self._lock = threading.RLock()

    def _check_name(self, name: object) -> str:
        if not isinstance(name, str) or NAME_PATTERN.fullmatch(name) is None:
            raise ValidationFailed.field(
                "name", "Lower-case letters, digits and underscores, at most 40 characters."
            )
        return name

    def _presented(
        self, name: str, created_at: object, rate_limits: bool | None
    ) -> dict[str, object]:
        prefix = f"{PATH_PREFIX}/{name}"
        shown: dict[str, object] = {
            "name": name,
            "created_at": format_datetime(created_at),  # type: ignore[arg-type]
            "gateway_path": f"{prefix}/api/gateway",
            "control_path": f"{prefix}/_emulator",
        }
        if rate_limits is not None:
            shown["rate_limits"] = rate_limits
        return shown

    def describe(self) -> list[dict[str, object]]:
        with self.root.database.read() as connection:
            rows = connection.execute(
                select(namespaces_table)
                .where(namespaces_table.c.ready.is_(True))
                .order_by(namespaces_table.c.created_at, namespaces_table.c.name)
            ).all()
        return [self._presented(row.name, row.created_at, row.rate_limits) for row in rows]

    def registered(self) -> dict[str, bool | None]:
        """The namespaces ready to serve, each with its rate-limit setting."""
        columns = (namespaces_table.c.name, namespaces_table.c.rate_limits)
        with self.root.database.read() as connection:
            rows = connection.execute(select(*columns).where(namespaces_table.c.ready.is_(True)))
            return {row.name: row.rate_limits for row in rows}

    def rate_limits_of(self, name: str) -> bool | None:
        """Whether namespace ``name`` enforces rate limits (None: as the emulator does)."""
        with self._lock:
            return self._rate_limits.get(name)

    def create(self, name: object, rate_limits: object = None) -> dict[str, object]:
        """Register ``name``, make its storage and seed it (409 if it exists).

        The registry row is committed first, not ready: it claims the name (a second creator
        gets the primary-key conflict), and other instances do not open the namespace until
        its creator has made the storage, migrated and seeded it and marked it ready."""
        checked = self._check_name(name)
        if rate_limits is not None and not isinstance(rate_limits, bool):
            raise ValidationFailed.field("rate_limits", "true or false.")
        now = self.root.clock.now()
        try:
            with self.root.database.write() as connection:
                connection.execute(
                    insert(namespaces_table).values(
                        name=checked, created_at=now, ready=False, rate_limits=rate_limits
                    )
                )
        except IntegrityError:
            raise Conflict(f"Namespace {checked} already exists.") from None
        try:
            self._remove_storage(checked, recreate=True)  # anything a wiped registry left
            sandbox = self._open_sandbox(self.url_of(checked))  # migrates and seeds
            with self.root.database.write() as connection:
                connection.execute(
                    update(namespaces_table)
                    .where(namespaces_table.c.name == checked)
                    .values(ready=True)
                )
        except BaseException:
            with self.root.database.write() as connection:
                connection.execute(
                    delete(namespaces_table).where(namespaces_table.c.name == checked)
                )
            raise
        with self._lock:
            self._open[checked] = sandbox
            self._rate_limits[checked] = rate_limits
        return self._presented(checked, now, rate_limits)

    def delete(self, name: str) -> None:
        """Unregister ``name`` and remove all its state (404 if there is no such namespace)."""
        checked = self._check_name(name)
        with self.root.database.write() as connection:
            gone = connection.execute(
                delete(namespaces_table).where(namespaces_table.c.name == checked)
            ).rowcount
        if not gone:
            raise NotFound(f"No namespace {checked}.")
        with self._lock:
            sandbox = self._open.pop(checked, None)
            self._rate_limits.pop(checked, None)
        if sandbox is not None:
            sandbox.close()
        self._remove_storage(checked)

    def _remove_storage(self, name: str, *, recreate: bool = False) -> None:
        """Drop the namespace's schema or files; ``recreate``: an empty schema in their place
        (PostgreSQL; a SQLite file is made when its sandbox opens)."""
        database = self.root.database
        if not database.is_sqlite:
            schema = self._schema_of(name)
            # Another instance's background tick may be inside this schema (it has not seen the
            # registry change yet): DROP ... CASCADE locks table after table and can deadlock
            # with it. PostgreSQL then aborts one side; the tick retries on its own, and so
            # does this, once the tick's transaction has ended.
            for attempt in range(1, _DROP_TRIES + 1):
                try:
                    with database.write() as connection:
                        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                        if recreate:
                            connection.execute(text(f"CREATE SCHEMA {schema}"))
                    return
                except OperationalError as error:
                    if _sqlstate(error) != _DEADLOCK_DETECTED or attempt == _DROP_TRIES:
                        raise
                    time.sleep(0.05 * attempt)
        database_path = make_url(self.url_of(name)).database
        if database_path:
            for suffix in ("", "-wal", "-shm"):
                Path(database_path + suffix).unlink(missing_ok=True)

    def _schema_of(self, name: str) -> str:
        return _schema(self.root.database.url, name)

    def url_of(self, name: str) -> str:
        return namespace_url(self.root.database.url, name)

    def get(self, name: str) -> Sandbox | None:
        """The open sandbox of ``name``; a name this instance does not know yet is looked up in
        the registry first (another instance may have just created it)."""
        with self._lock:
            sandbox = self._open.get(name)
        if sandbox is None and NAME_PATTERN.fullmatch(name):
            self.sync()
            with self._lock:
                sandbox = self._open.get(name)
        return sandbox

    def open_sandboxes(self) -> list[Sandbox]:
        with self._lock:
            return list(self._open.values())

    def sync(self) -> None:
        """Open a sandbox for each registered namespace; close those no longer registered."""
        registered = self.registered()
        with self._lock:
            self._rate_limits = dict(registered)
            for name in registered.keys() - set(self._open):
                self._open[name] = self._open_sandbox(self.url_of(name))
            stale = [name for name in self._open if name not in registered]
            closing = [self._open.pop(name) for name in stale]
        for sandbox in closing:
            sandbox.close()

    def delete_all(self) -> None:
        """Every namespace (a reset of the root sandbox wipes them too)."""
        with self.root.database.read() as connection:
            names = list(connection.execute(select(namespaces_table.c.name)).scalars())
        for name in names:
            try:
                self.delete(name)
            except NotFound:  # deleted meanwhile through another instance
                continue

    def close(self) -> None:
        with self._lock:
            closing, self._open = list(self._open.values()), {}
        for sandbox in closing:
            sandbox.close()


def _sqlstate(error: OperationalError) -> str | None:
    return getattr(error.orig, "sqlstate", None)
