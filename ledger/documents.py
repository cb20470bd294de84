"""Read models of posted documents: the invoice as printed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from .errors import NotFound
from .shop import business_view
from .tables import Business, Invoice, InvoiceLine, Party, Payment, Product
from .tax import gst_labels, tax_summary
from .views import InvoiceLineView, InvoiceView


async def invoice_view(session: AsyncSession, business_id: int, invoice_id: int) -> InvoiceView:
    """Everything printed on one invoice of this business."""
    invoice = await session.get(Invoice, invoice_id)
    if invoice is None or invoice.business_id != business_id:
        raise NotFound(f"no invoice {invoice_id}")
    business = await session.get(Business, business_id)
    assert business is not None
    party = await session.get(Party, invoice.party_id) if invoice.party_id else None
    lines = await invoice_lines(session, business_id, invoice_id)
    label, halves = gst_labels(business.country, business.tax_name, invoice.interstate)
    taxes = tax_summary(
        [(line.tax_rate, line.net_minor, line.tax_minor) for line in lines],
        tax_name=label,
        split_halves=halves,
    )
    void = invoice.status == "void"
    # The invoice keeps its moment: what was paid at the sale, and what was owed then. Later
    # payments belong on the statement, not on a document the customer already holds.
    at_sale = await session.execute(
        select(func.coalesce(func.sum(Payment.amount_minor), 0)).where(
            Payment.invoice_id == invoice.id, Payment.status == "posted"
        )
    )
    paid_at_issue = int(at_sale.scalar_one())
    notes: list[str] = []
    if invoice.replaces_id is not None:
        old = await session.get(Invoice, invoice.replaces_id)
        if old is not None:
            notes.append(f"Replaces {old.number}, cancelled by this correction.")
    if void:  # only a cancelled invoice can have been replaced by a correction
        later = await session.execute(
            select(Invoice.number).where(
                Invoice.business_id == business_id, Invoice.replaces_id == invoice.id
            )
        )
        notes += [f"Replaced by {number}." for number in later.scalars()]
    return InvoiceView(
        business=business_view(business),
        number=invoice.number,
        issued_at=invoice.issued_at,
        status="void" if void else "posted",
        customer_name=party.name if party else "",
        customer_phone=party.phone if party else "",
        lines=lines,
        tax_lines=taxes,
        subtotal_minor=invoice.subtotal_minor,
        tax_minor=invoice.tax_minor,
        total_minor=invoice.total_minor,
        paid_minor=paid_at_issue,
        balance_minor=0 if void else invoice.total_minor - paid_at_issue,
        void_reason=invoice.void_reason,
        notes=tuple(notes),
        customer_tax_id=party.tax_id if party else "",
        place_of_supply=_place_of_supply(business, party, invoice.interstate),
    )


def _place_of_supply(business: Business, party: Party | None, interstate: bool) -> str:
    """India: the state the supply is made to, as stored ("27" or "Maharashtra"); "" elsewhere.

    The buyer's state, else the shop's. The invoice's stored interstate flag decides between
    them when both are known, so the place printed agrees with the CGST/SGST or IGST charged
    even if the customer's state was edited after the sale.
    """
    if business.country.upper() != "IN":
        return ""
    buyer = party.state if party else ""
    if interstate:
        return buyer or business.state
    return business.state or buyer


async def invoice_lines(
    session: AsyncSession, business_id: int, invoice_id: int
) -> tuple[InvoiceLineView, ...]:
    """The printed lines of one invoice of this business, with their products' HSN (one query)."""
    rows = await session.execute(
        select(InvoiceLine, Product.hsn)
        .outerjoin(
            Product,
            (col(Product.id) == col(InvoiceLine.product_id))
            & (col(Product.business_id) == business_id),
        )
        .where(InvoiceLine.business_id == business_id, InvoiceLine.invoice_id == invoice_id)
        .order_by(col(InvoiceLine.id))
    )
    return tuple(
        InvoiceLineView(
            product=line.description,
            qty=line.qty,
            unit=line.unit,
            unit_price_minor=line.unit_price_minor,
            tax_rate=line.tax_rate,
            net_minor=line.net_minor,
            tax_minor=line.tax_minor,
            gross_minor=line.gross_minor,
            hsn=hsn or "",
        )
        for line, hsn in rows
    )


async def invoices_of_party(
    session: AsyncSession, business_id: int, party_id: int, limit: int = 10
) -> list[tuple[int, str]]:
    """The newest invoices of a customer as (id, number)."""
    rows = await session.execute(
        select(Invoice.id, Invoice.number)
        .where(Invoice.business_id == business_id, Invoice.party_id == party_id)
        .order_by(col(Invoice.issued_at).desc(), col(Invoice.id).desc())
        .limit(limit)
    )
    return [(int(i), str(n)) for i, n in rows]
