"""Statements of account by chat: "send ahmed his statement", "statement for gulf dairy last
month", and a customer's own "send my statement".

The owner (or staff) always gets the PDF; a customer with a phone gets it too, through the
outbox and the consent gate like an invoice. A customer asking gets their own, never anyone
else's (dispatch checks the name before this runs).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import SendStatement
from ledger import find_party
from ledger.periods import period
from ledger.statements import statement
from ledger.views import StatementView
from pdf.layout_statement import render_statement_async

from ..messages import Document, OutboundReply
from ..replies import Replies
from ..sender import Sender
from .outcome import Outcome
from .reads import period_words

DEFAULT_PERIOD = "this_month"


async def send_statement(
    session: AsyncSession, sender: Sender, intent: SendStatement, now: datetime
) -> Outcome:
    """Render the statement of a party (the sender's own, for a customer) for a period."""
    name, label = period_words(intent.period or DEFAULT_PERIOD)
    if sender.role == "customer":
        for business, own in sender.customer_of:
            span = period(name, now, business.timezone)
            view = await statement(session, business.id, own.id, span)
            words = Replies(sender.language, business.currency)
            text = words.render("statement_here", party=own.name, period=label)
            return Outcome([await _document(view, text)])
        return Outcome.say(Replies(sender.language).render("statement_which"))
    assert sender.business is not None
    words = Replies(sender.language, sender.business.currency)
    party = (
        await find_party(session, sender.business.id, intent.party.name) if intent.party else None
    )
    if party is None:
        return Outcome.say(words.render("statement_which"))
    span = period(name, now, sender.business.timezone)
    view = await statement(session, sender.business.id, party.id, span)
    out = [await _document(view, words.render("statement_here", party=party.name, period=label))]
    if party.phone and party.kind == "customer":
        text = words.render("statement_for_customer", shop=sender.business.name, period=label)
        out.append(await _document(view, text, to=party.phone))
    return Outcome(out)


async def _document(view: StatementView, text: str, to: str | None = None) -> OutboundReply:
    data = await render_statement_async(view)
    first = view.start.strftime("%Y-%m")
    safe = "".join(ch if ch.isalnum() else "-" for ch in view.party_name)[:40]
    return OutboundReply(
        text=text,
        document=Document(f"Statement-{safe}-{first}.pdf", "application/pdf", data),
        to=to,
        purpose="invoice" if to else "reply",
    )
