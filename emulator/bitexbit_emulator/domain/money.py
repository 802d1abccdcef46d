"""Decimal helpers: every amount in the sandbox has at most 8 decimals."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_UP, Decimal

from bitexbit_emulator.store.types import QUANTUM

__all__ = [
    "MAX_AMOUNT",
    "MAX_BALANCE",
    "QUANTUM",
    "format_money",
    "has_valid_scale",
    "quantize",
    "quantize_down",
    "quantize_up",
]

# One movement is at most 10^10 units and a balance at most 5 * 10^10: amounts are stored as
# integers of 10^-8 on SQLite, and these bounds keep every sum inside a signed 64-bit integer.
MAX_AMOUNT = Decimal("10000000000")
MAX_BALANCE = Decimal("50000000000")


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(QUANTUM)


def quantize_up(amount: Decimal) -> Decimal:
    """Round what the account pays (fees, costs) up to the next 10^-8."""
    return amount.quantize(QUANTUM, rounding=ROUND_UP)


def quantize_down(amount: Decimal) -> Decimal:
    """Round what the account receives down to the 10^-8 below."""
    return amount.quantize(QUANTUM, rounding=ROUND_DOWN)


def has_valid_scale(amount: Decimal) -> bool:
    """True when the amount is finite and has no more than 8 significant decimals."""
    if not amount.is_finite():
        return False
    if abs(amount) >= MAX_AMOUNT * 1000:
        return True  # too large is reported by the range check, not here
    return amount == amount.quantize(QUANTUM, rounding=ROUND_DOWN)


def format_money(amount: Decimal) -> str:
    """The wire format: a plain string with exactly 8 decimals, e.g. ``"22.00000000"``."""
    value = amount.quantize(QUANTUM)
    if value == 0:
        value = Decimal(0).quantize(QUANTUM)  # never "-0.00000000"
    return f"{value:f}"
