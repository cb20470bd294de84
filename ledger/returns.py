"""Tax return figures from the books: GSTR-1 and GSTR-3B (India), VAT 201 (UAE).

Set-based: each section is one grouped query over a period's invoices, so a month of a large
shop is summed in SQL, never row by row in Python. Rules kept simple, and stated here:

- An invoice counts in the period it was issued, unless it was voided in that same period
  (then it is left out). Voided in a later period, it stays in its own period, and the later
  period carries a credit note for it: CDNR for a registered buyer; for an unregistered buyer
  the credit note reduces B2CS (and the HSN summary) of the voiding period instead of CDNUR.
- The place of supply is the party's state, else the state of its GSTIN, else (walk-in or no
  state) the shop's. Intra-state splits tax into CGST and SGST halves per invoice and rate,
  as the invoice prints them; the place decides, not the stored interstate flag, and an
  invoice that charged the other kind is listed to fix.
- Lines at 0 % are nil-rated (GSTR-1 table 8, 3B 3.1(c)) or zero-rated (VAT 201 box 4).
- Input tax is carved out of the period's posted deliveries at each product's rate today,
  inclusive of tax when the shop's prices are; a cancelled delivery counts nowhere.
- Nothing doubtful is guessed: it goes into `fix_before_filing`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, ColumnElement, and_, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from .errors import InvalidInput, NotFound
from .money import allocate, format_amount
from .periods import Period, local_day
from .places import (
    GST_STATES,
    emirate_code,
    emirate_name,
    gst_state_code,
    gst_state_name,
    gstin_problem,
)
from .tables import Business, Invoice, InvoiceLine, Party, Product, Purchase, StockMove
from .tax import line_amounts

# Since August 2024 an inter-state invoice to an unregistered buyer above ₹1 lakh is B2CL.
B2CL_LIMIT_MINOR = 100_000_00
ZERO = Decimal(0)

# The GST portal's unit quantity codes for the units shops type; anything else is OTH.
_UQC = {
    "kg": "KGS", "kgs": "KGS", "kilo": "KGS", "g": "GMS", "gm": "GMS", "gram": "GMS",
    "grams": "GMS", "l": "LTR", "ltr": "LTR", "litre": "LTR", "liter": "LTR", "ml": "MLT",
    "piece": "PCS", "pieces": "PCS", "pc": "PCS", "pcs": "PCS", "nos": "NOS", "unit": "UNT",
    "bag": "BAG", "bottle": "BTL", "box": "BOX", "carton": "CTN", "pack": "PAC",
    "packet": "PAC", "dozen": "DOZ", "m": "MTR", "metre": "MTR", "meter": "MTR", "set": "SET",
    "pair": "PRS", "roll": "ROL", "can": "CAN", "tube": "TUB", "bundle": "BDL",
}  # fmt: skip


def uqc(unit: str) -> str:
    """The GST unit quantity code of a unit ('kg' -> 'KGS'); 'OTH' when there is none."""
    return _UQC.get(unit.strip().lower(), "OTH")


@dataclass(frozen=True, slots=True)
class RateTax:
    """Taxable value and tax at one rate: IGST, or CGST and SGST halves."""

    rate: Decimal
    taxable_minor: int
    igst_minor: int
    cgst_minor: int
    sgst_minor: int

    @property
    def tax_minor(self) -> int:
        """All the tax at this rate."""
        return self.igst_minor + self.cgst_minor + self.sgst_minor


@dataclass(frozen=True, slots=True)
class B2bInvoice:
    """An invoice to a registered buyer (GSTR-1 table 4A), its taxed items by rate."""

    gstin: str
    party: str
    number: str
    issued_on: date
    value_minor: int  # the invoice total
    place_of_supply: str  # GST state code; "" when unknown (listed to fix)
    items: tuple[RateTax, ...]


@dataclass(frozen=True, slots=True)
class B2csRow:
    """Sales to unregistered buyers at one place and rate (table 7), net of credit notes."""

    place_of_supply: str
    interstate: bool
    rate: Decimal
    taxable_minor: int
    igst_minor: int
    cgst_minor: int
    sgst_minor: int


@dataclass(frozen=True, slots=True)
class CreditNote:
    """An earlier period's invoice voided in this one: 'CN-' and its number."""

    gstin: str  # "" for an unregistered buyer
    party: str
    number: str
    noted_on: date
    invoice_number: str
    invoice_date: date
    value_minor: int
    place_of_supply: str
    items: tuple[RateTax, ...]


@dataclass(frozen=True, slots=True)
class NilRow:
    """Nil-rated supplies (table 8) of one kind: INTRAB2B, INTRAB2C, INTERB2B or INTERB2C."""

    supply_type: str
    amount_minor: int


