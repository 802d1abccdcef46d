"""Starlette routes derived from an OpenAPI document: one per (path, method), by operationId."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import Route

from bitexbit_emulator.http.context import Handler, Preparer
from bitexbit_emulator.http.endpoint import operation_endpoint
from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.response_check import ResponseChecker

__all__ = ["base_path_of", "build_routes"]


def base_path_of(document: Mapping[str, Any]) -> str:
    """The path of the first server URL (``/api/gateway``), where the paths are mounted."""
    servers = document.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0]["url"])).path.rstrip("/")


def build_routes(
    base_path: str,
    operations: Mapping[str, Operation],
    handlers: Mapping[str, Handler],
    prepare: Preparer,
    checker: ResponseChecker | None,
) -> list[Route]:
    """Every operation gets exactly one handler; a mismatch is a startup error, not a 404."""
    missing = sorted(set(operations) - set(handlers))
    unknown = sorted(set(handlers) - set(operations))
    if missing or unknown:
        raise ValueError(f"handlers do not match the spec: missing {missing}, unknown {unknown}")
    return [
        Route(
            base_path + operation.path,
            operation_endpoint(operation, handlers[operation_id], prepare, checker),
            methods=[operation.method],
            name=operation_id,
        )
        for operation_id, operation in operations.items()
    ]
