"""Fixtures shared by every test folder: where the repository is, and the gateway spec."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
GATEWAY_SPEC = REPO_ROOT / "openapi" / "gateway.yaml"


@pytest.fixture(scope="session")
def gateway_spec() -> dict[str, Any]:
    """``openapi/gateway.yaml`` as plain data (``yaml.safe_load``); do not mutate it."""
    with GATEWAY_SPEC.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


# --- PostgreSQL ------------------------------------------------------------------------------
# One throwaway cluster per test session (tools.postgres_cluster), started on first use. Locally
# the PostgreSQL tests skip with one line when the server binaries are absent; under CI (the
# `CI` variable, set by .ci/run's callers) they fail instead, so a missing server cannot pass
# as green.
#
# `BITEXBIT_TEST_DATABASE=postgresql` runs the in-process suite on PostgreSQL: every in-memory
# SQLite database a test opens (`sqlite://`) becomes a schema of its own on the cluster, new
# or one an earlier test closed, emptied (`_schema_pool`), so each test still starts from an
# empty database. `make test` runs the emulator and contract tests a
# second time that way (Makefile: test-postgresql). Tests of SQLite files, of --workers and of
# separate server processes keep their SQLite: those are about SQLite, as are the tests marked
# `sqlite` (they check what the emulator does with the SQLite URL it was given).


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Any]:
    from tools.postgres_cluster import PostgresCluster, PostgresUnavailable

    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_database(postgres_cluster: Any) -> str:
    """A database on the session's cluster for the tests that share one (one schema each)."""
    return str(postgres_cluster.create_database("bitexbit_tests"))


_POOL_COUNTS = pytest.StashKey[dict[str, int]]()


@pytest.fixture(scope="session")
def _schema_pool(
    request: pytest.FixtureRequest,
    postgres_database: str,
    emulator_schema_shape: tuple[dict[str, int], dict[str, list[tuple[object, ...]]]],
) -> Iterator[Any]:
    """The schemas the in-process suite's sandboxes run on (``tools.postgres_cluster``): each
    test's are emptied when it ends and serve a later test, which then skips creating tables."""
    from tools.postgres_cluster import SchemaPool

    pool = SchemaPool(postgres_database, *emulator_schema_shape)
    try:
        yield pool
    finally:
        request.config.stash[_POOL_COUNTS] = {
            "created": pool.created,
            "reused": pool.reused,
            "left": pool.left,
        }
        pool.close()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    counts = config.stash.get(_POOL_COUNTS, None)
    if counts is not None:
        terminalreporter.write_line(
            f"PostgreSQL schemas: {counts['created']} created, {counts['reused']} reused emptied;"
            f" {counts['left']} left as they were (still in use, or changed)"
        )


@pytest.fixture(scope="session")
def emulator_schema_shape() -> tuple[dict[str, int], dict[str, list[tuple[object, ...]]]]:
    """What a schema holds after a sandbox made it, as ``SchemaPool`` takes it: its tables
    (name -> number of columns), and the migration record, the one table a recycled schema
    keeps."""
    from bitexbit_emulator.store.migrate import head_revision
    from bitexbit_emulator.store.tables import metadata

    tables = {table.name: len(table.columns) for table in metadata.tables.values()}
    return {**tables, "alembic_version": 1}, {"alembic_version": [(head_revision(),)]}


@pytest.fixture(autouse=True)
def _database_backend(request: pytest.FixtureRequest) -> Iterator[None]:
    if (
        os.environ.get("BITEXBIT_TEST_DATABASE", "sqlite") != "postgresql"
        or request.node.get_closest_marker("sqlite") is not None
    ):
        yield
        return
    from bitexbit_emulator.store import database as database_module

    pool = request.getfixturevalue("_schema_pool")
    original, original_dispose = database_module.Database.__init__, database_module.Database.dispose
    opened: list[Any] = []
    taken: dict[int, str] = {}  # id of a Database on a pool schema -> the schema's URL
    closed: set[int] = set()

    def on_postgres(self: Any, url: str, **options: Any) -> None:
        if url in ("sqlite://", "sqlite:///:memory:"):
            url = pool.take()
            taken[id(self)] = url
        original(self, url, **options)
        opened.append(self)

    def dispose(self: Any) -> None:
        closed.add(id(self))
        original_dispose(self)

    database_module.Database.__init__ = on_postgres  # type: ignore[method-assign]
    database_module.Database.dispose = dispose  # type: ignore[method-assign]
    try:
        yield
    finally:
        database_module.Database.__init__ = original  # type: ignore[method-assign]
        database_module.Database.dispose = original_dispose  # type: ignore[method-assign]
        # Only a schema whose sandbox the test closed goes back to the pool: a sandbox still
        # open may belong to a wider fixture (a module's live emulator) that goes on using it.
        for database in opened:
            if id(database) in closed and id(database) in taken:
                pool.give_back(taken[id(database)])
            else:
                database.dispose()  # a test that forgot close() must not hold connections
