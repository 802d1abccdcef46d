"""What each gateway operation is, read from the spec's `x-operation` (errata O1).

The one list of operations is the spec: whether an operation writes (a read-only run skips
it), pages (a generated page past the last is a documented 404), moves money, and which
permission it needs. Nothing in this package names operations by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["OperationFacts", "operation_facts", "resolve_local"]

_HTTP_METHODS = ("get", "put", "post", "delete", "patch")
_PAGE_CONTROLS = frozenset({"page", "limit", "ordering"})


@dataclass(frozen=True, slots=True)
class OperationFacts:
    operation_id: str
    method: str
    path: str
    permission: str | None
    writes: bool
    money_moving: bool
    paginated: bool
    filters: tuple[str, ...] = ()
    """A paginated operation's filter parameters (its query parameters but the page controls):
    each one narrows the list to the items whose field of that name equals it."""


def operation_facts(document: Mapping[str, Any]) -> dict[str, OperationFacts]:
    """Every operation of `document` by operationId, with its `x-operation` facts."""
    found: dict[str, OperationFacts] = {}
    for path, item in document.get("paths", {}).items():
        for method in _HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            facts = operation.get("x-operation") or {}
            permission = facts.get("permission")
            found[str(operation["operationId"])] = OperationFacts(
                operation_id=str(operation["operationId"]),
                method=method.upper(),
                path=str(path),
                permission=permission if isinstance(permission, str) else None,
                # an operation that does not say is taken as a write: never run by accident
                writes=facts.get("effect", "write") != "read",
                money_moving=facts.get("money-moving") is True,
                paginated=facts.get("paginated") is True,
                filters=_filters(document, operation) if facts.get("paginated") is True else (),
            )
    return found


def _filters(document: Mapping[str, Any], operation: Mapping[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    for parameter in operation.get("parameters", []):
        parameter = resolve_local(document, parameter)
        if parameter.get("in") == "query" and parameter.get("name") not in _PAGE_CONTROLS:
            names.append(str(parameter["name"]))
    return tuple(names)


def resolve_local(document: Mapping[str, Any], node: Any) -> Any:
    """The node a chain of local `$ref`s (`#/components/...`) ends at."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node:
        reference = str(node["$ref"])
        if not reference.startswith("#/") or reference in seen:
            raise ValueError(f"unsupported or circular $ref: {reference!r}")
        seen.add(reference)
        node = document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
