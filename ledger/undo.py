"""Undo: reverse a member's last operation through voids, never deletes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .catalog import product as get_product
from .errors import NothingToUndo
from .expenses import void_expense
from .payments import void_payment
from .sales import reissue, void_invoice
from .stock import void_move, void_purchase
from .tables import Invoice, Operation
from .types import utcnow


@dataclass(frozen=True, slots=True)
class Undone:
    """What undo reversed, for the reply."""

    kind: str
    label: str  # e.g. the invoice number or product name


async def is_undone(session: AsyncSession, business_id: int, operation_id: int) -> bool:
    """Whether an operation of this business was undone (or replaced by a correction)."""
    found = await session.execute(
        select(Operation.undone_at).where(
            Operation.business_id == business_id, Operation.id == operation_id
        )
    )
    row = found.first()
    return row is not None and row[0] is not None


async def undo_last(session: AsyncSession, business_id: int, member_id: int | None) -> Undone:
    """Reverse the member's newest operation that is not yet undone."""
    query = select(Operation).where(
        Operation.business_id == business_id, col(Operation.undone_at).is_(None)
    )
    query = query.where(
        col(Operation.member_id).is_(None)
        if member_id is None
        else Operation.member_id == member_id
    )
    rows = await session.execute(
        query.order_by(col(Operation.id).desc()).limit(1).with_for_update()
    )
    op = rows.scalars().first()
    if op is None:
        raise NothingToUndo("there is nothing of yours left to undo")
    label = await reverse_operation(session, business_id, op)
    op.undone_at = utcnow()
    await session.flush()
    return Undone(op.kind, label)


async def reverse_operation(
    session: AsyncSession, business_id: int, op: Operation, *, reason: str = "undo"
) -> str:
    """Void what an operation booked (the caller marks it undone); a label for the reply."""
    if op.kind == "sale" and op.invoice_id is not None:
        invoice = await session.get(Invoice, op.invoice_id)
        await void_invoice(session, business_id, op.invoice_id, reason=reason)
        return invoice.number if invoice else ""
    if op.kind == "stock_in" and op.purchase_id is not None:
        await void_purchase(session, business_id, op.purchase_id)
        return ""
    if op.kind == "payment" and op.payment_id is not None:
        await void_payment(session, business_id, op.payment_id)
        return ""
    if op.kind == "expense" and op.expense_id is not None:
        await void_expense(session, business_id, op.expense_id)
        return ""
    if op.kind == "adjust" and op.move_id is not None and op.product_id is not None:
        await void_move(session, business_id, op.move_id)
        return (await get_product(session, business_id, op.product_id)).name
    if op.kind == "void" and op.invoice_id is not None:
        old = await session.get(Invoice, op.invoice_id)
        again = await reissue(session, business_id, op.invoice_id, op.member_id)
        return f"{old.number if old else ''} {again.number}"  # "INV-…-0003 INV-…-0005"
    if op.kind == "set_price" and op.product_id is not None and op.old_price_minor is not None:
        product = await get_product(session, business_id, op.product_id)
        product.price_minor = op.old_price_minor
        return product.name
    if op.kind == "add_product" and op.product_id is not None:
        product = await get_product(session, business_id, op.product_id)
        product.active = False
        return product.name
    raise NothingToUndo(f"cannot undo a {op.kind}")
