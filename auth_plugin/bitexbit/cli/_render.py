"""Printing results: rich tables for people, JSON (the wire form) for programs."""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from bitexbit._view import View

__all__ = ["print_json", "print_record", "print_table", "text_of"]


def text_of(value: object) -> str:
    """A cell's text: exact decimals, enum names, ISO timestamps, blank for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, View):
        return ", ".join(f"{name}={text_of(getattr(value, name))}" for name in value.field_names())
    return str(value)


def print_table(
    console: Console,
    rows: Iterable[View[Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    table = Table(title=title, caption=caption)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(text_of(getattr(row, column)) for column in columns))
    console.print(table)


def print_record(console: Console, record: View[Any], *, title: str | None = None) -> None:
    """One object as a two-column table of every field."""
    table = Table(title=title, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name in record.field_names():
        table.add_row(name, text_of(getattr(record, name)))
    console.print(table)


def print_json(document: object) -> None:
    """Plain JSON on stdout (no colours or wrapping, so it pipes into jq)."""
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
