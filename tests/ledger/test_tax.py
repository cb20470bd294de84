"""VAT and GST per line, rounded half-up; invoice totals are sums of rounded lines."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import Database, SaleItem, add_product, invoice_view, sell
from ledger.documents import invoice_lines
from ledger.money import round_half_up
from ledger.tax import line_amounts, tax_summary
from tests.factories import india_shop, uae_shop
from tests.ledger.support import party_id, product_id


async def test_uae_inclusive_prices_carve_the_vat_out_of_the_price(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=True)
        rice = await product_id(s, shop.id, "Rice 5kg")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(1))])
        view = await invoice_view(s, shop.id, sale.invoice_id)
    # 40.00 / 1.05 = 38.0952... -> 38.10 net, 1.90 VAT
    assert (view.subtotal_minor, view.tax_minor, view.total_minor) == (3810, 190, 4000)
    assert [(t.label, t.rate, t.taxable_minor, t.tax_minor) for t in view.tax_lines] == [
        ("VAT", Decimal(5), 3810, 190)
    ]


async def test_uae_exclusive_prices_add_the_vat_on_top(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=False)
        rice = await product_id(s, shop.id, "Rice 5kg")
        milk = await product_id(s, shop.id, "Milk 1L")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(2)), SaleItem(milk, Decimal(3))])
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert [(ln.net_minor, ln.tax_minor, ln.gross_minor) for ln in view.lines] == [
        (8000, 400, 8400),
        (1950, 98, 2048),  # 97.5 fils of VAT rounds half up to 98
    ]
    assert (view.subtotal_minor, view.tax_minor, view.total_minor) == (9950, 498, 10448)
    assert sale.total_minor == 10448


async def test_three_at_three_thirty_three_exclusive_is_ten_forty_nine(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=False)
        odd = await add_product(
            s, shop.id, name="Biscuits", price_minor=333, opening_stock=Decimal(10)
        )
        sale = await sell(s, shop.id, [SaleItem(odd.id, Decimal(3))])
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert (view.subtotal_minor, view.tax_minor, view.total_minor) == (999, 50, 1049)


async def test_a_product_rate_overrides_the_shop_rate(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=False)
        rice = await product_id(s, shop.id, "Rice 5kg")
        zero_rated = await add_product(
            s, shop.id, name="Panadol", price_minor=1000, tax_rate=Decimal(0)
        )
        items = [SaleItem(rice, Decimal(1)), SaleItem(zero_rated.id, Decimal(2))]
        sale = await sell(s, shop.id, items, allow_negative_stock=True)
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert [(t.label, t.rate, t.taxable_minor, t.tax_minor) for t in view.tax_lines] == [
        ("VAT", Decimal(0), 2000, 0),
        ("VAT", Decimal(5), 4000, 200),
    ]
    assert view.total_minor == 6200


async def test_india_within_the_state_splits_gst_into_cgst_and_sgst_halves(db: Database) -> None:
    async with db.session() as s:
        shop = await india_shop(s, state="MH")
        dal = await product_id(s, shop.id, "Toor Dal")
        ravi = await party_id(s, shop.id, "Ravi Kumar")
        sale = await sell(s, shop.id, [SaleItem(dal, Decimal(1))], party_id=ravi)
        view = await invoice_view(s, shop.id, sale.invoice_id)
    # 3.33 x 5% = 16.65 paise -> 17, split 9 + 8 so the halves add up to the tax.
    assert [(t.label, t.rate, t.taxable_minor, t.tax_minor) for t in view.tax_lines] == [
        ("CGST", Decimal("2.5"), 333, 9),
        ("SGST", Decimal("2.5"), 333, 8),
    ]
    assert view.total_minor == 350


async def test_india_a_walk_in_sale_is_within_the_state(db: Database) -> None:
    async with db.session() as s:
        shop = await india_shop(s)
        sugar = await product_id(s, shop.id, "Sugar")
        sale = await sell(s, shop.id, [SaleItem(sugar, Decimal(2))])
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert [t.label for t in view.tax_lines] == ["CGST", "SGST"]
    assert sum(t.tax_minor for t in view.tax_lines) == view.tax_minor == 450


async def test_india_across_states_charges_igst(db: Database) -> None:
    async with db.session() as s:
        shop = await india_shop(s, state="MH")
        sugar = await product_id(s, shop.id, "Sugar")
        delhi = await party_id(s, shop.id, "Delhi Traders")
        sale = await sell(s, shop.id, [SaleItem(sugar, Decimal(2))], party_id=delhi, paid="credit")
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert [(t.label, t.rate, t.taxable_minor, t.tax_minor) for t in view.tax_lines] == [
        ("IGST", Decimal(5), 9000, 450)
    ]
    assert view.balance_minor == 9450


@given(
    qty=st.integers(1, 100_000).map(lambda n: Decimal(n).scaleb(-3)),
    price=st.integers(0, 10_000_000),
    rate=st.integers(0, 2800).map(lambda n: Decimal(n).scaleb(-2)),
    inclusive=st.booleans(),
)
def test_a_line_is_rounded_half_up_and_net_plus_tax_is_gross(
    qty: Decimal, price: int, rate: Decimal, inclusive: bool
) -> None:
    line = line_amounts(qty, price, rate, inclusive=inclusive)
    assert line.net_minor + line.tax_minor == line.gross_minor
    extended = round_half_up(qty * price)
    if inclusive:
        assert line.gross_minor == extended
        assert abs(line.net_minor * (100 + rate) - extended * 100) <= (100 + rate) / 2
    else:
        assert line.net_minor == extended
        assert abs(line.tax_minor * 100 - extended * rate) <= 50


@given(
    lines=st.lists(
        st.tuples(st.sampled_from([Decimal(0), Decimal(5), Decimal(18)]), st.integers(0, 10**7)),
        min_size=1,
        max_size=8,
    ),
    split=st.booleans(),
)
def test_the_tax_summary_adds_up_to_the_invoice_tax(
    lines: list[tuple[Decimal, int]], split: bool
) -> None:
    rows = [(rate, net, round_half_up(net * rate / 100)) for rate, net in lines]
    summary = tax_summary(rows, tax_name="GST", split_halves=split)
    assert sum(t.tax_minor for t in summary) == sum(tax for _, _, tax in rows)
    if split:
        assert [t.label for t in summary[:2]] == ["CGST", "SGST"]
        for central, state in zip(summary[::2], summary[1::2], strict=True):
            assert abs(central.tax_minor - state.tax_minor) <= 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lines=st.lists(
        st.tuples(st.integers(1, 5000).map(lambda n: Decimal(n).scaleb(-3)), st.integers(1, 99999)),
        min_size=1,
        max_size=5,
    ),
    customer=st.sampled_from(["Ravi Kumar", "Delhi Traders", None]),
)
async def test_a_gst_invoice_totals_are_sums_of_its_rounded_lines(
    db: Database, lines: list[tuple[Decimal, int]], customer: str | None
) -> None:
    async with db.session() as s:
        shop = await india_shop(s)
        dal = await product_id(s, shop.id, "Toor Dal")
        party = None if customer is None else await party_id(s, shop.id, customer)
        items = [SaleItem(dal, qty, price) for qty, price in lines]
        sale = await sell(s, shop.id, items, party_id=party, paid=0 if party else "full")
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert view.subtotal_minor == sum(line.net_minor for line in view.lines)
    assert view.tax_minor == sum(line.tax_minor for line in view.lines)
    assert view.total_minor == sum(line.gross_minor for line in view.lines) == sale.total_minor
    for line, (qty, price) in zip(view.lines, lines, strict=True):
        assert line.net_minor == round_half_up(qty * price)
        assert line.tax_minor == round_half_up(line.net_minor * Decimal(5) / 100)
    assert sum(t.tax_minor for t in view.tax_lines) == view.tax_minor
    interstate = customer == "Delhi Traders"
    assert [t.label for t in view.tax_lines] == (["IGST"] if interstate else ["CGST", "SGST"])


async def test_the_lines_a_sale_returns_are_the_lines_it_stored(db: Database) -> None:
    """The reply prints the lines `sell` returns (no read-back): they must be what a reprint
    of the invoice shows, tax, HSN and the product's rate included."""
    async with db.session() as s:
        shop = await india_shop(s, state="MH")
        dal = await product_id(s, shop.id, "Toor Dal")
        sugar = await product_id(s, shop.id, "Sugar")
        ravi = await party_id(s, shop.id, "Ravi Kumar")
        items = [SaleItem(dal, Decimal("1.5"), 14000), SaleItem(sugar, Decimal(2))]
        sale = await sell(s, shop.id, items, party_id=ravi, allow_negative_stock=True)
        stored = await invoice_lines(s, shop.id, sale.invoice_id)
    assert sale.lines == stored
    assert [line.product for line in sale.lines] == ["Toor Dal", "Sugar"]
