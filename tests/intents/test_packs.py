"""Pieces counted where the catalog counts packs (INTENTS.md: qty in the catalog's unit)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intents.packs import in_packs, pack_size, says_pack


def test_a_pack_holds_twelve_for_a_dozen_and_what_the_name_says_for_a_tray() -> None:
    assert pack_size("Eggs", "dozen") == 12
    assert pack_size("Eggs 30 tray", "tray") == 30
    assert pack_size("Milk 1L", "bottle") is None
    assert pack_size("Egg tray", "tray") is None  # no size said: never guessed


@pytest.mark.parametrize(
    ("count", "size", "text", "packs"),
    [
        (Decimal(18), 12, "18 ande becha", Decimal("1.5")),
        (Decimal(60), 30, "sold 60 eggs to fatima", Decimal(2)),
        (Decimal(-15), 30, "15 eggs broke", Decimal("-0.5")),
        (Decimal(150), 12, "ande ginti kiye: 150 piece", Decimal("12.5")),
        (Decimal(5), 12, "5 ande toot gaye", None),  # under half a pack: asked, not converted
        (Decimal(7), 12, "7 ande", None),  # 0.5833…: not exact, asked instead
        (Decimal(2), 12, "2 piece ande", None),  # pieces said, but not exact to two decimals
    ],
)
def test_pieces_become_packs_only_where_exact(
    count: Decimal, size: int, text: str, packs: Decimal | None
) -> None:
    assert in_packs(count, size, text) == packs


def test_a_pack_word_means_the_count_is_in_packs_already() -> None:
    assert says_pack("2 dozen ande", "dozen") and says_pack("3 trays of eggs", "tray")
    assert not says_pack("60 eggs", "tray")
