"""Writes to the books from intents: sales, stock, prices, payments, expenses."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import (
    AddProduct,
    AddStock,
    AdjustStock,
    Intent,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SetPrice,
)
from intents.slots import PartyRef
from ledger import (
    InsufficientStock,
    InvalidInput,
    PartyView,
    ReceiveItem,
    SaleItem,
    add_party,
    add_product,
    adjust_stock,
    find_party,
    find_product,
    receive_stock,
    record_expense,
    record_payment,
    sell,
    set_price,
    to_minor,
)
from ledger.sales import Paid
from ledger.stock import usual_terms

from ..replies import Replies
from ..sender import Sender
from .outcome import Outcome
from .questions import AskPrice, ChooseParty, NegativeStock, NewProduct, PurchaseTerms


class Ask(Exception):
    """A question must be asked before the write can go on."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        super().__init__("question")


def _business_id(sender: Sender) -> int:
    assert sender.business is not None
    return sender.business.id


async def resolve_party(
    session: AsyncSession, sender: Sender, ref: PartyRef, intent: Intent, kind: str, create: bool
) -> tuple[PartyView, bool]:
    """The party a name refers to; asks when ambiguous, creates a new one when allowed."""
    replies = Replies(sender.language)
    bid = _business_id(sender)
    if len(ref.candidates) > 1 and not ref.matched:
        question = ChooseParty(list(ref.candidates), intent, business_id=bid)
        raise Ask(
            Outcome.say(
                replies.render("ask_choice", name=ref.name, candidates=list(ref.candidates)),
                pending=question,
            )
        )
    party = await find_party(session, bid, ref.name)
    if party is not None:
        return party, False
    if not create:
        raise Ask(Outcome.say(replies.render("not_understood", hint=f"no one called {ref.name}")))
    return await add_party(session, bid, name=ref.name, kind=kind), True


async def _product_id(
    session: AsyncSession, sender: Sender, name: str, price: Decimal | None, intent: Intent
) -> int:
    found = await find_product(session, _business_id(sender), name)
    if found is not None:
        return found.id
    replies = Replies(sender.language, sender.business.currency if sender.business else "AED")
    bid = _business_id(sender)
    if price is None:
        raise Ask(
            Outcome.say(
                replies.render("ask_price", product=name),
                pending=AskPrice(name, intent, business_id=bid),
            )
        )
    currency = sender.business.currency if sender.business else "AED"
    price_minor = to_minor(price, currency)
    raise Ask(
        Outcome.say(
            replies.render("ask_new_product", product=name, price=price_minor),
            pending=NewProduct(name, price_minor, intent, business_id=bid),
        )
    )


def _when(day: date | None, sender: Sender, now: datetime) -> datetime | None:
    if day is None or day == now.astimezone(sender.zone).date():
        return None
    return datetime.combine(day, time(12), sender.zone)


