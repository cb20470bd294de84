"""Numbers: digits, suffixes, number words, scripts, and the nasty cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intents import ParseContext, RecordPayment, RecordSale, RuleParser
from intents.numbers import read_number
from intents.text import tokenize


def number(text: str) -> Decimal | None:
    found = read_number(tokenize(text), 0)
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,50,000", "150000"),
        ("1,500", "1500"),
        ("1.5k", "1500"),
        ("25k", "25000"),
        ("2 lakh", "200000"),
        ("1 crore", "10000000"),
        ("do hazaar", "2000"),
        ("dhai sau", "250"),
        ("dedh", "1.5"),
        ("dhai", "2.5"),
        ("saade teen", "3.5"),
        ("paune do", "1.75"),
        ("sava", "1.25"),
        ("aadha", "0.5"),
        ("half", "0.5"),
        ("twenty five", "25"),
        ("one and a half", "1.5"),
        ("1/2", "0.5"),
        ("٣", "3"),
        ("۵", "5"),
        ("१२", "12"),
        ("दो किलो", "2"),
        ("paanch packet", "5"),
    ],
)
def test_reads_numbers(text: str, value: str) -> None:
    assert number(text) == Decimal(value)


def test_do_is_not_a_number_after_a_verb_or_in_english() -> None:
    assert read_number(tokenize("kar do"), 1) is None
    assert read_number(tokenize("what can you do"), 3) is None


def test_2l_before_a_product_is_litres(in_ctx: ParseContext) -> None:
    """2 litres, not 2 lakh: and counted, as INTENTS.md counts qty, in the catalog's unit,
    the 500 ml packet (read back, as 4 was not said)."""
    intent = RuleParser().parse_sync("2L milk becha", in_ctx).intent
    assert isinstance(intent, RecordSale)
    assert intent.items[0].product == "Milk 500ml"
    assert intent.items[0].qty == 4


def test_2l_alone_after_a_money_word_is_lakh(in_ctx: ParseContext) -> None:
    intent = RuleParser().parse_sync("gupta traders ko 2L diye", in_ctx).intent
    assert isinstance(intent, RecordPayment)
    assert intent.amount == Decimal(200000)
    assert intent.direction == "out"


def test_indian_grouping_in_a_payment(in_ctx: ParseContext) -> None:
    intent = RuleParser().parse_sync("ravi ne 1,50,000 diye", in_ctx).intent
    assert isinstance(intent, RecordPayment)
    assert intent.amount == Decimal(150000)


def test_arabic_indic_digits_in_a_sale(ae_ctx: ParseContext) -> None:
    intent = RuleParser().parse_sync("بعت ٣ حليب", ae_ctx).intent
    assert intent.to_contract() == {
        "intent": "record_sale",
        "slots": {"items": [{"product": "Milk 1L", "qty": "3"}]},
    }


def test_devanagari_number_word_in_a_sale(in_ctx: ParseContext) -> None:
    intent = RuleParser().parse_sync("दो पैकेट दूध बेचा", in_ctx).intent
    assert intent.to_contract()["slots"]["items"] == [{"product": "Milk 500ml", "qty": "2"}]


def test_dozen_converts_into_the_catalog_unit(ae_ctx: ParseContext, in_ctx: ParseContext) -> None:
    soap = RuleParser().parse_sync("sold 2 dozen soap", ae_ctx).intent
    eggs = RuleParser().parse_sync("1 dozen ande becha", in_ctx).intent
    assert isinstance(soap, RecordSale) and soap.items[0].qty == 24
    assert isinstance(eggs, RecordSale) and eggs.items[0].qty == 1


def test_a_total_becomes_a_unit_price(ae_ctx: ParseContext) -> None:
    intent = RuleParser().parse_sync("sold 3 milk for 19.50", ae_ctx).intent
    assert isinstance(intent, RecordSale)
    assert intent.items[0].unit_price == Decimal("6.5")
