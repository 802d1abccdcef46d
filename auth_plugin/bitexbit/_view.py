"""Typed views over the generated attrs models: the schema stays in one place.

The generated models hold money as `str` and optional fields as `Unset`. A view keeps the
generated object (`.raw`) and declares one line per property, reading from it and converting
(decimal strings to `Decimal`, `Unset` to None, naive datetimes to aware). Each line is a
typed lambda over the generated model, so mypy checks every view against the generated code,
and a spec-driven test checks every view against `gateway.yaml`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Generic, Protocol, Self, TypeVar, overload

from bitexbit_gateway_client.types import Unset

from bitexbit._money import decimal_from_wire

__all__ = ["Field", "FieldsOf", "View"]


class GeneratedModel(Protocol):
    """What every generated attrs model offers."""

    def to_dict(self) -> dict[str, Any]: ...


RawT = TypeVar("RawT", bound=GeneratedModel)
ValueT = TypeVar("ValueT")
ConvertedT = TypeVar("ConvertedT")


class View(Generic[RawT]):
    """A read-only, typed face of one generated model instance."""

    __slots__ = ("raw",)

    def __init__(self, raw: RawT) -> None:
        self.raw = raw

    def to_dict(self) -> dict[str, Any]:
        """The wire form (decimal strings, ISO timestamps), as the gateway sent it."""
        return self.raw.to_dict()

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(
            name
            for klass in reversed(cls.__mro__)
            for name, attribute in vars(klass).items()
            if isinstance(attribute, Field)
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, View)
        return bool(self.raw == other.raw)

    # Mutable generated models are unhashable; so are their views.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.field_names())
        return f"{type(self).__name__}({shown})"


class Field(Generic[RawT, ValueT]):
    """A descriptor reading one typed value from the view's generated model."""

    __slots__ = ("_read",)

    def __init__(self, read: Callable[[RawT], ValueT]) -> None:
        self._read = read

    @overload
    def __get__(self, view: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, view: View[RawT], owner: type[Any]) -> ValueT: ...

    def __get__(self, view: View[RawT] | None, owner: type[Any]) -> ValueT | Self:
        if view is None:
            return self
        return self._read(view.raw)


class FieldsOf(Generic[RawT]):
    """Field factories bound to one generated model class, so lambdas are typed against it."""

    def __init__(self, model: type[RawT]) -> None:
        self.model = model

    def same(self, read: Callable[[RawT], ValueT]) -> Field[RawT, ValueT]:
        """The generated value as is (strings, ints, bools, enums)."""
        return Field(read)

    def optional(self, read: Callable[[RawT], ValueT | Unset | None]) -> Field[RawT, ValueT | None]:
        """An optional property: absent (`Unset`) and null both read as None."""
        return Field(lambda raw: _none_if_unset(read(raw)))

    def decimal(self, read: Callable[[RawT], str]) -> Field[RawT, Decimal]:
        return Field(lambda raw: decimal_from_wire(read(raw)))

    def optional_decimal(
        self, read: Callable[[RawT], str | Unset | None]
    ) -> Field[RawT, Decimal | None]:
        def convert(raw: RawT) -> Decimal | None:
            text = _none_if_unset(read(raw))
            return None if text is None else decimal_from_wire(text)

        return Field(convert)

    def timestamp(
        self, read: Callable[[RawT], datetime.datetime]
    ) -> Field[RawT, datetime.datetime]:
        """An aware datetime; a naive one (no offset, against RFC 3339) is taken as UTC."""
        return Field(lambda raw: _aware(read(raw)))

    def nested(
        self, read: Callable[[RawT], ValueT], convert: Callable[[ValueT], ConvertedT]
    ) -> Field[RawT, ConvertedT]:
        """A generated sub-model, wrapped in its own view."""
        return Field(lambda raw: convert(read(raw)))


def _none_if_unset(value: ValueT | Unset | None) -> ValueT | None:
    return None if isinstance(value, Unset) else value


def _aware(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment
