"""From an authorized intent to the service that does it, and the confirmation policy."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from intents.catalog import Catalog
from intents.doubt import Verdict, judge
from intents.models import (
    AddStock,
    IntentBase,
    RecordExpense,
    RecordPayment,
    RecordSale,
    VoidInvoice,
)
from intents.parser import ParseResult
from intents.slots import PartyRef
from ledger import (
    LedgerError,
    calling_code,
    find_party,
    find_product,
    invoice_by_number,
    parties,
    products,
    to_major,
    to_minor,
)
from ledger.shop import confirm_threshold

from ..replies import Replies
from ..sender import Sender
from . import writes
from .handlers import HANDLERS, Turn
from .outcome import Outcome
from .policy import allowed

if TYPE_CHECKING:
    from .core import CoreConfig

WRITES = {
    "record_sale",
    "add_stock",
    "adjust_stock",
    "add_product",
    "set_price",
    "record_payment",
    "record_expense",
    "add_party",
    "add_staff",  # a role given is read back first
    "void_invoice",
}  # those the conversation books today; intents.doubt.WRITES also has the corrections
NOT_YET = {
    "opt_out": "stopping messages",
    "opt_in": "starting messages",
    "export_data": "exporting data by chat",
    "erase_data": "erasing data by chat",
}  # data rights: the privacy steps answer them (pipeline.py); here only when they are off


async def execute(
    session: AsyncSession,
    sender: Sender,
    intent: object,
    now: datetime,
    *,
    allow_negative: bool,
    new_products: frozenset[str] = frozenset(),
) -> Outcome:
    """Do what the intent asks, if the sender's role allows it.

    `new_products` names products the sender has just added for this very sale: they have
    no stock on record yet, so selling them needs no stock question.
    """
    name = str(getattr(intent, "intent", "unknown"))
    currency = sender.business.currency if sender.business else "AED"
    replies = Replies(sender.language, currency)
    role = sender.role or "customer"
    if not allowed(role, name):
        return Outcome.say(replies.render("refused_customer" if role == "customer" else "refused"))
    try:
        return await _run(session, sender, intent, now, allow_negative, new_products, replies)
    except writes.Ask as ask:
        return ask.outcome


async def _run(
    session: AsyncSession,
    sender: Sender,
    intent: object,
    now: datetime,
    allow_negative: bool,
    new_products: frozenset[str],
    replies: Replies,
) -> Outcome:
    if isinstance(intent, IntentBase) and type(intent) in HANDLERS:
        turn = Turn(session, sender, intent, now, replies, allow_negative, new_products)
        return await HANDLERS[type(intent)](turn)
    name = str(getattr(intent, "intent", "unknown"))
    if name == "help":
        if sender.role == "customer":
            shop = sender.customer_of[0][0].name if sender.customer_of else ""
            return Outcome.say(replies.render("help_customer", shop=shop))
        if sender.role != "owner" or sender.business is None:
            return Outcome.say(replies.render("help_staff"))
        return Outcome.say(replies.render("help_owner", **await _examples(session, sender)))
    if name in NOT_YET:
        return Outcome.say(replies.render("not_yet", what=NOT_YET[name]))
    # Unknown.hint is the engine's code ("unsure", "no_match", "empty"), not words for people.
    hint = getattr(intent, "hint", None)
    understood = getattr(intent, "understood", {})
    parties = understood.get("parties") or []
    if hint == "how_much" and parties and sender.business is not None:
        said = parties[0]  # "fatima paid": who, but not how much
        known = await find_party(session, sender.business.id, said)
        kind = known.kind if known is not None else "customer"
        return Outcome.say(replies.render("ask_amount", party=said, kind=kind))
    products = understood.get("products") or []
    if hint == "price" and products and sender.business is not None:  # "how much is the rice?"
        found = await find_product(session, sender.business.id, products[0])
        if found is not None:
            return Outcome.say(
                replies.render(
                    "price_is", product=found.name, price=found.price_minor, unit=found.unit
                )
            )
    if sender.business is not None:  # examples in the shop's own words
        shown = await _examples(session, sender)
        if hint in ("later", "price"):  # a plan, a promise, another shop's price
            return Outcome.say(
                replies.render("not_happened", product=shown["product"], customer=shown["customer"])
            )
        return Outcome.say(
            replies.render(
                "not_understood_here",
                product=shown["product"],
                customer=shown["customer"],
                price=shown["price"],
            )
        )
    return Outcome.say(replies.render("not_understood", hint=None))


# A mobile number as each country writes it after its calling code, for the help text.
EXAMPLE_NUMBERS = {"971": "509998877", "91": "9876543210", "92": "3001234567"}


async def _examples(session: AsyncSession, sender: Sender) -> dict[str, str]:
    """Help examples in this shop's own words: its products, people, prices and country."""
    assert sender.business is not None
    bid = sender.business.id
    goods = [p for p in await products(session, bid) if p.price_minor > 0]
    people = await parties(session, bid)
    customer = next((p.name for p in people if p.kind == "customer"), "")
    supplier = next((p.name for p in people if p.kind == "supplier"), "")
    item = goods[0] if goods else None
    code = calling_code(sender.business.country) or "971"
    return {
        "product": (
            item.aliases[0] if item and item.aliases else item.name if item else "rice"
        ).lower(),
        "customer": customer.split()[0].lower() if customer else "ahmed",
        "supplier": supplier.lower() or "your supplier",
        "price": f"{to_major(item.price_minor, sender.business.currency).normalize():f}"
        if item
        else "40",
        "phone": "+" + code + EXAMPLE_NUMBERS.get(code, "501234567"),
    }


