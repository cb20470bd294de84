"""Long invoices flow onto more pages; the totals come once, at the end."""

from __future__ import annotations

from ledger.money import format_amount
from pdf import render_invoice
from tests.pdf.factory import invoice
from tests.pdf.reading import page_texts


def test_a_sixty_line_invoice_flows_onto_a_second_page_with_totals_on_the_last() -> None:
    view = invoice("AE", lines=60, paid=0)
    pages = page_texts(render_invoice(view, "a4"))
    assert len(pages) >= 2
    total = format_amount(view.total_minor, "AED")
    for page in pages[:-1]:
        assert "Balance due" not in page
        assert total not in page
    assert "Balance due" in pages[-1]
    assert total in pages[-1]


def test_every_line_is_printed_once_and_the_header_repeats_on_each_page() -> None:
    view = invoice("AE", lines=60)
    pages = page_texts(render_invoice(view, "a4"))
    text = "\n".join(pages)
    for line in view.lines[5:]:  # from the sixth on, every product name is unique
        assert text.count(line.product) == 1
    for number, page in enumerate(pages, start=1):
        assert "Unit price" in page
        assert f"{view.number} · page {number}" in page


def test_a_sixty_line_receipt_stays_on_one_long_roll() -> None:
    view = invoice("IN", lines=60)
    pages = page_texts(render_invoice(view, "receipt80"))
    assert len(pages) == 1
    assert format_amount(view.total_minor, "INR") in pages[0]
