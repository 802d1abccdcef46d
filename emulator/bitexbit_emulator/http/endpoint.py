"""One Starlette endpoint per operation: prepare, handle, map errors, check, render.

No exception leaves an endpoint: ``ApiError`` and domain errors become their documented
answers, anything else is logged (type and operation, never request data) and becomes the
documented 500.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from bitexbit_emulator.http.context import Handler, Preparer
from bitexbit_emulator.http.domain_errors import result_for_domain_error
from bitexbit_emulator.http.errors import ApiError, server_error
from bitexbit_emulator.http.middleware import request_id_of
from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.response_check import ResponseChecker
from bitexbit_emulator.http.results import ApiResult, render

__all__ = ["operation_endpoint"]

logger = logging.getLogger("bitexbit_emulator.http")


def operation_endpoint(
    operation: Operation,
    handler: Handler,
    prepare: Preparer,
    checker: ResponseChecker | None,
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            context = await prepare(request, operation)
            result = await handler(context)
        except ApiError as error:
            result = error.result
        except Exception as error:
            result = _unexpected(error, operation, request)
        if checker is not None:
            result = checker.check(operation, result)
        return render(result, request_id=None)

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
