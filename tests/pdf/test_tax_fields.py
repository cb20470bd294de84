"""The tax fields the law asks of an invoice: HSN, place of supply and the buyer's GSTIN in India,
the recipient's TRN in the UAE — read from the books and printed on both layouts, only when set."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import (
    BusinessView,
    Database,
    InvoiceView,
    SaleItem,
    add_party,
    add_product,
    create_business,
    invoice_view,
    sell,
)
from pdf import render_invoice
from pdf.fields import place_of_supply_line
from pdf.render import Layout
from tests.factories import new_phone, uae_shop
from tests.ledger.support import product_id
from tests.pdf.factory import invoice
from tests.pdf.reading import text_of

LAYOUTS: list[Layout] = ["a4", "receipt80"]
AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
BUYER_GSTIN = "07AAACD1234E1ZB"  # a valid check character
BUYER_TRN = "100987654300003"


async def _kirana(s: AsyncSession, *, state: str = "27") -> BusinessView:
    """A GST-registered Pune kirana (Maharashtra, code 27) selling rice (HSN 1006) and dal."""
    shop = await create_business(
        s,
        name="Sharma Kirana",
        currency="INR",
        country="IN",
        tax_name="GST",
        tax_rate=Decimal(5),
        prices_include_tax=False,
        timezone="Asia/Kolkata",
        tax_id="27AAPFU0939F1ZV",
        state=state,
    )
    for name, hsn in (("Basmati Rice", "1006"), ("Toor Dal", "0713"), ("Carry Bag", "")):
        await add_product(
            s, shop.id, name=name, price_minor=11000, unit="kg", opening_stock=Decimal(50), hsn=hsn
        )
    return shop


async def _sale_to(
    s: AsyncSession, shop: BusinessView, party: int | None, items: int = 3
) -> InvoiceView:
    """A sale of the shop's first `items` products, one each, at a fixed moment."""
    names = ["Basmati Rice", "Toor Dal", "Carry Bag"][:items]
    sold = [SaleItem(await product_id(s, shop.id, n), Decimal(1)) for n in names]
    sale = await sell(s, shop.id, sold, party_id=party, at=AT)
    return await invoice_view(s, shop.id, sale.invoice_id)


async def _interstate_invoice(db: Database) -> InvoiceView:
    async with db.session() as s:
        shop = await _kirana(s)
        delhi = await add_party(
            s,
            shop.id,
            name="Delhi Traders",
            phone=new_phone("+9199"),
            state="07",
            tax_id=BUYER_GSTIN,
        )
        return await _sale_to(s, shop, delhi.id)


async def test_an_indian_invoice_carries_hsn_place_of_supply_and_the_buyers_gstin(
    db: Database,
) -> None:
    view = await _interstate_invoice(db)
    assert [line.hsn for line in view.lines] == ["1006", "0713", ""]
    assert (view.customer_tax_id, view.place_of_supply) == (BUYER_GSTIN, "07")
    assert [t.label for t in view.tax_lines] == ["IGST"]


@pytest.mark.parametrize("layout", LAYOUTS)
async def test_an_interstate_gst_invoice_prints_them_on_every_layout(
    db: Database, layout: Layout
) -> None:
    view = await _interstate_invoice(db)
    pdf = render_invoice(view, layout)
    text = text_of(pdf)
    assert "Tax Invoice" in text
    assert "Place of supply: Delhi (07)" in text
    assert f"GSTIN: {BUYER_GSTIN}" in text
    assert "GSTIN 27AAPFU0939F1ZV" in text  # the shop's own line is as before
    assert "HSN" in text and "1006" in text and "0713" in text
    if layout == "receipt80":
        assert "HSN 1006" in text and "HSN 0713" in text
    assert render_invoice(view, layout) == pdf


async def test_an_indian_walk_in_gets_the_shops_state_and_no_buyer_gstin(db: Database) -> None:
    async with db.session() as s:
        shop = await _kirana(s)
        view = await _sale_to(s, shop, None)
    assert (view.customer_tax_id, view.place_of_supply) == ("", "27")
    text = text_of(render_invoice(view, "a4"))
    assert "GSTIN: " not in text and "TRN" not in text
    assert "Place of supply: Maharashtra (27)" in text
    assert "Cash customer" in text


