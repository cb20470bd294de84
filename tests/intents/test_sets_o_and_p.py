"""Classes the blind sets O (messy typing from three cities) and P (a working day in order)
found at first sight, each held here by more sentences than the one that showed it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from intents import RuleParser
from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.doubt import judge
from intents.models import Help, RecordSale, Undo, Unknown
from intents.parser import ParseContext


def _catalog() -> Catalog:
    return Catalog(
        products=(
            CatalogProduct(name="Rice 5kg", aliases=("rice", "chawal"), unit="bag"),
            CatalogProduct(name="Onion", aliases=("pyaaz", "onion"), unit="kg"),
            CatalogProduct(name="Potato", aliases=("aloo", "potato"), unit="kg"),
            CatalogProduct(name="Coca-Cola 330ml", aliases=("coke",), unit="can"),
            CatalogProduct(name="Water 1.5L", aliases=("water", "pani"), unit="bottle"),
        ),
        parties=(CatalogParty(name="Ahmed Khan", kind="customer"),),
    )


def _parse(text: str) -> object:
    context = ParseContext(_catalog(), "owner", datetime(2026, 11, 29, 10, tzinfo=UTC))
    return RuleParser().parse_sync(text, context).intent


@pytest.mark.parametrize(
    "text",
    [
        "bhaiya ye bot me sale kaise likhte hai",
        "agar galat entry ho jaye to kaise hataye",
        "galat entry kaise mitaye",
        "udhaar kaise likhe",
        "how do i delete a wrong entry",
        "how to undo the last entry",
        "how can i add stock",
    ],
)
def test_a_question_how_to_do_a_thing_is_help_never_the_thing(text: str) -> None:
    """p-043 booked an undo for "how do I remove a wrong entry"."""
    intent = _parse(text)
    assert isinstance(intent, Help), intent


def test_the_undo_itself_is_still_an_undo() -> None:
    assert isinstance(_parse("undo last entry"), Undo)
    assert isinstance(_parse("galat entry hatao"), Undo)


@pytest.mark.parametrize(
    "text", ["ram ram 🙏", "sabah al khair", "sat sri akal ji", "marhaba", "ram ram bhaiya"]
)
def test_greetings_of_the_three_cities_are_answered_with_help(text: str) -> None:
    assert isinstance(_parse(text), Help)


def test_a_greeting_word_is_still_a_name_in_a_sale() -> None:
    sale = _parse("sold 2 rice to ram 40 each")
    assert isinstance(sale, RecordSale) and sale.party is not None
    assert sale.party.name.lower() == "ram"


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("aik coke do pani", ["1", "2"]),
        ("aik coke", ["1"]),
        ("aadha kilo pyaaz paav kilo aloo", ["0.5", "0.25"]),
        ("paav kg pyaaz", ["0.25"]),
    ],
)
def test_urdu_one_and_a_quarter_kilo_are_numbers_not_names(
    text: str, quantities: list[str]
) -> None:
    """ "aik coke do pani" booked a sale to a customer called "Aik"; "paav kilo aloo" a kilo."""
    sale = _parse(text)
    assert isinstance(sale, RecordSale), sale
    assert sale.party is None
    assert [item.qty for item in sale.items] == [Decimal(q) for q in quantities]


@pytest.mark.parametrize(
    ("text", "product"),
    [("2 kurkure", "kurkure"), ("3 laban", "laban"), ("1 haldi 30", "haldi"), ("3 pepsi", "pepsi")],
)
def test_a_count_of_goods_the_catalog_does_not_know_is_a_sale_asked_first(
    text: str, product: str
) -> None:
    sale = _parse(text)
    assert isinstance(sale, RecordSale), sale
    assert [item.product for item in sale.items] == [product]
    assert judge(text, sale, _catalog(), 0.9).ask


@pytest.mark.parametrize("text", ["5 minutes", "2 customers", "3 baje", "10 mins"])
def test_a_count_of_things_that_are_not_goods_is_not_a_sale(text: str) -> None:
    assert isinstance(_parse(text), Unknown)
