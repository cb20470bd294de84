"""A party's statement of account on A4: opening balance, one row per entry, closing balance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from ledger.views import StatementView
from pdf import document, stamp
from pdf.fields import MONTHS, money, shop_zone, tax_id_line
from pdf.flowables import Line, text
from pdf.fonts import font_name
from pdf.layout_a4 import letterhead
from pdf.render import in_worker
from pdf.scripts import is_simple
from pdf.textline import layout

_MARGIN = 15 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_GREY = Color(0.4, 0.4, 0.4)
_RULE = HexColor("#BBBBBB")
_HEAD_BG = HexColor("#EEEEEE")
_FOOTER_SIZE = 7
# date, details, debit, credit, balance; the details column takes what is left.
_FIXED = (62, 74, 74, 88)
_COLS = (_FIXED[0], _WIDTH - sum(_FIXED), *_FIXED[1:])


def render_statement(view: StatementView) -> bytes:
    """The statement on A4 pages."""
    zone = shop_zone(view.business)

    def on_page(canvas: Canvas, doc: Any) -> None:
        page = canvas.getPageNumber()
        _footer(canvas, f"Statement · {view.party_name} · page {page}")

    margins = (_MARGIN, _MARGIN, _MARGIN + 5 * mm, _MARGIN)
    title = f"Statement of account {view.party_name}"
    story = _story(view, zone)
    return document.build(story, A4, margins, title, view.business.name, on_page)


async def render_statement_async(view: StatementView) -> bytes:
    """render_statement in the invoices' worker threads, so the event loop keeps serving chats."""
    return await in_worker(render_statement, view)


def _story(view: StatementView, zone: ZoneInfo) -> list[Flowable]:
    return [
        _header(view),
        Spacer(1, 4 * mm),
        _party(view),
        Spacer(1, 4 * mm),
        _lines(view, zone),
    ]


def _header(view: StatementView) -> Table:
    right: list[Flowable] = [
        Line("Statement of account", 16, bold=True, align="right"),
        Line(f"{_day(view.start)} – {_day(view.end)}", 9, align="right"),
    ]
    return letterhead(view.business, tax_id_line(view.business), right)


def _party(view: StatementView) -> Table:
    kind = "Supplier" if view.party_kind == "supplier" else "Customer"
    cell: list[Flowable] = [Line(kind, 7.5, color=_GREY), Line(view.party_name, 10, bold=True)]
    if view.party_phone:
        cell.append(Line(view.party_phone, 8.5))
    table = Table([[cell]], colWidths=(_WIDTH,))
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def _lines(view: StatementView, zone: ZoneInfo) -> Table:
    cur = view.currency
    party, shop = view.party_name, view.business.name
    rows: list[list[Any]] = [
        ["Date", "Details", "Debit", "Credit", "Balance"],
        [_day(view.start), "Opening balance", "", "", _balance(view.opening_minor, cur)],
    ]
    for line in view.lines:
        rows.append(
            [
                _day(_local_day(line.at, zone)),
                text(line.label, 8.5, wrap=True),
                money(line.debit_minor, cur) if line.debit_minor else "",
                money(line.credit_minor, cur) if line.credit_minor else "",
                _balance(line.balance_minor, cur),
            ]
        )
    rows += [
        [_day(view.end), "Closing balance", "", "", _balance(view.closing_minor, cur)],
        [text(f"Balance: what {party} owes {shop}; CR: what {shop} owes {party}.", 7.5, wrap=True)],
        [text(_owed(view), 10, bold=True, wrap=True)],
    ]
    for row in rows[-2:]:
        row += [""] * 4
    table = Table(rows, colWidths=_COLS, repeatRows=1)
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font_name()),
            ("FONTNAME", (0, 0), (-1, 0), font_name(bold=True)),
            ("FONTNAME", (0, -3), (-1, -3), font_name(bold=True)),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
            ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -4), 0.4, _RULE),
            ("LINEBELOW", (0, -3), (-1, -3), 0.8, _RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            # The note and the closing sentence are rows of the table, not flowables after it,
            # so that they, the closing balance and the last entry always share the last page.
            ("SPAN", (0, -2), (-1, -2)),
            ("SPAN", (0, -1), (-1, -1)),
            ("TOPPADDING", (0, -1), (-1, -1), 6),
            ("NOSPLIT", (0, -4), (-1, -1)),
        ]
    )
    return table


def _balance(minor: int, currency: str) -> str:
    """What the party owes as a plain amount; what the shop owes them marked CR."""
    return money(-minor, currency) + " CR" if minor < 0 else money(minor, currency)


def _owed(view: StatementView) -> str:
    # Dated, and opening in Latin: a line whose first letter is Arabic would read right to left.
    party, shop = view.party_name, view.business.name
    due = money(abs(view.closing_minor), view.currency, symbol=True)
    if view.closing_minor > 0:
        return f"On {_day(view.end)}, {party} owes {shop} {due}."
    if view.closing_minor < 0:
        return f"On {_day(view.end)}, {shop} owes {party} {due}."
    return f"On {_day(view.end)}, nothing is owed either way."


def _footer(canvas: Canvas, line: str) -> None:
    if is_simple(line):
        stamp.footer(canvas, _MARGIN, _MARGIN, line, _FOOTER_SIZE)
        return
    # A name in Arabic or Devanagari needs shaping, which canvas.drawString cannot do.
    canvas.saveState()
    canvas.setFillColor(_GREY)
    layout(line).draw(canvas, _MARGIN, _MARGIN, _FOOTER_SIZE)
    canvas.restoreState()


def _local_day(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date()


def _day(day: date) -> str:
    """'1 Nov 2026' (month names fixed, not from the locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
