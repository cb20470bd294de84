"""SQLModel tables of the books. They never leave ledger/: other packages get read models."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import Quantity, Rate, instant_field


def _qty(*, nullable: bool = False, default: Decimal | None = None) -> Decimal:
    # The default on the column too: Core inserts of the hot path leave it to the table.
    column: Decimal = Field(
        default=default, sa_column=Column(Quantity(), nullable=nullable, default=default)
    )
    return column


def _minor(*, nullable: bool = False, default: int | None = None) -> int:
    # 64-bit: a 32-bit column overflows at AED 21 million on PostgreSQL.
    column: int = Field(
        default=default, sa_column=Column(BigInteger(), nullable=nullable, default=default)
    )
    return column


def _rate(*, nullable: bool = False) -> Decimal:
    column: Decimal = Field(default=None, sa_column=Column(Rate(), nullable=nullable))
    return column


class Business(SQLModel, table=True):
    """A shop: its identity, currency and tax settings."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    address: str = ""
    phone: str = ""
    currency: str = Field(max_length=3)
    country: str = Field(max_length=2)
    tax_name: str = "VAT"
    tax_rate: Decimal = _rate()
    prices_include_tax: bool = True
    tax_id: str = ""  # TRN or GSTIN
    state: str = ""  # Indian state code, for CGST/SGST versus IGST
    timezone: str = "UTC"
    upi_id: str = ""
    # A pay link for dues reminders outside India (a Stripe/Ziina/bank link); {amount} filled in.
    payment_link: str = ""
    # Days after a sale on credit that the dues reminder goes out (the ladder), e.g. "3,7,15".
    reminder_days: str = "3,7,15"
    invoice_layout: str = "a4"
    # Raised by every write that changes what the parser knows (products, prices, aliases,
    # parties), in that write's transaction: the per-process catalog caches compare it.
    catalog_version: int = _minor(default=0)
    # Writes above this amount ask "yes/no" first.
    confirm_above_minor: int | None = _minor(nullable=True)
    closing_time: str = "21:00"  # local HH:MM: the end-of-day summary goes out then
    closed_at: datetime | None = instant_field(nullable=True)
    created_at: datetime = instant_field()