async def do_sale(
    session: AsyncSession,
    sender: Sender,
    intent: RecordSale,
    now: datetime,
    *,
    allow_negative: bool = False,
    new_products: frozenset[str] = frozenset(),
) -> Outcome:
    """Book a sale, or ask about an unknown product, an unclear customer or missing stock."""
    assert sender.business is not None and sender.member is not None
    replies = Replies(sender.language, sender.business.currency)
    currency = sender.business.currency
    items = []
    for item in intent.items:
        product_id = await _product_id(session, sender, item.product, item.unit_price, intent)
        price = None if item.unit_price is None else to_minor(item.unit_price, currency)
        items.append(SaleItem(product_id, item.qty, price))
    party, new_party = None, False
    if intent.party is not None:
        party, new_party = await resolve_party(
            session, sender, intent.party, intent, "customer", create=True
        )
    paid: Paid = "full"
    if intent.paid == "credit":
        paid = "credit"
    elif isinstance(intent.paid, Decimal):
        paid = to_minor(intent.paid, currency)
    book = partial(
        sell,
        session,
        sender.business.id,
        items,
        party_id=party.id if party else None,
        paid=paid,
        method=intent.method or "",
        member_id=sender.member.id,
        at=_when(intent.date, sender, now),
    )
    extra = 0
    try:
        try:
            # No savepoint: `sell` refuses (InvalidInput, InsufficientStock) before it writes.
            result = await book(allow_negative_stock=allow_negative)
        except InvalidInput:
            if not isinstance(paid, int):
                raise
            # Handed more than the bill ("1 oil, 500 diye"): the sale is paid in full, and the
            # rest is a payment on the customer's account, or a walk-in's change given back.
            # It was read back first, naming the rest (intents.doubt: overpaid), so this is
            # what the owner said yes to. Any other refusal is said, and nothing booked.
            async with session.begin_nested():
                result = await book(allow_negative_stock=allow_negative, paid="full")
                extra = paid - result.total_minor
                if extra <= 0:
                    raise
    except InsufficientStock as exc:
        short = [s for s in exc.shortages if s[0] not in new_products]
        if short:
            return Outcome.say(
                replies.render("negative_stock", shortages=short),
                pending=NegativeStock(intent, business_id=sender.business.id),
            )
        # Only products added a moment ago for this sale are short: they have no stock yet,
        # and the owner has just said yes to selling them. sell() wrote nothing before raising.
        result = await book(allow_negative_stock=True)
    lines = result.lines
    texts = [
        replies.render(
            "sale_recorded",
            number=result.number,
            lines=lines,
            total=result.total_minor,
            paid=result.paid_minor,
            due=result.due_minor,
            party=result.party_name,
            balance=result.party_balance_minor,
            kind=result.party_kind,
            new_party=new_party,
            low_stock=list(result.low_stock),
        )
    ]
    if extra > 0 and party is not None:
        on_account = await record_payment(
            session,
            sender.business.id,
            party_id=party.id,
            amount_minor=extra,
            direction="in",
            method=intent.method or "",
            member_id=sender.member.id,
        )
        texts.append(
            replies.render(
                "payment_recorded",
                party=on_account.party_name,
                amount=on_account.amount_minor,
                direction="in",
                balance=on_account.balance_after_minor,
                kind=party.kind,
            )
        )
    if result.due_minor > 0 and result.party_name:
        texts.append(replies.render("offer_invoice", party=result.party_name))
    return Outcome.say(*texts)


async def do_add_stock(session: AsyncSession, sender: Sender, intent: AddStock) -> Outcome:
    """Receive stock, optionally from a supplier at a cost."""
    assert sender.business is not None and sender.member is not None
    currency = sender.business.currency
    items = []
    for item in intent.items:
        product_id = await _product_id(session, sender, item.product, None, intent)
        cost = None if item.unit_cost is None else to_minor(item.unit_cost, currency)
        items.append(ReceiveItem(product_id, item.qty, cost))
    supplier = None
    if intent.party is not None:
        supplier, _ = await resolve_party(
            session, sender, intent.party, intent, "supplier", create=True
        )
    paid: Paid | None = None
    if intent.paid == "full":
        paid = "full"
    elif intent.paid == "credit":
        paid = "credit"
    elif isinstance(intent.paid, Decimal):
        paid = to_minor(intent.paid, currency)
    if supplier is not None and paid is None and any(i.unit_cost_minor for i in items):
        # No payment word: ask. Copying the last delivery's terms booked a paid delivery on
        # credit in the day trial; the last terms are offered as a hint, never assumed.
        last = await usual_terms(session, sender.business.id, supplier.id)
        raise Ask(
            Outcome.say(
                Replies(sender.language, currency).render(
                    "ask_purchase_terms", supplier=supplier.name, last=last or ""
                ),
                pending=PurchaseTerms(intent, business_id=sender.business.id),
            )
        )
    result = await receive_stock(
        session,
        sender.business.id,
        items,
        supplier_id=supplier.id if supplier else None,
        paid=paid,
        member_id=sender.member.id,
    )
    replies = Replies(sender.language, currency)
    return Outcome.say(
        replies.render(
            "stock_received",
            levels=list(result.on_hand),
            cost=result.cost_minor,
            supplier=supplier.name if supplier else "",
            balance=result.supplier_balance_minor,
            kind=supplier.kind if supplier else "supplier",
        )
    )


