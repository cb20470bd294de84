"""The accountant's export as the XML that TallyPrime imports (Gateway > Import > Transactions):
a Sales voucher per invoice, a Purchase voucher per receipt with a cost, and a Receipt or
Payment voucher per payment to or from a named party.

Tally's sign convention: a debit is a negative AMOUNT with ISDEEMEDPOSITIVE Yes, a credit a
positive one with ISDEEMEDPOSITIVE No; every voucher's amounts add up to exactly zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ledger.money import allocate, to_major
from pdf.xlsx import clean

if TYPE_CHECKING:  # the read model only: pdf/ never runs ledger's queries
    from ledger.exports import BooksExport, PurchaseRow, SaleRow

CASH = "Cash"  # walk-in sales and cash payments
BANK = "Bank"  # card, UPI and bank payments
SALES = "Sales"
PURCHASE = "Purchase"


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger line of a voucher: + is a debit, in minor units."""

    ledger: str
    debit_minor: int


@dataclass(frozen=True, slots=True)
class Voucher:
    """A Tally voucher before it is XML."""

    kind: str  # Sales | Purchase | Receipt | Payment
    day: date
    number: str
    party: str
    entries: tuple[Entry, ...]
    narration: str = ""
    party_tax_id: str = ""


def tally_xml(export: BooksExport) -> bytes:
    """The export's vouchers in a TallyPrime import envelope, UTF-8, one element a line.

    Written as text rather than through ElementTree (a month of a busy shop is 10 MB of XML:
    building and indenting the tree took most of a second); the bytes are what ElementTree
    writes with `indent(space=" ")`, which the tests read back with it."""
    out = ["<?xml version='1.0' encoding='utf-8'?>", "<ENVELOPE>", " <HEADER>"]
    out.append("  <TALLYREQUEST>Import Data</TALLYREQUEST>")
    out += [" </HEADER>", " <BODY>", "  <IMPORTDATA>", "   <REQUESTDESC>"]
    out.append("    <REPORTNAME>Vouchers</REPORTNAME>")
    out += ["    <STATICVARIABLES>", _leaf(5, "SVCURRENTCOMPANY", clean(export.business.name))]
    out += ["    </STATICVARIABLES>", "   </REQUESTDESC>", "   <REQUESTDATA>"]
    currency = export.business.currency
    for voucher in vouchers(export):
        if not any(entry.debit_minor for entry in voucher.entries):
            continue  # free goods: a voucher of noughts is nothing to import
        out.append("    <TALLYMESSAGE>")
        _voucher_lines(out, voucher, currency)
        out.append("    </TALLYMESSAGE>")
    out += ["   </REQUESTDATA>", "  </IMPORTDATA>", " </BODY>", "</ENVELOPE>"]
    return "\n".join(out).encode("utf-8")


def _leaf(depth: int, tag: str, text: str) -> str:
    """One element with text on its own line (an empty one closes itself, as ElementTree's)."""
    if not text:
        return f"{' ' * depth}<{tag} />"
    return f"{' ' * depth}<{tag}>{escape(text)}</{tag}>"


def vouchers(export: BooksExport) -> list[Voucher]:
    """The export's documents as balanced vouchers: sales, then purchases, then payments."""
    out = [_sale(lines, export) for lines in _by_number(export.sales)]
    out += [_purchase(lines, export) for lines in _by_reference(export.purchases)]
    for pay in export.payments:
        if not pay.party:
            continue  # paid at a walk-in sale, whose Sales voucher already debits Cash
        money = CASH if pay.method in ("cash", "") else BANK
        amount = pay.amount_minor
        if pay.direction == "in":
            kind, entries = "Receipt", (Entry(money, amount), Entry(pay.party, -amount))
        else:
            kind, entries = "Payment", (Entry(pay.party, amount), Entry(money, -amount))
        note = " ".join(part for part in (pay.method, pay.invoice) if part)
        out.append(Voucher(kind, pay.day, pay.reference, pay.party, entries, note))
    return out


def _by_number(lines: Iterable[SaleRow]) -> list[list[SaleRow]]:
    groups: dict[str, list[SaleRow]] = {}
    for line in lines:
        groups.setdefault(line.number, []).append(line)
    return list(groups.values())


def _by_reference(lines: Iterable[PurchaseRow]) -> list[list[PurchaseRow]]:
    groups: dict[str, list[PurchaseRow]] = {}
    for line in lines:
        if line.gross_minor:  # received without a cost: nothing to account for
            groups.setdefault(line.reference, []).append(line)
    return list(groups.values())


