"""What an invoice says, read back from the PDF text, for both countries and both layouts."""

from __future__ import annotations

import pytest

from ledger.money import format_amount
from ledger.views import InvoiceView
from pdf import render_invoice
from pdf.render import Layout
from tests.pdf.factory import Country, invoice
from tests.pdf.reading import text_of

LAYOUTS: list[Layout] = ["a4", "receipt80"]


def _figures(view: InvoiceView) -> list[str]:
    cur = view.currency
    return [
        format_amount(view.subtotal_minor, cur),
        format_amount(view.tax_minor, cur),
        format_amount(view.total_minor, cur),
        *(format_amount(t.tax_minor, cur, symbol=False) for t in view.tax_lines),
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("country", ["AE", "IN"])
@pytest.mark.parametrize("inclusive", [False, True], ids=["exclusive", "inclusive"])
def test_the_pdf_text_carries_number_tax_id_lines_and_totals(
    layout: Layout, country: Country, inclusive: bool
) -> None:
    view = invoice(country, lines=5, inclusive=inclusive, customer_name="Ahmed Khan")
    text = text_of(render_invoice(view, layout))
    assert view.number in text
    assert view.business.tax_id in text
    assert ("TRN" if country == "AE" else "GSTIN") in text
    assert "Tax Invoice" in text
    assert "Ahmed Khan" in text
    for line in view.lines:
        assert line.product in text
        amount = line.gross_minor if inclusive else line.net_minor
        assert format_amount(amount, view.currency, symbol=False) in text
        assert format_amount(line.unit_price_minor, view.currency, symbol=False) in text
    for figure in _figures(view):
        assert figure in text
    assert ("Prices include" in text) is inclusive


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_indian_invoice_inside_the_state_splits_gst_into_cgst_and_sgst(layout: Layout) -> None:
    text = text_of(render_invoice(invoice("IN"), layout))
    assert "CGST" in text
    assert "SGST" in text
    assert "IGST" not in text
    assert "2.5%" in text


def test_an_indian_invoice_across_states_charges_igst() -> None:
    text = text_of(render_invoice(invoice("IN", interstate=True)))
    assert "IGST" in text
    assert "CGST" not in text


def test_a_uae_invoice_shows_vat_and_the_bilingual_title() -> None:
    text = text_of(render_invoice(invoice("AE")))
    assert "VAT" in text
    assert "5%" in text
    assert "فاتورة ضريبية" in text


def test_a_shop_without_a_tax_number_issues_a_plain_invoice() -> None:
    text = text_of(render_invoice(invoice("AE", tax_id="")))
    assert "Tax Invoice" not in text
    assert "Invoice" in text
    assert "TRN" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_walk_in_sale_is_billed_to_a_cash_customer(layout: Layout) -> None:
    view = invoice("AE", customer_name="", customer_phone="")
    assert "Cash customer" in text_of(render_invoice(view, layout))


def test_the_date_is_printed_in_the_shops_time_zone() -> None:
    # 09:30 UTC is 13:30 in Dubai and 15:00 in Kolkata.
    assert "14 Mar 2026, 13:30" in text_of(render_invoice(invoice("AE")))
    assert "14 Mar 2026, 15:00" in text_of(render_invoice(invoice("IN")))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_paid_balance_and_amount_in_words_are_printed(layout: Layout) -> None:
    view = invoice("IN", lines=2, paid=10000)
    text = " ".join(text_of(render_invoice(view, layout)).split())
    assert format_amount(view.balance_minor, "INR") in text
    assert format_amount(10000, "INR") in text
    assert "Balance due" in text
    assert "Rupees Eight Hundred and Eight and Fifty Paise only" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_void_invoice_says_so(layout: Layout) -> None:
    text = text_of(render_invoice(invoice("AE", status="void"), layout))
    assert "VOID" in text
    assert "Entered twice" in text


def test_the_shops_own_layout_is_used_when_none_is_asked_for() -> None:
    view = invoice("AE", layout="receipt80")
    assert render_invoice(view) == render_invoice(view, "receipt80")
