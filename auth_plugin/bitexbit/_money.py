"""Money crosses the wire as decimal strings; in Python it is `decimal.Decimal`, never float.

Outgoing amounts are checked before any request is made, so a bad amount can never reach the
gateway half-formed: floats are refused (binary floats cannot hold every 8-decimal amount), as
are NaN/infinity and more than 8 decimals (the gateway's precision, which would otherwise be
rounded somewhere you did not choose).
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["MAX_DECIMAL_PLACES", "decimal_from_wire", "decimal_to_wire"]

MAX_DECIMAL_PLACES = 8


def decimal_to_wire(value: Decimal | int, *, name: str, signed: bool = False) -> str:
    """Plain decimal text for the request (`Decimal("1E+2")` -> "100", `Decimal("2.50")` -> "2.5").

    Raises TypeError for floats, bools and strings; ValueError for non-finite values, more than
    8 decimals, or (unless `signed`) negative values.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(
            f"{name} must be a decimal.Decimal (or int), not {type(value).__name__}"
            + ("; floats cannot hold exact amounts" if isinstance(value, float) else "")
        )
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"{name} must be a finite number, got {amount}")
    if amount.is_zero():
        return "0"
    stripped = _strip_trailing_zeros(amount)
    if -_exponent(stripped) > MAX_DECIMAL_PLACES:
        raise ValueError(f"{name} has more than {MAX_DECIMAL_PLACES} decimal places: {amount}")
    if stripped < 0 and not signed:
        raise ValueError(f"{name} must not be negative, got {amount}")
    return format(stripped, "f")


def decimal_from_wire(text: str) -> Decimal:
    """A Decimal from a response's decimal string (exact, no float on the way)."""
    return Decimal(text)


def _strip_trailing_zeros(amount: Decimal) -> Decimal:
    """`2.500` -> `2.5` exactly; unlike `Decimal.normalize` it never rounds to the context."""
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite values have an int exponent
    kept = list(digits)
    while exponent < 0 and len(kept) > 1 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    return Decimal((sign, tuple(kept), exponent))


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent
