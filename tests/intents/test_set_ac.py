"""Classes the blind set AC (a shop that also supplies restaurants and tea stalls) found at
first sight, each held by more sentences than the one that showed it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.containers import unpacked
from intents.models import AddStock, AdjustStock, ExportBooks, QueryDues, RecordSale
from tests.intents.reading import read


def _catalog() -> Catalog:
    return Catalog(
        products=(
            CatalogProduct(name="Basmati Chawal 5kg", aliases=("chawal", "rice"), unit="bag"),
            CatalogProduct(name="Sugar", aliases=("cheeni", "chini"), unit="kg"),
            CatalogProduct(name="Tomato", aliases=("tomato", "tomatos", "tamatar"), unit="kg"),
            CatalogProduct(name="Milk 500ml", aliases=("milk", "doodh"), unit="packet"),
            CatalogProduct(name="Tea 250g", aliases=("tea", "chai", "chai patti"), unit="pack"),
            CatalogProduct(name="Coca-Cola 330ml", aliases=("coke",), unit="can"),
            CatalogProduct(name="Surf Excel 1kg", aliases=("surf",), unit="pack"),
            CatalogProduct(name="Maggi", aliases=("maggi",), unit="pack"),
        ),
        parties=(
            CatalogParty(name="Bilal Ahmed", kind="customer"),
            CatalogParty(name="Ravi Kumar", kind="customer"),
            CatalogParty(name="Imran Qureshi", kind="customer"),
            CatalogParty(name="Gupta Traders", kind="supplier"),
            CatalogParty(name="Nestle Distributor", kind="supplier"),
        ),
    )


def _read(text: str) -> tuple[object, bool]:
    return read(text, _catalog())


def _items(intent: object) -> list[tuple[str, Decimal, Decimal | None]]:
    if isinstance(intent, RecordSale):
        return [(i.product, i.qty, i.unit_price) for i in intent.items]
    assert isinstance(intent, AddStock), intent
    return [(i.product, i.qty, i.unit_cost) for i in intent.items]


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("bilal 2 bag chawal 1850 ka bag", "1850"),
        ("bilal ko 3 bag chawal diye 1800 ka bag", "1800"),
        ("4 kilo cheeni becha 140 ka kilo", "140"),
        ("5 kilo tamatar 60 ki kilo diye", "60"),
    ],
)
def test_a_price_then_ka_and_a_unit_is_the_price_of_one(text: str, price: str) -> None:
    intent, _ = _read(text)
    assert [p for *_, p in _items(intent)] == [Decimal(price)]


@pytest.mark.parametrize(
    ("text", "qty", "price"),
    [
        ("fresh farms dropped 3 crates tomatos 10kg each", "30", None),
        ("stock in 2 sacks sugar 50kg each @ 3.8 per kg", "100", "3.8"),
        ("gupta traders se 2 bori cheeni aayi 50 kilo wali, 40 rupay kilo", "100", "40"),
        ("10 crate doodh aaya, ek crate me 24 packet, 26 ka rate", "240", "26"),
        ("sold 4 cartons coke to bilal, 24 cans in each, 54 per carton", "96", "2.25"),
        ("nestle distributor se 5 carton milk aaye, 12 packet per carton", "60", None),
    ],
)
def test_goods_in_containers_of_a_said_size_are_counted_and_read_back(
    text: str, qty: str, price: str | None
) -> None:
    intent, asked = _read(text)
    [(_, got_qty, got_price)] = _items(intent)
    assert got_qty == Decimal(qty)
    assert got_price == (Decimal(price) if price else None)
    assert asked  # the count was never said as such


@pytest.mark.parametrize(
    "text",
    [
        "sold 2 box maggi 40 each",  # a price, not the box's size
        "sold 2 cartons coke to bilal, 48 cans, 2 each",  # maybe all the cans: left as said
        "3 crates tomato aaye",
    ],
)
def test_containers_without_a_said_size_are_left_as_they_are(text: str) -> None:
    assert unpacked(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "ravi chai wale ko 10 packet chai patti aur 20 packet doodh diya khate me",
        "ravi chai wale ne 10 chai patti aur 20 doodh liye udhaar",
    ],
)
def test_what_someone_sells_said_of_them_is_not_goods(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, RecordSale) and intent.party is not None
    assert intent.party.name == "Ravi Kumar"
    assert sorted((p, q) for p, q, _ in _items(intent)) == [
        ("Milk 500ml", Decimal(20)),
        ("Tea 250g", Decimal(10)),
    ]


def test_the_one_who_brings_the_goods_may_be_named_by_them() -> None:
    # no other goods named: the milk is what came (the engine leaves it as before: unknown or
    # a delivery, never a sale to someone called "doodh")
    intent, _ = _read("doodh wala aaya 20 packet de gaya")
    assert not isinstance(intent, RecordSale)


@pytest.mark.parametrize(
    "text",
    ["stock check kiya surf excel sirf 9 pack hai", "surf excel ginti ki, 9 pack nikle"],
)
def test_a_format_word_inside_a_product_name_is_the_product(text: str) -> None:
    intent, _ = _read(text)
    assert not isinstance(intent, ExportBooks)
    assert isinstance(intent, AdjustStock) and intent.set_to == Decimal(9)


def test_the_format_word_alone_is_still_the_format() -> None:
    intent, _ = _read("is mahine ki sales excel me bhejo")
    assert isinstance(intent, ExportBooks) and intent.format == "xlsx"


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("imran ke zimme kitne paise hain", "Imran Qureshi"),
        ("bilal ke zimme kitna hai abhi", "Bilal Ahmed"),
        ("nestle walon ke kitne dene hain abhi", "Nestle Distributor"),
        ("gupta traders ke kitne dene hain", "Gupta Traders"),
    ],
)
def test_what_is_on_someones_account_is_asked_of_the_dues(text: str, party: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, QueryDues) and intent.party is not None
    assert intent.party.name == party
