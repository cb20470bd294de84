"""The words that bias recognition, and a transcript that only echoes them."""

from __future__ import annotations

from voice.prompt import echoes, shop_words

NAMES = ["Rice 5kg", "Basmati Rice 10kg", "Eggs 30 tray", "Ahmed Khan", "Gulf Dairy"]


def test_the_currency_and_units_join_the_names() -> None:
    words = shop_words(NAMES, "AED", ["bag", "tray", "bag"])
    assert words[: len(NAMES)] == NAMES  # names first: they matter most within the budget
    assert "dirhams" in words and "tray" in words
    assert "rupees" in shop_words(NAMES, "inr", [])


def test_a_transcript_that_only_repeats_the_bias_words_is_no_speech() -> None:
    words = shop_words(NAMES, "AED", ["bag"])
    assert echoes("Rice 5kg, Basmati Rice, Gulf Dairy.", words)
    assert echoes("Ahmed Khan, Ahmed Khan, dirhams", words)


def test_a_real_note_is_not_an_echo() -> None:
    words = shop_words(NAMES, "AED", ["bag"])
    assert not echoes("sold 2 bags of rice to Ahmed", words)  # a number and words of its own
    assert not echoes("Ahmed paid", words)
    assert not echoes("rice", words)  # one word could be a real answer ("which product?")
    assert not echoes("", words)
