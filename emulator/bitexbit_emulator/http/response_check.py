"""Test-mode response validation: every response must match its operation's documented schema.

A mismatch is never silent: the response becomes a 500 with code
``response_validation_failed``, the problem is logged, and it is recorded in ``failures`` (the
pytest plugin fails the test at teardown if any were recorded and not cleared).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bitexbit_emulator.http.operations import Operation
from bitexbit_emulator.http.responses import ApiResult

__all__ = ["ResponseChecker", "ResponseMismatch"]

logger = logging.getLogger("bitexbit_emulator.http")


@dataclass(frozen=True)
class ResponseMismatch:
    operation_id: str
    status: int
    problems: dict[str, list[str]]


class ResponseChecker:
    def __init__(self) -> None:
        self.failures: list[ResponseMismatch] = []

    def check(self, operation: Operation, result: ApiResult) -> ApiResult:
        """``result`` if it matches the spec, else the loud 500 that replaces it."""
        problems = _problems(operation, result)
        if not problems:
            return result
        mismatch = ResponseMismatch(operation.operation_id, result.status, problems)
        self.failures.append(mismatch)
        logger.error(
            "response of %s (HTTP %s) does not match the spec: %s",
            operation.operation_id,
            result.status,
            problems,
        )
        body = {
            "detail": (
                f"The emulator's {result.status} response to {operation.operation_id} does not "
                "match the OpenAPI document."
            ),
            "code": "response_validation_failed",
        }
        return ApiResult(500, body)


def _problems(operation: Operation, result: ApiResult) -> dict[str, list[str]]:
    spec = operation.response_spec(result.status)
    if spec is None:
        return {"status": [f"HTTP {result.status} is not documented for this operation."]}
    problems: dict[str, list[str]] = {}
    present = {name.lower() for name in result.headers}
    missing = [name for name in spec.required_headers if name.lower() not in present]
    if missing:
        problems["headers"] = [f"Missing required header {name}." for name in missing]
    if spec.validator is not None and not spec.validator.is_valid(result.body):
        for field, messages in spec.validator.errors(result.body).items():
            problems.setdefault(f"body.{field}", []).extend(messages)
    return problems
