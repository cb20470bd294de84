"""Answers from the books: sales, stock, dues, invoices; and undo and staff."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import AddStaff, QueryDues, QuerySales, QueryStock, SendInvoice
from ledger import (
    InvoiceView,
    NothingToUndo,
    add_member,
    dues_report,
    find_party,
    find_product,
    invoice_by_number,
    invoice_view,
    invoices_of_party,
    normalize_phone,
    sales_report,
    stock_report,
    undo_last,
)
from pdf import render_invoice_async

from ..messages import Document, OutboundReply
from ..replies import Replies
from ..sender import Sender
from .outcome import Outcome

PERIOD_WORDS = {
    "today": "today",
    "yesterday": "yesterday",
    "this_week": "this week",
    "last_week": "last week",
    "this_month": "this month",
    "last_month": "last month",
    "this_quarter": "this quarter",
    "last_quarter": "last quarter",
    "this_year": "this year",
    "last_year": "last year",
}


def period_words(period: date | str) -> tuple[str, str]:
    """The ledger's name of a period ('today', an ISO date) and how a reply says it."""
    name = period.isoformat() if isinstance(period, date) else period
    return name, PERIOD_WORDS.get(name, f"on {name}")


async def query_sales(
    session: AsyncSession, sender: Sender, intent: QuerySales, now: datetime
) -> Outcome:
    """Sales of a period: total, count, top items, and the period before."""
    assert sender.business is not None
    bid = sender.business.id
    name, label = period_words(intent.period)
    product = await find_product(session, bid, intent.product.name) if intent.product else None
    party = await find_party(session, bid, intent.party.name) if intent.party else None
    report = await sales_report(
        session,
        bid,
        name,
        now,
        product_id=product.id if product else None,
        party_id=party.id if party else None,
    )
    replies = sender.words()
    if party is not None:
        return Outcome.say(
            replies.render(
                "party_sales",
                period=label,
                party=party.name,
                total=report.total_minor,
                count=report.count,
            )
        )
    change = None
    if report.previous_total_minor:
        change = round(
            (report.total_minor - report.previous_total_minor) * 100 / report.previous_total_minor
        )
    return Outcome.say(
        replies.render(
            "sales_report",
            period=label,
            total=report.total_minor,
            count=report.count,
            top=list(report.by_party if intent.group_by == "party" else report.by_product),
            previous_total=report.previous_total_minor,
            change_pct=change,
            expenses=report.expenses_minor,
            by=intent.group_by or "product",
        )
    )


async def query_stock(session: AsyncSession, sender: Sender, intent: QueryStock) -> Outcome:
    """Stock of one product, of everything, or of what is running low."""
    assert sender.business is not None
    bid = sender.business.id
    product_id = None
    if intent.product is not None:
        product = await find_product(session, bid, intent.product.name)
        if product is None:
            hint = f"no product called {intent.product.name}"
            return Outcome.say(sender.words().render("not_understood", hint=hint))
        product_id = product.id
    lines = await stock_report(session, bid, product_id=product_id, low_only=intent.low)
    return Outcome.say(sender.words().render("stock_report", lines=list(lines), low=intent.low))


async def query_dues(session: AsyncSession, sender: Sender, intent: QueryDues) -> Outcome:
    """Who owes what; a customer only ever hears their own balance."""
    replies = sender.words()
    if sender.role == "customer":
        texts = []
        for business, party in sender.customer_of:
            if intent.party is not None and not is_self(intent.party.name, party.name):
                return Outcome.say(replies.render("refused_customer"))
            own = Replies(sender.language, business.currency)
            texts.append(
                own.render("customer_due", shop=business.name, balance=party.balance_minor)
            )
        return Outcome.say(*texts)
    assert sender.business is not None
    bid = sender.business.id
    if intent.party is not None:
        named = await find_party(session, bid, intent.party.name)
        if named is None:
            hint = f"no one called {intent.party.name}"
            return Outcome.say(replies.render("not_understood", hint=hint))
        return Outcome.say(
            replies.render(
                "party_due", party=named.name, balance=named.balance_minor, kind=named.kind
            )
        )
    report = await dues_report(session, bid)
    return Outcome.say(
        replies.render(
            "dues_report",
            owe_you=report.owe_you,
            owe_you_total=report.owe_you_total_minor,
            you_owe=report.you_owe,
            you_owe_total=report.you_owe_total_minor,
        )
    )


