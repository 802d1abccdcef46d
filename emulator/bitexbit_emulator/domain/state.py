"""Small persisted settings and counters of the sandbox (the ``sandbox_state`` table)."""

from __future__ import annotations

from sqlalchemy import Connection, Integer, String, bindparam, cast, insert, select, update
from sqlalchemy.dialects import postgresql

from bitexbit_emulator.store.statements import FastStatement
from bitexbit_emulator.store.tables import sandbox_state

__all__ = ["get_value", "next_counter", "set_value"]


_GET_VALUE = FastStatement(
    select(sandbox_state.c.value).where(sandbox_state.c.key == bindparam("key"))
)


def get_value(connection: Connection, key: str) -> str | None:
    value = _GET_VALUE.scalar(connection, {"key": key})
    return None if value is None else str(value)


def set_value(connection: Connection, key: str, value: str) -> None:
    updated = connection.execute(
        update(sandbox_state).where(sandbox_state.c.key == key).values(value=value)
    )
    if updated.rowcount == 0:
        connection.execute(insert(sandbox_state).values(key=key, value=value))


def next_counter(connection: Connection, name: str) -> int:
    """The next value of a named counter (1, 2, ...), within the caller's write transaction.

    On PostgreSQL, where two instances' transactions run at once, one upsert takes the next
    value under the row's lock (read-then-write handed two of them one value, and the first
    two raced to insert the row); SQLite runs one write transaction at a time."""
    key = f"counter:{name}"
    if connection.dialect.name == "postgresql":
        upsert = (
            postgresql.insert(sandbox_state)
            .values(key=key, value="1")
            .on_conflict_do_update(
                index_elements=[sandbox_state.c.key],
                set_={"value": cast(cast(sandbox_state.c.value, Integer) + 1, String)},
            )
            .returning(sandbox_state.c.value)
        )
        return int(connection.execute(upsert).scalar_one())
    current = get_value(connection, key)
    value = 1 if current is None else int(current) + 1
    set_value(connection, key, str(value))
    return value
