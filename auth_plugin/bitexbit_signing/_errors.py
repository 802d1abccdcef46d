"""The one error the signing functions raise for unreadable input."""

from __future__ import annotations

__all__ = ["SigningInputError"]


class SigningInputError(ValueError):
    """The request cannot be turned into signing input (bad body, unsupported value).

    Messages describe the input's shape only; they never contain a secret or a signature.
    """