@dataclass(frozen=True, slots=True)
class HsnRow:
    """The HSN summary (table 12) of one HSN, unit and rate; no HSN: one row per product."""

    hsn: str
    description: str
    uqc: str
    rate: Decimal
    qty: Decimal
    taxable_minor: int
    igst_minor: int
    cgst_minor: int
    sgst_minor: int
    value_minor: int


@dataclass(frozen=True, slots=True)
class Gstr1:
    """GSTR-1 of a period, ready to be written as the offline tool's JSON."""

    shop: str
    gstin: str
    state: str  # the shop's GST state code, "" when unknown
    currency: str
    period: Period
    b2b: tuple[B2bInvoice, ...]
    b2cs: tuple[B2csRow, ...]
    cdnr: tuple[CreditNote, ...]
    b2c_credit_notes: tuple[CreditNote, ...]  # already taken off b2cs; listed for the record
    nil: tuple[NilRow, ...]
    hsn: tuple[HsnRow, ...]
    fix_before_filing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heads:
    """An amount of GST by head."""

    igst_minor: int = 0
    cgst_minor: int = 0
    sgst_minor: int = 0

    @property
    def total_minor(self) -> int:
        """IGST + CGST + SGST."""
        return self.igst_minor + self.cgst_minor + self.sgst_minor


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """GSTR-3B table 3.2: inter-state supplies to unregistered buyers of one state."""

    place_of_supply: str
    taxable_minor: int
    igst_minor: int


@dataclass(frozen=True, slots=True)
class Gstr3b:
    """GSTR-3B of a period: outward supplies (3.1), ITC (4) and what is left to pay in cash."""

    shop: str
    gstin: str
    state: str
    currency: str
    period: Period
    outward_taxable_minor: int  # 3.1(a), cess 0
    outward_tax: Heads
    nil_rated_minor: int  # 3.1(c)
    interstate_unregistered: tuple[PlaceRow, ...]  # 3.2
    inward_taxable_minor: int  # purchases the ITC comes from
    itc: Heads  # 4(A)(5) all other ITC = 4(C) net ITC
    pay_in_cash: Heads  # after setting ITC off in the order of rule 88A
    credit_left: Heads
    fix_before_filing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EmirateRow:
    """VAT 201 box 1: standard-rated supplies in one emirate."""

    code: str  # AZ DU SH AJ UQ RK FU; "" when the shop's emirate is unknown
    name: str
    amount_minor: int
    vat_minor: int


@dataclass(frozen=True, slots=True)
class VatCreditNote:
    """An earlier period's invoice voided in this one, taken off this return."""

    number: str
    noted_on: date
    invoice_number: str
    amount_minor: int
    vat_minor: int


@dataclass(frozen=True, slots=True)
class Vat201:
    """The UAE VAT 201 return of a period (boxes 1, 4, 8, 9, 11 to 14)."""

    shop: str
    trn: str
    emirate: str
    currency: str
    period: Period
    box1: tuple[EmirateRow, ...]
    zero_rated_minor: int  # box 4
    expenses_minor: int  # box 9 standard-rated expenses
    input_vat_minor: int  # box 9 recoverable VAT
    credit_notes: tuple[VatCreditNote, ...]  # already taken off box 1 and box 4
    fix_before_filing: tuple[str, ...]

    @property
    def box8_amount_minor(self) -> int:
        """Total supplies: box 1 and box 4."""
        return sum(row.amount_minor for row in self.box1) + self.zero_rated_minor

    @property
    def box8_vat_minor(self) -> int:
        """Total output VAT."""
        return sum(row.vat_minor for row in self.box1)

    @property
    def box12_minor(self) -> int:
        """Total value of due tax for the period."""
        return self.box8_vat_minor

    @property
    def box13_minor(self) -> int:
        """Total value of recoverable tax for the period (box 11)."""
        return self.input_vat_minor

    @property
    def net_vat_due_minor(self) -> int:
        """Box 14: payable (negative: refundable) VAT."""
        return self.box12_minor - self.box13_minor


# --- shared reading -------------------------------------------------------------------------


async def _business(session: AsyncSession, business_id: int, country: str) -> Business:
    row = await session.get(Business, business_id)
    if row is None:
        raise NotFound(f"no business {business_id}")
    if row.country.upper() != country:
        raise InvalidInput(f"this return is for shops in {country}, not {row.country}")
    return row


# The invoice filters below carry the business; lines are reached through their invoice only
# (ix_invoice_period, then ix_line_invoice). Filtering lines by business_id as well makes SQLite
# walk every line of the shop through ix_line_product_period: seconds, not milliseconds.


