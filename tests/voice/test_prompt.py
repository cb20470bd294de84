"""The shop's names and a line of shop talk steer whisper towards the shop's words."""

from __future__ import annotations

from voice.prompt import EXAMPLE, MAX_WORDS_CHARS, bias


def test_names_become_hotwords_and_follow_the_example_in_english() -> None:
    steer = bias(["Ahmed", "Basmati rice"], language="en")

    assert steer.hotwords == "Ahmed Basmati rice"
    assert steer.prompt == f"{EXAMPLE} Ahmed, Basmati rice."


def test_the_english_example_is_left_out_when_the_language_is_not_english() -> None:
    assert bias(["चावल", "Ahmed"], language="hi").prompt == "चावल, Ahmed."
    assert bias(["Ahmed"], language=None).prompt == "Ahmed."


def test_without_names_only_the_english_example_remains() -> None:
    assert bias([], language="en").prompt == EXAMPLE
    assert bias([], language="en").hotwords is None
    assert bias(["  ", ""], language=None).prompt is None


def test_names_are_cleaned_and_repeated_names_kept_once() -> None:
    steer = bias(["  Basmati   rice ", "ahmed", "Ahmed", "basmati rice"], language=None)

    assert steer.hotwords == "Basmati rice ahmed"


def test_a_huge_catalog_is_cut_to_fit_whisper_keeping_the_first_names() -> None:
    names = [f"Product {n}" for n in range(500)]

    steer = bias(names, language="en")

    assert steer.hotwords is not None
    assert len(steer.hotwords) <= MAX_WORDS_CHARS
    assert steer.hotwords.startswith("Product 0 Product 1 ")
