"""Fuzzy catalog matching: aliases, misspellings, plurals, other languages and scripts."""

from __future__ import annotations

import pytest

from intents import Catalog, CatalogParty, CatalogProduct
from intents.matching import CatalogIndex

HONEY = Catalog(
    products=(
        CatalogProduct("Sidr Honey 500g", (), "jar"),
        CatalogProduct("Full Cream Milk 2L", (), "bottle"),
        CatalogProduct("Brown Eggs", (), "tray"),
        CatalogProduct("White Sugar", (), "kg"),
    ),
    parties=(
        CatalogParty("Ahmed Khan", "customer"),
        CatalogParty("Ahmed Saleem", "customer"),
        CatalogParty("Noor Foods Trading", "supplier"),
    ),
)


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("rice", "Rice 5kg"),
        ("rice bags", "Rice 5kg"),
        ("basmathi", "Basmati Rice 10kg"),
        ("tomatos", "Tomato"),
        ("coka cola", "Coca-Cola 330ml"),
        ("shampo", "Shampoo"),
        ("doodh", "Milk 1L"),
        ("cheeni", "Sugar"),
        ("tamar", "Dates 1kg"),
        ("anda", "Eggs 30 tray"),
    ],
)
def test_products_of_the_dubai_shop(ae: Catalog, words: str, name: str) -> None:
    hit = CatalogIndex.of(ae).product(words.split())
    assert hit is not None and hit.name == name


@pytest.mark.parametrize(
    ("words", "name"),
    [("shahad", None), ("doodh", "Full Cream Milk 2L"), ("ande", "Brown Eggs"),
     ("cheeni", "White Sugar"), ("honey", "Sidr Honey 500g")],
)  # fmt: skip
def test_general_lexicon_maps_onto_any_catalog(words: str, name: str | None) -> None:
    hit = CatalogIndex.of(HONEY).product(words.split())
    assert (hit.name if hit else None) == name


def test_noise_words_match_nothing(ae: Catalog) -> None:
    index = CatalogIndex.of(ae)
    for word in ("metro", "cousin", "match", "sold", "took", "tell"):
        hit = index.product([word])
        assert hit is None or hit.score < 0.7, word


def test_parties_by_first_name_partial_name_and_script(ae: Catalog) -> None:
    index = CatalogIndex.of(ae)
    assert index.party(["ahmed"]) is not None
    fresh = index.party(["fresh", "farms"])
    assert fresh is not None and fresh.name == "Fresh Farms Trading"
    arabic = index.party(["ahmd"], arabic=True)
    assert arabic is not None and arabic.name == "Ahmed Khan"
    fuzzy = index.party(["mohamad"])
    assert fuzzy is not None and fuzzy.name == "Mohammed Rashid"


def test_ambiguous_first_names_keep_their_candidates() -> None:
    hit = CatalogIndex.of(HONEY).party(["ahmed"])
    assert hit is not None and hit.candidates == ("Ahmed Khan", "Ahmed Saleem")
    assert hit.score <= 0.5


def test_generic_business_words_are_not_a_name() -> None:
    assert CatalogIndex.of(HONEY).party(["trading"]) is None
