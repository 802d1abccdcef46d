"""Starlette routes derived from an OpenAPI document: one per (path, method), by operationId.

One Starlette endpoint per operation: receive (may wait), then check and handle inside the
pipeline's unit of work (without waiting), map errors, check the response, render.

No exception leaves an endpoint: ``ApiError`` and domain errors become their documented
answers, anything else is logged (type and operation, never request data) and becomes the
documented 500.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bitexbit_emulator.http.context import Handler, Pipeline
from bitexbit_emulator.http.middleware import request_id_of
from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.response_check import ResponseChecker
from bitexbit_emulator.http.responses import (
    ApiError,
    ApiResult,
    render,
    result_for_domain_error,
    server_error,
)

__all__ = ["base_path_of", "build_routes", "operation_endpoint"]


logger = logging.getLogger("bitexbit_emulator.http")


def operation_endpoint(
    operation: Operation,
    handler: Handler,
    pipeline: Pipeline,
    checker: ResponseChecker | None,
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            raw = await pipeline.receive(request, operation)
            if operation.reads_only and pipeline.read_then_write is not None:
                result = await pipeline.handle_read(request, operation, raw, handler)
            else:
                async with pipeline.unit_of_work():
                    context = pipeline.check(request, operation, raw)
                    result = await handler(context)
        except ApiError as error:
            result = error.result
        except Exception as error:
            result = _unexpected(error, operation, request)
        if checker is not None:
            result = checker.check(operation, result)
        return render(result)

    endpoint.__name__ = operation.operation_id
    return endpoint


def _unexpected(error: Exception, operation: Operation, request: Request) -> ApiResult:
    mapped = result_for_domain_error(error)
    if mapped is not None:
        return mapped
    logger.exception(
        "unexpected %s in %s (request id %s)",
        type(error).__name__,
        operation.operation_id,
        request_id_of(request.scope),
    )
    return server_error()


def base_path_of(document: Mapping[str, Any]) -> str:
    """The path of the first server URL (``/api/gateway``), where the paths are mounted."""
    servers = document.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0]["url"])).path.rstrip("/")


def build_routes(
    base_path: str,
    operations: Mapping[str, Operation],
    handlers: Mapping[str, Handler],
    pipeline: Pipeline,
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
            operation_endpoint(operation, handlers[operation_id], pipeline, checker),
            methods=[operation.method],
            name=operation_id,
        )
        for operation_id, operation in operations.items()
    ]
