"""The UPI payment link for an invoice's balance, and its QR code as a flowable."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.platypus import Flowable

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


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A square QR code of side `size` points, quiet zone included."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Always its own size."""
        return self.size, self.size

    def draw(self) -> None:
        """All dark modules as one filled path: hundreds of separate shapes are slow."""
        self.canv.setFillColor(black)
        self.canv.addLiteral(_path(self.data, self.size))


def forget_cached_codes() -> None:
    """Drop the cached QR paths (the benchmark uses this to time a first render)."""
    _path.cache_clear()


@lru_cache(maxsize=64)
def _path(data: str, size: float) -> str:
    # reportlab's widget encodes (choosing the best mask) and merges dark runs into rects;
    # we take its rects and write them as one path, cached for re-renders of an invoice.
    widget = QrCodeWidget(data, barLevel="M", barBorder=4, barWidth=size, barHeight=size)
    rects = [r for r in widget.draw().contents if getattr(r, "fillColor", None) is not None]
    ops = [f"{r.x:.3f} {r.y:.3f} {r.width:.3f} {r.height:.3f} re" for r in rects]
    return " ".join([*ops, "f"])
