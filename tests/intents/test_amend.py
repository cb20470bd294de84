"""A correction applied to the entry it corrects (intents.amend.apply), and a write corrected
within its own message ("sold 1 oil to priya, no wait, 2 oil")."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from intents import RuleParser
from intents.amend import apply
from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.models import Amend, RecordExpense, RecordPayment, RecordSale
from intents.parser import ParseContext
from intents.slots import ItemSlot, PartyRef, ProductRef

RICE = ItemSlot(product="Rice 5kg", qty=Decimal(2), unit_price=Decimal(40), matched=True)
MILK = ItemSlot(product="Milk 1L", qty=Decimal(3), matched=True)
SALE = RecordSale(items=(RICE,), party=PartyRef(name="Ahmed Khan", matched=True))


def test_a_new_quantity_replaces_the_old_one_it_does_not_add() -> None:
    fixed = apply(SALE, Amend(qty=Decimal(3)))
    assert isinstance(fixed, RecordSale)
    assert [(i.product, i.qty, i.unit_price) for i in fixed.items] == [
        ("Rice 5kg", Decimal(3), Decimal(40))
    ]
    assert fixed.party == SALE.party


def test_a_new_total_is_a_price_each_only_when_it_divides() -> None:
    fixed = apply(SALE, Amend(amount=Decimal(90)))
    assert isinstance(fixed, RecordSale) and fixed.items[0].unit_price == Decimal(45)
    assert apply(SALE, Amend(amount=Decimal(100) / 3)) is None


def test_the_customer_and_the_product_can_be_corrected() -> None:
    fixed = apply(SALE, Amend(party=PartyRef(name="Fatima Ali", matched=True)))
    assert isinstance(fixed, RecordSale) and fixed.party is not None
    assert fixed.party.name == "Fatima Ali" and fixed.items == SALE.items
    other = apply(SALE, Amend(product=ProductRef(name="Sugar 1kg", matched=True)))
    assert isinstance(other, RecordSale) and other.items[0].product == "Sugar 1kg"


def test_which_line_is_asked_when_several_and_none_is_named() -> None:
    two = SALE.model_copy(update={"items": (RICE, MILK)})
    assert apply(two, Amend(qty=Decimal(5))) is None
    named = apply(two, Amend(product=ProductRef(name="milk 1l"), qty=Decimal(5)))
    assert isinstance(named, RecordSale)
    assert [i.qty for i in named.items] == [Decimal(2), Decimal(5)]


def test_payments_and_expenses_take_only_what_they_have() -> None:
    paid = RecordPayment(party=PartyRef(name="Ahmed Khan"), amount=Decimal(100), direction="in")
    fixed = apply(paid, Amend(amount=Decimal(150)))
    assert isinstance(fixed, RecordPayment) and fixed.amount == Decimal(150)
    assert apply(paid, Amend(unit_price=Decimal(2))) is None
    by_number = apply(paid, Amend(qty=Decimal(120)))  # "no, it was 120"
    assert isinstance(by_number, RecordPayment) and by_number.amount == Decimal(120)
    bill = RecordExpense(amount=Decimal(450), category="utilities")
    fixed_bill = apply(bill, Amend(amount=Decimal(540)))
    assert isinstance(fixed_bill, RecordExpense) and fixed_bill.amount == Decimal(540)
    assert apply(bill, Amend(unit_price=Decimal(5))) is None


def test_a_correction_naming_what_it_replaces_fits_only_an_entry_that_has_it() -> None:
    """ "sorry I meant 4 not 3" after a bill of 450: the entry has no 3, so it is not what
    the owner is correcting; asked to say it in full, not booked as a bill of 4."""
    said = RuleParser().parse_sync("sorry i meant 4 not 3", _context()).intent
    assert isinstance(said, Amend) and said.qty == Decimal(4) and said.was == Decimal(3)
    bill = RecordExpense(amount=Decimal(450), category="utilities")
    assert apply(bill, said) is None
    sale = RecordSale(
        items=(ItemSlot(product="Rice 5kg", qty=Decimal(3), matched=True, score=1.0),)
    )
    fixed = apply(sale, said)
    assert isinstance(fixed, RecordSale) and fixed.items[0].qty == Decimal(4)
    assert "was" not in said.to_contract()["slots"]  # the engine's own note, not the contract


def _context() -> ParseContext:
    catalog = Catalog(
        products=(
            CatalogProduct(
                name="Cooking Oil 1.8L", aliases=("oil",), unit="bottle", unit_price=Decimal(14)
            ),
            CatalogProduct(name="Rice 5kg", aliases=("rice",), unit="bag", unit_price=Decimal(40)),
        ),
        parties=(CatalogParty(name="Priya Nair", kind="customer"),),
    )
    return ParseContext(catalog, "owner", datetime(2026, 11, 29, 10, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("sold 1 oil to priya, no wait, 2 oil", Decimal(2)),
        ("sold 3 rice to priya sorry 4 rice", Decimal(4)),
        ("priya took 2 oil, I mean 3", Decimal(3)),
    ],
)
def test_a_write_corrected_in_its_own_message_books_the_correction_after_a_question(
    text: str, qty: Decimal
) -> None:
    result = RuleParser().parse_sync(text, _context())
    assert isinstance(result.intent, RecordSale), result.intent
    assert [i.qty for i in result.intent.items] == [qty]
    assert result.confidence < 0.75  # read back: two numbers were said for one thing


def test_no_and_a_number_corrects_what_came_before() -> None:
    result = RuleParser().parse_sync("no, 60 each", _context())
    assert isinstance(result.intent, Amend) and result.intent.unit_price == Decimal(60)
