"""What a handler returns, the documented error shapes, and how a response is rendered.

* ``ApiResult``: a status, a JSON-ready body and headers; rendered (compact UTF-8 JSON, money
  already text) only after the response checks of test mode;
* errors: 400 ``{"field": ["message"]}`` (DRF's shape), every other ``{"detail", "code"}``;
  ``ApiError`` is raised anywhere in a pipeline to answer with its result instead;
* the domain's rule violations as results (400, 404, 409); anything else is a bug (500).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import orjson
from starlette.responses import Response

from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.http.schema import NON_FIELD_ERRORS

__all__ = [
    "JSON_MEDIA_TYPE",
    "ApiError",
    "ApiResult",
    "bad_request",
    "non_field_error",
    "problem",
    "render",
    "result_for_domain_error",
    "server_error",
]


JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class ApiResult:
    """A status, a JSON-ready body and extra headers; rendered only after response checks."""

    status: int
    body: object
    headers: Mapping[str, str] = field(default_factory=dict)


def render(result: ApiResult) -> Response:
    """Encode ``result`` as compact UTF-8 JSON (money is already text, never a float); the
    ``X-Request-Id`` header is the middleware's. A 204 has no body at all."""
    if result.status == 204:
        return Response(status_code=204, headers=dict(result.headers))
    try:
        content = orjson.dumps(result.body)
    except TypeError:  # an integer beyond 64 bits (orjson's limit): the standard encoder
        content = json.dumps(result.body, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(
        content, status_code=result.status, headers=dict(result.headers), media_type=JSON_MEDIA_TYPE
    )


SERVER_ERROR_DETAIL = "A server error occurred."


class ApiError(Exception):
    """Raised anywhere in the request pipeline to answer with ``result`` instead."""

    def __init__(self, result: ApiResult) -> None:
        super().__init__(f"HTTP {result.status}")
        self.result = result


def problem(
    status: int, detail: str, code: str, *, headers: Mapping[str, str] | None = None
) -> ApiError:
    """A non-validation error: ``{"detail": ..., "code": ...}``."""
    return ApiError(ApiResult(status, {"detail": detail, "code": code}, dict(headers or {})))


def bad_request(errors: Mapping[str, list[str]]) -> ApiError:
    """A 400 in the DRF shape; an empty mapping still names a problem."""
    body = {field: list(messages) for field, messages in errors.items() if messages}
    return ApiError(ApiResult(400, body or {NON_FIELD_ERRORS: ["Invalid input."]}))


def non_field_error(message: str) -> ApiError:
    return bad_request({NON_FIELD_ERRORS: [message]})


def server_error() -> ApiResult:
    return ApiResult(500, {"detail": SERVER_ERROR_DETAIL, "code": "server_error"})


def result_for_domain_error(error: Exception) -> ApiResult | None:
    """The documented answer to a domain error, or None for anything else (a real bug)."""
    if isinstance(error, ValidationFailed):
        return bad_request(error.errors).result
    if isinstance(error, NotFound):
        return problem(404, error.detail, "not_found").result
    if isinstance(error, Conflict):
        return problem(409, error.detail, "conflict").result
    return None
