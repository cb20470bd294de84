"""Amounts in words, in the shop's currency, Indian numbering for rupees."""

from __future__ import annotations

import pytest

from pdf import amount_in_words, number_in_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "Zero"),
        (1, "One"),
        (15, "Fifteen"),
        (21, "Twenty-One"),
        (100, "One Hundred"),
        (105, "One Hundred and Five"),
        (1005, "One Thousand and Five"),
        (120_050, "One Lakh Twenty Thousand and Fifty"),
        (100_000, "One Lakh"),
        (
            12_345_678,
            "One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred and Seventy-Eight",
        ),
        (1_000_000_000, "One Hundred Crore"),
    ],
)
def test_indian_numbering_counts_in_lakhs_and_crores(n: int, words: str) -> None:
    assert number_in_words(n, indian=True) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "Zero"),
        (15, "Fifteen"),
        (100_000, "One Hundred Thousand"),
        (
            1_234_567,
            "One Million Two Hundred and Thirty-Four Thousand Five Hundred and Sixty-Seven",
        ),
    ],
)
def test_international_numbering_counts_in_thousands_and_millions(n: int, words: str) -> None:
    assert number_in_words(n) == words


@pytest.mark.parametrize(
    ("minor", "currency", "words"),
    [
        (0, "AED", "UAE Dirhams Zero only"),
        (100, "AED", "UAE Dirhams One only"),
        (1500, "AED", "UAE Dirhams Fifteen only"),
        (10_550, "AED", "UAE Dirhams One Hundred and Five and Fifty Fils only"),
        (25, "AED", "Twenty-Five Fils only"),
        (0, "INR", "Rupees Zero only"),
        (100, "INR", "Rupees One only"),
        (10_000_000, "INR", "Rupees One Lakh only"),
        (12_000_050, "INR", "Rupees One Lakh Twenty Thousand and Fifty Paise only"),
        (
            1_234_567_899,
            "INR",
            "Rupees One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred and"
            " Seventy-Eight and Ninety-Nine Paise only",
        ),
        (1, "INR", "One Paisa only"),
        (101, "INR", "Rupees One and One Paisa only"),
    ],
)
def test_amounts_read_in_the_currency_with_its_minor_unit(
    minor: int, currency: str, words: str
) -> None:
    assert amount_in_words(minor, currency) == words


def test_a_currency_without_names_falls_back_to_its_code() -> None:
    assert amount_in_words(1234, "USD") == "USD Twelve and Thirty-Four Cents only"


def test_a_three_digit_currency_reads_its_baisa() -> None:
    assert amount_in_words(1_500, "OMR") == "Omani Rials One and Five Hundred Baisa only"
