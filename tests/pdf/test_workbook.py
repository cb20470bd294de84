"""The small xlsx writer: openpyxl reads back the same values and types, the parts are well
formed and consistent with their content types and relationships, and the bytes never vary."""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from pdf.returns import gstr1_xlsx, vat201_xlsx
from pdf.workbook import ZIP_TIME, Table, column_letter, places_format, workbook
from pdf.xlsx import books_xlsx
from tests.pdf.test_returns_files import R1, R3B, _vat
from tests.pdf.test_xlsx import books

STAMP = datetime(2026, 3, 31, 23, 59, 59)
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sales() -> Table:
    return Table(
        "Sales",
        ["Date", "Invoice", "Qty", "Amount", "Note"],
        [
            (date(2026, 3, 5), "INV-1", Decimal("1.5"), Decimal("105.00"), "चाय पत्ती"),
            (date(2026, 3, 6), "INV-2", 3, Decimal("-30.25"), '=HYPERLINK("http://x")'),
            (date(2026, 3, 6), "INV-1", Decimal("2.000"), Decimal("0.00"), None),
            (datetime(2026, 3, 7, 18, 0), "", 1.25, 7, "  indented"),
        ],
        ["dd-mm-yyyy", "General", "General", "#,##0.00"],
        ("Total", None, None, Decimal("81.75"), None),
    )


def _book(*tables: Table) -> bytes:
    return workbook(tables, title="Al Noor & Sons <books>", stamp=STAMP)


def _read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_openpyxl_reads_back_the_values_with_their_types() -> None:
    ws = _read(_book(_sales()))["Sales"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows == [
        ("Date", "Invoice", "Qty", "Amount", "Note"),
        (datetime(2026, 3, 5), "INV-1", 1.5, 105, "चाय पत्ती"),
        (datetime(2026, 3, 6), "INV-2", 3, -30.25, '=HYPERLINK("http://x")'),
        (datetime(2026, 3, 6), "INV-1", 2, 0, None),
        (datetime(2026, 3, 7, 18, 0), None, 1.25, 7, "  indented"),
        ("Total", None, None, 81.75, None),
    ]
    assert [type(v) for v in rows[1][2:4]] == [float, int]  # 105.00 is written 105
    assert ws["E3"].data_type == "s"  # text, never a formula
    assert ws["A2"].is_date and ws["A2"].number_format == "dd-mm-yyyy"
    assert ws["D2"].number_format == "#,##0.00" and ws["D6"].number_format == "#,##0.00"
    assert ws["C2"].number_format == "General" and ws["B2"].number_format == "General"


def test_a_bold_frozen_header_a_bold_totals_row_and_fitted_widths() -> None:
    ws = _read(_book(_sales()))["Sales"]
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert ws["A6"].font.bold and ws["D6"].font.bold and not ws["D5"].font.bold
    widths = {letter: d.width for letter, d in ws.column_dimensions.items()}
    assert widths == {"A": 12, "B": 9, "C": 7, "D": 8, "E": 24}  # widest cell + 2


def test_a_table_may_ask_for_no_frozen_pane_and_default_widths() -> None:
    table = Table("Boxes", ["Box"], [("1 Supplies",)], freeze_header=False, fit_widths=False)
    ws = _read(_book(table))["Boxes"]
    assert ws.freeze_panes is None
    assert not ws.column_dimensions  # no <cols>: Excel's default widths


def test_dates_are_excel_serials_across_its_1900_leap_day() -> None:
    days = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2026, 3, 5)]
    table = Table("Days", ["Day"], [(d,) for d in days], ["yyyy-mm-dd"])
    data = _book(table)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    serials = [v.text for v in sheet.iter(f"{MAIN}v")][1:]
    assert serials == ["1", "59", "61", "46086"]
    ws = _read(data)["Days"]
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == [
        datetime(d.year, d.month, d.day) for d in days
    ]
    assert ws["A2"].number_format == "yyyy-mm-dd"


def test_text_xml_cannot_hold_is_dropped_and_excel_escapes_are_kept_as_typed() -> None:
    table = Table(
        "Notes",
        ["Note"],
        [("bell\x07 here\ud800",), ("_x0041_ stays",), ("two\r\nlines",), ("a < b & c",)],
    )
    notes = [row[0] for row in _read(_book(table))["Notes"].iter_rows(values_only=True)]
    assert notes[1:] == ["bell here", "_x0041_ stays", "two\r\nlines", "a < b & c"]


