"""What each gateway operation is, read from the spec's `x-operation` (errata O1).

The one list of operations is the spec: whether an operation writes (a read-only run skips
it), pages (a generated page past the last is a documented 404), moves money, and which
permission it needs. Nothing in this package names operations by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["OperationFacts", "operation_facts"]

_HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True, slots=True)
class OperationFacts:
    operation_id: str
    method: str
    path: str
    permission: str | None
    writes: bool
    money_moving: bool
    paginated: bool


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
            )
    return found
