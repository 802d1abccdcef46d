"""Typed requests from validated input, their rows, and field errors the way DRF reports them
(field -> list of messages)."""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Table

from bitexbit_emulator.domain.errors import ValidationFailed
from bitexbit_emulator.domain.money import MAX_AMOUNT, format_money, has_valid_scale

__all__ = [
    "NON_FIELD",
    "PERCENT_LIMIT",
    "FieldErrors",
    "request_from_input",
    "request_row",
]

PERCENT_LIMIT = Decimal(100)  # percents are within (-100, 100), bounds excluded
NON_FIELD = "non_field_errors"


class FieldErrors:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

    def required(self, request: object, name: str, *, where: str) -> None:
        """``name`` must be given on the request (a business rule the schema cannot state)."""
        if getattr(request, name) is None:
            self.add(name, f"This field is required on {where}.")

    def positive_amount(self, name: str, amount: Decimal) -> bool:
        """> 0, at most 8 decimals, at most MAX_AMOUNT. Returns whether it passed."""
        if not amount.is_finite():
            self.add(name, "A valid number is required.")
            return False
        if amount <= 0:
            self.add(name, "Ensure this value is greater than 0.")
            return False
        if amount > MAX_AMOUNT:
            self.add(
                name, f"Ensure this value is less than or equal to {format_money(MAX_AMOUNT)}."
            )
            return False
        if not has_valid_scale(amount):
            self.add(name, "Ensure that there are no more than 8 decimal places.")
            return False
        return True

    def percent(self, name: str, percent: Decimal) -> bool:
        if not percent.is_finite():
            self.add(name, "A valid number is required.")
            return False
        if not -PERCENT_LIMIT < percent < PERCENT_LIMIT:
            self.add(name, "Ensure this value is greater than -100 and less than 100.")
            return False
        if not has_valid_scale(percent):
            self.add(name, "Ensure that there are no more than 8 decimal places.")
            return False
        return True

    def callback_url(self, name: str, url: str | None) -> None:
        if url is None:
            return
        try:
            parts = urlsplit(url)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            valid = False
        if not valid or len(url) > 2048:
            self.add(name, "Enter a valid http or https URL.")

    def text(self, name: str, value: str | None, max_length: int) -> None:
        if value is not None and len(value) > max_length:
            self.add(name, f"Ensure this field has no more than {max_length} characters.")


RequestT = TypeVar("RequestT")


def request_from_input(request_type: type[RequestT], fields: Mapping[str, object]) -> RequestT:
    """A request dataclass from input fields by name: the one generic step from validated input
    to a typed request (unknown names ignored, a blank optional text is none, money as
    `Decimal` whatever number or text it came as)."""
    values: dict[str, Any] = {}
    fields_of: type = request_type
    for name, optional, is_money in _input_fields(fields_of):
        if name not in fields:
            continue
        value = fields[name]
        if value == "" and optional:
            value = None
        elif value is not None and is_money and not isinstance(value, Decimal):
            value = Decimal(str(value))
        values[name] = value
    return request_type(**values)


@functools.cache
def _input_fields(request_type: type) -> tuple[tuple[str, bool, bool], ...]:
    """(name, defaults to None, holds money) per field: read once per type, not per request."""
    hints = typing.get_type_hints(request_type)
    return tuple(
        (
            field.name,
            field.default is None,
            hints[field.name] is Decimal or Decimal in typing.get_args(hints[field.name]),
        )
        for field in dataclasses.fields(request_type)
    )


def request_row(request: object, table: Table, **stored: object) -> dict[str, object]:
    """A row of ``table``: the request's fields that it stores as they are, by name (a new
    optional field needs only its column), then the ``stored`` values, which take precedence."""
    row: dict[str, Any] = {
        field.name: getattr(request, field.name)
        for field in dataclasses.fields(request)  # type: ignore[arg-type]
        if field.name in table.c
    }
    return row | stored
