"""Who is due a reminder, and the link that lets them pay.

A customer who owes is reminded on the shop's ladder of days (`Business.reminder_days`,
"3,7,15" by default): when their oldest unpaid invoice is 3 days old, again at 7, again at 15,
then not again until a new debt starts the ladder over. Paying (a balance of zero or less) or
STOP ends it; the job checks both in the transaction that queues the reminder.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .money import to_major
from .tables import Business, Invoice, Party
from .views import BusinessView


async def customers_owing(session: AsyncSession) -> list[tuple[int, int, str]]:
    """(shop, party, phone) of every customer who owes an open shop that sends reminders and
    can be reached (a phone, not pseudonymised), by shop and party."""
    rows = await session.execute(
        select(col(Party.business_id), col(Party.id), col(Party.phone))
        .join(Business, col(Business.id) == col(Party.business_id))
        .where(
            Party.kind == "customer",
            Party.balance_minor > 0,
            Party.phone != "",
            col(Party.pseudonymised).is_(False),
            col(Business.closed_at).is_(None),
            Business.reminder_days != "",
        )
        .order_by(col(Party.business_id), col(Party.id))
    )
    return [(bid, pid, phone) for bid, pid, phone in rows if pid is not None]


async def collected_at_sale(
    session: AsyncSession, business_id: int, start: datetime, end: datetime
) -> int:
    """What the shop's posted invoices issued in [start, end) were paid (at the sale or since),
    in minor units."""
    paid = await session.execute(
        select(func.coalesce(func.sum(Invoice.paid_minor), 0)).where(
            Invoice.business_id == business_id,
            Invoice.status == "posted",
            Invoice.issued_at >= start,
            Invoice.issued_at < end,
        )
    )
    return int(paid.scalar_one())


async def oldest_open_invoice(
    session: AsyncSession, business_id: int, party_id: int
) -> datetime | None:
    """When the party's oldest invoice still not fully paid was issued; None if every one is."""
    found = await session.execute(
        select(func.min(col(Invoice.issued_at))).where(
            Invoice.business_id == business_id,
            Invoice.party_id == party_id,
            Invoice.status == "posted",
            col(Invoice.paid_minor) < col(Invoice.total_minor),
        )
    )
    return found.scalar_one_or_none()


def due_rung(
    ladder: tuple[int, ...],
    owed_since: datetime,
    last_reminded: datetime | None,
    now: datetime,
    timezone: str,
) -> int | None:
    """The rung of the ladder (days) a reminder is due for now, or None.

    Days are counted in the shop's calendar: an invoice of Monday evening is 3 days old on
    Thursday. A rung is due once its day has come and no reminder went out on or after it.
    """
    zone = ZoneInfo(timezone)
    start = owed_since.astimezone(zone).date()
    today = now.astimezone(zone).date()
    reached = [days for days in ladder if start + timedelta(days=days) <= today]
    if not reached:
        return None
    rung = reached[-1]
    rung_day = start + timedelta(days=rung)
    if last_reminded is not None and last_reminded.astimezone(zone).date() >= rung_day:
        return None
    return rung


def pay_link(business: BusinessView, amount_minor: int, note: str = "") -> str:
    """A link that opens a payment of the amount: UPI in India (the shop's VPA), else the
    shop's payment link with {amount} filled in; "" when the shop has neither."""
    amount = to_major(amount_minor, business.currency)
    if business.country == "IN" and business.upi_id:
        query = {
            "pa": business.upi_id,
            "pn": business.name,
            "am": f"{amount:.2f}",
            "cu": business.currency,
        }
        if note:
            query["tn"] = note[:50]
        return "upi://pay?" + urlencode(query, quote_via=quote)
    if business.payment_link:
        return business.payment_link.replace("{amount}", _plain(amount))
    return ""


def _plain(amount: Decimal) -> str:
    return f"{amount:.2f}" if amount != amount.to_integral_value() else f"{amount:.0f}"


def ladder_text(ladder: tuple[int, ...]) -> str:
    """How a ladder is stored: "3,7,15"."""
    return ",".join(str(days) for days in ladder)
