"""Column types that keep quantities, rates and instants exact on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field

from .errors import InvalidInput

QTY_SCALE = 1000  # quantities are stored in thousandths: 0.5 kg -> 500
RATE_SCALE = 100  # tax rates are stored in hundredths of a percent: 5% -> 500


class QuantityError(InvalidInput, ValueError):
    """A quantity with more precision than the books keep (an InvalidInput, so bot/ replies)."""


def qty_to_int(value: Decimal) -> int:
    """Decimal quantity to stored thousandths, refusing silent truncation."""
    scaled = value * QTY_SCALE
    if scaled != scaled.to_integral_value():
        raise QuantityError(f"quantity {value} has more than 3 decimals")
    return int(scaled)


class Quantity(TypeDecorator[Decimal]):
    """A Decimal quantity stored as an integer of thousandths, so SUM() is exact in SQL."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else qty_to_int(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / QTY_SCALE).normalize() + Decimal(0)


class Rate(TypeDecorator[Decimal]):
    """A percentage stored as an integer of hundredths of a percent."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * RATE_SCALE
        if scaled != scaled.to_integral_value():
            raise QuantityError(f"rate {value} has more than 2 decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / RATE_SCALE).normalize() + Decimal(0)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC, read back as aware UTC on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def instant_field(*, nullable: bool = False) -> datetime:
    """A table column holding an instant (UTC); defaults to now unless it may be empty."""
    now = utcnow if not nullable else None
    # The default on the column too: Core inserts of the hot path leave it to the table.
    column: datetime = Field(
        default_factory=now, sa_column=Column(UTCDateTime(), nullable=nullable, default=now)
    )
    return column
