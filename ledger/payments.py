"""Payments in and out, allocated to a customer's oldest open invoices, and their voids."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .catalog import party as get_party
from .errors import AlreadyVoid, InvalidInput, NotFound
from .operations import record_operation
from .tables import Allocation, Invoice, Payment
from .types import utcnow

METHODS = ("cash", "card", "upi", "bank", "")


def balance_change(direction: str, amount_minor: int) -> int:
    """How a payment moves a party's account (what they owe the shop, signed): money in from
    them lowers it, money out to them raises it, whether customer or supplier."""
    return -amount_minor if direction == "in" else amount_minor


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """What a recorded payment did."""

    payment_id: int
    operation_id: int | None
    party_name: str
    amount_minor: int
    direction: str
    balance_after_minor: int  # the party's account after: what they owe the shop (<0: owed)
    settled: tuple[str, ...]  # invoice numbers the payment touched


async def _allocate(
    session: AsyncSession, payment: Payment, amount: int, invoices: list[Invoice]
) -> list[str]:
    """Apply amount to invoices in the order given; return the numbers touched."""
    touched = []
    for invoice in invoices:
        if amount <= 0:
            break
        open_minor = invoice.total_minor - invoice.paid_minor
        if open_minor <= 0:
            continue
        part = min(open_minor, amount)
        assert payment.id is not None and invoice.id is not None
        session.add(
            Allocation(
                business_id=payment.business_id,
                payment_id=payment.id,
                invoice_id=invoice.id,
                amount_minor=part,
            )
        )
        invoice.paid_minor += part
        amount -= part
        touched.append(invoice.number)
    return touched


async def record_payment(
    session: AsyncSession,
    business_id: int,
    *,
    party_id: int,
    amount_minor: int,
    direction: str,
    method: str = "",
    member_id: int | None = None,
    at: datetime | None = None,
) -> PaymentResult:
    """Money in from a customer (settling oldest invoices first) or out to a supplier."""
    if amount_minor <= 0:
        raise InvalidInput("a payment must be more than zero")
    if direction not in ("in", "out"):
        raise InvalidInput("direction is in or out")
    if method not in METHODS:
        raise InvalidInput(f"method must be one of {', '.join(m for m in METHODS if m)}")
    open_invoices: list[Invoice] = []
    if direction == "in":
        # Invoices before the party: the lock order of the books (see catalog.lock_products).
        rows = await session.execute(
            select(Invoice)
            .where(
                Invoice.business_id == business_id,
                Invoice.party_id == party_id,
                Invoice.status == "posted",
                col(Invoice.paid_minor) < col(Invoice.total_minor),
            )
            .order_by(col(Invoice.issued_at), col(Invoice.id))
            .with_for_update()
        )
        open_invoices = list(rows.scalars())
    party = await get_party(session, business_id, party_id, lock=True)
    payment = Payment(
        business_id=business_id,
        party_id=party_id,
        direction=direction,
        amount_minor=amount_minor,
        method=method,
        paid_at=at or utcnow(),
    )
    session.add(payment)
    await session.flush()
    settled = await _allocate(session, payment, amount_minor, open_invoices)
    party.balance_minor += balance_change(direction, amount_minor)
    assert payment.id is not None
    op = await record_operation(session, business_id, member_id, "payment", payment_id=payment.id)
    return PaymentResult(
        payment.id, op, party.name, amount_minor, direction, party.balance_minor, tuple(settled)
    )


async def void_payment(session: AsyncSession, business_id: int, payment_id: int) -> None:
    """Void a payment: its allocations stop counting and the party owes it again."""
    payment = await session.get(Payment, payment_id, with_for_update=True)
    if payment is None or payment.business_id != business_id:
        raise NotFound(f"no payment {payment_id}")
    if payment.status == "void":
        raise AlreadyVoid("that payment is already cancelled")
    payment.status = "void"
    await release_allocations(session, payment_id=payment_id)
    if payment.party_id is not None:
        party = await get_party(session, business_id, payment.party_id, lock=True)
        party.balance_minor -= balance_change(payment.direction, payment.amount_minor)
    await session.flush()


async def release_allocations(
    session: AsyncSession, *, payment_id: int | None = None, invoice_id: int | None = None
) -> None:
    """Mark a payment's or an invoice's live allocations dead and take them off paid amounts."""
    query = select(Allocation).where(col(Allocation.live).is_(True))
    if payment_id is not None:
        query = query.where(Allocation.payment_id == payment_id)
    if invoice_id is not None:
        query = query.where(Allocation.invoice_id == invoice_id)
    rows = await session.execute(query)
    for allocation in rows.scalars():
        allocation.live = False
        await session.execute(
            update(Invoice)
            .where(col(Invoice.id) == allocation.invoice_id)
            .values(paid_minor=Invoice.paid_minor - allocation.amount_minor)
        )
    await session.flush()