async def do_adjust(session: AsyncSession, sender: Sender, intent: AdjustStock) -> Outcome:
    """A loss or a stock count."""
    assert sender.business is not None and sender.member is not None
    product_id = await _product_id(session, sender, intent.product.name, None, intent)
    result = await adjust_stock(
        session,
        sender.business.id,
        product_id,
        change=intent.qty,
        set_to=intent.set_to,
        reason=intent.reason or ("count" if intent.set_to is not None else "other"),
        member_id=sender.member.id,
    )
    name, on_hand = result.on_hand[0]
    return Outcome.say(
        Replies(sender.language).render("stock_adjusted", product=name, on_hand=on_hand)
    )


async def do_add_product(session: AsyncSession, sender: Sender, intent: AddProduct) -> Outcome:
    """A new catalog product."""
    assert sender.business is not None and sender.member is not None
    replies = Replies(sender.language, sender.business.currency)
    if intent.unit_price is None:
        unit = intent.unit or "piece"
        question = AskPrice(intent.product, None, unit, business_id=sender.business.id)
        return Outcome.say(replies.render("ask_price", product=intent.product), pending=question)
    product = await add_product(
        session,
        sender.business.id,
        name=intent.product,
        price_minor=to_minor(intent.unit_price, sender.business.currency),
        unit=intent.unit or "piece",
        member_id=sender.member.id,
    )
    return Outcome.say(
        replies.render(
            "product_added", product=product.name, price=product.price_minor, unit=product.unit
        )
    )


async def do_set_price(session: AsyncSession, sender: Sender, intent: SetPrice) -> Outcome:
    """A new list price."""
    assert sender.business is not None and sender.member is not None
    product_id = await _product_id(session, sender, intent.product.name, intent.unit_price, intent)
    price = to_minor(intent.unit_price, sender.business.currency)
    await set_price(session, sender.business.id, product_id, price, member_id=sender.member.id)
    replies = Replies(sender.language, sender.business.currency)
    return Outcome.say(replies.render("price_set", product=intent.product.name, price=price))


async def do_payment(session: AsyncSession, sender: Sender, intent: RecordPayment) -> Outcome:
    """Money in from a customer or out to a supplier."""
    assert sender.business is not None and sender.member is not None
    kind = "customer" if intent.direction == "in" else "supplier"
    party, _ = await resolve_party(session, sender, intent.party, intent, kind, create=False)
    result = await record_payment(
        session,
        sender.business.id,
        party_id=party.id,
        amount_minor=to_minor(intent.amount, sender.business.currency),
        direction=intent.direction,
        method=intent.method or "",
        member_id=sender.member.id,
    )
    replies = Replies(sender.language, sender.business.currency)
    return Outcome.say(
        replies.render(
            "payment_recorded",
            party=result.party_name,
            amount=result.amount_minor,
            direction=result.direction,
            balance=result.balance_after_minor,
            kind=party.kind,
        )
    )


async def do_expense(session: AsyncSession, sender: Sender, intent: RecordExpense) -> Outcome:
    """Money spent running the shop."""
    assert sender.business is not None and sender.member is not None
    amount = to_minor(intent.amount, sender.business.currency)
    await record_expense(
        session,
        sender.business.id,
        amount_minor=amount,
        category=intent.category,
        note=intent.note or "",
        member_id=sender.member.id,
    )
    replies = Replies(sender.language, sender.business.currency)
    return Outcome.say(replies.render("expense_recorded", amount=amount, category=intent.category))