def _tax_entries(
    export: BooksExport, side: str, interstate: bool, taxes: list[tuple[Decimal, int]]
) -> list[Entry]:
    """Tax ledgers of one voucher as debits (side "Input") or amounts to credit ("Output").

    India's GST inside the state is split in CGST and SGST halves rate by rate, as the invoice
    prints it; across states it is IGST. Elsewhere one ledger per tax ("Output VAT").
    """
    shop = export.business
    by_rate: dict[Decimal, int] = defaultdict(int)
    for rate, tax in taxes:
        by_rate[rate] += tax
    india = shop.country.upper() == "IN" and shop.tax_name.upper() == "GST"
    totals: dict[str, int] = {}
    for rate in sorted(by_rate):
        tax = by_rate[rate]
        if not india:
            parts = [(f"{side} {shop.tax_name}", tax)]
        elif interstate:
            parts = [(f"{side} IGST", tax)]
        else:
            central, state = allocate(tax, [1, 1])
            parts = [(f"{side} CGST", central), (f"{side} SGST", state)]
        for ledger, amount in parts:
            totals[ledger] = totals.get(ledger, 0) + amount
    return [Entry(ledger, amount) for ledger, amount in totals.items()]


def _sale(lines: list[SaleRow], export: BooksExport) -> Voucher:
    first = lines[0]
    party = first.party or CASH
    taxes = [(line.tax_rate, line.tax_minor) for line in lines]
    credits = [Entry(SALES, sum(line.net_minor for line in lines))]
    credits += _tax_entries(export, "Output", first.interstate, taxes)
    debit = Entry(party, sum(line.gross_minor for line in lines))
    entries = (debit, *(Entry(e.ledger, -e.debit_minor) for e in credits))
    return Voucher("Sales", first.day, first.number, party, entries, "", first.party_tax_id)


def _purchase(lines: list[PurchaseRow], export: BooksExport) -> Voucher:
    first = lines[0]
    party = first.supplier or CASH
    taxes = [(line.tax_rate, line.tax_minor) for line in lines]
    debits = [Entry(PURCHASE, sum(line.net_minor for line in lines))]
    debits += _tax_entries(export, "Input", first.interstate, taxes)
    credit = Entry(party, -sum(line.gross_minor for line in lines))
    entries = (*debits, credit)
    return Voucher(
        "Purchase", first.day, first.reference, party, entries, "", first.supplier_tax_id
    )


def _voucher_lines(out: list[str], voucher: Voucher, currency: str) -> None:
    kind = quoteattr(voucher.kind)
    out.append(f'     <VOUCHER VCHTYPE={kind} ACTION="Create" OBJVIEW="Accounting Voucher View">')
    out.append(_leaf(6, "DATE", voucher.day.strftime("%Y%m%d")))
    out.append(_leaf(6, "VOUCHERTYPENAME", voucher.kind))
    out.append(_leaf(6, "VOUCHERNUMBER", clean(voucher.number)))
    out.append(_leaf(6, "PARTYLEDGERNAME", clean(voucher.party)))
    if voucher.party_tax_id:
        out.append(_leaf(6, "PARTYGSTIN", clean(voucher.party_tax_id)))
    if voucher.narration:
        out.append(_leaf(6, "NARRATION", clean(voucher.narration)))
    out.append(_leaf(6, "PERSISTEDVIEW", "Accounting Voucher View"))
    for entry in voucher.entries:
        if not entry.debit_minor:
            continue  # a 0% tax line: Tally wants no empty ledger lines
        debit = entry.debit_minor > 0
        is_party = entry.ledger == voucher.party
        amount = amount_text(-entry.debit_minor, currency)
        out.append("      <ALLLEDGERENTRIES.LIST>")
        out.append(_leaf(7, "LEDGERNAME", clean(entry.ledger)))
        out.append(_leaf(7, "ISDEEMEDPOSITIVE", "Yes" if debit else "No"))
        out.append(_leaf(7, "ISPARTYLEDGER", "Yes" if is_party else "No"))
        out.append(_leaf(7, "AMOUNT", amount))
        if is_party and voucher.kind in ("Sales", "Purchase") and voucher.party != CASH:
            out.append("       <BILLALLOCATIONS.LIST>")
            out.append(_leaf(8, "NAME", clean(voucher.number)))
            out.append(_leaf(8, "BILLTYPE", "New Ref"))
            out.append(_leaf(8, "AMOUNT", amount))
            out.append("       </BILLALLOCATIONS.LIST>")
        out.append("      </ALLLEDGERENTRIES.LIST>")
    out.append("     </VOUCHER>")


def amount_text(minor: int, currency: str) -> str:
    """Major units with the currency's decimals, as Tally reads them: "-1050.00"."""
    return format(to_major(minor, currency), "f")
