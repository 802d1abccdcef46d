"""Reading response bodies liberally: what the gateway's documentation shows must parse.

The spec says what the emulator sends: money as decimal strings, integer status codes, a closed
list of codes. The gateway's own samples do not keep to that (`"status": "5"`, `"amount": 22`,
`"aml_risk": "string"`, `"status": 0`), and nothing in its documentation promises they will. So
the SDK does not trust the spec's *types* for what it reads, only its *shapes*: before a body
reaches the generated `from_dict`, each value is brought to the type the generated model
declares, where that can be done without guessing:

* a JSON number where the model wants text (money) becomes the exact text of that number (the
  body is parsed with `parse_float=Decimal`, so `0.1` stays `0.1`, never a binary float);
* decimal text where the model wants an integer (`"40"`) becomes that integer;
* `"true"` / `"false"` where it wants a boolean become booleans;
* a value that cannot be read as a nullable field's type (`"aml_risk": "string"`) reads as
  unknown (None), so one placeholder does not make a whole page unreadable;
* unknown enum values are kept by the generated enums themselves (`WithdrawStatus(0)` is
  `WithdrawStatus.UNKNOWN_0`), and unknown fields land in `additional_properties`.

The types come from the generated models' annotations, so nothing here restates the spec.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import sys
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from bitexbit_gateway_client import models as generated_models
from bitexbit_gateway_client.types import Unset

__all__ = ["decode_body", "decode_list", "reads", "reads_list"]


ModelT = TypeVar("ModelT")

_TRUE_TEXT = frozenset({"true", "True", "TRUE"})
_FALSE_TEXT = frozenset({"false", "False", "FALSE"})


def decode_body(content: bytes, model: type[ModelT]) -> ModelT:
    """`model` parsed from a JSON body, each value brought to the type the model declares.

    Raises ValueError (or KeyError, TypeError) when the body is not JSON or lacks a field the
    model requires: the caller maps that to `UnexpectedResponseError`.
    """
    data = json.loads(content, parse_float=Decimal)
    if not isinstance(data, dict):
        raise TypeError(f"expected a JSON object ({model.__name__}), got {type(data).__name__}")
    return _from_dict(model, _normalize(data, model))


def reads(model: type[ModelT]) -> Callable[[bytes], ModelT]:
    """A decoder of one `model` body, for `Requester.send`."""
    return functools.partial(decode_body, model=model)


def reads_list(model: type[ModelT]) -> Callable[[bytes], list[ModelT]]:
    """A decoder of a JSON array of `model`s, for `Requester.send`."""
    return functools.partial(decode_list, model=model)


def decode_list(content: bytes, model: type[ModelT]) -> list[ModelT]:
    """A JSON array of `model`s (the payment methods), each read as `decode_body` reads one."""
    data = json.loads(content, parse_float=Decimal)
    if not isinstance(data, list):
        raise TypeError(f"expected a JSON array of {model.__name__}, got {type(data).__name__}")
    return [_from_dict(model, _normalize(item, model)) for item in data]


def _from_dict(model: type[ModelT], normalized: Any) -> ModelT:
    from_dict = getattr(model, "from_dict", None)
    if from_dict is None:
        raise TypeError(f"{model.__name__} is not a generated model")
    result: ModelT = from_dict(normalized)
    return result


@functools.cache
def _field_types(model: type) -> dict[str, Any]:
    """JSON key -> declared type, from the generated attrs class (`next_` is the key `next`)."""
    module_globals = vars(sys.modules[model.__module__])
    hints = typing.get_type_hints(
        model, globalns={**module_globals, **vars(generated_models)}, localns=None
    )
    declared: dict[str, Any] = {}
    for field in attrs.fields(model):
        if field.name == "additional_properties":
            continue
        hint = hints.get(field.name, Any)
        declared[field.name] = hint
        declared.setdefault(field.name.rstrip("_"), hint)
    return declared


def _members(hint: Any) -> tuple[list[Any], bool]:
    """The non-null members of a declared type, and whether None is allowed."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [
            member
            for member in typing.get_args(hint)
            if member is not type(None) and member is not Unset
        ]
        return members, type(None) in typing.get_args(hint)
    return [hint], False


def _normalize(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    members, nullable = _members(hint)
    if len(members) != 1:
        return _plain(value)
    target = members[0]
    origin = typing.get_origin(target)
    if origin is list:
        (item_type,) = typing.get_args(target) or (Any,)
        return [_normalize(item, item_type) for item in value] if isinstance(value, list) else value
    if isinstance(target, type):
        return _to_type(value, target, nullable)
    return _plain(value)


def _to_type(value: Any, target: type, nullable: bool) -> Any:
    if attrs.has(target):
        return _normalize_model(value, target) if isinstance(value, dict) else value
    if issubclass(target, enum.Enum):
        # the generated enums read unknown values and decimal text themselves
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return int(value)
        return value
    if target is str:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value if isinstance(value, str) or not nullable else None
    if target is bool:
        if isinstance(value, str):
            if value in _TRUE_TEXT:
                return True
            if value in _FALSE_TEXT:
                return False
        return value if isinstance(value, bool) or not nullable else None
    if target is int:
        return _to_int(value, nullable)
    if target is datetime.datetime:
        return value
    return _plain(value)


def _to_int(value: Any, nullable: bool) -> Any:
    if isinstance(value, bool):
        return value if not nullable else None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text.startswith("-") else text
        if digits.isascii() and digits.isdigit() and len(digits) <= 18:
            return int(text)
    return None if nullable else value


def _normalize_model(data: dict[str, Any], model: type) -> dict[str, Any]:
    declared = _field_types(model)
    return {
        key: _normalize(value, declared[key]) if key in declared else _plain(value)
        for key, value in data.items()
    }


def _plain(value: Any) -> Any:
    """A value of no declared type (an unknown field): JSON types only, numbers as JSON reads
    them, so `to_dict()` still serialises."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
