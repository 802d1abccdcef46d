"""Reading a request as sent, then coercing and validating its input against the operation.

Text inputs (query, path, form fields) are coerced by the type the spec declares before the
schema check. A JSON body is validated as it is, except that a number with an integral value
(`1.0`, `22.0`) is read as that integer, as Django REST Framework's fields read it: where the spec
allows a whole amount or an integer, `22.0` is `22` (and never a float in the handlers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final
from urllib.parse import parse_qsl

from starlette.requests import Request

from bitexbit_emulator.http.operations import FORM_MEDIA_TYPE, JSON_MEDIA_TYPE, Operation
from bitexbit_emulator.http.responses import bad_request, non_field_error

__all__ = ["MAX_BODY_BYTES", "RawRequest", "ValidatedInput", "read_raw_request", "validate_input"]

MAX_BODY_BYTES: Final = 1024 * 1024
_INTEGER_TEXT: Final = re.compile(r"[+-]?\d{1,4000}")
_TRUE_TEXTS: Final = frozenset({"true", "1"})
_FALSE_TEXTS: Final = frozenset({"false", "0"})


@dataclass(frozen=True)
class RawRequest:
    """The parts of a request exactly as they arrived (what signatures are computed over)."""

    method: str
    path: str
    query: str
    content_type: str | None
    body: bytes
    client_ip: str | None


@dataclass(frozen=True)
class ValidatedInput:
    """Schema-valid input with the spec's defaults filled in."""

    params: dict[str, object]
    body: dict[str, object]


