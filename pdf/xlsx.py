"""The accountant's export as an Excel workbook or a zip of CSV files: one sheet per section,
real dates and numbers, a totals row, and the same bytes for the same books."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from ledger.money import exponent, to_major

if TYPE_CHECKING:  # the read model only: pdf/ never runs ledger's queries
    from ledger.exports import BooksExport

Kind = Literal["text", "date", "money", "qty", "rate"]
Value = str | date | int | Decimal | None
# Zip entries carry a date; a fixed one keeps the bytes the same for the same books.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DATE_FORMAT = "dd-mm-yyyy"
# Characters XML 1.0 cannot hold (openpyxl refuses them); a chat message may carry them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BOLD = Font(bold=True)


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


def clean(text: str) -> str:
    """Text safe in XML and in a spreadsheet cell."""
    return _ILLEGAL.sub("", text)


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
    money_format = "#,##0" + ("." + "0" * exponent(currency) if exponent(currency) else "")
    wb = Workbook(write_only=True)
    stamp = datetime.combine(export.period.last_day, time(23, 59, 59))  # naive: openpyxl's UTC
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "Hisaab"
    wb.properties.title = clean(f"{export.business.name} books {_span(export)}")
    for sheet in sheets(export):
        ws = wb.create_sheet(sheet.title)
        _write(ws, sheet, currency, money_format)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_zip(_entries(buffer.getvalue()))


def _write(ws: WriteOnlyWorksheet, sheet: Sheet, currency: str, money_format: str) -> None:
    formats = {"date": DATE_FORMAT, "money": money_format, "qty": "General", "rate": "General"}
    widths = [len(c.title) for c in sheet.columns]
    for row in sheet.rows:
        for i, value in enumerate(row):
            shown = 10 if isinstance(value, date) else len(str(value)) if value is not None else 0
            widths[i] = max(widths[i], shown)
    for i, width in enumerate(widths, start=1):
        # openpyxl's stubs lack the write-only sheet's column_dimensions (it has them at run time).
        dimension = ws.column_dimensions[get_column_letter(i)]  # type: ignore[attr-defined]
        dimension.width = min(width + 2, 60)
    ws.freeze_panes = "A2"

    def cells(values: Iterable[Value], bold: bool) -> list[Cell]:
        out = []
        for column, value in zip(sheet.columns, values, strict=True):
            written: Value = value
            if column.kind == "money" and isinstance(value, int):
                written = to_major(value, currency)
            elif isinstance(value, str):
                written = clean(value)
            cell = WriteOnlyCell(ws)
            cell.value = written
            if isinstance(written, str) and written.startswith("="):
                cell.data_type = "s"  # a name typed in a chat is text, never a formula
            if column.kind in formats and value is not None:
                cell.number_format = formats[column.kind]
            if bold:
                cell.font = _BOLD
            out.append(cell)
        return out

    ws.append(cells((c.title for c in sheet.columns), bold=True))
    for row in sheet.rows:
        ws.append(cells(row, bold=False))
    ws.append(cells(sheet.totals(), bold=True))


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
    return _fixed_zip(files)


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


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _fixed_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip of the files in the order given, every entry dated ZIP_TIME."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
