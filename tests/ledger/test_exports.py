"""The accountant's export: a month of an Indian kirana's books read back from the workbook, the
CSV zip and the Tally XML, and checked against the reports and the documents themselves."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import time_machine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger import (
    Database,
    ReceiveItem,
    SaleItem,
    add_party,
    expenses_report,
    receive_stock,
    record_expense,
    record_payment,
    sales_report,
    sell,
    void_by_number,
)
from ledger.exports import BooksExport, books_export
from ledger.periods import Period, period
from ledger.statements import statement
from ledger.tables import Party, Payment, Purchase
from pdf.tally import tally_xml
from pdf.xlsx import books_csv_zip, books_xlsx
from tests.factories import india_shop, uae_shop
from tests.ledger.support import party_id, product_id

KOLKATA = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=KOLKATA)
LAST_MONTH = datetime(2026, 2, 20, 11, 0, tzinfo=KOLKATA)


def day(n: int, hour: int = 11) -> datetime:
    """A moment of this month (March 2026) in Mumbai."""
    return datetime(2026, 3, n, hour, 0, tzinfo=KOLKATA)


@dataclass(frozen=True)
class Books:
    """The shop built for a test, with the names of its documents."""

    shop: int
    voided: str  # the invoice cancelled this month
    interstate: str  # the sale to Delhi
    walk_in: str  # the cash sale without a customer


async def _kirana(db: Database) -> Books:
    """A March of trading in Mumbai with some of February before it."""
    async with db.session() as s:
        shop = await india_shop(s)
        await add_party(
            s, shop.id, name="Pune Wholesale", kind="supplier", state="MH", tax_id="27AAACP1234A1Z5"
        )
        sugar = await product_id(s, shop.id, "Sugar")
        dal = await product_id(s, shop.id, "Toor Dal")
        ravi = await party_id(s, shop.id, "Ravi Kumar")
        delhi = await party_id(s, shop.id, "Delhi Traders")
        pune = await party_id(s, shop.id, "Pune Wholesale")
        # February: outside the period, inside the opening balances.
        await sell(
            s, shop.id, [SaleItem(sugar, Decimal(2))], party_id=ravi, paid="credit", at=LAST_MONTH
        )
        await receive_stock(
            s,
            shop.id,
            [ReceiveItem(dal, Decimal(10), 300)],
            supplier_id=pune,
            paid="credit",
            at=LAST_MONTH,
        )
        await record_expense(s, shop.id, amount_minor=480000, category="rent", at=LAST_MONTH)
        # March.
        await record_expense(s, shop.id, amount_minor=500000, category="rent", at=day(2))
        await sell(
            s,
            shop.id,
            [SaleItem(sugar, Decimal(3)), SaleItem(dal, Decimal("2.5"))],
            party_id=ravi,
            paid="credit",
            at=day(5),
        )
        inter = await sell(
            s, shop.id, [SaleItem(sugar, Decimal(10))], party_id=delhi, method="upi", at=day(6)
        )
        walk_in = await sell(s, shop.id, [SaleItem(dal, Decimal(1))], method="cash", at=day(7))
        await receive_stock(
            s,
            shop.id,
            [ReceiveItem(sugar, Decimal(20), 4000), ReceiveItem(dal, Decimal(5), 310)],
            supplier_id=pune,
            paid=50000,
            method="bank",
            at=day(8),
        )
        await receive_stock(s, shop.id, [ReceiveItem(dal, Decimal(4))], at=day(8, 15))  # no cost
        await record_expense(
            s, shop.id, amount_minor=2000, category="transport", note="auto & tempo", at=day(8)
        )
        doomed = await sell(s, shop.id, [SaleItem(sugar, Decimal(1))], party_id=ravi, at=day(9))
    async with db.session() as s:
        with time_machine.travel(day(10), tick=False):
            await void_by_number(s, shop.id, doomed.number)
        await record_payment(
            s, shop.id, party_id=ravi, amount_minor=5000, direction="in", method="cash", at=day(12)
        )
        await record_payment(
            s,
            shop.id,
            party_id=pune,
            amount_minor=10000,
            direction="out",
            method="bank",
            at=day(15),
        )
    return Books(shop.id, doomed.number, inter.number, walk_in.number)


def _march() -> Period:
    return period("this_month", NOW, "Asia/Kolkata")


async def _export(
    db: Database, books: Books, what: str = "all", p: Period | None = None
) -> BooksExport:
    async with db.session() as s:
        return await books_export(s, books.shop, p or _march(), what=what)


def _minor(value: object) -> int:
    """A workbook or CSV amount in major units back to minor units (paise)."""
    return int((Decimal(str(value)) * 100).to_integral_value())


async def _documents(s: AsyncSession, shop: int, p: Period) -> dict[str, int]:
    """The period's purchases and payments summed straight from the tables."""
    bought = await s.execute(
        select(Purchase.total_minor).where(
            Purchase.business_id == shop,
            Purchase.status == "posted",
            col(Purchase.received_at) >= p.start,
            col(Purchase.received_at) < p.end,
        )
    )
    paid = await s.execute(
        select(Payment.direction, Payment.amount_minor).where(
            Payment.business_id == shop,
            Payment.status == "posted",
            col(Payment.paid_at) >= p.start,
            col(Payment.paid_at) < p.end,
        )
    )
    sums = {"purchases": sum(bought.scalars()), "in": 0, "out": 0}
    for direction, amount in paid:
        sums[direction] += amount
    return sums