def _issued(business_id: int, p: Period) -> list[ColumnElement[bool]]:
    """Invoices of the period that stand in it: not voided, or voided only after it."""
    return [
        col(Invoice.business_id) == business_id,
        col(Invoice.issued_at) >= p.start,
        col(Invoice.issued_at) < p.end,
        or_(col(Invoice.status) == "posted", col(Invoice.voided_at) >= p.end),
    ]


def _credited(business_id: int, p: Period) -> list[ColumnElement[bool]]:
    """Invoices of earlier periods voided in this one: this period's credit notes."""
    return [
        col(Invoice.business_id) == business_id,
        col(Invoice.status) == "void",
        col(Invoice.issued_at) < p.start,
        col(Invoice.voided_at) >= p.start,
        col(Invoice.voided_at) < p.end,
    ]


def _party_join(business_id: int) -> ColumnElement[bool]:
    return and_(col(Party.id) == Invoice.party_id, col(Party.business_id) == business_id)


def _registered() -> ColumnElement[bool]:
    return func.coalesce(Party.tax_id, "") != ""


def _place(shop_state: str, state: str | None, gstin: str | None) -> str:
    """The place of supply: the party's state, its GSTIN's state, else the shop's ("" unknown)."""
    if state and state.strip():
        return gst_state_code(state) or ""
    prefix = (gstin or "").strip()[:2]
    if prefix:
        return prefix if prefix in GST_STATES else ""
    return shop_state


def _interstate(shop_state: str, place: str, charged: bool) -> bool:
    """Inter-state by the place of supply; what the invoice charged when a state is unknown."""
    return place != shop_state if place and shop_state else charged


def _split(rate: Decimal, taxable: int, tax: int, cgst: int, interstate: bool) -> RateTax:
    if interstate:
        return RateTax(rate, taxable, tax, 0, 0)
    return RateTax(rate, taxable, 0, cgst, tax - cgst)


def _sum(values: Iterable[int]) -> int:
    return sum(values, 0)


@dataclass(frozen=True, slots=True)
class _InvoiceRate:
    """One invoice's lines at one rate, with its party."""

    invoice_id: int
    number: str
    issued_at: datetime
    voided_at: datetime | None
    total_minor: int
    charged_interstate: bool
    party: str
    state: str | None
    gstin: str
    rate: Decimal
    taxable_minor: int
    tax_minor: int


async def _by_invoice_and_rate(
    session: AsyncSession, business_id: int, where: list[ColumnElement[bool]], registered: bool
) -> list[_InvoiceRate]:
    """Per invoice and rate (registered buyers only, or every buyer), in invoice order."""
    taxable = cast(func.sum(InvoiceLine.net_minor), BigInteger)
    tax = cast(func.sum(InvoiceLine.tax_minor), BigInteger)
    query = (
        select(
            col(Invoice.id),
            col(Invoice.number),
            col(Invoice.issued_at),
            col(Invoice.voided_at),
            col(Invoice.total_minor),
            col(Invoice.interstate),
            col(Party.name),
            col(Party.state),
            col(Party.tax_id),
            col(InvoiceLine.tax_rate),
            taxable,
            tax,
        )
        .join(InvoiceLine, col(InvoiceLine.invoice_id) == Invoice.id)
        .outerjoin(Party, _party_join(business_id))
        .where(*where)
        .group_by(
            col(Invoice.id),
            col(Invoice.number),
            col(Invoice.issued_at),
            col(Invoice.voided_at),
            col(Invoice.total_minor),
            col(Invoice.interstate),
            col(Party.name),
            col(Party.state),
            col(Party.tax_id),
            col(InvoiceLine.tax_rate),
        )
        .order_by(col(Invoice.issued_at), col(Invoice.id), col(InvoiceLine.tax_rate))
    )
    if registered:
        query = query.where(_registered())
    found = []
    for i, n, at, voided, total, inter, name, state, gstin, rate, t, x in await session.execute(
        query
    ):
        assert i is not None
        party = name or ""
        found.append(
            _InvoiceRate(
                i, n, at, voided, total, inter, party, state, (gstin or "").upper(), rate, t, x
            )
        )
    return found


def _items(rows: list[_InvoiceRate], shop_state: str) -> tuple[str, bool, tuple[RateTax, ...]]:
    """The place, whether inter-state, and the rate items of one invoice's rows."""
    first = rows[0]
    place = _place(shop_state, first.state, first.gstin)
    inter = _interstate(shop_state, place, first.charged_interstate)
    items = []
    for row in rows:
        cgst = allocate(row.tax_minor, [1, 1])[0]  # as tax_summary prints the halves
        items.append(_split(row.rate, row.taxable_minor, row.tax_minor, cgst, inter))
    return place, inter, tuple(items)


