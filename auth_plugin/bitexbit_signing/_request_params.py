"""What the PARAMS scheme signs, read from a request as it is sent (or as a server received it).

Reading the parameters from the bytes on the wire, not from the caller's dict, is what lets a
client and a server agree: both sides parse the same query string or body.

* GET, HEAD, DELETE, OPTIONS: the query string, `parse_qsl(keep_blank_values=True)`; any
  body is ignored.
* a form body (`application/x-www-form-urlencoded`): the body, parsed the same way.
* a JSON body (`application/json`, `*+json`, or no Content-Type at all, the gateway's default):
  each top-level member as `(key, canonical_value(value))`, numbers kept as their token text.
* any other method: the body only (a query string is not signed); an empty body gives no
  parameters.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from bitexbit_signing._canonical import JsonNumber, canonical_value
from bitexbit_signing._errors import SigningInputError

__all__ = ["request_params"]

_FORM = "application/x-www-form-urlencoded"
_BODYLESS_METHODS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})


def request_params(
    method: str, query: str, content_type: str | None, body: bytes
) -> list[tuple[str, str]]:
    """Return the `(key, value)` pairs the PARAMS scheme signs for this request.

    Raises `SigningInputError` for a body that cannot be read (bad UTF-8, invalid JSON, JSON
    that is not an object, an unsupported content type).
    """
    if method.upper() in _BODYLESS_METHODS or not body:
        if method.upper() in _BODYLESS_METHODS:
            return _parse_form_text(query, what="query string")
        return []
    media_type = _media_type(content_type)
    if media_type == _FORM:
        return _parse_form_text(_decode_utf8(body, what="form body"), what="form body")
    if media_type is None or media_type == "application/json" or media_type.endswith("+json"):
        return _parse_json_object(body)
    raise SigningInputError(f"cannot sign a body of content type {media_type!r}")


def _media_type(content_type: str | None) -> str | None:
    if content_type is None:
        return None
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type or None


def _decode_utf8(data: bytes, *, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SigningInputError(f"the {what} is not valid UTF-8") from None


def _parse_form_text(text: str, *, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise SigningInputError(f"the {what} percent-encodes invalid UTF-8") from None
    except ValueError:
        raise SigningInputError(f"the {what} cannot be parsed") from None


def _reject_constant(token: str) -> object:
    raise SigningInputError(f"the JSON body contains {token}, which JSON does not allow")


def _parse_json_object(body: bytes) -> list[tuple[str, str]]:
    text = _decode_utf8(body, what="JSON body")
    try:
        document = json.loads(
            text, parse_int=JsonNumber, parse_float=JsonNumber, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as error:
        raise SigningInputError(
            f"the JSON body is invalid: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise SigningInputError("the JSON body is nested too deeply") from None
    if not isinstance(document, dict):
        raise SigningInputError("the JSON body must be an object to be signed with its members")
    try:
        return [(key, canonical_value(value)) for key, value in document.items()]
    except RecursionError:
        raise SigningInputError("the JSON body is nested too deeply") from None
