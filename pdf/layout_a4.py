"""The A4 invoice: header, bill-to, a line table that flows across pages, totals at the end."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from ledger.views import BusinessView, InvoiceView
from pdf import document, stamp
from pdf.fields import Fields, fields, line_amount, money, quantity, rate
from pdf.flowables import Line, QrCode, text
from pdf.fonts import font_name
from pdf.qr import upi_link

_MARGIN = 15 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_GREY = Color(0.4, 0.4, 0.4)
_RULE = HexColor("#BBBBBB")
_HEAD_BG = HexColor("#EEEEEE")
# #, item, qty, unit, unit price, tax rate, amount; the item column takes what is left.
_FIXED = (18, 42, 38, 64, 40, 72)
_COLS = (_FIXED[0], _WIDTH - sum(_FIXED), *_FIXED[1:])
# An Indian GST invoice adds the HSN code after the item, taken out of the item column.
_HSN = 50
_COLS_HSN = (_COLS[0], _COLS[1] - _HSN, _HSN, *_COLS[2:])


def render_a4(view: InvoiceView) -> bytes:
    """The invoice on A4 pages."""
    f = fields(view)

    def on_page(canvas: Canvas, doc: Any) -> None:
        if f.void:
            stamp.void_stamp(canvas, 0, 0, *A4)
        page = canvas.getPageNumber()
        stamp.footer(canvas, _MARGIN, _MARGIN, f"{view.number} · page {page}")

    margins = (_MARGIN, _MARGIN, _MARGIN + 5 * mm, _MARGIN)
    title = f"{f.title} {view.number}"
    return document.build(_story(view, f), A4, margins, title, view.business.name, on_page)


def _story(view: InvoiceView, f: Fields) -> list[Flowable]:
    return [
        _header(view, f),
        Spacer(1, 4 * mm),
        _bill_to(f),
        Spacer(1, 4 * mm),
        _lines(view, f),
        Spacer(1, 3 * mm),
        KeepTogether(_closing(view, f)),
    ]


def _header(view: InvoiceView, f: Fields) -> Table:
    right: list[Flowable] = [Line(f.title, 16, bold=True, align="right")]
    if f.title_local:
        right.append(Line(f.title_local, 11, bold=True, align="right"))
    right += [
        Line(f"Invoice no. {view.number}", 9, align="right"),
        Line(f"Date {f.issued}", 9, align="right"),
    ]
    if f.place_of_supply:
        right.append(Line(f.place_of_supply, 9, align="right"))
    return letterhead(view.business, f.tax_id, right)


def letterhead(shop: BusinessView, tax_id: str, right: list[Flowable]) -> Table:
    """The shop's name, address, phone and tax number on the left of the page's head, the
    document's title block on the right, ruled off below (invoices and statements alike)."""
    left: list[Flowable] = [Line(shop.name, 15, bold=True)]
    left += [Line(part.strip(), 8.5) for part in shop.address.splitlines() if part.strip()]
    if shop.phone:
        left.append(Line(f"Phone {shop.phone}", 8.5))
    if tax_id:
        left.append(Line(tax_id, 8.5, bold=True))
    table = Table([[left, right]], colWidths=(_WIDTH * 0.6, _WIDTH * 0.4))
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, _RULE),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return table