async def read_raw_request(request: Request) -> RawRequest:
    """Read the body (at most ``MAX_BODY_BYTES``) and the raw path and query."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise non_field_error(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
        chunks.append(chunk)
    scope = request.scope
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if isinstance(raw_path, bytes) else scope["path"]
    client = scope.get("client")
    return RawRequest(
        method=request.method,
        path=path.split("?", 1)[0],
        query=scope.get("query_string", b"").decode("latin-1"),
        content_type=request.headers.get("content-type"),
        body=b"".join(chunks),
        client_ip=client[0] if client else None,
    )


def validate_input(
    operation: Operation, raw: RawRequest, path_params: Mapping[str, str]
) -> ValidatedInput:
    """Coerce and check parameters and body; raise a 400 ``ApiError`` listing every problem."""
    params = _coerced_parameters(operation, raw.query, path_params)
    errors: dict[str, list[str]] = _unstorable_text(params)
    validator = operation.parameters_validator
    if validator is not None and not validator.is_valid(params):
        errors.update(validator.errors(params))
    body: dict[str, object] = {}
    if operation.body is not None:
        media_type, document = _parsed_body(operation, raw)
        if isinstance(document, dict):
            declared = operation.body.field_names[media_type]
            stored = {name: value for name, value in document.items() if name in declared}
            for field, messages in _unstorable_text(stored).items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            # first: a schema check cannot even read text that is not valid Unicode
            raise bad_request(errors)
        body_validator = operation.body.validators[media_type]
        if not body_validator.is_valid(document):
            for field, messages in body_validator.errors(document).items():
                errors.setdefault(field, []).extend(messages)
        elif isinstance(document, dict):
            body = {**operation.body.defaults[media_type], **document}
    if errors:
        raise bad_request(errors)
    return ValidatedInput(params={**operation.parameter_defaults, **params}, body=body)


def _unstorable_text(values: Mapping[str, object]) -> dict[str, list[str]]:
    """Field -> message for text no database can store: lone surrogates (JSON's `"\ud800"`,
    not valid UTF-8) and NUL characters. Django REST Framework refuses both, in these words.
    Only declared inputs are checked: undeclared ones are ignored, never stored. (The spec
    states the NUL rule as a pattern; a lone surrogate is not a character JSON Schema can name.)"""
    errors: dict[str, list[str]] = {}
    for field, value in values.items():
        for text in _strings_in(value, depth=0):
            if "\x00" in text:
                errors.setdefault(str(field)[:100], []).append("Null characters are not allowed.")
                break
            surrogate = next((char for char in text if "\ud800" <= char <= "\udfff"), None)
            if surrogate is not None:
                errors.setdefault(str(field)[:100], []).append(
                    f"Surrogate characters are not allowed: U+{ord(surrogate):X}."
                )
                break
    return errors


def _strings_in(value: object, *, depth: int) -> list[str]:
    """Every string in a JSON value (keys included), to a bounded depth."""
    if isinstance(value, str):
        return [value]
    if depth > 32:
        return []
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            found.append(str(key))
            found.extend(_strings_in(item, depth=depth + 1))
        return found
    if isinstance(value, list):
        return [text for item in value for text in _strings_in(item, depth=depth + 1)]
    return []


def _coerced_parameters(
    operation: Operation, query: str, path_params: Mapping[str, str]
) -> dict[str, object]:
    # The last of repeated query values wins (as in Django); undeclared parameters are ignored;
    # a blank value is a value (``?ticker=`` is checked against the schema like any other).
    query_values = dict(parse_qsl(query, keep_blank_values=True))
    params: dict[str, object] = {}
    for parameter in operation.parameters:
        if parameter.location == "query":
            text = query_values.get(parameter.name)
        elif parameter.location == "path":
            text = path_params.get(parameter.name)
        else:
            continue
        if text is None:
            continue
        params[parameter.name] = coerce_text(text, parameter.scalar_type)
    return params


def coerce_text(text: str, scalar_type: str | None) -> object:
    """``"12"`` -> 12 for integers, ``"true"`` -> True for booleans; otherwise the text as is
    (the schema check then reports a readable type error)."""
    if scalar_type == "integer" and _INTEGER_TEXT.fullmatch(text):
        return int(text)
    if scalar_type == "boolean":
        lowered = text.lower()
        if lowered in _TRUE_TEXTS:
            return True
        if lowered in _FALSE_TEXTS:
            return False
    return text


def _parsed_body(operation: Operation, raw: RawRequest) -> tuple[str, object]:
    assert operation.body is not None
    accepted = operation.body.validators
    media_type = (raw.content_type or "").split(";", 1)[0].strip().lower()
    if not media_type:
        # The seed: requests are JSON "if it is not specified by headers".
        media_type = JSON_MEDIA_TYPE
    if media_type not in accepted:
        names = " or ".join(sorted(accepted))
        raise non_field_error(f"Unsupported media type {media_type[:80]!r}; send {names}.")
    if not raw.body.strip():
        return media_type, {}
    if media_type == FORM_MEDIA_TYPE:
        return media_type, _parsed_form(raw.body, operation.body.field_types[media_type])
    return media_type, _parsed_json(raw.body)


def _parsed_form(body: bytes, field_types: Mapping[str, str]) -> dict[str, object]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise non_field_error("Form parse error - the body is not valid UTF-8 form data.") from None
    return {name: coerce_text(value, field_types.get(name)) for name, value in pairs}


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not valid JSON")


_MAX_INTEGRAL_EXPONENT: Final = 30
"""`1e30` is read as an integer; beyond that a token stays a float (no gigantic ints)."""


def _number(token: str) -> int | float:
    """A JSON number with a fraction or exponent: an int when its value is integral."""
    try:
        value = Decimal(token)
    except InvalidOperation:  # pragma: no cover - the JSON scanner only passes numbers
        return float(token)
    if (
        value.is_finite()
        and value.adjusted() <= _MAX_INTEGRAL_EXPONENT
        and value == value.to_integral_value()
    ):
        return int(value)
    return float(token)


def _parsed_json(body: bytes) -> object:
    try:
        return json.loads(
            body.decode("utf-8"), parse_constant=_reject_constant, parse_float=_number
        )
    except UnicodeDecodeError:
        raise non_field_error("JSON parse error - the body is not valid UTF-8.") from None
    except json.JSONDecodeError as error:
        raise non_field_error(
            f"JSON parse error - {error.msg} at line {error.lineno} column {error.colno}."
        ) from None
    except (ValueError, RecursionError):
        raise non_field_error("JSON parse error - the body is not valid JSON.") from None
