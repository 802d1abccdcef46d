"""Rate-limit token buckets kept in the database, for several emulator processes on one database.

The same algorithm as the in-process ``http.ratelimit.TokenBucketLimiter`` (a bucket holds
``requests`` tokens and refills at ``requests / period`` per second), so the documented limits
("2 calls per second from single account") behave the same whichever instance answers. A token
bucket rather than a fixed window: a fixed window lets a client spend twice the limit across a
window boundary, which two instances with slightly different clocks would make worse.

Taking a token is one conditional ``UPDATE`` (refill, take, only if a whole token is there), so
two instances can never both take the last token: the row lock orders them and the second one
re-reads the row (PostgreSQL, READ COMMITTED) or waits for the write lock (SQLite). A caller's
first request inserts its bucket (``ON CONFLICT DO NOTHING``: a concurrent first insert by
another instance is not an error, the update is simply tried again).

Time is the instance's wall clock (``time.time``): instances on different hosts must keep their
clocks in sync (NTP); a skew of d seconds lets a bucket refill at most d * rate tokens early.
Inside a request's unit of work the bucket row stays locked until that request commits, which
serialises one account's requests; for a limit of a few calls per second that costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection, and_, bindparam, case, delete, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bitexbit_emulator.store.database import Database
from bitexbit_emulator.store.tables import rate_buckets

__all__ = ["DatabaseBuckets"]

_TRIES = 3


class DatabaseBuckets:
    """One limit (``requests`` per ``period_seconds``) for many callers of one ``scope``."""

    def __init__(
        self,
        database: Database,
        scope: str,
        requests: int,
        period_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if requests < 1 or period_seconds <= 0:
            raise ValueError("a rate limit needs requests >= 1 and period_seconds > 0")
        self._database = database
        self._scope = scope
        self._capacity = float(requests)
        self._rate = requests / period_seconds
        self._clock = clock
        row = rate_buckets.c
        elapsed = case(
            (bindparam("now") > row.updated_at, bindparam("now") - row.updated_at), else_=0.0
        )
        grown = row.tokens + elapsed * self._rate
        self._refilled = case((grown > self._capacity, literal(self._capacity)), else_=grown)
        mine = and_(row.scope == bindparam("b_scope"), row.caller == bindparam("b_caller"))
        self._take = (
            update(rate_buckets)
            .where(mine, self._refilled >= 1.0)
            .values(
                tokens=self._refilled - 1.0,
                updated_at=case(
                    (bindparam("now") > row.updated_at, bindparam("now")), else_=row.updated_at
                ),
            )
        )
        self._peek = select(self._refilled).where(mine)

    def acquire(self, caller: str) -> float:
        """Take a token: 0.0 if allowed, else the seconds until one is available."""
        values = {"b_scope": self._scope, "b_caller": caller[:64], "now": self._clock()}
        with self._database.atomic() as connection:
            for _ in range(_TRIES):
                if connection.execute(self._take, values).rowcount == 1:
                    return 0.0
                refilled = connection.execute(self._peek, values).scalar()
                if refilled is None:
                    if self._insert_full_bucket_minus_one(connection, values):
                        return 0.0
                elif float(refilled) < 1.0:
                    return (1.0 - float(refilled)) / self._rate
                # Else a whole token is there after all: the row did not exist when the take
                # looked, and another instance's first request made it since (PostgreSQL, READ
                # COMMITTED: each statement sees what committed before it). Take it again;
                # answering "allowed" here would let this request through for free.
        raise RuntimeError("the rate-limit bucket could neither be read nor created")

    def _insert_full_bucket_minus_one(
        self, connection: Connection, values: dict[str, object]
    ) -> bool:
        insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(rate_buckets)
            .values(
                scope=values["b_scope"],
                caller=values["b_caller"],
                tokens=self._capacity - 1.0,
                updated_at=values["now"],
            )
            .on_conflict_do_nothing(index_elements=["scope", "caller"])
            .returning(rate_buckets.c.tokens)  # a row back only if this insert made it
        )
        return connection.execute(statement).first() is not None

    def reset(self) -> None:
        with self._database.atomic() as connection:
            connection.execute(delete(rate_buckets).where(rate_buckets.c.scope == self._scope))