async def _balances(s: AsyncSession, shop: int) -> dict[str, int]:
    rows = await s.execute(select(Party.name, Party.balance_minor).where(Party.business_id == shop))
    return {name: balance for name, balance in rows}


def _sheet_totals(data: bytes) -> dict[str, dict[str, object]]:
    """Each sheet's totals row by column heading, read back with openpyxl."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out: dict[str, dict[str, object]] = {}
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert rows[-1][0] == "Total", ws.title
        out[ws.title] = {str(h): v for h, v in zip(rows[0], rows[-1], strict=True)}
    return out


def _csv_totals(data: bytes) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            assert text.startswith("\ufeff"), name
            rows = list(csv.reader(io.StringIO(text[1:])))
            assert rows[-1][0] == "Total", name
            out[name] = dict(zip(rows[0], rows[-1], strict=True))
    return out


async def test_the_sales_rows_are_the_months_posted_invoice_lines(db: Database) -> None:
    books = await _kirana(db)
    export = await _export(db, books)
    async with db.session() as s:
        report = await sales_report(s, books.shop, "this_month", NOW)
    assert sum(r.gross_minor for r in export.sales) == report.total_minor
    assert sum(r.tax_minor for r in export.sales) == report.tax_minor
    assert len({r.number for r in export.sales}) == report.count == 3
    assert books.voided not in {r.number for r in export.sales}
    assert all(r.net_minor + r.tax_minor == r.gross_minor for r in export.sales)
    first = export.sales[0]
    assert (first.day.isoformat(), first.party, first.product, first.qty, first.unit) == (
        "2026-03-05",
        "Ravi Kumar",
        "Sugar",
        Decimal(3),
        "kg",
    )
    assert {r.number: r.interstate for r in export.sales}[books.interstate] is True
    assert {r.number: r.party for r in export.sales}[books.walk_in] == ""
    [cancelled] = export.cancelled
    assert (cancelled.number, cancelled.day.isoformat(), cancelled.total_minor) == (
        books.voided,
        "2026-03-10",
        4725,
    )


async def test_purchases_carry_input_tax_carved_out_of_what_the_supplier_is_owed(
    db: Database,
) -> None:
    books = await _kirana(db)
    export = await _export(db, books)
    costed = [p for p in export.purchases if p.unit_cost_minor is not None]
    assert [(p.product, p.qty, p.gross_minor) for p in costed] == [
        ("Sugar", Decimal(20), 80000),
        ("Toor Dal", Decimal(5), 1550),
    ]
    assert [(p.net_minor, p.tax_minor) for p in costed] == [(76190, 3810), (1476, 74)]
    assert {p.supplier_tax_id for p in costed} == {"27AAACP1234A1Z5"}
    [uncosted] = [p for p in export.purchases if p.unit_cost_minor is None]
    assert (uncosted.supplier, uncosted.gross_minor) == ("", 0)
    assert [(e.category, e.note) for e in export.expenses] == [
        ("rent", ""),
        ("transport", "auto & tempo"),
    ]


async def test_every_sheet_and_csv_total_equals_the_reports_and_the_documents(db: Database) -> None:
    books = await _kirana(db)
    export = await _export(db, books)
    async with db.session() as s:
        report = await sales_report(s, books.shop, "this_month", NOW)
        spent = await expenses_report(s, books.shop, "this_month", NOW)
        docs = await _documents(s, books.shop, _march())
    sheets = _sheet_totals(books_xlsx(export))
    assert list(sheets) == [
        "Sales",
        "Cancelled",
        "Purchases",
        "Expenses",
        "Payments",
        "Party ledger",
    ]
    files = _csv_totals(books_csv_zip(export))
    assert list(files) == [
        "sales.csv",
        "cancelled.csv",
        "purchases.csv",
        "expenses.csv",
        "payments.csv",
        "party_ledger.csv",
    ]
    for totals in (
        sheets,
        {k.removesuffix(".csv").replace("_", " ").capitalize(): v for k, v in files.items()},
    ):
        assert _minor(totals["Sales"]["Amount"]) == report.total_minor
        assert _minor(totals["Sales"]["GST"]) == report.tax_minor
        assert _minor(totals["Cancelled"]["Amount"]) == 4725
        assert _minor(totals["Purchases"]["Amount"]) == docs["purchases"] == 81550
        assert _minor(totals["Expenses"]["Amount"]) == spent.total_minor == 502000
        assert _minor(totals["Payments"]["Received"]) == docs["in"]
        assert _minor(totals["Payments"]["Paid"]) == docs["out"] == 60000


async def test_party_closing_balances_are_the_parties_balances_when_the_period_ends_now(
    db: Database,
) -> None:
    books = await _kirana(db)
    export = await _export(db, books)
    async with db.session() as s:
        balances = await _balances(s, books.shop)
    closing = {r.party: r.closing_minor for r in export.parties}
    assert closing == {name: b for name, b in balances.items() if b or name in closing}
    assert set(closing) == {"Ravi Kumar", "Delhi Traders", "Pune Wholesale"}
    assert all(
        r.opening_minor + r.debit_minor - r.credit_minor == r.closing_minor for r in export.parties
    )
    book = openpyxl.load_workbook(io.BytesIO(books_xlsx(export)))
    rows = list(book["Party ledger"].iter_rows(values_only=True))[1:-1]
    assert {str(r[0]): _minor(r[6]) for r in rows} == closing


async def test_each_party_row_matches_its_statement_of_account(db: Database) -> None:
    books = await _kirana(db)
    for p in (_march(), period("last_month", NOW, "Asia/Kolkata")):
        export = await _export(db, books, p=p)
        async with db.session() as s:
            for row in export.parties:
                found = await statement(s, books.shop, await party_id(s, books.shop, row.party), p)
                assert (row.opening_minor, row.closing_minor) == (
                    found.opening_minor,
                    found.closing_minor,
                )
                assert row.debit_minor == sum(line.debit_minor for line in found.lines)
                assert row.credit_minor == sum(line.credit_minor for line in found.lines)
    february = await _export(db, books, p=period("last_month", NOW, "Asia/Kolkata"))
    march = await _export(db, books)
    assert {r.party: r.closing_minor for r in february.parties} == {
        r.party: r.opening_minor for r in march.parties if r.opening_minor
    }


async def test_tally_has_one_balanced_voucher_per_invoice_purchase_and_payment(
    db: Database,
) -> None:
    books = await _kirana(db)
    export = await _export(db, books)
    root = ET.fromstring(tally_xml(export))
    assert root.tag == "ENVELOPE"
    assert root.findtext("HEADER/TALLYREQUEST") == "Import Data"
    assert root.findtext("BODY/IMPORTDATA/REQUESTDESC/REPORTNAME") == "Vouchers"
    assert (
        root.findtext("BODY/IMPORTDATA/REQUESTDESC/STATICVARIABLES/SVCURRENTCOMPANY")
        == "Sharma Kirana"
    )
    vouchers = root.findall("BODY/IMPORTDATA/REQUESTDATA/TALLYMESSAGE/VOUCHER")
    kinds = [v.get("VCHTYPE") for v in vouchers]
    # 3 invoices, 1 receipt with a cost (the one without is nothing to account for), and the
    # payments to or from a named party: Delhi's at the sale, Pune's part and later, Ravi's.
    assert kinds == ["Sales"] * 3 + ["Purchase"] + ["Receipt", "Payment", "Receipt", "Payment"]
    by_number: dict[str, dict[str, Decimal]] = {}
    for voucher in vouchers:
        amounts: dict[str, Decimal] = {}
        for entry in voucher.findall("ALLLEDGERENTRIES.LIST"):
            amount = Decimal(entry.findtext("AMOUNT", ""))
            deemed = entry.findtext("ISDEEMEDPOSITIVE")
            assert deemed == ("Yes" if amount < 0 else "No")
            amounts[entry.findtext("LEDGERNAME", "")] = amount
        assert sum(amounts.values()) == 0, voucher.findtext("VOUCHERNUMBER")
        assert voucher.findtext("DATE", "").startswith("202603")
        by_number[voucher.findtext("VOUCHERNUMBER", "")] = amounts
    inter = by_number[books.interstate]
    assert set(inter) == {"Delhi Traders", "Sales", "Output IGST"}
    assert inter["Output IGST"] == Decimal("22.50")
    [ravi] = [n for n, a in by_number.items() if "Ravi Kumar" in a and "Sales" in a]
    assert set(by_number[ravi]) == {"Ravi Kumar", "Sales", "Output CGST", "Output SGST"}
    assert by_number[ravi]["Output CGST"] + by_number[ravi]["Output SGST"] == Decimal("7.17")
    assert set(by_number[books.walk_in]) == {"Cash", "Sales", "Output CGST", "Output SGST"}
    [bought] = [a for a in by_number.values() if "Purchase" in a]
    assert bought == {
        "Purchase": Decimal("-776.66"),
        "Input CGST": Decimal("-19.42"),
        "Input SGST": Decimal("-19.42"),
        "Pune Wholesale": Decimal("815.50"),
    }


async def test_the_same_books_give_the_same_bytes(db: Database) -> None:
    books = await _kirana(db)
    first, second = await _export(db, books), await _export(db, books)
    assert books_xlsx(first) == books_xlsx(second)
    assert books_csv_zip(first) == books_csv_zip(second)
    assert tally_xml(first) == tally_xml(second)


async def test_a_sales_export_reads_only_sales(db: Database) -> None:
    books = await _kirana(db)
    export = await _export(db, books, "sales")
    assert export.sections == ("sales",)
    assert export.sales and export.cancelled
    assert (export.purchases, export.expenses, export.payments, export.parties) == ((), (), (), ())
    book = openpyxl.load_workbook(io.BytesIO(books_xlsx(export)))
    assert book.sheetnames == ["Sales", "Cancelled"]
    expenses = await _export(db, books, "expenses")
    assert (len(expenses.expenses), expenses.sales) == (2, ())


async def test_another_shops_books_never_appear(db: Database) -> None:
    books = await _kirana(db)
    async with db.session() as s:
        other = await india_shop(s)
        sugar = await product_id(s, other.id, "Sugar")
        await sell(s, other.id, [SaleItem(sugar, Decimal(1))], at=day(5))
        await record_expense(s, other.id, amount_minor=700, category="rent", at=day(5))
    mine = await _export(db, books)
    async with db.session() as s:
        theirs = await books_export(s, other.id, _march())
    assert len({r.number for r in mine.sales}) == 3
    assert sum(e.amount_minor for e in mine.expenses) == 502000
    assert ([e.amount_minor for e in theirs.expenses], len(theirs.sales)) == ([700], 1)
    assert (len(theirs.purchases), len(theirs.cancelled), len(theirs.parties)) == (0, 0, 0)


async def test_a_uae_shop_exports_vat_ledgers(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
        dairy = await party_id(s, shop.id, "Gulf Dairy")
        dubai = ZoneInfo("Asia/Dubai")
        await sell(
            s,
            shop.id,
            [SaleItem(rice, Decimal(2))],
            party_id=ahmed,
            paid="credit",
            at=datetime(2026, 3, 5, 10, tzinfo=dubai),
        )
        await receive_stock(
            s,
            shop.id,
            [ReceiveItem(rice, Decimal(10), 3150)],
            supplier_id=dairy,
            at=datetime(2026, 3, 6, 10, tzinfo=dubai),
        )
        export = await books_export(s, shop.id, period("this_month", NOW, "Asia/Dubai"))
    root = ET.fromstring(tally_xml(export))
    ledgers = {
        v.get("VCHTYPE"): {
            e.findtext("LEDGERNAME"): e.findtext("AMOUNT")
            for e in v.findall("ALLLEDGERENTRIES.LIST")
        }
        for v in root.iter("VOUCHER")
    }
    assert ledgers["Sales"] == {"Ahmed Khan": "-80.00", "Sales": "76.19", "Output VAT": "3.81"}
    assert ledgers["Purchase"] == {
        "Purchase": "-300.00",
        "Input VAT": "-15.00",
        "Gulf Dairy": "315.00",
    }
    assert _sheet_totals(books_xlsx(export))["Sales"]["VAT"] == 3.81