def _grouped(rows: list[_InvoiceRate]) -> list[list[_InvoiceRate]]:
    by_invoice: dict[int, list[_InvoiceRate]] = {}
    for row in rows:
        by_invoice.setdefault(row.invoice_id, []).append(row)
    return list(by_invoice.values())


class _Fixes:
    """What to fix before filing, each said once, in the order found."""

    def __init__(self) -> None:
        self._seen: dict[str, None] = {}

    def add(self, text: str) -> None:
        self._seen.setdefault(text, None)

    def all(self) -> tuple[str, ...]:
        return tuple(self._seen)


def _charged_wrong(fixes: _Fixes, what: str, place: str, inter: bool, charged: bool) -> None:
    if place and inter != charged:
        kind = "IGST" if charged else "CGST+SGST"
        due = "IGST" if inter else "CGST+SGST"
        fixes.add(
            f"{what}: charged {kind} but the place of supply is {gst_state_name(place)} "
            f"({place}), so {due} is due; this return reports {due}"
        )


def _shop_state(business: Business, fixes: _Fixes) -> str:
    """The shop's GST state code, from its state or else its GSTIN; problems go to fixes."""
    gstin = business.tax_id.strip().upper()
    problem = gstin_problem(gstin) if gstin else "is missing"
    if not gstin:
        fixes.add("Your GSTIN is missing: add it to the shop's details")
    elif problem:
        fixes.add(f"Your GSTIN {gstin} {problem}")
    text = business.state.strip()
    state = gst_state_code(text) if text else None
    if text and state is None:
        fixes.add(f"Your shop's state {text!r} is not a GST state name or code")
    if state is None and problem is None:
        state = gstin[:2]  # the state the GSTIN was issued in
    elif state and problem is None and gstin[:2] != state:
        fixes.add(f"Your GSTIN is of state {gstin[:2]} but your shop's state is {state}")
    if not state:
        fixes.add("Your shop's state is missing: it decides CGST+SGST or IGST")
    return state or ""


# --- GSTR-1 ---------------------------------------------------------------------------------


async def gstr1(session: AsyncSession, business_id: int, p: Period) -> Gstr1:
    """The GSTR-1 figures of an Indian shop for a period."""
    business = await _business(session, business_id, "IN")
    zone = ZoneInfo(business.timezone)
    fixes = _Fixes()
    shop_state = _shop_state(business, fixes)
    await _party_fixes(session, business_id, p, fixes)
    nil: dict[str, int] = defaultdict(int)

    b2b = []
    for rows in _grouped(
        await _by_invoice_and_rate(session, business_id, _issued(business_id, p), True)
    ):
        first = rows[0]
        place, inter, items = _items(rows, shop_state)
        _charged_wrong(fixes, first.number, place, inter, first.charged_interstate)
        if not place:
            fixes.add(f"{first.number}: the place of supply of {first.party} is unknown")
        for item in items:
            if item.rate == ZERO:
                nil["INTERB2B" if inter else "INTRAB2B"] += item.taxable_minor
        taxed = tuple(item for item in items if item.rate != ZERO)
        if taxed:
            b2b.append(
                B2bInvoice(
                    first.gstin,
                    first.party,
                    first.number,
                    local_day(first.issued_at, zone),
                    first.total_minor,
                    place,
                    taxed,
                )
            )

    b2cs = await _b2cs(session, business_id, p, shop_state, fixes)
    cdnr: list[CreditNote] = []
    b2c_notes: list[CreditNote] = []
    credited = await _by_invoice_and_rate(session, business_id, _credited(business_id, p), False)
    for rows in _grouped(credited):
        first = rows[0]
        place, inter, items = _items(rows, shop_state)
        assert first.voided_at is not None
        note = CreditNote(
            first.gstin,
            first.party,
            f"CN-{first.number}",
            local_day(first.voided_at, zone),
            first.number,
            local_day(first.issued_at, zone),
            first.total_minor,
            place,
            items,
        )
        (cdnr if first.gstin else b2c_notes).append(note)
        for item in items:
            kind = ("INTER" if inter else "INTRA") + ("B2B" if first.gstin else "B2C")
            if item.rate == ZERO:
                nil[kind] -= item.taxable_minor
            elif not first.gstin:
                key = (place, inter, item.rate)
                b2cs[key] = _plus(b2cs.get(key), item, -1)
    for (place, inter, rate), amounts in list(b2cs.items()):
        if rate == ZERO:
            nil["INTERB2C" if inter else "INTRAB2C"] += amounts.taxable_minor
            del b2cs[(place, inter, rate)]
    await _b2cl_fixes(session, business_id, p, shop_state, fixes)
    hsn = await _hsn(session, business_id, p, shop_state, fixes)
    return Gstr1(
        shop=business.name,
        gstin=business.tax_id.strip().upper(),
        state=shop_state,
        currency=business.currency,
        period=p,
        b2b=tuple(sorted(b2b, key=lambda inv: (inv.gstin, inv.issued_on, inv.number))),
        b2cs=tuple(
            B2csRow(place, inter, rate, a.taxable_minor, a.igst_minor, a.cgst_minor, a.sgst_minor)
            for (place, inter, rate), a in sorted(b2cs.items())
        ),
        cdnr=tuple(sorted(cdnr, key=lambda note: (note.gstin, note.noted_on, note.number))),
        b2c_credit_notes=tuple(b2c_notes),
        nil=tuple(NilRow(kind, amount) for kind, amount in sorted(nil.items()) if amount),
        hsn=hsn,
        fix_before_filing=fixes.all(),
    )


