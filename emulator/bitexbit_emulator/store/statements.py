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

Limits, on purpose: named bound parameters only (no ``IN`` expansion), and statements whose
SQL does not depend on the parameter values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.elements import BindParameter

__all__ = ["FastStatement"]

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
        cursor.execute(plan.sql, arguments)
        return cursor, plan

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every result row as a dict by column name, each value through its column type."""
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
        cursor, _ = self._run(connection, parameters)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()
