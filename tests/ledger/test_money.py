"""Money is integer minor units: one parser, one formatter, an allocator that always adds up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import Money, allocate, format_amount, to_major, to_minor
from ledger.money import MoneyError


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [
        (123450, "AED", "AED 1,234.50"),
        (10_000_000, "INR", "₹1,00,000.00"),
        (1_234_567_890, "INR", "₹1,23,45,678.90"),
        (99_999, "INR", "₹999.99"),
        (-150_000_00, "INR", "-₹1,50,000.00"),
        (5, "AED", "AED 0.05"),
        (1_234_567, "OMR", "OMR 1,234.567"),
        (-75, "AED", "-AED 0.75"),
    ],
)
def test_amounts_are_formatted_for_people(minor: int, currency: str, text: str) -> None:
    assert format_amount(minor, currency) == text


def test_formatting_can_drop_the_symbol_and_whole_zero_cents() -> None:
    assert format_amount(10_000_000, "INR", symbol=False) == "1,00,000.00"
    assert format_amount(4000, "AED", trim=True) == "AED 40"
    assert format_amount(4050, "AED", trim=True) == "AED 40.50"
    assert str(Money(250, "AED")) == "AED 2.50"


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("40", "AED", 4000),
        ("6.50", "AED", 650),
        ("1,234.5", "AED", 123450),
        ("0.005", "AED", 1),  # half a fils rounds up
        (Decimal("2.675"), "AED", 268),
        (12, "INR", 1200),
        ("1.2345", "OMR", 1235),
    ],
)
def test_amounts_are_parsed_to_minor_units(
    amount: str | int | Decimal, currency: str, minor: int
) -> None:
    assert to_minor(amount, currency) == minor


@pytest.mark.parametrize("bad", [1.5, "abc", "", "NaN", "Infinity"])
def test_floats_and_non_amounts_are_refused(bad: object) -> None:
    with pytest.raises(MoneyError):
        to_minor(bad, "AED")  # type: ignore[arg-type]  # a float must be refused at runtime


def test_money_of_different_currencies_does_not_mix() -> None:
    assert Money(100, "AED") + Money(50, "AED") == Money(150, "AED")
    assert Money(100, "AED") - Money(150, "AED") == Money(-50, "AED")
    with pytest.raises(MoneyError):
        _ = Money(100, "AED") + Money(100, "INR")


@given(minor=st.integers(-(10**12), 10**12), currency=st.sampled_from(["AED", "INR", "OMR"]))
def test_minor_to_major_and_back_is_exact(minor: int, currency: str) -> None:
    assert to_minor(to_major(minor, currency), currency) == minor
    assert to_minor(format_amount(minor, currency, symbol=False), currency) == minor


@given(
    total=st.integers(-(10**9), 10**9),
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
)
def test_allocated_parts_always_add_up_to_the_whole(total: int, weights: list[int]) -> None:
    parts = allocate(total, weights)
    assert len(parts) == len(weights)
    assert sum(parts) == total
    weight_sum = sum(weights)
    if weight_sum:
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part * weight_sum - total * weight) < weight_sum  # within one minor unit


def test_allocation_needs_weights_that_are_not_negative() -> None:
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(7, [0, 0]) == [7, 0]
    with pytest.raises(MoneyError):
        allocate(100, [])
    with pytest.raises(MoneyError):
        allocate(100, [2, -1])
