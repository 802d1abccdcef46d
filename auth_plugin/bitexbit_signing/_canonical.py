"""The client's canonical text of a JSON value, used by the PARAMS scheme for JSON bodies.

A form body or a query string already carries text, so its values are signed as parsed. A JSON
body carries typed values; each top-level member `key: value` is signed as
`(key, canonical_value(value))` with this rule:

* `str` -> as is.
* `bool` -> "true" / "false" (JSON spelling, as JavaScript's `String(true)`).
* `int` -> decimal digits (`str(int)`).
* `float` -> the shortest text that round-trips, exactly what `json.dumps` writes:
  `22.0` -> "22.0", `1e-07` -> "1e-07". NaN and infinities are rejected.
* `decimal.Decimal` -> positional notation, never an exponent, trailing zeros kept:
  `Decimal("22.00000000")` -> "22.00000000", `Decimal("1E-7")` -> "0.0000001".
* `None` -> "" (as a form would send an empty field).
* a JSON number read from a body (see `JsonNumber`) -> its token text exactly as sent. For
  a value serialised by `json.dumps` this equals the `int`/`float` rule above, so a client
  signing Python values and a server signing the bytes it received agree; a JavaScript client
  signing `String(n)` also agrees, because `JSON.stringify` writes numbers the same way.
* `list` / `dict` -> compact JSON (`","` and `":"` separators, object keys sorted, non-ASCII
  kept as is), with the scalar rules above inside (`null`, `true`, numbers as JSON).

Anything else raises `TypeError`.
"""

from __future__ import annotations

import decimal
import json
import math
from collections.abc import Mapping, Sequence

__all__ = ["JsonNumber", "canonical_value"]


class JsonNumber(str):
    """A JSON number kept as the exact token text it had in the body (e.g. "22.50", "1e-7")."""

    __slots__ = ()


def canonical_value(value: object) -> str:
    """Return the canonical text of one JSON value (see the module docstring for the rule)."""
    if isinstance(value, str):
        return str.__str__(value)
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return _compact_json(value)
    return _scalar_json(value)


def _scalar_json(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError("a non-finite float has no canonical text")
        return float.__repr__(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise TypeError("a non-finite Decimal has no canonical text")
        return format(value, "f")
    raise TypeError(f"no canonical text for a value of type {type(value).__name__}")


def _compact_json(value: object) -> str:
    if isinstance(value, JsonNumber):
        return str.__str__(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        members = []
        for key in sorted(value):
            if not isinstance(key, str):
                raise TypeError("object keys must be str to have a canonical text")
            members.append(json.dumps(key, ensure_ascii=False) + ":" + _compact_json(value[key]))
        return "{" + ",".join(members) + "}"
    if isinstance(value, Sequence):
        return "[" + ",".join(_compact_json(item) for item in value) + "]"
    return _scalar_json(value)
