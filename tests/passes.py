"""Which pass of `make test` is running, for the few tests that size themselves by it.

`make test` runs the emulator and contract suites twice: on SQLite, then on PostgreSQL
(`BITEXBIT_TEST_DATABASE=postgresql`, Makefile: test-postgresql). The generated-scenario tests
are the slowest of both; the second pass runs them with half the examples, enough to exercise
the PostgreSQL store's locking and paging on the same code paths, and keeps CI within its 20
minutes. The first pass always runs the full count.
"""

from __future__ import annotations

import os

POSTGRESQL_PASS = os.environ.get("BITEXBIT_TEST_DATABASE", "sqlite") == "postgresql"


def examples(count: int) -> int:
    """`count` Hypothesis examples in the first pass, half of them (at least 5) in the second."""
    return max(5, count // 2) if POSTGRESQL_PASS else count