def test_repeated_text_is_stored_once() -> None:
    table = Table("Sales", ["Party"], [("Ravi",), ("Ravi",), ("Delhi Traders",), ("Ravi",)])
    with zipfile.ZipFile(io.BytesIO(_book(table))) as archive:
        strings = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    assert [si.findtext(f"{MAIN}t") for si in strings] == ["Party", "Ravi", "Delhi Traders"]
    assert strings.get("uniqueCount") == "3"


def test_the_same_tables_give_the_same_bytes_with_fixed_dates_inside() -> None:
    first = _book(_sales(), Table("Empty", ["Nothing"], []))
    assert first == _book(_sales(), Table("Empty", ["Nothing"], []))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        assert archive.namelist()[0] == "[Content_Types].xml"
        core = ET.fromstring(archive.read("docProps/core.xml"))
    dc, terms = "{http://purl.org/dc/elements/1.1/}", "{http://purl.org/dc/terms/}"
    assert core.findtext(f"{dc}title") == "Al Noor & Sons <books>"
    assert core.findtext(f"{terms}created") == "2026-03-31T23:59:59Z"
    assert core.findtext(f"{terms}modified") == "2026-03-31T23:59:59Z"
    book = _read(first)
    assert book.sheetnames == ["Sales", "Empty"]
    assert list(book["Empty"].iter_rows(values_only=True)) == [("Nothing",)]


def _check_package(data: bytes) -> None:
    """Every part parses; every part has a content type; every relationship has its part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}
    types = parts.pop("[Content_Types].xml")
    defaults = {d.get("Extension") for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{CT}Override")}
    assert overrides <= set(parts), overrides - set(parts)
    for name in parts:
        assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
    targets: dict[str, dict[str, str]] = {}
    for name, root in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))  # _rels/x.rels is about ./x
        rels = {
            r.get("Id", ""): posixpath.join(folder, r.get("Target", "")) for r in root.iter(REL)
        }
        assert all(target in parts for target in rels.values()), (name, rels)
        targets[name] = rels
    assert targets["_rels/.rels"]["rId1"] == "xl/workbook.xml"
    sheets = list(parts["xl/workbook.xml"].iter(f"{MAIN}sheet"))
    book_rels = targets["xl/_rels/workbook.xml.rels"]
    assert all(book_rels[s.get(R_ID, "")].startswith("xl/worksheets/") for s in sheets)
    assert len({s.get("sheetId") for s in sheets}) == len(sheets)
    styles = parts["xl/styles.xml"].find(f"{MAIN}cellXfs")
    assert styles is not None
    used = {
        int(c.get("s", "0"))
        for name in parts
        if "worksheets" in name
        for c in parts[name].iter(f"{MAIN}c")
    }
    assert max(used) < int(styles.get("count", "0")) == len(styles)


def test_the_parts_are_well_formed_and_consistent() -> None:
    _check_package(_book(_sales(), Table("Second", ["x"], [(1,)])))


def test_the_books_and_return_workbooks_are_well_formed_packages() -> None:
    for data in (books_xlsx(books()), books_xlsx(books("AE")), gstr1_xlsx(R1, R3B)):
        _check_package(data)
    _check_package(vat201_xlsx(_vat()))


def test_what_a_sheet_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one sheet"):
        _book()
    for name in ("a/b", "'quoted'", "x" * 32, ""):
        with pytest.raises(ValueError, match="sheet name"):
            _book(Table(name, ["x"], []))
    with pytest.raises(ValueError, match="two sheets"):
        _book(Table("Sales", ["x"], []), Table("sales", ["x"], []))
    with pytest.raises(ValueError, match="a row of 2 cells"):
        _book(Table("Sales", ["x"], [(1, 2)]))
    with pytest.raises(ValueError, match="cannot write"):
        _book(Table("Sales", ["x"], [(Decimal("NaN"),)]))
    with pytest.raises(ValueError, match="cannot write"):
        _book(Table("Sales", ["x"], [(float("inf"),)]))


def test_column_letters_and_decimal_formats() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [places_format(p) for p in (0, 2, 3)] == ["#,##0", "#,##0.00", "#,##0.000"]
    with pytest.raises(ValueError):
        places_format(1)
