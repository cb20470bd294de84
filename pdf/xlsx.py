"""The accountant's export as an Excel workbook or a zip of CSV files: one sheet per section,
real dates and numbers, a totals row, and the same bytes for the same books."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ledger.money import exponent, to_major
from pdf.workbook import ZIP_TIME as ZIP_TIME  # the fixed date of every zip entry
from pdf.workbook import Format, Table, fixed_zip, places_format, workbook
from pdf.workbook import clean as clean  # pdf.tally cleans its text the same way

if TYPE_CHECKING:  # the read model only: pdf/ never runs ledger's queries
    from ledger.exports import BooksExport

Kind = Literal["text", "date", "money", "qty", "rate"]
Value = str | date | int | Decimal | None
DATE_FORMAT: Format = "dd-mm-yyyy"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its heading, what its cells hold, and whether it is totalled."""

    title: str
    kind: Kind = "text"
    total: bool = False


@dataclass(frozen=True, slots=True)
class Sheet:
    """One section of the books as a table; money stays in minor units until written."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]

    def totals(self) -> tuple[Value, ...]:
        """The totals row: "Total" first, then the sum of each totalled column."""
        out: list[Value] = []
        for i, column in enumerate(self.columns):
            if column.total:
                out.append(sum(v for row in self.rows if isinstance(v := row[i], int)))
            else:
                out.append("Total" if i == 0 else None)
        return tuple(out)


def sheets(export: BooksExport) -> list[Sheet]:
    """The export's sections as tables, in the order the accountant reads them."""
    out: list[Sheet] = []
    if "sales" in export.sections:
        out.append(_sales(export))
        if export.cancelled:
            out.append(_cancelled(export))
    if "purchases" in export.sections:
        out.append(_purchases(export))
    if "expenses" in export.sections:
        out.append(_expenses(export))
    if "payments" in export.sections:
        out.append(_payments(export))
    if "parties" in export.sections:
        out.append(_parties(export))
    return out


def _india(export: BooksExport) -> bool:
    return export.business.country.upper() == "IN"


def _tax_id(export: BooksExport) -> str:
    return {"IN": "GSTIN", "AE": "TRN"}.get(export.business.country.upper(), "Tax ID")


def _sales(export: BooksExport) -> Sheet:
    tax = export.business.tax_name
    india = _india(export)
    columns = (
        Column("Date", "date"),
        Column("Invoice"),
        Column("Party"),
        Column(_tax_id(export)),
        Column("Product"),
        Column("HSN/SAC" if india else "Code"),
        Column("Qty", "qty"),
        Column("Unit"),
        Column("Unit price", "money"),
        Column("Taxable value", "money", True),
        Column(f"{tax} %", "rate"),
        Column(tax, "money", True),
        Column("Amount", "money", True),
    )
    supply = (Column("Supply"),) if india else ()
    rows = tuple(
        (
            s.day,
            s.number,
            s.party or "Walk-in",
            s.party_tax_id,
            s.product,
            s.hsn,
            s.qty,
            s.unit,
            s.unit_price_minor,
            s.net_minor,
            s.tax_rate,
            s.tax_minor,
            s.gross_minor,
            *((("IGST" if s.interstate else "CGST+SGST"),) if india else ()),
        )
        for s in export.sales
    )
    return Sheet("Sales", columns + supply, rows)


def _cancelled(export: BooksExport) -> Sheet:
    columns = (
        Column("Cancelled on", "date"),
        Column("Issued on", "date"),
        Column("Invoice"),
        Column("Party"),
        Column("Amount", "money", True),
        Column("Reason"),
    )
    rows = tuple(
        (c.day, c.issued, c.number, c.party or "Walk-in", c.total_minor, c.reason)
        for c in export.cancelled
    )
    return Sheet("Cancelled", columns, rows)


def _purchases(export: BooksExport) -> Sheet:
    tax = export.business.tax_name
    columns = (
        Column("Date", "date"),
        Column("Receipt"),
        Column("Supplier"),
        Column(_tax_id(export)),
        Column("Product"),
        Column("HSN/SAC" if _india(export) else "Code"),
        Column("Qty", "qty"),
        Column("Unit"),
        Column("Unit cost", "money"),
        Column("Taxable value", "money", True),
        Column(f"{tax} %", "rate"),
        Column(f"Input {tax}", "money", True),
        Column("Amount", "money", True),
    )
    rows = tuple(
        (
            p.day,
            p.reference,
            p.supplier,
            p.supplier_tax_id,
            p.product,
            p.hsn,
            p.qty,
            p.unit,
            p.unit_cost_minor,
            p.net_minor,
            p.tax_rate,
            p.tax_minor,
            p.gross_minor,
        )
        for p in export.purchases
    )
    return Sheet("Purchases", columns, rows)


