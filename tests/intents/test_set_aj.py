"""Classes the blind set AJ (the end of a long day at the three shops, typed by tired owners and
staff) found at first sight, each held by more sentences than the one that showed it: the day
of a sale said beside a payment promised for later, a day that belongs to something else, an
hour of the day read as a customer's name, and a carton's size typed short ("6btl each")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.models import RecordSale
from tests.intents.reading import read

YESTERDAY = date(2026, 11, 28)  # reading.NOW is Sunday 2026-11-29


def _catalog() -> Catalog:
    return Catalog(
        products=(
            CatalogProduct(name="Basmati Rice 10kg", aliases=("basmati",), unit="bag"),
            CatalogProduct(name="Milk 500ml", aliases=("milk", "doodh"), unit="packet"),
            CatalogProduct(name="Rice 5kg", aliases=("rice", "chawal"), unit="bag"),
            CatalogProduct(name="Water 1.5L", aliases=("water",), unit="bottle"),
        ),
        parties=(
            CatalogParty(name="Ravi Kumar", kind="customer"),
            CatalogParty(name="Priya Sharma", kind="customer"),
            CatalogParty(name="Mohammed Rashid", kind="customer"),
        ),
    )


def _sale(text: str) -> RecordSale:
    intent, _ = read(text, _catalog())
    assert isinstance(intent, RecordSale), intent
    return intent


@pytest.mark.parametrize(
    "text",
    [
        "yesterday mohammed took 1 basmati 75 aed, not paid",
        "mohammed took 1 basmati yesterday, will pay tomorrow",
        "kal ravi ne 2 doodh liye, paise baad me",
        "yesterday ravi 2 rice on credit, pays on friday",
        "kal ravi ne 2 doodh liye paise kal dega",
    ],
)
def test_a_day_said_apart_from_a_promise_to_pay_dates_the_credit_sale(text: str) -> None:
    sale = _sale(text)
    assert sale.paid == "credit"
    assert sale.date == YESTERDAY


@pytest.mark.parametrize(
    "text",
    [
        "ravi 2 doodh le gaya, paise kal dega",
        "ravi ne 2 doodh liye, kal degi",
        "sold 2 rice to ravi, he will pay on sunday",
        "ravi 2 rice, pays on friday",
    ],
)
def test_the_day_of_a_promised_payment_is_not_the_sales(text: str) -> None:
    sale = _sale(text)
    assert sale.paid == "credit"
    assert sale.date is None


@pytest.mark.parametrize(
    "text",
    [
        "his brother's wedding is on saturday, ravi took 5 basmati",
        "ravi took 5 basmati, shaadi saturday ko hai",
    ],
)
def test_the_day_of_something_else_told_beside_a_sale_is_not_the_sales(text: str) -> None:
    assert _sale(text).date is None


@pytest.mark.parametrize(
    "text",
    [
        "kal sham ravi ne 3 doodh liye",
        "sham ko ravi ne 3 doodh liye",
        "subah ravi ne 3 doodh liye",
        "raat ko ravi 3 doodh le gaya",
    ],
)
def test_an_hour_of_the_day_is_never_a_customer_by_likeness(text: str) -> None:
    sale = _sale(text)
    assert sale.party is not None and sale.party.name == "Ravi Kumar"
    assert sale.party.matched


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("sold 2 ctn water, 6btl each, 9 dhs per ctn", Decimal("1.5")),
        ("sold 2 ctn water (6 btl per ctn) at 9 per ctn", Decimal("1.5")),
        ("2 ctn water 6 btls each", None),
    ],
)
def test_a_cartons_size_typed_short_counts_the_bottles_and_is_read_back(
    text: str, price: Decimal | None
) -> None:
    intent, ask = read(text, _catalog())
    assert isinstance(intent, RecordSale), intent
    assert [(i.qty, i.unit_price) for i in intent.items] == [(Decimal(12), price)]
    assert ask  # 12 and 1.5 were not said as such
