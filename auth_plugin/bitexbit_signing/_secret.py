"""A wrapper that keeps an API secret out of reprs, logs, exceptions and tracebacks."""

from __future__ import annotations

import hmac
from typing import Final

__all__ = ["Secret"]

_REDACTED: Final = "Secret('**********')"


class Secret:
    """An API secret whose text is only available through `reveal()`.

    `repr`, `str` and format strings print a fixed placeholder; `__slots__` means `vars()`
    (used by some debuggers and "show locals" tracebacks) has nothing to print either.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str | Secret) -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("a secret must be a str")
        if not value:
            raise ValueError("a secret must not be empty")
        self._value: Final[str] = value

    def reveal(self) -> str:
        """The secret's text: call only where the key bytes are needed (HMAC)."""
        return self._value

    def key_bytes(self) -> bytes:
        """The HMAC key: the secret's UTF-8 bytes."""
        return self._value.encode("utf-8")

    def __repr__(self) -> str:
        return _REDACTED

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self.key_bytes(), other.key_bytes())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        return (Secret, (self._value,))
