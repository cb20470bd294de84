"""The public entry points: bytes out, the same bytes every time, off the event loop."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import pdf
from pdf import (
    InvoiceDataError,
    PdfError,
    UnknownLayoutError,
    render_invoice,
    render_invoice_async,
)
from pdf.fonts import FONT_DIR
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
        render_invoice(invoice("AE"), "letter")  # type: ignore[arg-type]  # a bad value on purpose
    assert isinstance(info.value, PdfError)


def test_a_shop_with_an_unknown_time_zone_is_a_typed_error() -> None:
    view = invoice("AE")
    broken = replace(view, business=replace(view.business, timezone="Mars/Olympus"))
    with pytest.raises(InvoiceDataError):
        render_invoice(broken)


def test_the_public_api_is_declared() -> None:
    assert set(pdf.__all__) >= {"render_invoice", "render_invoice_async", "PdfError"}
    for name in pdf.__all__:
        assert hasattr(pdf, name)


def test_the_pdf_package_does_not_import_bot() -> None:
    for path in Path(pdf.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import bot" not in source
        assert "from bot" not in source


async def test_concurrent_async_renders_match_their_sync_renders() -> None:
    views = [
        invoice("AE", customer_name="محمد علي", number=f"INV-2026-{n:04d}") for n in range(1, 4)
    ] + [invoice("IN", customer_name="राम", upi_id="shop@upi", paid=0, number="INV-2026-0009")]
    rendered = await asyncio.gather(*(render_invoice_async(v) for v in views))
    assert list(rendered) == [render_invoice(v) for v in views]


def test_importing_pdf_registers_no_fonts() -> None:
    probe = (
        "import pdf; from reportlab.pdfbase import pdfmetrics;"
        "print(any(n.startswith('Hisaab') for n in pdfmetrics.getRegisteredFontNames()))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_vendored_fonts_ship_with_their_license() -> None:
    names = {p.name for p in FONT_DIR.iterdir()}
    for stem in ("NotoSans", "NotoSansArabic", "NotoSansDevanagari"):
        assert {f"{stem}-Regular.ttf", f"{stem}-Bold.ttf"} <= names
    assert "SIL OPEN FONT LICENSE" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
