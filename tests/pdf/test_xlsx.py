"""The accountant's workbook and CSV zip, from a hand-built export: real dates and numbers, a
totals row, text that stays text, and the same bytes every time."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl

from ledger.exports import (
    BooksExport,
    CancelledRow,
    ExpenseRow,
    PartyBalanceRow,
    PaymentRow,
    PurchaseRow,
    SaleRow,
)
from ledger.periods import Period
from pdf.xlsx import ZIP_TIME, books_csv_zip, books_xlsx
from tests.pdf.factory import shop

MARCH = Period(
    "last_month",
    datetime(2026, 2, 28, 18, 30, tzinfo=UTC),
    datetime(2026, 3, 31, 18, 30, tzinfo=UTC),
    date(2026, 3, 1),
    date(2026, 3, 31),
)


def _sale(number: str, party: str, net: int, tax: int, *, interstate: bool = False) -> SaleRow:
    return SaleRow(
        date(2026, 3, 5),
        number,
        party,
        "07AAACG1234B1Z2" if interstate else "",
        interstate,
        "चाय पत्ती",
        "0902",
        Decimal("1.5"),
        "kg",
        net,
        net,
        Decimal(5),
        tax,
        net + tax,
    )


def books(country: str = "IN") -> BooksExport:
    """An Indian kirana's March (or a UAE grocery's): every section filled."""
    business = shop("IN" if country == "IN" else "AE")
    return BooksExport(
        business=business,
        period=MARCH,
        sections=("sales", "purchases", "expenses", "payments", "parties"),
        sales=(
            _sale("INV-2026-0001", "Ravi Kumar", 10000, 500),
            _sale("INV-2026-0001", "Ravi Kumar", 333, 17),
            _sale("INV-2026-0002", "Delhi Traders & Co", 45000, 2250, interstate=True),
            _sale("INV-2026-0003", "", 0, 0),
        ),
        cancelled=(
            CancelledRow(date(2026, 3, 10), date(2026, 3, 9), "INV-2026-0004", "", 4725, "undo"),
        ),
        purchases=(
            PurchaseRow(
                date(2026, 3, 8),
                "PUR-7",
                "Pune Wholesale",
                "27AAACP1234A1Z5",
                False,
                "Sugar",
                "1701",
                Decimal(20),
                "kg",
                4000,
                76190,
                Decimal(5),
                3810,
                80000,
            ),
            PurchaseRow(
                date(2026, 3, 8),
                "PUR-8",
                "",
                "",
                False,
                "Toor Dal",
                "",
                Decimal(4),
                "kg",
                None,
                0,
                Decimal(5),
                0,
                0,
            ),
        ),
        expenses=(
            ExpenseRow(date(2026, 3, 2), "rent", "", 500000),
            ExpenseRow(date(2026, 3, 8), "transport", '=HYPERLINK("http://x")', 2000),
        ),
        payments=(
            PaymentRow(
                date(2026, 3, 6), "RCT-1", "Delhi Traders & Co", "in", "upi", 47250, "INV-2026-0002"
            ),
            PaymentRow(date(2026, 3, 7), "RCT-2", "", "in", "cash", 0, "INV-2026-0003"),
            PaymentRow(date(2026, 3, 15), "PMT-3", "Pune Wholesale", "out", "bank", 10000, ""),
        ),
        parties=(
            PartyBalanceRow(
                "Pune Wholesale", "supplier", "27AAACP1234A1Z5", -3000, 10000, 80000, -73000
            ),
            PartyBalanceRow("Ravi Kumar", "customer", "", 9450, 10850, 5000, 15300),
        ),
    )


def _rows(data: bytes, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))


def test_one_sheet_per_section_with_a_bold_frozen_header_and_widths() -> None:
    book = openpyxl.load_workbook(io.BytesIO(books_xlsx(books())))
    assert book.sheetnames == [
        "Sales",
        "Cancelled",
        "Purchases",
        "Expenses",
        "Payments",
        "Party ledger",
    ]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1]), ws.title
        assert ws.column_dimensions["A"].width >= 10
    sales = book["Sales"]
    assert [c.value for c in sales[1]][:3] == ["Date", "Invoice", "Party"]
    assert sales["L1"].value == "GST" and sales["N1"].value == "Supply"


def test_dates_and_amounts_are_real_dates_and_numbers() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(books_xlsx(books())))["Sales"]
    when, qty, amount = ws["A2"], ws["G2"], ws["M2"]
    assert when.value == datetime(2026, 3, 5) and when.number_format == "dd-mm-yyyy"
    assert when.is_date
    assert qty.value == 1.5 and qty.data_type == "n"
    assert amount.value == 105 and amount.number_format == "#,##0.00"
    assert ws["E2"].value == "चाय पत्ती"
    assert ws["N4"].value == "IGST" and ws["N2"].value == "CGST+SGST"


def test_each_sheet_ends_in_a_row_of_plain_totals() -> None:
    data = books_xlsx(books())
    sales = _rows(data, "Sales")
    assert sales[-1][0] == "Total"
    assert sales[-1][9:13] == (553.33, None, 27.67, 581)
    assert _rows(data, "Expenses")[-1] == ("Total", None, None, 5020)
    assert _rows(data, "Payments")[-1][5:] == (472.5, 100)
    assert _rows(data, "Party ledger")[-1][3:] == (64.5, 208.5, 850, -577)
    assert _rows(data, "Purchases")[-1][12] == 800
    assert _rows(data, "Cancelled")[1][:3] == (
        datetime(2026, 3, 10),
        datetime(2026, 3, 9),
        "INV-2026-0004",
    )


def test_a_name_that_looks_like_a_formula_stays_text() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(books_xlsx(books())))["Expenses"]
    assert ws["C3"].value == '=HYPERLINK("http://x")' and ws["C3"].data_type == "s"


def test_control_characters_are_dropped_not_fatal() -> None:
    export = books()
    export = replace(export, expenses=(ExpenseRow(date(2026, 3, 2), "rent", "bell\x07 here", 1),))
    assert _rows(books_xlsx(export), "Expenses")[1][2] == "bell here"


def test_the_same_export_gives_the_same_bytes_with_fixed_dates_inside() -> None:
    first, second = books_xlsx(books()), books_xlsx(books())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-03-31T23:59:59Z" in core
    assert books_csv_zip(books()) == books_csv_zip(books())


def test_omani_rials_keep_three_decimals() -> None:
    export = books("AE")
    export = replace(export, business=replace(export.business, currency="OMR"))
    ws = openpyxl.load_workbook(io.BytesIO(books_xlsx(export)))["Expenses"]
    assert (ws["D2"].value, ws["D2"].number_format) == (500, "#,##0.000")
    assert ws["D1"].value == "Amount"


def test_a_uae_workbook_labels_vat_and_trn() -> None:
    header = _rows(books_xlsx(books("AE")), "Sales")[0]
    assert header[3] == "TRN" and header[11] == "VAT" and "Supply" not in header


def test_the_csv_zip_has_one_bom_file_per_sheet_with_the_same_totals() -> None:
    with zipfile.ZipFile(io.BytesIO(books_csv_zip(books()))) as archive:
        assert archive.namelist() == [
            "sales.csv",
            "cancelled.csv",
            "purchases.csv",
            "expenses.csv",
            "payments.csv",
            "party_ledger.csv",
        ]
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert all(text.startswith("\ufeff") for text in texts.values())
    sales = list(csv.reader(io.StringIO(texts["sales.csv"][1:])))
    assert sales[1][:7] == [
        "2026-03-05",
        "INV-2026-0001",
        "Ravi Kumar",
        "",
        "चाय पत्ती",
        "0902",
        "1.5",
    ]
    assert sales[-1][9:13] == ["553.33", "", "27.67", "581.00"]
    expenses = list(csv.reader(io.StringIO(texts["expenses.csv"][1:])))
    assert expenses[2][2] == '\'=HYPERLINK("http://x")'  # never run as a formula
    parties = list(csv.reader(io.StringIO(texts["party_ledger.csv"][1:])))
    assert parties[1][3] == "-30.00"  # a negative amount is a number, not text
