"""The documented error shapes: 400 ``{"field": ["message"]}``, others ``{"detail", "code"}``."""

from __future__ import annotations

from collections.abc import Mapping

from bitexbit_emulator.http.results import ApiResult
from bitexbit_emulator.http.schema import NON_FIELD_ERRORS

__all__ = [
    "ApiError",
    "bad_request",
    "non_field_error",
    "problem",
    "server_error",
]

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
