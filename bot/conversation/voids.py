"""Cancelling an invoice by chat ("cancel INV-2026-0012", "void the last invoice").

The invoice stays in the books, marked void, so numbering has no gap. Its stock comes back;
what was paid at the sale goes back with the goods, and what was paid on it later becomes the
customer's credit. A customer who was sent the invoice gets the cancelled copy, stamped VOID,
through the outbox (and the consent gate, like any invoice).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from intents.models import VoidInvoice
from ledger import invoice_view, void_by_number
from ledger.catalog import party, party_view

from ..messages import OutboundReply
from ..replies import Replies
from ..sender import Sender
from ..tables import OutboxRow
from .outcome import Outcome
from .reads import invoice_later

GONE = ("failed", "blocked")  # invoice messages that never reached the customer


async def void_invoice(session: AsyncSession, sender: Sender, intent: VoidInvoice) -> Outcome:
    """Cancel an invoice by number (or the last one) and say what became of its money."""
    assert sender.business is not None
    bid = sender.business.id
    replies = Replies(sender.language, sender.business.currency)
    member = sender.member.id if sender.member else None
    voided = await void_by_number(session, bid, intent.invoice, member)
    name, balance, kind, phone = "", 0, "customer", ""
    if voided.party_id is not None:
        found = party_view(await party(session, bid, voided.party_id))
        name, balance, kind, phone = found.name, found.balance_minor, found.kind, found.phone
    out = [
        OutboundReply(
            replies.render(
                "invoice_voided",
                number=voided.number,
                party=name,
                balance=balance,
                kind=kind,
                refunded=voided.refunded_minor,
                credited=voided.credited_minor,
            )
        )
    ]
    if phone and await _was_sent(session, bid, voided.number):
        view = await invoice_view(session, bid, voided.invoice_id)  # void: stamped VOID
        text = replies.render("invoice_cancelled", shop=sender.business.name, number=voided.number)
        out.append(invoice_later(view, text, to=phone))  # rendered after the commit
    return Outcome(out)


async def _was_sent(session: AsyncSession, business_id: int, number: str) -> bool:
    """Whether the customer was sent this invoice (queued or delivered, not refused), on
    whichever channel reaches them."""
    found = await session.execute(
        select(OutboxRow.id).where(
            OutboxRow.business_id == business_id,
            OutboxRow.purpose == "invoice",
            OutboxRow.document_name == f"{number}.pdf",
            col(OutboxRow.status).not_in(GONE),
        )
    )
    return found.first() is not None