def _expenses(export: BooksExport) -> Sheet:
    columns = (
        Column("Date", "date"),
        Column("Category"),
        Column("Note"),
        Column("Amount", "money", True),
    )
    rows = tuple((e.day, e.category, e.note, e.amount_minor) for e in export.expenses)
    return Sheet("Expenses", columns, rows)


def _payments(export: BooksExport) -> Sheet:
    columns = (
        Column("Date", "date"),
        Column("Reference"),
        Column("Party"),
        Column("Method"),
        Column("Invoice"),
        Column("Received", "money", True),
        Column("Paid", "money", True),
    )
    rows = tuple(
        (
            m.day,
            m.reference,
            m.party or "Walk-in",
            m.method,
            m.invoice,
            m.amount_minor if m.direction == "in" else None,
            m.amount_minor if m.direction == "out" else None,
        )
        for m in export.payments
    )
    return Sheet("Payments", columns, rows)


def _parties(export: BooksExport) -> Sheet:
    columns = (
        Column("Party"),
        Column("Kind"),
        Column(_tax_id(export)),
        Column("Opening", "money", True),
        Column("Debit", "money", True),
        Column("Credit", "money", True),
        Column("Closing", "money", True),
    )
    rows = tuple(
        (
            r.party,
            r.kind,
            r.tax_id,
            r.opening_minor,
            r.debit_minor,
            r.credit_minor,
            r.closing_minor,
        )
        for r in export.parties
    )
    return Sheet("Party ledger", columns, rows)


def books_xlsx(export: BooksExport) -> bytes:
    """The export as an .xlsx workbook, one sheet per section."""
    currency = export.business.currency
    money = places_format(exponent(currency))
    formats: dict[Kind, Format] = {"date": DATE_FORMAT, "money": money}
    tables = [
        Table(
            sheet.title,
            [c.title for c in sheet.columns],
            _in_major(sheet.columns, sheet.rows, currency),
            [formats.get(c.kind, "General") for c in sheet.columns],
            next(_in_major(sheet.columns, [sheet.totals()], currency)),
        )
        for sheet in sheets(export)
    ]
    stamp = datetime.combine(export.period.last_day, time(23, 59, 59))  # naive: UTC
    return workbook(tables, title=f"{export.business.name} books {_span(export)}", stamp=stamp)


def _in_major(
    columns: Sequence[Column], rows: Iterable[Sequence[Value]], currency: str
) -> Iterator[Sequence[Value]]:
    """The rows with each amount of money in major units (10500 paise -> 105.00), one at a
    time: the writer drops each row once written, so a month's copy never piles up."""
    money = [i for i, c in enumerate(columns) if c.kind == "money"]
    places = -exponent(currency)
    for row in rows:
        values = list(row)
        for i in money:
            if isinstance(v := values[i], int):
                values[i] = Decimal(v).scaleb(places)  # to_major, without its lookup per cell
        yield values


def books_csv_zip(export: BooksExport) -> bytes:
    """The export as a zip of CSV files (UTF-8 with a BOM, so Excel reads any script)."""
    currency = export.business.currency
    files = []
    for sheet in sheets(export):
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([c.title for c in sheet.columns])
        for row in (*sheet.rows, sheet.totals()):
            writer.writerow(
                [_csv_cell(c.kind, v, currency) for c, v in zip(sheet.columns, row, strict=True)]
            )
        name = sheet.title.lower().replace(" ", "_") + ".csv"
        files.append((name, ("\ufeff" + text.getvalue()).encode("utf-8")))
    return fixed_zip(files)


def _csv_cell(kind: Kind, value: Value, currency: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return format(to_major(value, currency), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = clean(str(value))
    # A leading = + - @ makes a spreadsheet run the cell as a formula (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _span(export: BooksExport) -> str:
    return f"{export.period.first_day.isoformat()} to {export.period.last_day.isoformat()}"
