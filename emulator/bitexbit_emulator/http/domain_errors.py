"""The domain's rule violations as HTTP results (400, 404, 409)."""

from __future__ import annotations

from bitexbit_emulator.domain.errors import Conflict, NotFound, ValidationFailed
from bitexbit_emulator.http.errors import bad_request, problem
from bitexbit_emulator.http.results import ApiResult

__all__ = ["result_for_domain_error"]


def result_for_domain_error(error: Exception) -> ApiResult | None:
    """The documented answer to a domain error, or None for anything else (a real bug)."""
    if isinstance(error, ValidationFailed):
        return bad_request(error.errors).result
    if isinstance(error, NotFound):
        return problem(404, error.detail, "not_found").result
    if isinstance(error, Conflict):
        return problem(409, error.detail, "conflict").result
    return None
