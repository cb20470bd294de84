"""The UPI QR code: present for an Indian balance, decoding to the right payment link."""

from __future__ import annotations

import pytest

from pdf import render_invoice
from pdf.qr import upi_link
from pdf.render import Layout
from tests.pdf.factory import invoice
from tests.pdf.reading import qr_codes, text_of

LAYOUTS: list[Layout] = ["a4", "receipt80"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_qr_code_decodes_to_a_upi_link_for_the_balance(layout: Layout) -> None:
    view = invoice("IN", lines=2, paid=10000, upi_id="sharmakirana@okaxis")
    assert view.balance_minor == 70850
    assert qr_codes(render_invoice(view, layout)) == [
        "upi://pay?pa=sharmakirana@okaxis&pn=Sharma%20Kirana%20%26%20Sons"
        "&am=708.50&cu=INR&tn=INV-2026-0042"
    ]


def test_the_caption_says_how_much_to_scan_for() -> None:
    view = invoice("IN", lines=2, paid=0, upi_id="sharmakirana@okaxis")
    assert "Scan to pay ₹808.50 by UPI" in text_of(render_invoice(view))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_qr_code_without_a_upi_id(layout: Layout) -> None:
    view = invoice("IN", paid=0, upi_id="")
    assert upi_link(view) is None
    assert qr_codes(render_invoice(view, layout)) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_qr_code_when_nothing_is_due(layout: Layout) -> None:
    view = invoice("IN", upi_id="sharmakirana@okaxis")  # paid in full
    assert view.balance_minor == 0
    assert qr_codes(render_invoice(view, layout)) == []
    assert "Scan to pay" not in text_of(render_invoice(view, layout))


def test_no_qr_code_on_a_void_invoice() -> None:
    view = invoice("IN", paid=0, upi_id="sharmakirana@okaxis", status="void")
    assert qr_codes(render_invoice(view)) == []


def test_no_upi_for_a_dirham_invoice() -> None:
    view = invoice("AE", paid=0, upi_id="")
    assert upi_link(view) is None
