"""Plain read models that the ledger hands to other packages (no table classes leave ledger/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True, slots=True)
class BusinessView:
    """What a document needs to know about the shop."""

    id: int
    name: str
    currency: str  # ISO 4217, e.g. "AED", "INR"
    country: str  # ISO 3166 alpha-2, e.g. "AE", "IN"
    tax_name: str  # "VAT" or "GST"
    default_tax_rate: Decimal  # percent, e.g. Decimal("5")
    prices_include_tax: bool
    timezone: str  # IANA name, e.g. "Asia/Dubai"
    address: str = ""
    phone: str = ""
    tax_id: str = ""  # TRN (UAE) or GSTIN (India); empty when not tax-registered
    upi_id: str = ""  # India only
    state: str = ""  # Indian state (for CGST/SGST vs IGST); the emirate in the UAE
    payment_link: str = ""  # a pay link for reminders where UPI is not used
    reminder_days: tuple[int, ...] = (3, 7, 15)  # the dues reminder ladder, days after the sale
    catalog_version: int = 0  # raised by every change of products, prices or parties
    invoice_layout: Literal["a4", "receipt80"] = "a4"
    closing_time: str = "21:00"  # local HH:MM: the end-of-day summary goes out then


@dataclass(frozen=True, slots=True)
class InvoiceLineView:
    """One line of an invoice, amounts in minor units of the invoice currency."""

    product: str
    qty: Decimal
    unit: str
    unit_price_minor: int  # as entered (tax-inclusive when the shop's prices include tax)
    tax_rate: Decimal  # percent
    net_minor: int  # taxable value of the line
    tax_minor: int  # tax on the line, rounded half-up
    gross_minor: int  # net + tax
    hsn: str = ""  # India: the product's HSN/SAC code, printed on a GST invoice; "" if none


@dataclass(frozen=True, slots=True)
class TaxLineView:
    """One row of the tax summary, e.g. ("CGST", 2.5%, taxable, tax)."""

    label: str  # "VAT", "CGST", "SGST" or "IGST"
    rate: Decimal  # percent
    taxable_minor: int
    tax_minor: int


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """Everything printed on an invoice; the PDF renderer needs nothing else."""

    business: BusinessView
    number: str  # e.g. "INV-2026-0001"
    issued_at: datetime  # timezone-aware (UTC); render in business.timezone
    status: Literal["posted", "void"]
    customer_name: str  # "" for a walk-in (cash) customer
    customer_phone: str  # E.164 or ""
    lines: tuple[InvoiceLineView, ...]
    tax_lines: tuple[TaxLineView, ...]
    subtotal_minor: int  # sum of net_minor
    tax_minor: int  # sum of tax_minor
    total_minor: int  # sum of gross_minor
    paid_minor: int
    balance_minor: int  # total - paid (0 once void)
    void_reason: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    customer_tax_id: str = ""  # the buyer's GSTIN (India) or TRN (UAE); "" when unregistered
    place_of_supply: str = ""  # India only: the state as stored ("27" or "Maharashtra"); else ""

    @property
    def currency(self) -> str:
        """The invoice currency (the shop's)."""
        return self.business.currency


@dataclass(frozen=True, slots=True)
class MemberView:
    """An owner or staff member of a business."""

    id: int
    business_id: int
    phone: str
    name: str
    role: str
    language: str
    daily_summary: bool = False  # the end-of-day summary goes to them
    daily_chart: bool = False  # with the day's chart


@dataclass(frozen=True, slots=True)
class ProductView:
    """A product with its price and stock on hand."""

    id: int
    name: str
    aliases: tuple[str, ...]
    unit: str
    price_minor: int
    tax_rate: Decimal | None
    on_hand: Decimal
    reorder_level: Decimal | None
    cost_minor: int | None
    hsn: str = ""


@dataclass(frozen=True, slots=True)
class PartyView:
    """A customer or supplier with the running balance."""

    id: int
    kind: str
    name: str
    phone: str
    aliases: tuple[str, ...]
    balance_minor: int
    state: str = ""
    tax_id: str = ""


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One entry of a statement of account, oldest first."""

    at: datetime  # timezone-aware (UTC); render in business.timezone
    label: str  # "Invoice INV-2026-0001", "Payment received (cash)", "INV-2026-0001 cancelled"
    debit_minor: int  # raises what the party owes the shop (an invoice, money paid out to them)
    credit_minor: int  # lowers it (a payment in, a purchase from them, a cancellation)
    balance_minor: int  # the running balance after this line: what they owe (<0: owed to them)


@dataclass(frozen=True, slots=True)
class StatementView:
    """A party's statement of account for a period; the PDF renderer needs nothing else."""

    business: BusinessView
    party_name: str
    party_phone: str  # E.164 or ""
    party_kind: str  # customer | supplier
    start: date  # first day, in the shop's time zone
    end: date  # last day, inclusive
    opening_minor: int  # balance before `start`
    lines: tuple[StatementLine, ...]
    closing_minor: int  # balance after the last line (equals the running balance)

    @property
    def currency(self) -> str:
        """The statement currency (the shop's)."""
        return self.business.currency