def _bill_to(f: Fields) -> Table:
    cell: list[Flowable] = [Line("Bill to", 7.5, color=_GREY), Line(f.customer, 10, bold=True)]
    if f.customer_tax_id:
        cell.append(Line(f.customer_tax_id, 8.5, bold=True))
    if f.customer_phone:
        cell.append(Line(f.customer_phone, 8.5))
    table = Table([[cell]], colWidths=(_WIDTH,))
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def _lines(view: InvoiceView, f: Fields) -> Table:
    cur = view.currency
    tax = view.business.tax_name
    hsn = ["HSN"] if f.hsn else []
    rows: list[list[Any]] = [
        ["#", "Item", *hsn, "Qty", "Unit", "Unit price", tax, f.amount_heading]
    ]
    for i, line in enumerate(view.lines, start=1):
        code = [text(line.hsn.strip(), 8.5)] if f.hsn else []
        rows.append(
            [
                str(i),
                text(line.product, 8.5, wrap=True),
                *code,
                quantity(line.qty),
                text(line.unit, 8.5),
                money(line.unit_price_minor, cur),
                rate(line.tax_rate),
                money(line_amount(view, line.net_minor, line.gross_minor), cur),
            ]
        )
    qty = 3 if f.hsn else 2  # the quantity column, right-aligned like the money after the unit
    table = Table(rows, colWidths=_COLS_HSN if f.hsn else _COLS, repeatRows=1)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTNAME", (0, 0), (-1, 0), font_name(bold=True)),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
            ("ALIGN", (qty, 0), (qty, -1), "RIGHT"),
            ("ALIGN", (qty + 2, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return table


def _closing(view: InvoiceView, f: Fields) -> list[Flowable]:
    cur = view.currency
    left: list[Flowable] = [_tax_summary(view), Spacer(1, 3 * mm)]
    left += [Line("Amount in words", 7.5, color=_GREY), text(f.words, 8.5, wrap=True)]
    if f.prices_note:
        left += [Spacer(1, 2 * mm), text(f.prices_note, 8)]
    totals = [
        ["Subtotal (taxable value)", money(view.subtotal_minor, cur, symbol=True)],
        [f"{view.business.tax_name}", money(view.tax_minor, cur, symbol=True)],
        ["Total", money(view.total_minor, cur, symbol=True)],
        ["Paid", money(view.paid_minor, cur, symbol=True)],
        ["Balance due", money(view.balance_minor, cur, symbol=True)],
    ]
    right = Table(totals, colWidths=(120, 80))
    right.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTNAME", (0, 2), (-1, 2), font_name(bold=True)),
            ("FONTNAME", (0, 4), (-1, 4), font_name(bold=True)),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("FONTSIZE", (0, 2), (-1, 2), 11),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("LINEABOVE", (0, 2), (-1, 2), 0.8, _RULE),
            ("LINEBELOW", (0, 2), (-1, 2), 0.8, _RULE),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    block = Table([[left, right]], colWidths=(_WIDTH - 210, 210))
    block.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ]
    )
    story: list[Flowable] = [block]
    link = upi_link(view)
    if link:
        story += [Spacer(1, 4 * mm), _upi(view, link)]
    if f.void:
        reason = f" — {view.void_reason}" if view.void_reason else ""
        story += [Spacer(1, 3 * mm), text(f"This invoice is void{reason}.", 9, bold=True)]
    story += [text(note, 8.5, wrap=True) for note in view.notes]
    return story


def _tax_summary(view: InvoiceView) -> Table:
    cur = view.currency
    rows: list[list[str]] = [["Tax", "Rate", "Taxable value", "Tax amount"]]
    for t in view.tax_lines:
        rows.append([t.label, rate(t.rate), money(t.taxable_minor, cur), money(t.tax_minor, cur)])
    table = Table(rows, colWidths=(50, 40, 80, 70), hAlign="LEFT")
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTNAME", (0, 0), (-1, 0), font_name(bold=True)),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
            ("LEFTPADDING", (0, 0), (0, -1), 2),
        ]
    )
    return table


def _upi(view: InvoiceView, link: str) -> Table:
    size = 34 * mm
    due = money(view.balance_minor, view.currency, symbol=True)
    caption: list[Flowable] = [
        Line(f"Scan to pay {due} by UPI", 10, bold=True),
        Line(f"UPI ID {view.business.upi_id}", 8.5),
        Line(f"Reference {view.number}", 8.5, color=_GREY),
    ]
    table = Table([[QrCode(link, size), caption]], colWidths=(size + 4, 200), hAlign="LEFT")
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table
