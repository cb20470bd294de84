"""A party's statement of account: every document that moved their account in a period, with
the balance before, after each, and at the end.

The lines follow the same rule as the running balance (party.balance_minor): invoices to them
and money paid out to them raise it; purchases from them and money in from them lower it. A
cancelled invoice shows as issued, its payment at the sale, and its cancellation (which nets
the two). Entries undone straight away (a void purchase, an undone payment) never stood and are
left out. So the closing balance of a statement to today equals the party's balance (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .catalog import party as get_party
from .periods import Period
from .shop import get_business
from .tables import Invoice, Payment, Purchase
from .views import StatementLine, StatementView


@dataclass(frozen=True, slots=True)
class _Entry:
    at: datetime
    order: int
    label: str
    change: int  # + what they owe the shop


async def statement(
    session: AsyncSession, business_id: int, party_id: int, period: Period
) -> StatementView:
    """The party's statement for the period (its local days, in the shop's time zone)."""
    business = await get_business(session, business_id)
    party = await get_party(session, business_id, party_id)
    entries = await _entries(session, business_id, party_id)
    opening = sum(e.change for e in entries if e.at < period.start)
    running = opening
    lines: list[StatementLine] = []
    for entry in entries:
        if not period.start <= entry.at < period.end:
            continue
        running += entry.change
        lines.append(
            StatementLine(
                at=entry.at,
                label=entry.label,
                debit_minor=max(entry.change, 0),
                credit_minor=max(-entry.change, 0),
                balance_minor=running,
            )
        )
    return StatementView(
        business=business,
        party_name=party.name,
        party_phone=party.phone,
        party_kind=party.kind,
        start=period.first_day,
        end=period.last_day,
        opening_minor=opening,
        lines=tuple(lines),
        closing_minor=running,
    )


async def _entries(session: AsyncSession, business_id: int, party_id: int) -> list[_Entry]:
    entries: list[_Entry] = []
    invoices = await session.execute(
        select(Invoice).where(Invoice.business_id == business_id, Invoice.party_id == party_id)
    )
    by_id = {inv.id: inv for inv in invoices.scalars()}
    payments = await session.execute(
        select(Payment).where(Payment.business_id == business_id, Payment.party_id == party_id)
    )
    refunded: dict[int, int] = {}
    for pay in payments.scalars():
        cancelled_with = by_id.get(pay.invoice_id) if pay.invoice_id is not None else None
        at_a_cancelled_sale = cancelled_with is not None and cancelled_with.status == "void"
        if pay.status != "posted" and not at_a_cancelled_sale:
            continue  # undone: it never stood
        if at_a_cancelled_sale and pay.status != "posted" and pay.invoice_id is not None:
            refunded[pay.invoice_id] = refunded.get(pay.invoice_id, 0) + pay.amount_minor
        how = f" ({pay.method})" if pay.method else ""
        if pay.direction == "in":
            label = f"Payment received{how}"
            if pay.invoice_id is not None and pay.invoice_id in by_id:
                label = f"Paid at sale {by_id[pay.invoice_id].number}{how}"
            entries.append(_Entry(pay.paid_at, 2, label, -pay.amount_minor))
        else:
            entries.append(_Entry(pay.paid_at, 2, f"Payment made{how}", pay.amount_minor))
    for inv in by_id.values():
        entries.append(_Entry(inv.issued_at, 1, f"Invoice {inv.number}", inv.total_minor))
        if inv.status == "void" and inv.voided_at is not None:
            back = refunded.get(inv.id or 0, 0)
            label = f"{inv.number} cancelled" + (" (paid at sale refunded)" if back else "")
            entries.append(_Entry(inv.voided_at, 3, label, -(inv.total_minor - back)))
    purchases = await session.execute(
        select(Purchase).where(
            Purchase.business_id == business_id,
            Purchase.party_id == party_id,
            Purchase.status == "posted",
            col(Purchase.total_minor) != 0,
        )
    )
    for bought in purchases.scalars():
        entries.append(_Entry(bought.received_at, 1, "Goods received", -bought.total_minor))
    entries.sort(key=lambda e: (e.at, e.order))
    return entries
