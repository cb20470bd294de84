"""Two classes set L (a festival week) found at first sight: a wage paid to a helper is a
salary expense, not a payment to a party made of the words after it; and the Islamic greeting
as people spell it is a greeting."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from intents import RuleParser
from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.models import Help, RecordExpense, RecordPayment
from intents.parser import ParseContext


def _context() -> ParseContext:
    catalog = Catalog(
        products=(CatalogProduct(name="Rice 5kg", aliases=("rice",), unit="bag"),),
        parties=(CatalogParty(name="Ahmed Khan", kind="customer"),),
    )
    return ParseContext(catalog, "owner", datetime(2026, 11, 29, 10, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("paid the new helper 200 for saturday", 200),
        ("extra ladke ko 500 diye", 500),
        ("aaj mazdoor ki dihadi 700 di", 700),
        ("worker ko 350 de diye", 350),
    ],
)
def test_a_wage_paid_to_a_helper_is_a_salary_expense(text: str, amount: int) -> None:
    intent = RuleParser().parse_sync(text, _context()).intent
    assert isinstance(intent, RecordExpense), intent
    assert intent.category == "salary" and intent.amount == Decimal(amount)


def test_money_a_known_customer_paid_stays_a_payment() -> None:
    intent = RuleParser().parse_sync("ahmed paid 200", _context()).intent
    assert isinstance(intent, RecordPayment) and intent.party.name == "Ahmed Khan"


def test_money_the_helper_handed_in_is_not_a_wage() -> None:
    intent = RuleParser().parse_sync("helper ne 500 diye", _context()).intent
    assert not isinstance(intent, RecordExpense)


@pytest.mark.parametrize(
    "text", ["assalam o alaikum", "AoA", "asalam u alaikum", "walaikum salam", "salam alaikum"]
)
def test_the_islamic_greeting_as_people_spell_it_is_a_greeting(text: str) -> None:
    assert isinstance(RuleParser().parse_sync(text, _context()).intent, Help)
