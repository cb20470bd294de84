"""The UPI payment link for an invoice's balance, and its QR code as a reportlab drawing."""

from __future__ import annotations

from urllib.parse import quote

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from ledger.money import to_major
from ledger.views import InvoiceView


def upi_link(view: InvoiceView) -> str | None:
    """upi://pay?... for the unpaid balance, or None when there is nothing to pay by UPI."""
    shop = view.business
    if shop.currency.upper() != "INR" or not shop.upi_id or view.balance_minor <= 0:
        return None
    if view.status == "void":
        return None
    amount = f"{to_major(view.balance_minor, 'INR'):.2f}"
    return (
        f"upi://pay?pa={quote(shop.upi_id, safe='@.-_')}&pn={quote(shop.name, safe='')}"
        f"&am={amount}&cu=INR&tn={quote(view.number, safe='')}"
    )


def qr_drawing(data: str, size: float) -> Drawing:
    """A square QR code of side `size` points, quiet zone included."""
    widget = QrCodeWidget(data, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing
