"""Classes the blind set AF (the last days of a month at both shops: voice notes, thumb-typing,
Hinglish, corrections and the accountant's exports) found at first sight, each held by more
sentences than the one that showed it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.models import (
    AddStock,
    AdjustStock,
    Amend,
    RecordExpense,
    RecordPayment,
    RecordSale,
    Unknown,
)
from intents.numbers import word_value
from tests.intents.reading import read


def _catalog() -> Catalog:
    return Catalog(
        products=(
            CatalogProduct(name="Rice 5kg", aliases=("rice", "chawal"), unit="bag"),
            CatalogProduct(name="Milk 500ml", aliases=("milk", "doodh"), unit="packet"),
            CatalogProduct(name="Toor Dal", aliases=("dal", "daal", "arhar"), unit="kg"),
            CatalogProduct(name="Bread", aliases=("bread",), unit="pc"),
            CatalogProduct(name="Eggs 30 tray", aliases=("eggs", "egg tray"), unit="tray"),
        ),
        parties=(
            CatalogParty(name="Ravi Kumar", kind="customer"),
            CatalogParty(name="Priya Sharma", kind="customer"),
            CatalogParty(name="Anjali Verma", kind="customer"),
            CatalogParty(name="Gulf Dairy", kind="supplier"),
            CatalogParty(name="Amul Distributor", kind="supplier"),
        ),
    )


def _read(text: str) -> tuple[object, bool]:
    return read(text, _catalog())


@pytest.mark.parametrize(
    "text",
    [
        "tmrw gulf dairy bringing 30 trays eggs, remind me to keep cash ready",
        "gulf dairy will bring 20 milk tomorrow",
        "amul wala kal 50 doodh layega",
        "amul distributor agle hafte 100 packet doodh bhejega",
        "ravi bol raha tha agle hafte 2000 de dega",
        "priya 500 dega",
        "ravi will pay 300 next week",
        "remind me to collect 500 from ravi",
        "yaad dilana priya se 200 lene hain",
    ],
)
def test_what_is_still_to_come_is_never_booked(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, Unknown), intent


@pytest.mark.parametrize(
    "text",
    [
        "ravi 2 doodh le gaya agle hafte dega",  # the goods went: a credit sale
        "sold 2 rice to ravi, he will pay tomorrow",
        "2 rice ravi, will pay tomorrow",
        "ravi 2 doodh, kal dega",
    ],
)
def test_goods_that_went_with_payment_promised_are_a_credit_sale(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, RecordSale), intent
    assert intent.paid == "credit"


def test_a_payment_made_with_the_rest_promised_is_the_payment() -> None:
    intent, _ = _read("ravi ne 500 diye baaki agle hafte dega")
    assert isinstance(intent, RecordPayment), intent
    assert intent.amount == Decimal(500)


@pytest.mark.parametrize(
    "text",
    [
        "lulu selling the 5kg rice for 35 this week, how do we compete with that",
        "carrefour sells milk at 4",
        "the shop next door is selling eggs 12 a tray",
    ],
)
def test_another_sellers_price_is_no_sale(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, Unknown), intent


@pytest.mark.parametrize("text", ["selling 2 rice to ravi 40 each", "2 egg tray broken, cant sell"])
def test_the_shops_own_selling_is_still_read(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, (RecordSale, AdjustStock)), intent


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("new guy Yusuf from the laundry took 4 bread 2 milk on credit", "Yusuf"),
        ("Yusuf from the laundry took 2 bread on credit", "Yusuf"),
        ("lady Kavita from 3rd floor took 2 milk udhaar", "Kavita"),
    ],
)
def test_who_then_where_they_are_from_names_who(text: str, party: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, RecordSale), intent
    assert intent.party is not None and intent.party.name == party


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("gulf dairy delivered 48 milk @ 4.75, gave them 100, balance next wk", "100"),
        ("sold 3 rice to ravi 40 each, he paid me 50", "50"),
        ("amul se 20 doodh aaye 24 ka, unko 200 diye", "200"),
    ],
)
def test_money_given_to_someone_named_by_a_pronoun_is_a_part_payment(text: str, paid: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, (RecordSale, AddStock)), intent
    assert intent.paid == Decimal(paid)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("chaubees", 24), ("chaubis", 24), ("battis", 32), ("chhattis", 36),
        ("chalees", 40), ("paintalis", 45), ("pachpan", 55), ("pachattar", 75),
        ("bahattar", 72), ("pachaasi", 85), ("nabbe", 90), ("ninyaanve", 99),
    ],
)  # fmt: skip
def test_hindi_numbers_up_to_a_hundred_are_numbers(word: str, value: int) -> None:
    assert word_value(word) == value


def test_saath_stays_with() -> None:
    assert word_value("saath") is None  # "ravi ke saath": with, never 60


def test_a_price_typed_as_a_hindi_number_is_the_price() -> None:
    intent, _ = _read("amul wale aaj pachas packet doodh de gaye chaubees rupay packet")
    assert isinstance(intent, AddStock), intent
    [line] = intent.items
    assert (line.qty, line.unit_cost) == (Decimal(50), Decimal(24))


@pytest.mark.parametrize(
    "text",
    ["galat naam daal diya, wo priya nahi anjali thi", "galat naam dal diya, anjali thi"],
)
def test_daal_diya_after_something_written_is_put_not_dal(text: str) -> None:
    intent, _ = _read(text)
    assert isinstance(intent, Amend), intent
    assert intent.product is None
    assert intent.party is not None and intent.party.name == "Anjali Verma"


def test_dal_given_is_still_dal() -> None:
    intent, _ = _read("priya ko 2 kilo daal di")
    assert isinstance(intent, RecordSale), intent
    assert [i.product for i in intent.items] == ["Toor Dal"]


@pytest.mark.parametrize(
    "text",
    [
        "2 surf excel 65 ka ek aur 1 colgate 95, cash",
        "1 colgate 95 cash",
        "3 excel notebook 40 each, upi",
    ],
)
def test_counted_priced_and_paid_goods_the_catalog_lacks_are_a_sale_asked_first(
    text: str,
) -> None:
    intent, asked = _read(text)
    assert isinstance(intent, RecordSale), intent
    assert asked  # new products: their names and prices are the owner's to confirm


@pytest.mark.parametrize("text", ["40 bags left", "rice not selling, 40 bags left"])
def test_a_count_of_what_is_left_is_no_expense(text: str) -> None:
    intent, _ = _read(text)
    assert not isinstance(intent, RecordExpense), intent