def is_self(asked: str, own: str) -> bool:
    """Whether a customer asking about `asked` means themselves."""
    words = {"me", "my", "mine", "i", "mera", "mujhe", "main"}
    return asked.lower() in words or asked.lower() in own.lower()


async def undo(session: AsyncSession, sender: Sender) -> Outcome:
    """Reverse the sender's last operation through a void."""
    assert sender.business is not None and sender.member is not None
    replies = sender.words()
    try:
        done = await undo_last(session, sender.business.id, sender.member.id)
    except NothingToUndo:
        return Outcome.say(replies.render("nothing_to_undo"))
    if done.kind == "void":
        old, _, new = done.label.partition(" ")
        return Outcome.say(replies.render("void_undone", old=old, new=new))
    kind = done.kind.replace("_", " ")
    return Outcome.say(replies.render("undone", kind=kind, label=done.label))


async def add_staff(session: AsyncSession, sender: Sender, intent: AddStaff) -> Outcome:
    """Make a phone number staff of the owner's shop, and greet them."""
    assert sender.business is not None
    phone = normalize_phone(intent.phone)
    await add_member(session, sender.business.id, phone=phone, role="staff", name=intent.name or "")
    replies = sender.words()
    return Outcome(
        [
            OutboundReply(text=replies.render("staff_added", phone=phone)),
            OutboundReply(
                text=replies.render("staff_welcome", shop=sender.business.name), to=phone
            ),
        ]
    )


async def send_invoice(session: AsyncSession, sender: Sender, intent: SendInvoice) -> Outcome:
    """Render an invoice PDF and send it to the customer (or to the asker)."""
    replies = sender.words()
    if sender.role == "customer":
        for business, own in sender.customer_of:
            found = await invoices_of_party(session, business.id, own.id, limit=1)
            if found:
                view = await invoice_view(session, business.id, found[0][0])
                return Outcome(
                    [
                        await invoice_document(
                            view,
                            Replies(sender.language, business.currency).render(
                                "invoice_here", number=view.number
                            ),
                        )
                    ]
                )
        return Outcome.say(replies.render("no_invoice", party=""))
    assert sender.business is not None
    bid = sender.business.id
    party = await find_party(session, bid, intent.party.name) if intent.party else None
    if intent.invoice and intent.invoice != "last":
        invoice_id = (await invoice_by_number(session, bid, intent.invoice)).id
        assert invoice_id is not None
    else:
        if party is None:
            return Outcome.say(
                replies.render("no_invoice", party=intent.party.name if intent.party else "")
            )
        found = await invoices_of_party(session, bid, party.id, limit=1)
        if not found:
            return Outcome.say(replies.render("no_invoice", party=party.name))
        invoice_id = found[0][0]
    view = await invoice_view(session, bid, invoice_id)
    buyer = await find_party(session, bid, view.customer_name) if view.customer_name else None
    phone = view.customer_phone
    if not phone:
        reply = await invoice_document(
            view, replies.render("no_phone", party=view.customer_name or "them")
        )
        return Outcome([reply])
    to_customer = await invoice_document(
        view,
        replies.render(
            "invoice_for_customer",
            shop=view.business.name,
            number=view.number,
            # The invoice shows what was owed when it was issued; the message, today's account.
            balance=buyer.balance_minor if buyer is not None else view.balance_minor,
        ),
        to=phone,
    )
    confirm = OutboundReply(
        text=replies.render("invoice_sent", number=view.number, party=view.customer_name)
    )
    return Outcome([to_customer, confirm])


def invoice_later(view: InvoiceView, text: str, to: str | None = None) -> OutboundReply:
    """An invoice PDF rendered once the transaction that changed it has committed (a write's
    document: see Document.make); `view` is read in that transaction."""
    return OutboundReply(
        text=text,
        document=Document(
            f"{view.number}.pdf", "application/pdf", b"", make=partial(render_invoice_async, view)
        ),
        to=to,
        purpose="invoice" if to else "reply",
    )


async def invoice_document(view: InvoiceView, text: str, to: str | None = None) -> OutboundReply:
    """An invoice PDF as a reply: to the sender, or to the customer (business-initiated)."""
    data = await render_invoice_async(view)
    return OutboundReply(
        text=text,
        document=Document(f"{view.number}.pdf", "application/pdf", data),
        to=to,
        purpose="invoice" if to else "reply",
    )
