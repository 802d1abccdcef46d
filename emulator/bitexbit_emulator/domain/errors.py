"""Errors the domain raises; the HTTP layer maps them to 400, 404 and 409."""

from __future__ import annotations

__all__ = ["Conflict", "DomainError", "NotFound", "ValidationFailed"]


class DomainError(Exception):
    """Base class of every rule violation the sandbox reports to a caller."""


class ValidationFailed(DomainError):
    """A business rule rejected the input (400): field name -> messages (DRF shape)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def field(cls, name: str, message: str) -> ValidationFailed:
        return cls({name: [message]})

    def __str__(self) -> str:
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())


class NotFound(DomainError):
    """A page past the last, or an unknown id in the control API (404)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Conflict(DomainError):
    """The requested change is impossible from the current state (409, control API only)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
