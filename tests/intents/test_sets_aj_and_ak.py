"""Classes the blind set AJ (the end of a long day at the three shops, typed by tired owners and
staff) found at first sight, each held by more sentences than the one that showed it: the day
of a sale said beside a payment promised for later, a day that belongs to something else, an
hour of the day read as a customer's name, and a carton's size typed short ("6btl each");
and those AK (a shop's first week with the bot, written by someone else, held out from AJ's
fixes and judged with them) found: "half a dozen", cash said in Urdu or Devanagari script, a
new product sold by the tub, and a unit said after the goods it counts; and those AL (a market
day with money trouble, held out from AJ's and AK's fixes and judged with them) found: "saadhe
paanch sau" read as 500.5, the day of a promise to give the rest, "paid" with the bill's own
total, and Gulf Arabic "صابونة وحدة"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.models import (
    AddProduct,
    QueryDues,
    QueryProfit,
    QuerySales,
    RecordPayment,
    RecordSale,
)
from tests.intents.reading import read

YESTERDAY = date(2026, 11, 28)  # reading.NOW is Sunday 2026-11-29


def _catalog() -> Catalog:
    return Catalog(
        products=(
            CatalogProduct(name="Basmati Rice 10kg", aliases=("basmati",), unit="bag"),
            CatalogProduct(name="Milk 500ml", aliases=("milk", "doodh"), unit="packet"),
            CatalogProduct(name="Rice 5kg", aliases=("rice", "chawal"), unit="bag"),
            CatalogProduct(name="Water 1.5L", aliases=("water",), unit="bottle"),
            CatalogProduct(name="Soap", aliases=("soap", "sabun"), unit="piece"),
            CatalogProduct(name="Shampoo", aliases=("shampoo",), unit="bottle"),
            CatalogProduct(name="Sugar", aliases=("sugar", "cheeni", "chini"), unit="kg"),
            CatalogProduct(
                name="Atta 10kg", aliases=("atta",), unit="bag", unit_price=Decimal(450)
            ),
            CatalogProduct(name="Maggi", aliases=("maggi",), unit="packet", unit_price=Decimal(14)),
            CatalogProduct(
                name="Parle-G", aliases=("parle g", "parle"), unit="packet", unit_price=Decimal(10)
            ),
        ),
        parties=(
            CatalogParty(name="Ravi Kumar", kind="customer"),
            CatalogParty(name="Priya Sharma", kind="customer"),
            CatalogParty(name="Mohammed Rashid", kind="customer"),
            CatalogParty(name="Suresh Patel", kind="customer"),
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


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("sold half a dozen soaps to mohammed, 3 dirham each", Decimal(6)),
        ("half a dozen soap for ravi", Decimal(6)),
        ("sold half a kilo sugar", Decimal("0.5")),
        ("sold a dozen soap", Decimal(12)),
    ],
)
def test_half_a_dozen_is_six(text: str, qty: Decimal) -> None:
    assert [item.qty for item in _sale(text).items] == [qty]


@pytest.mark.parametrize(
    "text",
    ["سریش کو 2 کلو چینی دی، نقد", "सुरेश को 2 किलो चीनी दी, नकद", "suresh ko 2 kilo chini di, naqd"],
)
def test_cash_said_in_any_script_is_a_cash_sale(text: str) -> None:
    sale = _sale(text)
    assert (sale.paid, sale.method) == ("full", "cash")


def test_a_new_product_sold_by_the_tub_keeps_its_unit() -> None:
    intent, _ = read(
        "I want to add a new item, Labneh 400g, selling price 9.50 per tub", _catalog()
    )
    assert isinstance(intent, AddProduct), intent
    assert (intent.unit_price, intent.unit) == (Decimal("9.5"), "tub")


@pytest.mark.parametrize("text", ["sold 3 shampoo sachets", "sold 3 sachets shampoo"])
def test_goods_counted_in_a_unit_they_are_not_kept_in_are_read_back(text: str) -> None:
    intent, ask = read(text, _catalog())
    assert isinstance(intent, RecordSale), intent
    assert ask


@pytest.mark.parametrize("text", ["sold 3 shampoo bottles", "sold 2 water bottles to ravi"])
def test_goods_counted_in_their_own_unit_are_not(text: str) -> None:
    _, ask = read(text, _catalog())
    assert not ask


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("ravi ne saadhe paanch sau UPI kiye", Decimal(550)),
        ("saadhe teen hazaar diye ravi ne", Decimal(3500)),
        ("sawa do sau diye ravi ne", Decimal(225)),
        ("paune do sau diye ravi ne", Decimal(175)),
        ("dhai sau diye ravi ne", Decimal(250)),
    ],
)
def test_a_shifted_count_of_hundreds_shifts_the_count_not_the_whole(
    text: str, amount: Decimal
) -> None:
    intent, _ = read(text, _catalog())
    assert isinstance(intent, RecordPayment), intent
    assert intent.amount == amount


def test_a_shift_without_a_multiplier_is_still_a_half() -> None:
    assert [item.qty for item in _sale("saadhe 3 kilo cheeni ravi ko").items] == [Decimal("3.5")]


def test_the_day_the_rest_will_be_given_is_not_the_sales() -> None:
    sale = _sale("mohammed took 1 basmati, gave 100 cash, rest he will give on friday")
    assert (sale.paid, sale.date) == (Decimal(100), None)


def test_a_weekday_that_is_today_gives_no_date() -> None:
    assert _sale("sunday ravi took 2 rice").date is None  # reading.NOW is a Sunday


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("anjali 4 maggi 1 parle g total 66 paid", "full"),
        ("ravi 4 maggi 1 parle g, 50 paid", Decimal(50)),
    ],
)
def test_paid_the_bills_own_total_is_paid_in_full(text: str, paid: object) -> None:
    assert _sale(text).paid == paid


def test_a_soap_and_one_in_gulf_arabic() -> None:
    sale = _sale("بعت 2 ماي و صابونة وحدة كاش")
    assert [(i.product, i.qty) for i in sale.items] == [
        ("Water 1.5L", Decimal(2)),
        ("Soap", Decimal(1)),
    ]


@pytest.mark.parametrize(
    "text", ["anjali 4 maggi 50 diye", "ravi 2 atta 500 diye", "ravi 2 atta 500 de diye"]
)
def test_money_given_right_after_the_goods_is_read_back(text: str) -> None:
    # a price of them, or what was paid of a bill at the catalog's prices? Labellers read
    # "500 diye" as paid; the engine reads a price: whichever, the owner is asked.
    intent, ask = read(text, _catalog())
    assert isinstance(intent, RecordSale), intent
    assert ask


@pytest.mark.parametrize(
    "text",
    [
        "anjali 1 darjan maggi 84 paid",  # the price, and the bill paid
        "ravi ne 2 atta liye 500 diye",  # the goods taken, then money given: paid 500
        "sold 10 parle g @10 to ravi",  # the "g" is the name's
    ],
)
def test_what_says_plainly_which_it_is_is_not(text: str) -> None:
    _, ask = read(text, _catalog())
    assert not ask


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("how much did we actually make today after all this mess", "today"),
        ("how much did we make today", "today"),
        ("what did we make this week", "this_week"),
    ],
)
def test_how_much_we_made_is_the_profit(text: str, period: str) -> None:
    intent, _ = read(text, _catalog())
    assert isinstance(intent, QueryProfit), intent
    assert intent.period == period


def test_how_much_of_a_product_is_still_its_sales() -> None:
    intent, _ = read("how much rice did we sell today", _catalog())
    assert isinstance(intent, QuerySales), intent


@pytest.mark.parametrize("text", ["ravi كم عليه فلوس؟", "ravi كم عليه؟", "كم على ravi"])
def test_how_much_is_on_someone_in_arabic_is_their_dues(text: str) -> None:
    intent, _ = read(text, _catalog())
    assert isinstance(intent, QueryDues), intent
    assert intent.party is not None and intent.party.name == "Ravi Kumar"
