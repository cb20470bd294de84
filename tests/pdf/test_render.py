"""The public entry points: bytes out, the same bytes every time, off the event loop."""

from __future__ import annotations

import pytest

import pdf
from pdf import PdfError, UnknownLayoutError, render_invoice, render_invoice_async
from tests.pdf.factory import invoice


def test_the_same_invoice_renders_to_the_same_bytes() -> None:
    view = invoice("IN", customer_name="राम प्रसाद शर्मा", paid=0, upi_id="shop@upi")
    first = render_invoice(view, "a4")
    assert first.startswith(b"%PDF-")
    assert render_invoice(view, "a4") == first
    receipt = render_invoice(view, "receipt80")
    assert render_invoice(view, "receipt80") == receipt


def test_different_invoices_render_to_different_bytes() -> None:
    assert render_invoice(invoice("AE", number="INV-2026-0001")) != render_invoice(
        invoice("AE", number="INV-2026-0002")
    )


async def test_the_async_render_gives_the_same_bytes() -> None:
    view = invoice("AE", customer_name="محمد علي")
    assert await render_invoice_async(view, "receipt80") == render_invoice(view, "receipt80")


def test_an_unknown_layout_is_a_typed_error() -> None:
    with pytest.raises(UnknownLayoutError) as info:
        render_invoice(invoice("AE"), "letter")  # type: ignore[arg-type]
    assert isinstance(info.value, PdfError)


def test_the_public_api_is_declared() -> None:
    assert set(pdf.__all__) >= {"render_invoice", "render_invoice_async", "PdfError"}
    for name in pdf.__all__:
        assert hasattr(pdf, name)


def test_the_pdf_package_does_not_import_bot() -> None:
    from pathlib import Path

    for path in Path(pdf.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import bot" not in source
        assert "from bot" not in source
