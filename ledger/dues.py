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
from .tables import Invoice
from .views import BusinessView


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
