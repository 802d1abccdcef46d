"""Turning friendly Python arguments into the generated functions' parameters, before sending.

Invalid values fail here with ValueError/TypeError, before any request leaves the process.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from bitexbit_gateway_client.types import UNSET, Unset

__all__ = [
    "Help",
    "check_names",
    "choice",
    "page_number",
    "page_size",
    "sent_values",
    "unset_if_none",
]

ValueT = TypeVar("ValueT")
EnumT = TypeVar("EnumT", bound=enum.Enum)


@dataclass(frozen=True)
class Help:
    """What an option or filter means, for people: `Annotated[str | None, Help("...")]` in an
    options or filters TypedDict. The CLI builds its `--name` options from these TypedDicts."""

    text: str


def sent_values(
    given: Mapping[str, object],
    names: frozenset[str],
    *,
    enums: Mapping[str, type[enum.Enum]] | None = None,
    kind: str = "filter",
) -> dict[str, Any]:
    """The generated call's keyword arguments for the optional inputs `names`, by the spec's
    names: None is not sent, a value in `enums` must be one of that enum's members."""
    check_names(given, names, kind=kind)
    sent: dict[str, Any] = {}
    for name in names:
        value = given.get(name)
        enum_type = (enums or {}).get(name)
        sent[name] = (
            unset_if_none(value) if enum_type is None else choice(enum_type, value, name=name)
        )
    return sent


def unset_if_none(value: ValueT | None) -> ValueT | Unset:
    """None (the Python default) becomes the generated `UNSET` (the parameter is not sent)."""
    return UNSET if value is None else value


def choice(enum_type: type[EnumT], value: object, *, name: str) -> EnumT | Unset:
    """A generated enum member from a member, its value (`"-id"`, `5`) or None (not sent)."""
    if value is None:
        return UNSET
    # Only the values the spec lists are sent: the generated enums read unknown values in
    # responses (forward compatibility), which must not loosen what the SDK sends.
    for member in enum_type:
        if value is member or (not isinstance(value, bool | enum.Enum) and value == member.value):
            return member
    allowed = ", ".join(repr(member.value) for member in enum_type)
    raise ValueError(f"{name} must be one of {allowed}; got {value!r}")


def page_number(page: int) -> int:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ValueError(f"page must be an int >= 1, got {page!r}")
    return page


def page_size(limit: int | None) -> int | Unset:
    """Results per page; None asks for every result on one page (the gateway's default)."""
    if limit is None:
        return UNSET
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be an int >= 1 or None, got {limit!r}")
    return limit


def check_names(
    given: Mapping[str, object], allowed: frozenset[str], *, kind: str = "filter"
) -> None:
    """`**filters` is typed for mypy; this catches a misspelt name at run time too."""
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise TypeError(
            f"unknown {kind}(s) {', '.join(unknown)}; known: {', '.join(sorted(allowed))}"
        )