def _plus(row: RateTax | None, item: RateTax, sign: int = 1) -> RateTax:
    base = row or RateTax(item.rate, 0, 0, 0, 0)
    return RateTax(
        item.rate,
        base.taxable_minor + sign * item.taxable_minor,
        base.igst_minor + sign * item.igst_minor,
        base.cgst_minor + sign * item.cgst_minor,
        base.sgst_minor + sign * item.sgst_minor,
    )


async def _b2cs(
    session: AsyncSession, business_id: int, p: Period, shop_state: str, fixes: _Fixes
) -> dict[tuple[str, bool, Decimal], RateTax]:
    """Unregistered buyers' sales by place and rate, halves summed per invoice and rate."""
    per_rate = (
        select(
            col(Invoice.party_id).label("party_id"),
            col(Invoice.interstate).label("charged"),
            col(Invoice.id).label("invoice_id"),
            col(InvoiceLine.tax_rate).label("rate"),
            cast(func.sum(InvoiceLine.net_minor), BigInteger).label("taxable"),
            cast(func.sum(InvoiceLine.tax_minor), BigInteger).label("tax"),
        )
        .join(InvoiceLine, col(InvoiceLine.invoice_id) == Invoice.id)
        .where(*_issued(business_id, p))
        .group_by(col(Invoice.id), col(Invoice.party_id), col(Invoice.interstate))
        .group_by(col(InvoiceLine.tax_rate))
        .subquery()
    )
    rows = await session.execute(
        select(
            col(Party.state),
            per_rate.c.charged,
            per_rate.c.rate,
            func.sum(per_rate.c.taxable),
            func.sum(per_rate.c.tax),
            func.sum((per_rate.c.tax + 1) // 2),  # CGST: the larger half, as printed
            func.count(func.distinct(per_rate.c.invoice_id)),
        )
        .select_from(per_rate)
        .outerjoin(
            Party, and_(col(Party.id) == per_rate.c.party_id, col(Party.business_id) == business_id)
        )
        .where(func.coalesce(Party.tax_id, "") == "")
        .group_by(col(Party.state), per_rate.c.charged, per_rate.c.rate)
    )
    found: dict[tuple[str, bool, Decimal], RateTax] = {}
    for state, charged, rate, taxable, tax, cgst, count in rows:
        place = _place(shop_state, state, None)
        inter = _interstate(shop_state, place, bool(charged))
        if state and state.strip():
            what = f"{count} invoice(s) to customers in {state.strip()}"
            _charged_wrong(fixes, what, place, inter, bool(charged))
        key = (place, inter, rate)
        found[key] = _plus(found.get(key), _split(rate, int(taxable), int(tax), int(cgst), inter))
    return found


async def _party_fixes(session: AsyncSession, business_id: int, p: Period, fixes: _Fixes) -> None:
    """Buyers of the period with a GSTIN that is not valid or a state that is not one."""
    both = or_(and_(*_issued(business_id, p)), and_(*_credited(business_id, p)))
    rows = await session.execute(
        select(col(Party.name), col(Party.state), col(Party.tax_id))
        .join(Invoice, _party_join(business_id))
        .where(both, or_(col(Party.state) != "", col(Party.tax_id) != ""))
        .distinct()
        .order_by(col(Party.name), col(Party.state), col(Party.tax_id))
    )
    for name, state, gstin in rows:
        if gstin and (problem := gstin_problem(gstin)):
            fixes.add(f"{name}: GSTIN {gstin} {problem}")
        if state.strip() and gst_state_code(state) is None:
            fixes.add(f"{name}: the state {state.strip()!r} is not a GST state name or code")


async def _b2cl_fixes(
    session: AsyncSession, business_id: int, p: Period, shop_state: str, fixes: _Fixes
) -> None:
    """Large inter-state invoices to unregistered buyers belong in B2CL, which is not filled."""
    rows = await session.execute(
        select(col(Invoice.number), col(Party.state), col(Invoice.interstate))
        .outerjoin(Party, _party_join(business_id))
        .where(*_issued(business_id, p), col(Invoice.total_minor) > B2CL_LIMIT_MINOR)
        .where(func.coalesce(Party.tax_id, "") == "")
        .order_by(col(Invoice.number))
    )
    for number, state, charged in rows:
        if _interstate(shop_state, _place(shop_state, state, None), bool(charged)):
            limit = format_amount(B2CL_LIMIT_MINOR, "INR", trim=True)
            fixes.add(
                f"{number}: inter-state to an unregistered buyer above {limit} belongs in "
                "B2CL (table 5); it is in B2CS here, move it"
            )


async def _hsn(
    session: AsyncSession, business_id: int, p: Period, shop_state: str, fixes: _Fixes
) -> tuple[HsnRow, ...]:
    """The HSN summary: sales of the period less its credit notes, per HSN, unit and rate."""
    qtys: dict[tuple[str, str, Decimal, str], Decimal] = defaultdict(Decimal)
    sums: dict[tuple[str, str, Decimal, str], list[int]] = {}
    names: dict[tuple[str, str, Decimal, str], set[str]] = defaultdict(set)
    for where, sign in ((_issued(business_id, p), 1), (_credited(business_id, p), -1)):
        rows = await session.execute(
            select(
                col(Product.name),
                col(Product.hsn),
                col(Product.unit),
                col(InvoiceLine.tax_rate),
                col(Party.state),
                col(Party.tax_id),
                col(Invoice.interstate),
                func.sum(InvoiceLine.qty),
                cast(func.sum(InvoiceLine.net_minor), BigInteger),
                cast(func.sum(InvoiceLine.tax_minor), BigInteger),
                cast(func.sum(InvoiceLine.gross_minor), BigInteger),
            )
            .join(InvoiceLine, col(InvoiceLine.invoice_id) == Invoice.id)
            .join(Product, col(Product.id) == InvoiceLine.product_id)
            .outerjoin(Party, _party_join(business_id))
            .where(*where)
            .group_by(col(Product.id), col(Product.name), col(Product.hsn), col(Product.unit))
            .group_by(col(InvoiceLine.tax_rate), col(Party.state), col(Party.tax_id))
            .group_by(col(Invoice.interstate))
        )
        for name, hsn, unit, rate, state, gstin, charged, qty, taxable, tax, gross in rows:
            code = hsn.strip()
            if not code:
                fixes.add(f"{name}: no HSN code; add it to the product before filing")
            key = (code, name if not code else "", rate, uqc(unit))
            names[key].add(name)
            place = _place(shop_state, state, gstin)
            inter = _interstate(shop_state, place, bool(charged))
            qtys[key] += sign * Decimal(qty)
            row = sums.setdefault(key, [0, 0, 0, 0])
            row[0] += sign * int(taxable)
            row[1 if inter else 2] += sign * int(tax)
            row[3] += sign * int(gross)
    result = []
    for key in sorted(sums):
        code, _, rate, unit = key
        taxable, igst, gst, gross = sums[key]
        cgst, sgst = allocate(gst, [1, 1]) if gst >= 0 else [-x for x in allocate(-gst, [1, 1])]
        description = ", ".join(sorted(names[key]))
        result.append(
            HsnRow(code, description, unit, rate, qtys[key], taxable, igst, cgst, sgst, gross)
        )
    return tuple(result)


# --- GSTR-3B --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bought:
    """One delivered line with its input tax, and who supplied it."""

    purchase_id: int
    supplier: str  # "" when no supplier was named
    state: str | None
    tax_id: str
    rate: Decimal
    taxable_minor: int
    tax_minor: int


async def _bought(
    session: AsyncSession, business: Business, p: Period, fixes: _Fixes
) -> list[_Bought]:
    """The period's posted deliveries with a cost, tax carved out at each product's rate."""
    assert business.id is not None
    rows = await session.execute(
        select(
            col(Purchase.id),
            col(Party.name),
            col(Party.state),
            col(Party.tax_id),
            col(StockMove.qty),
            col(StockMove.unit_cost_minor),
            col(Product.tax_rate),
            col(Product.name),
        )
        .join(StockMove, col(StockMove.purchase_id) == Purchase.id)
        .join(Product, col(Product.id) == StockMove.product_id)
        .outerjoin(
            Party, and_(col(Party.id) == Purchase.party_id, col(Party.business_id) == business.id)
        )
        .where(
            col(Purchase.business_id) == business.id,
            col(Purchase.status) == "posted",
            col(Purchase.received_at) >= p.start,
            col(Purchase.received_at) < p.end,
            col(StockMove.business_id) == business.id,
            col(StockMove.kind) == "purchase",
        )
        .order_by(col(Purchase.id), col(StockMove.id))
    )
    found = []
    for purchase, supplier, state, tax_id, qty, cost, rate, product in rows:
        if cost is None:
            fixes.add(f"{product}: received without a cost, so no input tax is counted on it")
            continue
        rate = business.tax_rate if rate is None else rate
        amounts = line_amounts(qty, cost, rate, inclusive=business.prices_include_tax)
        assert purchase is not None
        registered = (tax_id or "").strip().upper()
        net, tax = amounts.net_minor, amounts.tax_minor
        found.append(_Bought(purchase, supplier or "", state, registered, rate, net, tax))
    return found


def _unregistered_warning(fixes: _Fixes, bought: list[_Bought], currency: str, what: str) -> None:
    without: dict[str, int] = defaultdict(int)
    for line in bought:
        if not line.tax_id and line.tax_minor:
            without[line.supplier] += line.tax_minor
    for supplier, tax in sorted(without.items()):
        who = supplier or "Deliveries with no supplier named"
        fixes.add(
            f"{who}: no {what} on record; the {format_amount(tax, currency)} input tax counted "
            "may not be recoverable without their tax invoice"
        )


async def gstr3b(
    session: AsyncSession, business_id: int, p: Period, *, r1: Gstr1 | None = None
) -> Gstr3b:
    """The GSTR-3B figures of an Indian shop for a period, from its GSTR-1 (pass the one
    already built for the same period to skip building it again) and its purchases."""
    if r1 is None or r1.period != p:
        r1 = await gstr1(session, business_id, p)
    business = await _business(session, business_id, "IN")
    fixes = _Fixes()
    for text in r1.fix_before_filing:
        fixes.add(text)
    taxed = [item for inv in r1.b2b for item in inv.items if item.rate != ZERO]
    taxed += [
        RateTax(r.rate, r.taxable_minor, r.igst_minor, r.cgst_minor, r.sgst_minor) for r in r1.b2cs
    ]
    notes = [item for note in r1.cdnr for item in note.items if item.rate != ZERO]
    outward = Heads(
        _sum(i.igst_minor for i in taxed) - _sum(i.igst_minor for i in notes),
        _sum(i.cgst_minor for i in taxed) - _sum(i.cgst_minor for i in notes),
        _sum(i.sgst_minor for i in taxed) - _sum(i.sgst_minor for i in notes),
    )
    places: dict[str, list[int]] = {}
    for row in r1.b2cs:
        if row.interstate:
            sums = places.setdefault(row.place_of_supply, [0, 0])
            sums[0] += row.taxable_minor
            sums[1] += row.igst_minor

    bought = await _bought(session, business, p, fixes)
    _unregistered_warning(fixes, bought, business.currency, "GSTIN")
    by_purchase: dict[tuple[int, Decimal, bool], int] = defaultdict(int)
    for line in bought:
        where = _place(r1.state, line.state, line.tax_id)
        if line.state and line.state.strip() and not where:
            fixes.add(f"{line.supplier}: the state {line.state.strip()!r} is not a GST state")
        inter = _interstate(r1.state, where, False)
        by_purchase[(line.purchase_id, line.rate, inter)] += line.tax_minor
    igst = cgst = sgst = 0
    for (_, _, inter), tax in by_purchase.items():
        if inter:
            igst += tax
        else:
            half, rest = allocate(tax, [1, 1])
            cgst, sgst = cgst + half, sgst + rest
    itc = Heads(igst, cgst, sgst)
    cash, left = set_off(outward, itc)
    return Gstr3b(
        shop=r1.shop,
        gstin=r1.gstin,
        state=r1.state,
        currency=r1.currency,
        period=p,
        outward_taxable_minor=_sum(i.taxable_minor for i in taxed)
        - _sum(i.taxable_minor for i in notes),
        outward_tax=outward,
        nil_rated_minor=_sum(row.amount_minor for row in r1.nil),
        interstate_unregistered=tuple(PlaceRow(k, v[0], v[1]) for k, v in sorted(places.items())),
        inward_taxable_minor=_sum(line.taxable_minor for line in bought if line.tax_minor),
        itc=itc,
        pay_in_cash=cash,
        credit_left=left,
        fix_before_filing=fixes.all(),
    )


def set_off(due: Heads, credit: Heads) -> tuple[Heads, Heads]:
    """Cash to pay and credit left after ITC is set off (rule 88A): IGST credit first, against
    IGST, then CGST and SGST (where their own credit falls short first); then CGST credit
    against CGST, then IGST; SGST credit against SGST, then IGST. CGST and SGST never cross."""
    i_due, c_due, s_due = (max(0, x) for x in (due.igst_minor, due.cgst_minor, due.sgst_minor))
    i_cr, c_cr, s_cr = credit.igst_minor, credit.cgst_minor, credit.sgst_minor

    def use(have: int, owe: int) -> tuple[int, int]:
        used = min(have, owe)
        return have - used, owe - used

    i_cr, i_due = use(i_cr, i_due)
    i_cr, short_c = use(i_cr, max(0, c_due - c_cr))
    c_due = min(c_due, short_c + c_cr)
    i_cr, short_s = use(i_cr, max(0, s_due - s_cr))
    s_due = min(s_due, short_s + s_cr)
    i_cr, c_due = use(i_cr, c_due)
    i_cr, s_due = use(i_cr, s_due)
    c_cr, c_due = use(c_cr, c_due)
    c_cr, i_due = use(c_cr, i_due)
    s_cr, s_due = use(s_cr, s_due)
    s_cr, i_due = use(s_cr, i_due)
    return Heads(i_due, c_due, s_due), Heads(i_cr, c_cr, s_cr)


# --- VAT 201 --------------------------------------------------------------------------------


async def vat201(session: AsyncSession, business_id: int, p: Period) -> Vat201:
    """The VAT 201 figures of a UAE shop for a period."""
    business = await _business(session, business_id, "AE")
    zone = ZoneInfo(business.timezone)
    fixes = _Fixes()
    trn = business.tax_id.strip()
    if not (len(trn) == 15 and trn.isdigit()):
        fixes.add(f"Your TRN {trn!r} is not 15 digits" if trn else "Your TRN is missing")
    emirate = emirate_code(business.state) or ""
    if not emirate:
        said = f" ({business.state.strip()!r} is not one)" if business.state.strip() else ""
        fixes.add(f"Your shop's emirate is unknown{said}: box 1 needs it")

    rows = await session.execute(
        select(
            col(InvoiceLine.tax_rate),
            cast(func.sum(InvoiceLine.net_minor), BigInteger),
            cast(func.sum(InvoiceLine.tax_minor), BigInteger),
        )
        .join(Invoice, col(Invoice.id) == InvoiceLine.invoice_id)
        .where(*_issued(business_id, p))
        .group_by(col(InvoiceLine.tax_rate))
    )
    standard = [0, 0]
    zero = 0
    for rate, taxable, tax in rows:
        if rate == ZERO:
            zero += int(taxable)
        else:
            standard[0] += int(taxable)
            standard[1] += int(tax)
    notes = []
    credited = await _by_invoice_and_rate(session, business_id, _credited(business_id, p), False)
    for group in _grouped(credited):
        first = group[0]
        assert first.voided_at is not None
        zero -= _sum(row.taxable_minor for row in group if row.rate == ZERO)
        amount = _sum(row.taxable_minor for row in group if row.rate != ZERO)
        vat = _sum(row.tax_minor for row in group if row.rate != ZERO)
        standard[0] -= amount
        standard[1] -= vat
        notes.append(
            VatCreditNote(
                f"CN-{first.number}",
                local_day(first.voided_at, zone),
                first.number,
                _sum(row.taxable_minor for row in group),
                vat,
            )
        )
    box1 = [
        EmirateRow(code, name, *(standard if code == emirate else (0, 0)))
        for code, name in ((c, emirate_name(c)) for c in ("AZ", "DU", "SH", "AJ", "UQ", "RK", "FU"))
    ]
    if not emirate and (standard[0] or standard[1]):
        box1.append(EmirateRow("", "Emirate unknown", standard[0], standard[1]))

    bought = await _bought(session, business, p, fixes)
    _unregistered_warning(fixes, bought, business.currency, "TRN")
    standard_rated = [line for line in bought if line.rate != ZERO]
    return Vat201(
        shop=business.name,
        trn=trn,
        emirate=emirate,
        currency=business.currency,
        period=p,
        box1=tuple(box1),
        zero_rated_minor=zero,
        expenses_minor=_sum(line.taxable_minor for line in standard_rated),
        input_vat_minor=_sum(line.tax_minor for line in standard_rated),
        credit_notes=tuple(notes),
        fix_before_filing=fixes.all(),
    )