class Member(SQLModel, table=True):
    """A person who works the shop's books: the owner or staff."""

    __table_args__ = (UniqueConstraint("business_id", "phone"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    phone: str = Field(index=True)
    name: str = ""
    role: str  # "owner" | "staff"
    language: str = "en"  # "en" | "hi" (Hinglish) | "ar"
    daily_summary: bool = False  # opted in to the end-of-day summary
    daily_chart: bool = False  # the summary carries the day's chart ("daily chart on")
    active: bool = True
    created_at: datetime = instant_field()


class Party(SQLModel, table=True):
    """A customer or supplier of one business."""

    __table_args__ = (Index("ix_party_business_phone", "business_id", "phone"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    kind: str  # "customer" | "supplier"
    name: str
    phone: str = ""
    aliases: str = ""  # newline-separated
    state: str = ""  # India: the state (place of supply); UAE: the emirate
    tax_id: str = ""  # the party's GSTIN (India) or TRN (UAE); empty: not registered
    # The party's account with the shop, one signed balance whatever its kind: what they owe
    # the shop minus what the shop owes them (a sale on credit raises it, a purchase on credit
    # lowers it; negative: the shop owes them). Kept in the same transaction as every
    # document; equal to the sum of documents (tested).
    balance_minor: int = _minor(default=0)
    pseudonymised: bool = False
    # What the customer asked to be called ("change my name to …"), until the owner agrees.
    requested_name: str = ""
    created_at: datetime = instant_field()


class Product(SQLModel, table=True):
    """A thing the shop sells or stocks."""

    __table_args__ = (UniqueConstraint("business_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    name: str
    aliases: str = ""  # newline-separated
    unit: str = "piece"
    price_minor: int = _minor(default=0)
    cost_minor: int | None = _minor(nullable=True)  # latest unit cost paid to a supplier
    hsn: str = ""  # India: the HSN (goods) or SAC (services) code for GSTR-1
    tax_rate: Decimal | None = _rate(nullable=True)  # None: the business default
    reorder_level: Decimal | None = _qty(nullable=True)
    # Running stock on hand, kept with every stock move; equal to the sum of moves (tested).
    on_hand: Decimal = _qty(default=Decimal(0))
    active: bool = True
    created_at: datetime = instant_field()


class Operation(SQLModel, table=True):
    """One thing a member did to the books, so that "undo" can reverse exactly it."""

    __table_args__ = (Index("ix_operation_member", "business_id", "member_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    kind: str  # sale | stock_in | adjust | payment | expense | set_price | add_product
    invoice_id: int | None = None
    purchase_id: int | None = None
    payment_id: int | None = None
    expense_id: int | None = None
    product_id: int | None = None
    move_id: int | None = None
    old_price_minor: int | None = _minor(nullable=True)
    created_at: datetime = instant_field()
    undone_at: datetime | None = instant_field(nullable=True)


class Invoice(SQLModel, table=True):
    """A sale document with a gapless number per business and year."""

    __table_args__ = (
        UniqueConstraint("business_id", "year", "seq"),
        # Covering index of the period reports: totals and sales by customer never read the table.
        Index(
            "ix_invoice_period",
            "business_id",
            "issued_at",
            "status",
            "party_id",
            "total_minor",
            "tax_minor",
        ),
        Index("ix_invoice_business_party", "business_id", "party_id"),
        # Cancellations of a period (credit notes in the returns, the export's Cancelled sheet).
        Index("ix_invoice_business_voided", "business_id", "voided_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    year: int
    seq: int
    number: str = Field(index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    issued_at: datetime = instant_field()
    status: str = "posted"  # posted | void
    interstate: bool = False
    # The invoice this one corrects (voided by the same change): "replaces INV-2026-0012".
    replaces_id: int | None = Field(default=None, foreign_key="invoice.id")
    subtotal_minor: int = _minor()
    tax_minor: int = _minor()
    total_minor: int = _minor()
    paid_minor: int = _minor(default=0)  # sum of live allocations
    void_reason: str = ""
    voided_at: datetime | None = instant_field(nullable=True)


class InvoiceLine(SQLModel, table=True):
    """One line of an invoice; issued_at is copied from the invoice for fast period reports."""

    __table_args__ = (
        # Covering index of "sales by product" in a period, product first: the report walks it
        # product by product and never sorts a month of lines (~30k) to group them.
        Index(
            "ix_line_product_period",
            "business_id",
            "product_id",
            "issued_at",
            "voided",
            "qty",
            "gross_minor",
        ),
        Index("ix_line_invoice", "invoice_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    invoice_id: int = Field(foreign_key="invoice.id")
    product_id: int | None = Field(default=None, foreign_key="product.id")
    description: str
    qty: Decimal = _qty()
    unit: str
    unit_price_minor: int = _minor()
    tax_rate: Decimal = _rate()
    net_minor: int = _minor()
    tax_minor: int = _minor()
    gross_minor: int = _minor()
    issued_at: datetime = instant_field()
    voided: bool = False


class CounterRow(SQLModel, table=True):
    """The last invoice number handed out per business and year."""

    __tablename__ = "invoice_counter"

    business_id: int = Field(foreign_key="business.id", primary_key=True)
    year: int = Field(primary_key=True)
    last_seq: int = 0


class Purchase(SQLModel, table=True):
    """Stock received from a supplier at a cost: what the shop owes for it."""

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    total_minor: int = _minor(default=0)
    status: str = "posted"
    received_at: datetime = instant_field()


class StockMove(SQLModel, table=True):
    """An append-only change of stock; stock on hand is their sum."""

    __table_args__ = (
        Index("ix_move_business_product", "business_id", "product_id"),
        Index("ix_move_purchase", "purchase_id"),  # a delivery's lines: exports, returns, voids
        # A sold line's cost: the newest receipt of its product at or before the sale (profit).
        Index("ix_move_product_kind_moved", "business_id", "product_id", "kind", "moved_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    product_id: int = Field(foreign_key="product.id")
    qty: Decimal = _qty()
    kind: str  # opening | sale | purchase | loss | count | reversal
    reason: str = ""
    unit_cost_minor: int | None = _minor(nullable=True)
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    purchase_id: int | None = Field(default=None, foreign_key="purchase.id")
    reverses_id: int | None = Field(default=None, foreign_key="stockmove.id")
    moved_at: datetime = instant_field()


class Payment(SQLModel, table=True):
    """Money in from a customer or out to a supplier."""

    __table_args__ = (
        Index("ix_payment_business_party", "business_id", "party_id"),
        Index("ix_payment_business_paid", "business_id", "paid_at"),  # a period's payments
    )

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    party_id: int | None = Field(default=None, foreign_key="party.id")
    direction: str  # in | out
    amount_minor: int = _minor()
    method: str = ""  # cash | card | upi | bank | ""
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")  # paid at the sale
    purchase_id: int | None = Field(default=None, foreign_key="purchase.id")
    status: str = "posted"
    paid_at: datetime = instant_field()


class Allocation(SQLModel, table=True):
    """The part of an incoming payment that settles one invoice."""

    __table_args__ = (Index("ix_allocation_invoice", "invoice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    payment_id: int = Field(foreign_key="payment.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id")
    amount_minor: int = _minor()
    live: bool = True  # False once the payment or the invoice is voided


class Expense(SQLModel, table=True):
    """Money spent running the shop."""

    __table_args__ = (Index("ix_expense_business_spent", "business_id", "spent_at"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id")
    amount_minor: int = _minor()
    category: str  # rent | utilities | salary | transport | supplies | other
    note: str = ""
    status: str = "posted"
    spent_at: datetime = instant_field()
