"""DRF-style page numbers over SQL: COUNT, then OFFSET/LIMIT in the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, Select, Table, func, select
from sqlalchemy.sql.elements import ColumnElement

from bitexbit_emulator.domain.errors import NotFound, ValidationFailed

__all__ = [
    "INVALID_PAGE",
    "PageResult",
    "RowPage",
    "fetch_account_page",
    "fetch_page",
    "invalid_ordering",
]

INVALID_PAGE = "Invalid page."


@dataclass(frozen=True)
class PageResult:
    """One page of a list: the HTTP layer turns it into {count, next, previous, results}."""

    count: int
    results: list[dict[str, object]]
    page: int
    has_next: bool
    has_previous: bool


@dataclass(frozen=True)
class RowPage:
    count: int
    rows: Sequence[RowMapping]
    page: int
    has_next: bool
    has_previous: bool


def fetch_page(
    connection: Connection,
    statement: Select[tuple[object, ...]],
    *,
    order_by: Sequence[ColumnElement[object]],
    page: int,
    limit: int | None,
) -> RowPage:
    """``limit=None`` means every result on page 1. A page past the last is NotFound; page 1
    of an empty list is fine."""
    if limit is not None and limit < 1:
        raise ValidationFailed.field("limit", "Ensure this value is greater than or equal to 1.")
    if page < 1:
        raise NotFound(INVALID_PAGE)
    count = connection.execute(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).scalar_one()
    page_size = limit if limit is not None else max(count, 1)
    last_page = max(1, -(-count // page_size))
    if page > last_page:
        raise NotFound(INVALID_PAGE)
    ordered = statement.order_by(*order_by)
    if limit is not None:
        # The spec sets no maximum on `limit`. Past the last page is NotFound above, so the offset
        # is below `count`; and no page holds more than `count` rows, so asking SQL for at most
        # that many returns the same rows while keeping any `limit` within a 64-bit SQL LIMIT.
        ordered = ordered.offset((page - 1) * limit).limit(min(limit, max(count, 1)))
    rows = connection.execute(ordered).mappings().all()
    return RowPage(
        count=count,
        rows=rows,
        page=page,
        has_next=page < last_page,
        has_previous=page > 1,
    )


def invalid_ordering(choices: Mapping[str, object]) -> ValidationFailed:
    return ValidationFailed.field(
        "ordering", f"Select a valid choice: {', '.join(sorted(choices))}."
    )


def fetch_account_page(
    connection: Connection,
    statement: Select[tuple[object, ...]],
    table: Table,
    *,
    account_id: int,
    orderings: Mapping[str, Sequence[ColumnElement[object]]],
    ordering: str,
    filters: Mapping[str, object],
    page: int,
    limit: int | None,
) -> RowPage:
    """One account's rows of ``table``: the ordering checked against ``orderings`` first, then
    each non-None filter as ``column == value``, then paged by `fetch_page`."""
    order_by = orderings.get(ordering)
    if order_by is None:
        raise invalid_ordering(orderings)
    statement = statement.where(table.c.account_id == account_id)
    for name, value in filters.items():
        if name not in table.c:
            raise ValueError(f"{table.name} has no column {name!r} to filter on")
        if value is not None:
            statement = statement.where(table.c[name] == value)
    return fetch_page(connection, statement, order_by=order_by, page=page, limit=limit)
