"""Read rendered PDFs back: their text (pypdf) and their QR codes (pypdfium2 + zxing-cpp)."""

from __future__ import annotations

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    """All pages' text, one after the other."""
    return "\n".join(page_texts(pdf))


def qr_codes(pdf: bytes, scale: float = 3.0) -> list[str]:
    """The text of every QR code on every page, rendered at 72 * scale dpi."""
    found: list[str] = []
    doc = pypdfium2.PdfDocument(pdf)
    try:
        for page in doc:
            image = page.render(scale=scale).to_pil()
            found += [r.text for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode"]
    finally:
        doc.close()
    return found


def page_png(pdf: bytes, page: int = 0, scale: float = 2.0) -> bytes:
    """One page as a PNG image."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = io.BytesIO()
        doc[page].render(scale=scale).to_pil().save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        doc.close()
