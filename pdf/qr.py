"""The UPI payment link for an invoice's balance, and its QR code as PDF path operators."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from reportlab.graphics.barcode.qr import QrCodeWidget

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


def forget_cached_codes() -> None:
    """Drop the cached QR paths (the benchmark uses this to time a first render)."""
    qr_path.cache_clear()


@lru_cache(maxsize=64)
def qr_path(data: str, size: float) -> str:
    """PDF operators filling the dark modules of a `size`-point QR code, as one path."""
    # reportlab's widget encodes (choosing the best mask) and merges dark runs into rects;
    # one path of those rects draws far faster than hundreds of shapes, and is cached.
    widget = QrCodeWidget(data, barLevel="M", barBorder=4, barWidth=size, barHeight=size)
    rects = [r for r in widget.draw().contents if getattr(r, "fillColor", None) is not None]
    ops = [f"{r.x:.3f} {r.y:.3f} {r.width:.3f} {r.height:.3f} re" for r in rects]
    return " ".join([*ops, "f"])
