"""Status codes as the spec numbers them."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["AutoBuySide", "DepositStatus", "WithdrawStatus"]


class DepositStatus(IntEnum):
    PENDING = 1
    CONFIRMED = 5
    REJECTED = 6


class WithdrawStatus(IntEnum):
    NEW = 10
    CONFIRMED = 20
    VERIFIED = 23
    MODERATION = 25
    APPROVED = 26
    SUSPENDED = 27
    DONE = 30
    REFUSED = 40
    CANCELLED = 50


class AutoBuySide(IntEnum):
    BUY = 1
    SELL = 2
