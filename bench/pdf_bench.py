"""Median render time of a 5-line and a 60-line invoice, beside a bare reportlab canvas."""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ledger.money import format_amount
from ledger.views import InvoiceView
from pdf import render_invoice
from pdf.fields import issued_text
from pdf.fonts import font_name, register_all
from pdf.qr import forget_cached_codes
from pdf.render import Layout
from tests.pdf.factory import invoice


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of fn in milliseconds, after two warm-up calls."""
    fn()
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bare_canvas(view: InvoiceView) -> bytes:
    """The same words and figures drawn straight on a canvas: no layout, no tables, no shaping."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    cur = view.currency
    shop = view.business
    header = [shop.name, shop.address, shop.phone, shop.tax_id, view.number, issued_text(view)]
    rows = [
        f"{line.product} {line.qty} {line.unit} {format_amount(line.unit_price_minor, cur)} "
        f"{line.tax_rate}% {format_amount(line.net_minor, cur)}"
        for line in view.lines
    ]
    totals = [
        format_amount(m, cur) for m in (view.subtotal_minor, view.tax_minor, view.total_minor)
    ]
    y = 800.0
    for text in [*header, view.customer_name, *rows, *totals]:
        if y < 40:
            canvas.showPage()
            y = 800.0
        canvas.setFont(font_name(), 9)
        canvas.drawString(40, y, text)
        y -= 12
    canvas.save()
    return buf.getvalue()


def main(runs: int = 50) -> None:
    """Print one row per invoice size and layout."""
    register_all()  # fonts load once per process; keep that out of the timings
    print(f"{'invoice':<26}{'hisaab ms':>10}{'bare ms':>10}{'ratio':>8}")
    cases: list[tuple[str, InvoiceView, Layout]] = [
        ("5 lines, A4", invoice("AE", lines=5, customer_name="محمد علي"), "a4"),
        ("60 lines, A4", invoice("AE", lines=60, customer_name="محمد علي"), "a4"),
        ("5 lines, receipt", invoice("IN", lines=5, paid=0, upi_id="shop@upi"), "receipt80"),
        ("5 lines, A4 + UPI QR", invoice("IN", lines=5, paid=0, upi_id="shop@upi"), "a4"),
    ]
    for name, view, layout in cases:
        ours = median_ms(partial(render_invoice, view, layout), runs)
        bare = median_ms(partial(bare_canvas, view), runs)
        print(f"{name:<26}{ours:>10.2f}{bare:>10.2f}{ours / bare:>8.1f}")
    # A first render of an invoice encodes its QR code; re-renders reuse the cached path.
    view = invoice("IN", lines=5, paid=0, upi_id="shop@upi")

    def first_render() -> bytes:
        forget_cached_codes()
        return render_invoice(view, "a4")

    cold = median_ms(first_render, runs)
    bare = median_ms(lambda: bare_canvas(view), runs)
    print(f"{'5 lines, A4 + UPI (cold)':<26}{cold:>10.2f}{bare:>10.2f}{cold / bare:>8.1f}")


if __name__ == "__main__":
    main()
