"""Helpers for ledger tests: extra factories and independent recomputations from the tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger import (
    DuesReport,
    MemberView,
    SalesReport,
    StockLine,
    add_member,
    dues_report,
    find_party,
    find_product,
    sales_report,
    stock_report,
    stock_value,
)
from ledger.tables import (
    Allocation,
    Invoice,
    InvoiceLine,
    Party,
    Payment,
    Product,
    Purchase,
    StockMove,
)
from tests.factories import new_phone


async def product_id(session: AsyncSession, business_id: int, name: str) -> int:
    """The id of a product of this shop, by name."""
    found = await find_product(session, business_id, name)
    assert found is not None, name
    return found.id


async def party_id(session: AsyncSession, business_id: int, name: str) -> int:
    """The id of a party of this shop, by name."""
    found = await find_party(session, business_id, name)
    assert found is not None, name
    return found.id


async def staff(session: AsyncSession, business_id: int, name: str = "Staff") -> MemberView:
    """A new member of the shop, with a phone number of its own."""
    return await add_member(session, business_id, phone=new_phone(), role="staff", name=name)


async def moves_total(session: AsyncSession, product: int) -> Decimal:
    """Stock on hand recomputed in Python from the product's stock moves."""
    rows = await session.execute(select(col(StockMove.qty)).where(StockMove.product_id == product))
    return sum((q for q in rows.scalars()), Decimal(0))


async def on_hand(session: AsyncSession, product: int) -> Decimal:
    """The running stock column of a product, read fresh."""
    rows = await session.execute(select(col(Product.on_hand)).where(col(Product.id) == product))
    value: Decimal = rows.scalar_one()
    return value


async def balance(session: AsyncSession, party: int) -> int:
    """The running balance column of a party, read fresh."""
    rows = await session.execute(select(Party.balance_minor).where(col(Party.id) == party))
    return rows.scalar_one()


async def _payments(session: AsyncSession, party: int, direction: str) -> int:
    rows = await session.execute(
        select(Payment.amount_minor).where(
            Payment.party_id == party, Payment.direction == direction, Payment.status == "posted"
        )
    )
    return sum(rows.scalars())


async def due_from_documents(session: AsyncSession, party: int) -> int:
    """A party's account from documents alone: what they owe the shop minus what it owes them.

    Invoices to them (less voided ones) and money paid out to them raise it; purchases from
    them and money in from them lower it, whatever the party's kind.
    """
    paid_in = await _payments(session, party, "in")
    paid_out = await _payments(session, party, "out")
    rows = await session.execute(
        select(Invoice.total_minor, Invoice.status).where(Invoice.party_id == party)
    )
    invoiced = sum(total for total, status in rows if status != "void")
    bought = await session.execute(
        select(Purchase.total_minor).where(Purchase.party_id == party, Purchase.status == "posted")
    )
    return invoiced - sum(bought.scalars()) - paid_in + paid_out


@dataclass(frozen=True)
class InvoiceSums:
    """An invoice's stored totals beside the sums of its lines and live allocations."""

    number: str
    stored: tuple[int, int, int]
    from_lines: tuple[int, int, int]
    paid: int
    allocated: int


async def invoice_sums(session: AsyncSession, business_id: int) -> list[InvoiceSums]:
    """Every invoice of the shop with its totals recomputed from lines and allocations."""
    invoices = await session.execute(select(Invoice).where(Invoice.business_id == business_id))
    result = []
    for inv in invoices.scalars():
        lines = await session.execute(
            select(InvoiceLine.net_minor, InvoiceLine.tax_minor, InvoiceLine.gross_minor).where(
                InvoiceLine.invoice_id == inv.id
            )
        )
        net = tax = gross = 0
        for n, t, g in lines:
            assert g == n + t
            net, tax, gross = net + n, tax + t, gross + g
        allocs = await session.execute(
            select(Allocation.amount_minor).where(
                Allocation.invoice_id == inv.id, col(Allocation.live).is_(True)
            )
        )
        result.append(
            InvoiceSums(
                inv.number,
                (inv.subtotal_minor, inv.tax_minor, inv.total_minor),
                (net, tax, gross),
                inv.paid_minor,
                sum(allocs.scalars()),
            )
        )
    return result


@dataclass(frozen=True)
class Reports:
    """Every report of a shop at one moment, for before/after comparisons."""

    sales_today: SalesReport
    dues: DuesReport
    stock: tuple[StockLine, ...]
    value: tuple[int, int]


async def all_reports(session: AsyncSession, business_id: int, now: datetime) -> Reports:
    """The shop's reports as the owner would see them now."""
    return Reports(
        await sales_report(session, business_id, "today", now, top=1000),
        await dues_report(session, business_id),
        await stock_report(session, business_id),
        await stock_value(session, business_id),
    )