async def test_an_intrastate_sale_keeps_the_shops_state_even_if_the_buyer_moved_since(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await _kirana(s, state="Maharashtra")
        local = await add_party(s, shop.id, name="Ravi Kumar", state="Maharashtra")
        view = await _sale_to(s, shop, local.id, items=1)
    assert [t.label for t in view.tax_lines] == ["CGST", "SGST"]
    assert view.place_of_supply == "Maharashtra"
    assert "Place of supply: Maharashtra (27)" in text_of(render_invoice(view, "receipt80"))


async def test_a_uae_invoice_prints_the_recipients_trn_and_no_indian_fields(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=False)
        firm = await add_party(
            s, shop.id, name="Gulf Catering LLC", phone=new_phone(), state="Dubai", tax_id=BUYER_TRN
        )
        rice = await product_id(s, shop.id, "Rice 5kg")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(2))], party_id=firm.id, at=AT)
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert (view.customer_tax_id, view.place_of_supply) == (BUYER_TRN, "")
    for layout in LAYOUTS:
        pdf = render_invoice(view, layout)
        text = text_of(pdf)
        assert f"TRN: {BUYER_TRN}" in text
        assert "TRN 100234567800003" in text  # the supplier's
        assert "Place of supply" not in text and "HSN" not in text and "GSTIN" not in text
        assert render_invoice(view, layout) == pdf


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("country", ["AE", "IN"])
def test_empty_fields_print_nothing_new(layout: Layout, country: Any) -> None:
    walk_in = invoice(country, lines=3, customer_name="", customer_phone="", layout=layout)
    pdf = render_invoice(walk_in, layout)
    text = text_of(pdf)
    for absent in ("HSN", "Place of supply", "GSTIN:", "TRN:"):
        assert absent not in text
    # The same view with the new fields spelled out empty is the same document, byte for byte.
    blank_lines = tuple(replace(line, hsn="") for line in walk_in.lines)
    spelled = replace(walk_in, lines=blank_lines, customer_tax_id="", place_of_supply="")
    assert render_invoice(spelled, layout) == pdf


@pytest.mark.parametrize(
    ("stored", "printed"),
    [
        ("27", "Place of supply: Maharashtra (27)"),
        ("7", "Place of supply: Delhi (07)"),
        ("MH", "Place of supply: Maharashtra (27)"),
        (" karnataka ", "Place of supply: Karnataka (29)"),
        ("Bombay Presidency", "Place of supply: Bombay Presidency"),  # not a state: as stored
        ("", ""),
    ],
)
def test_the_place_of_supply_is_named_with_its_gst_state_code(stored: str, printed: str) -> None:
    assert place_of_supply_line(stored) == printed


@pytest.mark.parametrize("layout", LAYOUTS)
def test_indian_fields_are_not_printed_for_a_uae_shop(layout: Layout) -> None:
    view = invoice("AE", lines=2, layout=layout)
    coded = replace(
        view,
        lines=tuple(replace(line, hsn="1006") for line in view.lines),
        place_of_supply="Dubai",
        customer_tax_id=BUYER_TRN,
    )
    text = text_of(render_invoice(coded, layout))
    assert "HSN" not in text and "Place of supply" not in text
    assert f"TRN: {BUYER_TRN}" in text


def test_the_a4_hsn_column_survives_a_page_break() -> None:
    view = invoice("IN", lines=40)
    coded = replace(view, lines=tuple(replace(line, hsn="1006") for line in view.lines))
    pdf = render_invoice(coded, "a4")
    pages = text_of(pdf).split("\n")
    assert sum("HSN" in line for line in pages) >= 2  # the header row repeats on each page
    assert render_invoice(coded, "a4") == pdf


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def test_hsn_codes_come_in_the_lines_query_not_one_query_per_line(db: Database) -> None:
    async with db.session() as s:
        shop = await _kirana(s)
        buyer = await add_party(s, shop.id, name="Delhi Traders", state="07", tax_id=BUYER_GSTIN)
        one = await sell(s, shop.id, [SaleItem((await _ids(s, shop))[0], Decimal(1))], at=AT)
        three = await sell(
            s, shop.id, [SaleItem(p, Decimal(1)) for p in await _ids(s, shop)], party_id=buyer.id
        )
    counts = []
    for sale in (one, three):
        async with db.session() as s:
            with _counting(db) as statements:
                await invoice_view(s, shop.id, sale.invoice_id)
        counts.append(len(statements))
    # The buyer's row is one more lookup; three lines cost no more queries than one.
    assert counts[1] <= counts[0] + 1


async def _ids(s: AsyncSession, shop: BusinessView) -> list[int]:
    return [await product_id(s, shop.id, n) for n in ("Basmati Rice", "Toor Dal", "Carry Bag")]
