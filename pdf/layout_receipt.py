"""The 80 mm roll receipt: one column, as tall as its content."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from ledger.views import InvoiceView
from pdf import document, stamp
from pdf.fields import Fields, fields, line_amount, money, quantity, rate
from pdf.flowables import Line, QrCode, text
from pdf.fonts import font_name
from pdf.qr import upi_link

_PAGE_WIDTH = 80 * mm
_MARGIN = 4 * mm
_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_MAX_HEIGHT = 14400.0  # the largest page a PDF may have (200 inches); longer rolls go on
_GREY = Color(0.35, 0.35, 0.35)
_RULE = HexColor("#888888")


def render_receipt(view: InvoiceView) -> bytes:
    """The invoice on a roll of 80 mm paper."""
    f = fields(view)
    story = _story(view, f)
    height = min(_MAX_HEIGHT, _measure(story) + 2 * _MARGIN + 6 * mm)

    def on_page(canvas: Canvas, doc: Any) -> None:
        if f.void:
            # One stamp per 120 mm of roll, so a long receipt is marked all the way down.
            bands = max(1, round(height / (120 * mm)))
            band = height / bands
            for i in range(bands):
                stamp.void_stamp(canvas, 0, i * band, _PAGE_WIDTH, band)

    title = f"{f.title} {view.number}"
    margins = (_MARGIN,) * 4
    return document.build(story, (_PAGE_WIDTH, height), margins, title, view.business.name, on_page)


def _measure(story: list[Flowable]) -> float:
    # The page must be sized before building, so wrap every flowable once at the roll width.
    return float(
        sum(f.wrap(_WIDTH, _MAX_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    )


def _story(view: InvoiceView, f: Fields) -> list[Flowable]:
    shop = view.business
    story: list[Flowable] = [Line(shop.name, 12, bold=True, align="center")]
    story += [Line(p.strip(), 7.5, align="center") for p in shop.address.splitlines() if p.strip()]
    if shop.phone:
        story.append(Line(f"Phone {shop.phone}", 7.5, align="center"))
    if f.tax_id:
        story.append(Line(f.tax_id, 7.5, bold=True, align="center"))
    story += [Spacer(1, 2 * mm), Line(f.title, 11, bold=True, align="center")]
    if f.title_local:
        story.append(Line(f.title_local, 9, bold=True, align="center"))
    story.append(_pair(f"No. {view.number}", f.issued, size=7.5))
    if f.place_of_supply:
        story.append(Line(f.place_of_supply, 7.5))
    story.append(_pair("Customer", f.customer, size=7.5))
    if f.customer_tax_id:
        story.append(Line(f.customer_tax_id, 7.5, bold=True, align="right"))
    if f.customer_phone:
        story.append(_pair("Phone", f.customer_phone, size=7.5))
    story += [_rule(), *_items(view, f), _rule(), _totals(view), _rule()]
    story += [_tax_summary(view), Spacer(1, 1.5 * mm), text(f.words, 7.5, wrap=True)]
    if f.prices_note:
        story.append(text(f.prices_note, 7))
    link = upi_link(view)
    if link:
        due = money(view.balance_minor, view.currency, symbol=True)
        story += [
            Spacer(1, 2 * mm),
            Line(f"Scan to pay {due} by UPI", 8, bold=True, align="center"),
            _centred(QrCode(link, 36 * mm)),
            Line(f"UPI ID {shop.upi_id}", 7, align="center"),
        ]
    if f.void:
        reason = f" — {view.void_reason}" if view.void_reason else ""
        story += [Spacer(1, 2 * mm), text(f"This invoice is void{reason}.", 8, bold=True)]
    story += [text(note, 7.5, wrap=True) for note in view.notes]
    story += [Spacer(1, 2 * mm), Line("Thank you!", 8, align="center", color=_GREY)]
    return story


def _items(view: InvoiceView, f: Fields) -> list[Flowable]:
    cur = view.currency
    out: list[Flowable] = []
    for line in view.lines:
        detail = (
            f"{quantity(line.qty)} {line.unit} × {money(line.unit_price_minor, cur)}"
            f"  {view.business.tax_name} {rate(line.tax_rate)}"
        )
        amount = money(line_amount(view, line.net_minor, line.gross_minor), cur)
        out.append(text(line.product, 8, bold=True, wrap=True))
        if f.hsn and line.hsn.strip():
            out.append(Line(f"HSN {line.hsn.strip()}", 6.5, color=_GREY))
        out.append(_pair(detail, amount, size=7.5))
    return out


def _totals(view: InvoiceView) -> Table:
    cur = view.currency
    rows = [
        ("Subtotal", view.subtotal_minor),
        (view.business.tax_name, view.tax_minor),
        ("Total", view.total_minor),
        ("Paid", view.paid_minor),
        ("Balance due", view.balance_minor),
    ]
    table = Table(
        [[label, money(minor, cur, symbol=True)] for label, minor in rows],
        colWidths=(_WIDTH * 0.5, _WIDTH * 0.5),
    )
    table.setStyle(
        [
            *_TIGHT,
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("FONTNAME", (0, 2), (-1, 2), font_name(bold=True)),
            ("FONTSIZE", (0, 2), (-1, 2), 10),
            ("FONTNAME", (0, 4), (-1, 4), font_name(bold=True)),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ]
    )
    return table


def _tax_summary(view: InvoiceView) -> Table:
    cur = view.currency
    rows = [["Tax", "Taxable", "Amount"]]
    rows += [
        [f"{t.label} {rate(t.rate)}", money(t.taxable_minor, cur), money(t.tax_minor, cur)]
        for t in view.tax_lines
    ]
    table = Table(rows, colWidths=(_WIDTH * 0.34, _WIDTH * 0.36, _WIDTH * 0.3))
    table.setStyle(
        [
            *_TIGHT,
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("FONTNAME", (0, 0), (-1, 0), font_name(bold=True)),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]
    )
    return table


def _pair(left: str, right: str, size: float) -> Table:
    table = Table(
        [[Line(left, size), Line(right, size, align="right")]],
        colWidths=(_WIDTH * 0.62, _WIDTH * 0.38),
    )
    table.setStyle([*_TIGHT, ("FONTNAME", (0, 0), (-1, -1), font_name())])
    return table


def _centred(flowable: Flowable) -> Table:
    table = Table([[flowable]], colWidths=(_WIDTH,))
    table.setStyle([*_TIGHT, ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    return table


def _rule() -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=0.5, color=_RULE, dash=(2, 2), spaceBefore=3, spaceAfter=3
    )


_TIGHT: list[tuple[Any, ...]] = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 1),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
