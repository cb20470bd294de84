"""Tax return figures -> files: GSTR-1 JSON for the GST offline tool, and workbooks of
GSTR-1 with GSTR-3B and of VAT 201. The same figures always give the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from ledger.money import exponent, to_major
from pdf.workbook import ZIP_TIME as ZIP_TIME  # the fixed date of every zip entry
from pdf.workbook import Format, Table, places_format, workbook

if TYPE_CHECKING:  # read models only: pdf/ never runs ledger's queries
    from ledger.returns import CreditNote, Gstr1, Gstr3b, RateTax, Vat201

Json = dict[str, "Json"] | list["Json"] | str | int | Decimal
Value = str | int | Decimal | date | None

_DESC_MAX = 30  # the portal's limit on an HSN description


# --- GSTR-1 JSON ----------------------------------------------------------------------------


def _rupees(minor: int) -> Decimal:
    return to_major(minor, "INR")  # exact, with its 2 decimals: Decimal("1862.00")


def _dmy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _tax(item: RateTax, interstate: bool) -> dict[str, Json]:
    if interstate:
        return {"iamt": _rupees(item.igst_minor), "csamt": _rupees(0)}
    return {
        "camt": _rupees(item.cgst_minor),
        "samt": _rupees(item.sgst_minor),
        "csamt": _rupees(0),
    }


def _items(items: Sequence[RateTax], interstate: bool) -> list[Json]:
    return [
        {
            "num": n,
            "itm_det": {
                "rt": item.rate,
                "txval": _rupees(item.taxable_minor),
                **_tax(item, interstate),
            },
        }
        for n, item in enumerate(items, start=1)
    ]


def _inter(r: Gstr1, place: str, items: Sequence[RateTax]) -> bool:
    return any(item.igst_minor for item in items) or bool(place and r.state and place != r.state)


def _note(r: Gstr1, note: CreditNote) -> Json:
    return {
        "ntty": "C",
        "nt_num": note.number,
        "nt_dt": _dmy(note.noted_on),
        "val": _rupees(note.value_minor),
        "pos": note.place_of_supply,
        "rchrg": "N",
        "inv_typ": "R",
        "itms": _items(note.items, _inter(r, note.place_of_supply, note.items)),
    }


def gstr1_json(r: Gstr1) -> bytes:
    """GSTR-1 as the GST offline tool imports it: amounts in rupees with 2 decimals, keys sorted."""
    doc: dict[str, Json] = {"gstin": r.gstin, "fp": r.period.last_day.strftime("%m%Y")}
    by_buyer: dict[str, list[Json]] = {}
    for inv in r.b2b:
        by_buyer.setdefault(inv.gstin, []).append(
            {
                "inum": inv.number,
                "idt": _dmy(inv.issued_on),
                "val": _rupees(inv.value_minor),
                "pos": inv.place_of_supply,
                "rchrg": "N",
                "inv_typ": "R",
                "itms": _items(inv.items, _inter(r, inv.place_of_supply, inv.items)),
            }
        )
    if by_buyer:
        doc["b2b"] = [{"ctin": ctin, "inv": invs} for ctin, invs in sorted(by_buyer.items())]
    if r.b2cs:
        doc["b2cs"] = [
            {
                "sply_ty": "INTER" if row.interstate else "INTRA",
                "pos": row.place_of_supply,
                "typ": "OE",
                "rt": row.rate,
                "txval": _rupees(row.taxable_minor),
                **(
                    {"iamt": _rupees(row.igst_minor)}
                    if row.interstate
                    else {"camt": _rupees(row.cgst_minor), "samt": _rupees(row.sgst_minor)}
                ),
                "csamt": _rupees(0),
            }
            for row in r.b2cs
        ]
    notes: dict[str, list[Json]] = {}
    for note in r.cdnr:
        notes.setdefault(note.gstin, []).append(_note(r, note))
    if notes:
        doc["cdnr"] = [{"ctin": ctin, "nt": nts} for ctin, nts in sorted(notes.items())]
    if r.nil:
        doc["nil"] = {
            "inv": [
                {
                    "sply_ty": row.supply_type,
                    "nil_amt": _rupees(row.amount_minor),
                    "expt_amt": _rupees(0),
                    "ngsup_amt": _rupees(0),
                }
                for row in r.nil
            ]
        }
    if r.hsn:
        doc["hsn"] = {
            "data": [
                {
                    "num": n,
                    "hsn_sc": row.hsn,
                    "desc": row.description[:_DESC_MAX],
                    "uqc": row.uqc,
                    "qty": row.qty,
                    "rt": row.rate,
                    "txval": _rupees(row.taxable_minor),
                    "iamt": _rupees(row.igst_minor),
                    "camt": _rupees(row.cgst_minor),
                    "samt": _rupees(row.sgst_minor),
                    "csamt": _rupees(0),
                }
                for n, row in enumerate(r.hsn, start=1)
            ]
        }
    return _dump(doc).encode("utf-8")


def _dump(value: Json) -> str:
    """JSON with sorted keys and exact decimals (json.dumps would write 1862.0 for 1862.00)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_dump(k)}:{_dump(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + "".join(_char(c) for c in value) + '"'
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _char(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    return c if " " <= c <= "~" else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else _pair(c)


def _pair(c: str) -> str:
    high, low = divmod(ord(c) - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


# --- workbooks ------------------------------------------------------------------------------

Sheet = tuple[str, tuple[str, ...], list[tuple[Value, ...]]]


def _workbook(title: str, stamp: date, sheets: list[Sheet], currency: str) -> bytes:
    money = places_format(exponent(currency))
    tables = [
        Table(
            name,
            headings,
            rows,
            _formats(len(headings), rows, money),
            freeze_header=False,  # a return's sheets are short: no frozen pane, default widths
            fit_widths=False,
        )
        for name, headings, rows in sheets
    ]
    moment = datetime.combine(stamp, time(23, 59, 59))  # naive: written as UTC
    return workbook(tables, title=title, stamp=moment)


def _formats(width: int, rows: list[tuple[Value, ...]], money: Format) -> list[Format]:
    """Each column's format: a column of amounts is money, a column of dates dd-mm-yyyy."""
    out: list[Format] = ["General"] * width
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, _Money):
                out[i] = money
            elif isinstance(value, date):
                out[i] = "dd-mm-yyyy"
    return out


class _Money(Decimal):
    """An amount in major units, written with the currency's decimals."""


def _m(minor: int, currency: str) -> _Money:
    return _Money(to_major(minor, currency))


_TAX = ("Taxable value", "IGST", "CGST", "SGST")


def gstr1_xlsx(r: Gstr1, r3b: Gstr3b) -> bytes:
    """GSTR-1 (b2b, b2cs, hsn, cdnr) and GSTR-3B (3b) as one workbook for the accountant."""
    cur = r.currency

    def tax(item: RateTax) -> tuple[Value, ...]:
        return (
            _m(item.taxable_minor, cur),
            _m(item.igst_minor, cur),
            _m(item.cgst_minor, cur),
            _m(item.sgst_minor, cur),
        )

    b2b: list[tuple[Value, ...]] = [
        (
            inv.gstin,
            inv.party,
            inv.number,
            inv.issued_on,
            _m(inv.value_minor, cur),
            inv.place_of_supply,
            item.rate,
            *tax(item),
        )
        for inv in r.b2b
        for item in inv.items
    ]
    b2cs: list[tuple[Value, ...]] = [
        (
            "INTER" if row.interstate else "INTRA",
            row.place_of_supply,
            row.rate,
            _m(row.taxable_minor, cur),
            _m(row.igst_minor, cur),
            _m(row.cgst_minor, cur),
            _m(row.sgst_minor, cur),
        )
        for row in r.b2cs
    ]
    hsn: list[tuple[Value, ...]] = [
        (
            row.hsn,
            row.description,
            row.uqc,
            row.qty,
            row.rate,
            _m(row.taxable_minor, cur),
            _m(row.igst_minor, cur),
            _m(row.cgst_minor, cur),
            _m(row.sgst_minor, cur),
            _m(row.value_minor, cur),
        )
        for row in r.hsn
    ]
    cdnr: list[tuple[Value, ...]] = [
        (
            note.gstin,
            note.party,
            note.number,
            note.noted_on,
            note.invoice_number,
            note.invoice_date,
            _m(note.value_minor, cur),
            note.place_of_supply,
            item.rate,
            *tax(item),
        )
        for note in (*r.cdnr, *r.b2c_credit_notes)
        for item in note.items
    ]
    out, itc = r3b.outward_tax, r3b.itc
    three_b: list[tuple[Value, ...]] = [
        (
            "3.1(a) Outward taxable supplies",
            _m(r3b.outward_taxable_minor, cur),
            _m(out.igst_minor, cur),
            _m(out.cgst_minor, cur),
            _m(out.sgst_minor, cur),
        ),
        ("3.1(c) Nil rated", _m(r3b.nil_rated_minor, cur), None, None, None),
        *(
            (
                f"3.2 Inter-state to unregistered, {row.place_of_supply}",
                _m(row.taxable_minor, cur),
                _m(row.igst_minor, cur),
                None,
                None,
            )
            for row in r3b.interstate_unregistered
        ),
        (
            "4(A)(5) All other ITC",
            _m(r3b.inward_taxable_minor, cur),
            _m(itc.igst_minor, cur),
            _m(itc.cgst_minor, cur),
            _m(itc.sgst_minor, cur),
        ),
        (
            "6.1 Tax paid in cash",
            None,
            _m(r3b.pay_in_cash.igst_minor, cur),
            _m(r3b.pay_in_cash.cgst_minor, cur),
            _m(r3b.pay_in_cash.sgst_minor, cur),
        ),
        (
            "ITC carried forward",
            None,
            _m(r3b.credit_left.igst_minor, cur),
            _m(r3b.credit_left.cgst_minor, cur),
            _m(r3b.credit_left.sgst_minor, cur),
        ),
    ]
    sheets: list[Sheet] = [
        (
            "b2b",
            (
                "GSTIN",
                "Buyer",
                "Invoice",
                "Date",
                "Invoice value",
                "Place of supply",
                "Rate",
                *_TAX,
            ),
            b2b,
        ),
        ("b2cs", ("Type", "Place of supply", "Rate", *_TAX), b2cs),
        ("hsn", ("HSN", "Description", "UQC", "Quantity", "Rate", *_TAX, "Total value"), hsn),
        (
            "cdnr",
            (
                "GSTIN",
                "Buyer",
                "Note",
                "Note date",
                "Invoice",
                "Invoice date",
                "Note value",
                "Place of supply",
                "Rate",
                *_TAX,
            ),
            cdnr,
        ),
        ("3b", ("Table", *_TAX), three_b),
    ]
    fixes = tuple(dict.fromkeys((*r.fix_before_filing, *r3b.fix_before_filing)))
    if fixes:
        sheets.append(("fix before filing", ("Fix before filing",), [(f,) for f in fixes]))
    title = f"{r.shop} GSTR-1 {r.period.first_day.isoformat()} to {r.period.last_day.isoformat()}"
    return _workbook(title, r.period.last_day, sheets, cur)


def vat201_xlsx(r: Vat201) -> bytes:
    """VAT 201 box by box, with the credit notes and what to fix, as a workbook."""
    cur = r.currency
    box1: list[tuple[Value, ...]] = [
        (
            f"1 Standard rated supplies in {row.name}",
            _m(row.amount_minor, cur),
            _m(row.vat_minor, cur),
        )
        for row in r.box1
    ]
    boxes: list[tuple[Value, ...]] = [
        *box1,
        ("4 Zero rated supplies", _m(r.zero_rated_minor, cur), None),
        ("8 Totals", _m(r.box8_amount_minor, cur), _m(r.box8_vat_minor, cur)),
        ("9 Standard rated expenses", _m(r.expenses_minor, cur), _m(r.input_vat_minor, cur)),
        ("11 Totals", _m(r.expenses_minor, cur), _m(r.input_vat_minor, cur)),
        ("12 Total value of due tax for the period", None, _m(r.box12_minor, cur)),
        ("13 Total value of recoverable tax for the period", None, _m(r.box13_minor, cur)),
        ("14 Payable tax for the period", None, _m(r.net_vat_due_minor, cur)),
    ]
    notes: list[tuple[Value, ...]] = [
        (n.number, n.noted_on, n.invoice_number, _m(n.amount_minor, cur), _m(n.vat_minor, cur))
        for n in r.credit_notes
    ]
    sheets: list[Sheet] = [
        ("vat201", ("Box", f"Amount ({cur})", f"VAT ({cur})"), boxes),
        ("credit notes", ("Note", "Date", "Invoice", "Amount", "VAT"), notes),
    ]
    if r.fix_before_filing:
        rows: list[tuple[Value, ...]] = [(f,) for f in r.fix_before_filing]
        sheets.append(("fix before filing", ("Fix before filing",), rows))
    title = f"{r.shop} VAT 201 {r.period.first_day.isoformat()} to {r.period.last_day.isoformat()}"
    return _workbook(title, r.period.last_day, sheets, cur)
