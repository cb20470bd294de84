"""A catalog file opens a shop with its products and opening stock, or is refused whole."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from ledger import (
    CatalogFileError,
    Database,
    get_business,
    load_catalog,
    member_and_shop,
    members_by_phone,
    parties,
    products,
    read_catalog,
    stock_report,
    to_minor,
)
from ledger.tables import StockMove
from tests.conftest import EVAL_DIR
from tests.factories import new_phone


@pytest.mark.parametrize("name", ["catalog_ae.json", "catalog_in.json"])
async def test_a_shared_catalog_loads_with_every_product_party_and_opening_stock(
    db: Database, name: str
) -> None:
    path = EVAL_DIR / name
    raw = json.loads(path.read_text(encoding="utf-8"))
    data = read_catalog(path)
    owner = new_phone()
    async with db.session() as s:
        loaded = await load_catalog(s, data, owner)
        shop = loaded.business
        catalog = {p.name: p for p in await products(s, shop.id)}
        people = await parties(s, shop.id)
        stock = {line.name: line.on_hand for line in await stock_report(s, shop.id)}
        moves = await s.execute(select(col(StockMove.kind)).where(StockMove.business_id == shop.id))
        kinds = list(moves.scalars())
        members = await members_by_phone(s, owner)
    assert (loaded.products, loaded.parties) == (len(raw["products"]), len(raw["parties"]))
    assert len(catalog) == len(raw["products"]) > 10
    assert len(people) == len(raw["parties"])
    assert {p.kind for p in people} == {"customer", "supplier"}
    for item in raw["products"]:
        product = catalog[item["name"]]
        assert product.price_minor == to_minor(item["unit_price"], raw["business"]["currency"])
        assert product.on_hand == stock[item["name"]] == Decimal(item.get("stock", "0"))
        assert product.aliases == tuple(item.get("aliases", []))
    assert kinds == ["opening"] * sum(1 for i in raw["products"] if Decimal(i.get("stock", "0")))
    assert (shop.currency, shop.timezone) == (
        raw["business"]["currency"],
        raw["business"]["timezone"],
    )
    assert shop.tax_id
    assert [(m.business_id, m.role) for m in members] == [(shop.id, "owner")]


def good() -> dict[str, Any]:
    """A small valid catalog to break in different ways."""
    return {
        "business": {
            "name": "Corner Shop",
            "currency": "AED",
            "country": "AE",
            "tax_name": "VAT",
            "tax_rate": "5",
            "prices_include_tax": True,
            "timezone": "Asia/Dubai",
        },
        "products": [
            {"name": "Rice", "unit": "bag", "unit_price": "40.00", "stock": "10"},
            {"name": "Milk", "unit": "bottle", "unit_price": "6.50", "stock": "1.5"},
            {"name": "Soap", "unit": "piece", "unit_price": "3", "reorder_level": "4"},
        ],
        "parties": [
            {"name": "Ahmed", "kind": "customer", "phone": "+971501234567"},
            {"name": "Dairy Co", "kind": "supplier"},
        ],
    }


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CatalogFileError) as caught:
        read_catalog(path)
    return caught.value.problems


def test_a_good_catalog_reads_without_problems(tmp_path: Path) -> None:
    assert read_catalog(write(tmp_path, good()))["business"]["name"] == "Corner Shop"


def test_every_bad_field_is_named_not_just_the_first(tmp_path: Path) -> None:
    data = good()
    del data["business"]["currency"]
    data["business"]["tax_rate"] = "five"
    data["business"]["prices_include_tax"] = "yes"
    data["business"]["timezone"] = "Mars/Olympus"
    data["products"][0]["unit_price"] = "-1"
    data["products"][1]["stock"] = "lots"
    data["products"][2]["name"] = "rice"
    data["products"].append({"unit": "kg", "unit_price": 4.5})
    data["parties"][0]["phone"] = "12345"
    data["parties"][1]["kind"] = "friend"
    problems = problems_of(write(tmp_path, data))
    for field in [
        "business.currency",
        "business.tax_rate",
        "business.prices_include_tax",
        "business.timezone",
        "products[0].unit_price",
        "products[1].stock",
        "products[2].name",
        "products[3].name",
        "products[3].unit_price",
        "parties[0].phone",
        "parties[1].kind",
    ]:
        assert any(p.startswith(field) for p in problems), (field, problems)
    assert len(problems) == 11
    assert "products[3].unit_price" in str(CatalogFileError(problems))


def test_quantities_and_prices_finer_than_the_books_keep_are_refused(tmp_path: Path) -> None:
    data = good()
    data["business"]["tax_rate"] = "5.125"
    data["products"][0]["stock"] = "1.2345"
    data["products"][1]["unit_price"] = "6.505"
    data["products"][2]["reorder_level"] = "0.0001"
    problems = problems_of(write(tmp_path, data))
    for field in [
        "business.tax_rate",
        "products[0].stock",
        "products[1].unit_price",
        "products[2].reorder_level",
    ]:
        assert any(p.startswith(field) for p in problems), (field, problems)


def test_a_tax_rate_of_a_hundred_percent_or_more_is_refused(tmp_path: Path) -> None:
    data = good()
    data["business"]["tax_rate"] = "100"
    assert [p.split(":")[0] for p in problems_of(write(tmp_path, data))] == ["business.tax_rate"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2, 3]", "must hold a JSON object"),
        ('{"business": 3}', "business: missing or not an object"),
        ('{"business": {}, "parties": {}}', "products: missing or not a list"),
    ],
)
def test_files_that_are_not_catalogs_are_refused(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(content, encoding="utf-8")
    assert any(expected in p for p in problems_of(path))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere.json") == [f"{tmp_path / 'nowhere.json'}: no such file"]


async def test_a_catalog_with_fractional_stock_loads_exactly(db: Database, tmp_path: Path) -> None:
    data = read_catalog(write(tmp_path, good()))
    async with db.session() as s:
        loaded = await load_catalog(s, data, new_phone())
        stock = {
            p.name: (p.on_hand, p.reorder_level) for p in await products(s, loaded.business.id)
        }
    assert stock == {
        "Rice": (Decimal(10), None),
        "Milk": (Decimal("1.5"), None),
        "Soap": (Decimal(0), Decimal(4)),
    }


async def test_the_catalog_file_carries_what_invoices_and_returns_need(db: Database) -> None:
    """HSN per product, a party's GSTIN (its state read from it) or TRN, the shop's address,
    phone, state (from its GSTIN) and pay link."""
    data = json.loads((EVAL_DIR / "catalog_in.json").read_text(encoding="utf-8"))
    data["business"] |= {"address": "14 MG Road, Mumbai", "phone": "+912226660000"}
    data["business"]["upi_id"] = "sharma@okaxis"
    data["products"][0]["hsn"] = "1101"
    data["parties"][0]["gstin"] = "29AAGCB7383J1Z4"
    data["parties"][1]["state"] = "07"
    async with db.session() as s:
        loaded = await load_catalog(s, data, new_phone())
        shop = loaded.business
        atta = {p.name: p for p in await products(s, shop.id)}["Atta 10kg"]
        people = {p.name: p for p in await parties(s, shop.id)}
    assert (shop.address, shop.phone, shop.upi_id) == (
        "14 MG Road, Mumbai",
        "+912226660000",
        "sharma@okaxis",
    )
    assert (shop.tax_id, shop.state) == ("27AAPFU0939F1ZV", "27")  # the GSTIN's state
    assert atta.hsn == "1101"
    ravi, priya = people["Ravi Kumar"], people["Priya Sharma"]
    assert (ravi.tax_id, ravi.state) == ("29AAGCB7383J1Z4", "29")
    assert (priya.tax_id, priya.state) == ("", "07")


async def test_the_parses_quick_read_finds_the_same_member_and_shop_as_resolve(
    db: Database,
) -> None:
    """`member_and_shop` (the hot path's read before the write, on a synchronous connection)
    agrees with `members_by_phone` and `get_business`; a stranger is no one."""
    raw = read_catalog(EVAL_DIR / "catalog_ae.json")
    owner = new_phone()
    async with db.session() as s:
        loaded = await load_catalog(s, raw, owner)
        members = await members_by_phone(s, owner)
        shop = await get_business(s, loaded.business.id)
    found = await db.quick(lambda conn: member_and_shop(conn, owner), write=False)
    assert found == (members[0], shop)
    nobody = await db.quick(lambda conn: member_and_shop(conn, new_phone()), write=False)
    assert nobody is None
