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
    """A table whose cells are never folded or cut: an amount or an address split over two
    lines (`12.5000` / `0000`) reads as two values. When the table is wider than the
    terminal, each row is printed as a block of `field  value` lines instead."""
    cells = [[text_of(getattr(row, column)) for column in columns] for row in rows]
    widths = [
        max([len(column), *(len(line[index]) for line in cells)])
        for index, column in enumerate(columns)
    ]
    needed = sum(widths) + 3 * len(columns) + 1  # the cells, their padding and the borders
    if needed <= console.width or not cells:
        table = Table(title=title, caption=caption)
        for column in columns:
            table.add_column(column, no_wrap=True)
        for line in cells:
            table.add_row(*line)
        console.print(table)
        return
    if title:
        console.print(f"[bold]{title}[/]")
    label_width = max(len(column) for column in columns)
    for number, line in enumerate(cells, start=1):
        console.print(f"[dim]-- {number} --[/]")
        for column, value in zip(columns, line, strict=True):
            if value:
                console.print(f"{column:<{label_width}}  {value}", soft_wrap=True, markup=False)
    if caption:
        console.print(f"[dim]{caption}[/]")


def print_record(console: Console, record: View[Any], *, title: str | None = None) -> None:
    """One object as a two-column table of every field."""
    names = record.field_names()
    values = [text_of(getattr(record, name)) for name in names]
    label_width = max((len(name) for name in names), default=0)
    if label_width + max((len(value) for value in values), default=0) + 7 > console.width:
        if title:  # narrow terminal: plain lines, so no value is folded
            console.print(f"[bold]{title}[/]")
        for name, value in zip(names, values, strict=True):
            console.print(f"{name:<{label_width}}  {value}", soft_wrap=True, markup=False)
        return
    table = Table(title=title, show_header=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", no_wrap=True)
    for name, value in zip(names, values, strict=True):
        table.add_row(name, value)
    console.print(table)


def print_json(document: object) -> None:
    """Plain JSON on stdout (no colours or wrapping, so it pipes into jq)."""
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
