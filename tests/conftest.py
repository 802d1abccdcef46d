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
# SQLite database a test opens (`sqlite://`) becomes a fresh schema on the cluster, so each
# test still starts from an empty database. `make test` runs the emulator and contract tests a
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


@pytest.fixture(autouse=True)
def _database_backend(request: pytest.FixtureRequest) -> Iterator[None]:
    if (
        os.environ.get("BITEXBIT_TEST_DATABASE", "sqlite") != "postgresql"
        or request.node.get_closest_marker("sqlite") is not None
    ):
        yield
        return
    from bitexbit_emulator.store import database as database_module

    from tools.postgres_cluster import fresh_schema

    database_url: str = request.getfixturevalue("postgres_database")
    original = database_module.Database.__init__
    opened: list[Any] = []

    def on_postgres(self: Any, url: str, **options: Any) -> None:
        if url in ("sqlite://", "sqlite:///:memory:"):
            url = fresh_schema(database_url)
        original(self, url, **options)
        opened.append(self)

    database_module.Database.__init__ = on_postgres  # type: ignore[method-assign]
    try:
        yield
    finally:
        database_module.Database.__init__ = original  # type: ignore[method-assign]
        for database in opened:  # a test that forgot close() must not hold connections
            database.dispose()