async def _amount_minor(session: AsyncSession, sender: Sender, intent: object) -> int:
    """What a write is worth, to compare with the shop's confirmation threshold."""
    assert sender.business is not None
    currency = sender.business.currency
    if isinstance(intent, RecordSale):
        total = Decimal(0)
        for item in intent.items:
            price = item.unit_price
            if price is None:
                product = await find_product(session, sender.business.id, item.product)
                price = to_major(product.price_minor, currency) if product else Decimal(0)
            total += item.qty * price
        return to_minor(total, currency)
    if isinstance(intent, AddStock):
        return to_minor(
            sum((i.qty * (i.unit_cost or 0) for i in intent.items), Decimal(0)), currency
        )
    if isinstance(intent, RecordPayment | RecordExpense):
        return to_minor(intent.amount, currency)
    if isinstance(intent, VoidInvoice) and intent.invoice.lower() != "last":
        try:
            return (
                await invoice_by_number(session, sender.business.id, intent.invoice)
            ).total_minor
        except LedgerError:
            return 0  # said when it is booked: "there is no invoice …"
    return 0


async def verdict(
    session: AsyncSession,
    sender: Sender,
    text: str,
    result: ParseResult,
    catalog: Catalog,
    via_voice: bool,
    config: CoreConfig,
) -> Verdict:
    """Book it, or read it back first: `intents.doubt.judge`, the decision `hisaab intents
    parse` writes as `ask`, with this shop's threshold. (The pipeline's Policy step has
    refused what the role may not do before this is asked.)"""
    if result.intent.intent not in WRITES:
        return Verdict(())
    party = getattr(result.intent, "party", None)
    if isinstance(party, PartyRef) and party.candidates:
        return Verdict(())  # booking offers the numbered choice of customers: that is the question
    threshold: Decimal | None = None
    if sender.business is not None:
        own = await confirm_threshold(session, sender.business.id)
        currency = sender.business.currency
        threshold = to_major(own, currency) if own is not None else config.confirm_above
    return judge(
        text, result.intent, catalog, result.confidence, via_voice=via_voice, threshold=threshold
    )


async def summary(session: AsyncSession, sender: Sender, intent: object) -> str:
    """One line that reads a write back to the sender before it is booked."""
    currency = sender.business.currency if sender.business else "AED"
    replies = Replies(sender.language, currency)
    amount = await _amount_minor(session, sender, intent) if sender.business else 0
    extra = 0  # handed more than the bill: the rest goes on the account, or back as change
    if isinstance(intent, RecordSale) and isinstance(intent.paid, Decimal) and amount:
        extra = max(0, to_minor(intent.paid, currency) - amount)
    return replies.render("summary", intent=intent, amount=amount, extra=extra)
