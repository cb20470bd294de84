"""The shop's accounts by chat: new customers and suppliers, expenses and profit of a period."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import AddParty, QueryExpenses, QueryProfit
from ledger import (
    add_party,
    calling_code,
    expenses_report,
    find_party,
    name_requests,
    normalize_phone,
    profit_report,
    settle_name,
)
from ledger.catalog import display_case

from ..sender import Sender
from .outcome import Outcome
from .reads import period_words


async def add_customer_or_supplier(
    session: AsyncSession, sender: Sender, intent: AddParty
) -> Outcome:
    """Add a party by name; a name already in the books is left as it is."""
    assert sender.business is not None
    bid = sender.business.id
    replies = sender.words()
    written = intent.party.name
    name = display_case(written)
    existing = await find_party(session, bid, name)
    if existing is not None:
        return Outcome.say(replies.render("party_exists", party=existing.name, kind=existing.kind))
    # A local number ("0505556677") is read in the shop's own country.
    phone = (
        normalize_phone(intent.phone, calling_code(sender.business.country)) if intent.phone else ""
    )
    party = await add_party(session, bid, name=name, kind=intent.kind or "customer", phone=phone)
    return Outcome.say(
        replies.render("party_added", party=party.name, kind=party.kind, phone=party.phone)
    )


async def query_expenses(
    session: AsyncSession, sender: Sender, intent: QueryExpenses, now: datetime
) -> Outcome:
    """What was spent in a period, in all and by category (or on one category)."""
    assert sender.business is not None
    name, label = period_words(intent.period)
    report = await expenses_report(session, sender.business.id, name, now, category=intent.category)
    return Outcome.say(
        sender.words().render(
            "expenses_report",
            period=label,
            total=report.total_minor,
            lines=list(report.by_category),
            category=intent.category or "",
        )
    )


async def query_profit(
    session: AsyncSession, sender: Sender, intent: QueryProfit, now: datetime
) -> Outcome:
    """Sales net of tax, less the known cost of what was sold, less expenses."""
    assert sender.business is not None
    name, label = period_words(intent.period)
    report = await profit_report(session, sender.business.id, name, now)
    return Outcome.say(
        sender.words().render(
            "profit_report",
            period=label,
            sales=report.sales_minor,
            cost=report.cost_minor,
            expenses=report.expenses_minor,
            profit=report.profit_minor,
            uncosted=list(report.uncosted),
            uncosted_sales=report.uncosted_sales_minor,
        )
    )


async def decide_name(session: AsyncSession, sender: Sender, who: str, *, approve: bool) -> Outcome:
    """The owner approves or refuses the name a customer asked for ("approve name fatima");
    with one request open, "approve name" alone is enough."""
    assert sender.business is not None
    replies = sender.words()
    asked = await name_requests(session, sender.business.id)
    if not asked:
        return Outcome.say(replies.render("name_no_request"))
    wanted = " ".join(who.lower().split())
    digits = "".join(ch for ch in wanted if ch.isdigit())
    found = [
        r
        for r in asked
        if not wanted
        or wanted in r.party.name.lower()
        or wanted in r.name.lower()
        or (len(digits) >= 6 and r.party.phone.endswith(digits))
    ]
    if len(found) != 1:
        return Outcome.say(replies.render("name_which", requests=asked))
    request = found[0]
    now = await settle_name(session, sender.business.id, request.party.id, approve=approve)
    if approve:
        return Outcome.say(replies.render("name_approved", old=request.party.name, new=now))
    return Outcome.say(replies.render("name_rejected", party=request.party.name, name=request.name))
