"""Corrections: an entry as it was booked, reversed, and its replacement linked to it.

A correction never edits a document. The old one is voided (its number stays, marked void, so
numbering stays gapless), the corrected one is booked as new, and a replacement invoice records
which invoice it replaces. The caller does all three in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import ColumnElement, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .errors import NotFound, NothingToUndo
from .sales import invoice_by_number
from .tables import (
    Expense,
    Invoice,
    InvoiceLine,
    Operation,
    Party,
    Payment,
    Product,
    Purchase,
    StockMove,
)
from .types import utcnow
from .undo import reverse_operation

CORRECTABLE = ("sale", "stock_in", "payment", "expense")


@dataclass(frozen=True, slots=True)
class BookedLine:
    """One line of a booked sale or receipt, in the shop's minor units."""

    product: str
    qty: Decimal
    unit_price_minor: int | None  # the price each (sale) or the cost each (receipt)


@dataclass(frozen=True, slots=True)
class Booked:
    """An entry as the books hold it, enough to say it again as an intent."""

    operation_id: int
    kind: str  # sale | stock_in | payment | expense
    label: str  # the invoice number of a sale, else ""
    party: str = ""
    lines: tuple[BookedLine, ...] = ()
    total_minor: int = 0  # a sale's or receipt's total; a payment's or expense's amount
    paid_minor: int = 0  # paid at the sale or receipt
    method: str = ""
    direction: str = ""  # a payment's: in | out
    category: str = ""  # an expense's
    invoice_id: int | None = None
    member_id: int | None = None  # who booked it


async def last_entry(session: AsyncSession, business_id: int, member_id: int | None) -> Booked:
    """The member's newest entry that still stands; NothingToUndo when there is none."""
    rows = await session.execute(
        select(Operation)
        .where(
            Operation.business_id == business_id,
            Operation.member_id == member_id,
            col(Operation.undone_at).is_(None),
        )
        .order_by(col(Operation.id).desc())
        .limit(1)
    )
    op = rows.scalars().first()
    if op is None:
        raise NothingToUndo("there is nothing of yours to correct")
    if op.kind not in CORRECTABLE:
        raise NothingToUndo(f"the last entry is a {op.kind.replace('_', ' ')}; say undo instead")
    return await _booked(session, business_id, op)


async def invoice_entry(session: AsyncSession, business_id: int, number: str) -> Booked:
    """A posted invoice as booked, by number; NotFound if it is not this shop's or is void."""
    invoice = await invoice_by_number(session, business_id, number)
    if invoice.status == "void":
        raise NotFound(f"{invoice.number} is already cancelled")
    rows = await session.execute(
        select(Operation).where(
            Operation.business_id == business_id,
            Operation.invoice_id == invoice.id,
            col(Operation.undone_at).is_(None),
        )
    )
    op = rows.scalars().first()
    if op is None:
        raise NotFound(f"{invoice.number} cannot be corrected")
    return await _booked(session, business_id, op)


async def replace_entry(session: AsyncSession, business_id: int, operation_id: int) -> None:
    """Void the entry being corrected (stock back, its at-sale payment with it) and take it
    off what undo offers. Raises AlreadyVoid if someone cancelled it meanwhile."""
    op = await session.get(Operation, operation_id, with_for_update=True)
    if op is None or op.business_id != business_id or op.undone_at is not None:
        raise NotFound("that entry was changed meanwhile; nothing was corrected")
    await reverse_operation(session, business_id, op, reason="corrected")
    op.undone_at = utcnow()
    await session.flush()


async def link_replacement(
    session: AsyncSession, business_id: int, old_invoice_id: int, member_id: int | None
) -> str:
    """Mark the member's newest sale as the replacement of `old_invoice_id`; its number."""
    rows = await session.execute(
        select(Invoice)
        .join(Operation, col(Operation.invoice_id) == Invoice.id)
        .where(
            Operation.business_id == business_id,
            Operation.member_id == member_id,
            Operation.kind == "sale",
            col(Operation.undone_at).is_(None),
        )
        .order_by(col(Operation.id).desc())
        .limit(1)
    )
    new = rows.scalars().first()
    if new is None or new.id == old_invoice_id:
        return ""
    await session.execute(
        update(Invoice).where(col(Invoice.id) == new.id).values(replaces_id=old_invoice_id)
    )
    return new.number


async def _booked(session: AsyncSession, business_id: int, op: Operation) -> Booked:
    return replace(await _entry(session, op), member_id=op.member_id)


async def _entry(session: AsyncSession, op: Operation) -> Booked:
    assert op.id is not None
    if op.kind == "sale" and op.invoice_id is not None:
        invoice = await session.get(Invoice, op.invoice_id)
        assert invoice is not None
        sold = await session.execute(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice.id)
            .order_by(col(InvoiceLine.id))
        )
        paid, method = await _paid(session, col(Payment.invoice_id) == invoice.id)
        return Booked(
            op.id,
            "sale",
            invoice.number,
            party=await _party_name(session, invoice.party_id),
            lines=tuple(
                BookedLine(line.description, line.qty, line.unit_price_minor)
                for line in sold.scalars()
            ),
            total_minor=invoice.total_minor,
            paid_minor=paid,
            method=method,
            invoice_id=invoice.id,
        )
    if op.kind == "stock_in" and op.purchase_id is not None:
        purchase = await session.get(Purchase, op.purchase_id)
        assert purchase is not None
        moves = await session.execute(
            select(col(StockMove.product_id), col(StockMove.qty), col(StockMove.unit_cost_minor))
            .where(StockMove.purchase_id == purchase.id, StockMove.kind == "purchase")
            .order_by(col(StockMove.id))
        )
        received: list[BookedLine] = []
        for product_id, qty, cost in moves.all():
            product = await session.get(Product, product_id)
            received.append(BookedLine(product.name if product else "?", qty, cost))
        paid, method = await _paid(session, col(Payment.purchase_id) == purchase.id)
        return Booked(
            op.id,
            "stock_in",
            "",
            party=await _party_name(session, purchase.party_id),
            lines=tuple(received),
            total_minor=purchase.total_minor,
            paid_minor=paid,
            method=method,
        )
    if op.kind == "payment" and op.payment_id is not None:
        payment = await session.get(Payment, op.payment_id)
        assert payment is not None
        return Booked(
            op.id,
            "payment",
            "",
            party=await _party_name(session, payment.party_id),
            total_minor=payment.amount_minor,
            method=payment.method,
            direction=payment.direction,
        )
    if op.kind == "expense" and op.expense_id is not None:
        expense = await session.get(Expense, op.expense_id)
        assert expense is not None
        return Booked(
            op.id, "expense", "", total_minor=expense.amount_minor, category=expense.category
        )
    raise NothingToUndo(f"a {op.kind} cannot be corrected")


async def _paid(session: AsyncSession, where: ColumnElement[bool]) -> tuple[int, str]:
    rows = await session.execute(
        select(Payment.amount_minor, Payment.method).where(where, Payment.status == "posted")
    )
    paid, method = 0, ""
    for amount, how in rows.all():
        paid += amount
        method = method or how
    return paid, method


async def _party_name(session: AsyncSession, party_id: int | None) -> str:
    if party_id is None:
        return ""
    party = await session.get(Party, party_id)
    return party.name if party is not None else ""
