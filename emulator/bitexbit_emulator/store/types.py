"""Portable column types for money and UTC timestamps.

``Money`` is ``NUMERIC(38, 8)`` everywhere except SQLite, which has no exact decimal type (its
NUMERIC affinity stores fractions as binary floats): there the amount is stored as an integer
count of 10^-8 units, so sums and comparisons in SQL stay exact.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

QUANTUM = Decimal("0.00000001")
"""10^-8: the gateway's money precision (``domain.money`` re-exports it)."""

__all__ = ["QUANTUM", "Money", "UtcDateTime"]

_SCALE = 8


class Money(TypeDecorator[Decimal]):
    impl = Numeric(38, _SCALE)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(38, _SCALE, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> object:
        if value is None:
            return None
        amount = Decimal(value).quantize(QUANTUM)
        if dialect.name == "sqlite":
            return int(amount.scaleb(_SCALE))
        return amount

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            if isinstance(value, float):  # only if someone wrote a float by hand
                return Decimal(repr(value)).scaleb(-_SCALE).quantize(QUANTUM)
            return Decimal(int(str(value))).scaleb(-_SCALE).quantize(QUANTUM)
        return Decimal(str(value)).quantize(QUANTUM)


class UtcDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC, always returned timezone-aware."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)
