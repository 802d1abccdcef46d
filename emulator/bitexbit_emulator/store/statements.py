"""Hot statements compiled once and run on the driver's cursor.

Every signed request runs the same few statements (find the key, store the nonce, count and
read one page). Through SQLAlchemy's ``Connection.execute`` each costs about 30 us of Python
even when built once (cache-key generation, execution context, events, result wrapping),
against about 4 us in the SQLite driver itself; profiled, that overhead was half of a request's
CPU. A ``FastStatement`` keeps SQLAlchemy Core for *building* the statement (portable SQL, the
same tables) and compiles it once per dialect; each call then only applies the column types'
own bind and result processors (so ``Money`` and ``UtcDateTime`` read and write exactly as
through SQLAlchemy) and runs the SQL on the DBAPI cursor of the caller's connection, inside the
caller's transaction.

The driver path is taken on SQLite, where it was measured; on any other database the same
calls go through ``Connection.execute`` (same results, SQLAlchemy's usual cost). Limits, on
purpose: named bound parameters only (no ``IN`` expansion), statements whose SQL does not
depend on the parameter values, and ``inserted_id`` for single-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.elements import BindParameter

__all__ = ["FastInsert", "FastStatement"]

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Plan:
    sql: str
    positional: tuple[str, ...] | None
    """Parameter names in order for positional paramstyles (qmark); None for named ones."""
    binds: Mapping[str, tuple[Processor, Any]]
    """Per bound parameter: its type's bind processor and its value when the caller gives none
    (a literal in the statement)."""
    columns: tuple[str, ...]
    results: tuple[Processor, ...]


class FastStatement:
    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._plans: dict[str, _Plan] = {}

    def _plan(self, connection: Connection) -> _Plan:
        dialect = connection.dialect
        plan = self._plans.get(dialect.name)
        if plan is None:
            compiled = self.statement.compile(dialect=dialect)
            bound: Mapping[str, BindParameter[Any]] = getattr(compiled, "binds", {})
            binds = {
                name: (bind.type.dialect_impl(dialect).bind_processor(dialect), bind.value)
                for name, bind in bound.items()
            }
            selected = getattr(self.statement, "selected_columns", ())
            positional = getattr(compiled, "positiontup", None)
            plan = _Plan(
                sql=compiled.string,
                positional=tuple(positional) if dialect.positional and positional else None,
                binds=binds,
                columns=tuple(column.key for column in selected),
                results=tuple(
                    column.type.dialect_impl(dialect).result_processor(dialect, None)
                    for column in selected
                ),
            )
            self._plans[dialect.name] = plan
        return plan

    def _run(self, connection: Connection, parameters: Mapping[str, Any]) -> tuple[Any, _Plan]:
        plan = self._plan(connection)
        values = {}
        for name, (processor, default) in plan.binds.items():
            value = parameters.get(name, default)
            values[name] = value if processor is None or value is None else processor(value)
        arguments: Sequence[Any] | Mapping[str, Any] = (
            [values[name] for name in plan.positional] if plan.positional is not None else values
        )
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        dbapi = connection.dialect.loaded_dbapi
        try:
            cursor.execute(plan.sql, arguments)
        except dbapi.Error as error:
            cursor.close()
            # the same exception types as through Connection.execute (IntegrityError, ...)
            raise DBAPIError.instance(
                plan.sql, arguments, error, dbapi.Error, dialect=connection.dialect
            ) from error
        return cursor, plan

    def _standard(self, connection: Connection, parameters: Mapping[str, Any]) -> Any:
        """The same statement through ``Connection.execute`` (databases other than SQLite)."""
        return connection.execute(self.statement, dict(parameters))  # type: ignore[call-overload]

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every result row as a dict by column name, each value through its column type."""
        if connection.dialect.name != "sqlite":
            return [dict(row) for row in self._standard(connection, parameters).mappings()]
        cursor, plan = self._run(connection, parameters)
        try:
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        names, processors = plan.columns, plan.results
        return [
            {
                name: (processor(value) if processor is not None else value)
                for name, processor, value in zip(names, processors, row, strict=True)
            }
            for row in fetched
        ]

    def first(self, connection: Connection, parameters: Mapping[str, Any]) -> dict[str, Any] | None:
        found = self.rows(connection, parameters)
        return found[0] if found else None

    def scalar(self, connection: Connection, parameters: Mapping[str, Any]) -> Any:
        row = self.first(connection, parameters)
        return None if row is None else next(iter(row.values()))

    def rowcount(self, connection: Connection, parameters: Mapping[str, Any]) -> int:
        """Run a data-changing statement; how many rows it changed."""
        if connection.dialect.name != "sqlite":
            return int(self._standard(connection, parameters).rowcount)
        cursor, _ = self._run(connection, parameters)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def inserted_id(self, connection: Connection, parameters: Mapping[str, Any]) -> int:
        """Run a single-row INSERT; the new row's integer primary key."""
        if connection.dialect.name != "sqlite":
            key = self._standard(connection, parameters).inserted_primary_key
            if key is None:
                raise RuntimeError("the INSERT did not report a primary key")
            return int(key[0])
        cursor, _ = self._run(connection, parameters)
        try:
            return int(cursor.lastrowid)
        finally:
            cursor.close()


class FastInsert(FastStatement):
    """A single-row INSERT into ``table`` of every column but the integer primary key; rows
    are given by column name (a column left out is NULL)."""

    _PREFIX = "v_"  # bound names may not equal column names in an INSERT

    def __init__(self, table: Table) -> None:
        self.table = table
        super().__init__(
            insert(table).values(
                {
                    column.name: bindparam(self._PREFIX + column.name, type_=column.type)
                    for column in table.columns
                    if not column.primary_key
                }
            )
        )

    def insert_row(self, connection: Connection, row: Mapping[str, Any]) -> int:
        unknown = set(row) - set(self.table.c.keys())
        if unknown:
            raise ValueError(f"{self.table.name} has no column(s) {sorted(unknown)}")
        return self.inserted_id(
            connection, {self._PREFIX + name: value for name, value in row.items()}
        )
