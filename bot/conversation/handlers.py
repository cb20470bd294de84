"""Which code answers which intent: one registry, keyed by the intent's class.

Each handler takes a `Turn` (the session, the sender, the typed intent and the moment) and
returns an `Outcome`. `dispatch.execute` checks the role first (policy.py), then looks the
handler up here; an intent with no handler is answered "not yet". Adding an intent is adding
one decorated function, not a branch in a ladder of isinstance checks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import (
    AddParty,
    AddProduct,
    AddStaff,
    AddStock,
    AdjustStock,
    ExportBooks,
    IntentBase,
    QueryDues,
    QueryExpenses,
    QueryProfit,
    QuerySales,
    QueryStock,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SendInvoice,
    SendStatement,
    SetPrice,
    TaxReport,
    Undo,
    VoidInvoice,
)

from ..replies import Replies
from ..sender import Sender
from . import accounts, month_end, reads, statements, voids, writes
from .outcome import Outcome

IntentT = TypeVar("IntentT", bound=IntentBase)


@dataclass(frozen=True, slots=True)
class Turn(Generic[IntentT]):
    """One authorized intent to carry out, with what every handler may need."""

    session: AsyncSession
    sender: Sender
    intent: IntentT
    now: datetime
    replies: Replies
    allow_negative: bool = False  # sell beyond the stock on record (the owner said yes)
    new_products: frozenset[str] = frozenset()  # added for this very sale: no stock yet


Handler = Callable[[Turn[Any]], Awaitable[Outcome]]
HANDLERS: dict[type[IntentBase], Handler] = {}


TypedHandler = Callable[[Turn[IntentT]], Awaitable[Outcome]]


def handles(kind: type[IntentT]) -> Callable[[TypedHandler[IntentT]], Handler]:
    """Register the decorated function as the handler of one intent class."""

    def register(handler: TypedHandler[IntentT]) -> Handler:
        if kind in HANDLERS:
            raise ValueError(f"{kind.__name__} has a handler already")
        HANDLERS[kind] = handler
        return handler

    return register


@handles(RecordSale)
async def _sale(t: Turn[RecordSale]) -> Outcome:
    return await writes.do_sale(
        t.session,
        t.sender,
        t.intent,
        t.now,
        allow_negative=t.allow_negative,
        new_products=t.new_products,
    )


@handles(AddStock)
async def _add_stock(t: Turn[AddStock]) -> Outcome:
    return await writes.do_add_stock(t.session, t.sender, t.intent)


@handles(AdjustStock)
async def _adjust(t: Turn[AdjustStock]) -> Outcome:
    return await writes.do_adjust(t.session, t.sender, t.intent)


@handles(AddProduct)
async def _add_product(t: Turn[AddProduct]) -> Outcome:
    return await writes.do_add_product(t.session, t.sender, t.intent)


@handles(SetPrice)
async def _set_price(t: Turn[SetPrice]) -> Outcome:
    return await writes.do_set_price(t.session, t.sender, t.intent)


@handles(RecordPayment)
async def _payment(t: Turn[RecordPayment]) -> Outcome:
    return await writes.do_payment(t.session, t.sender, t.intent)


@handles(RecordExpense)
async def _expense(t: Turn[RecordExpense]) -> Outcome:
    return await writes.do_expense(t.session, t.sender, t.intent)


@handles(VoidInvoice)
async def _void(t: Turn[VoidInvoice]) -> Outcome:
    return await voids.void_invoice(t.session, t.sender, t.intent)


@handles(QuerySales)
async def _sales(t: Turn[QuerySales]) -> Outcome:
    if t.intent.chart:
        return await month_end.sales_chart(t.session, t.sender, t.intent, t.now)
    return await reads.query_sales(t.session, t.sender, t.intent, t.now)


@handles(QueryExpenses)
async def _expenses(t: Turn[QueryExpenses]) -> Outcome:
    return await accounts.query_expenses(t.session, t.sender, t.intent, t.now)


@handles(QueryProfit)
async def _profit(t: Turn[QueryProfit]) -> Outcome:
    return await accounts.query_profit(t.session, t.sender, t.intent, t.now)


@handles(QueryStock)
async def _stock(t: Turn[QueryStock]) -> Outcome:
    return await reads.query_stock(t.session, t.sender, t.intent)


@handles(QueryDues)
async def _dues(t: Turn[QueryDues]) -> Outcome:
    return await reads.query_dues(t.session, t.sender, t.intent)


@handles(SendInvoice)
async def _invoice(t: Turn[SendInvoice]) -> Outcome:
    return await reads.send_invoice(t.session, t.sender, t.intent)


@handles(AddStaff)
async def _staff(t: Turn[AddStaff]) -> Outcome:
    return await reads.add_staff(t.session, t.sender, t.intent)


@handles(AddParty)
async def _party(t: Turn[AddParty]) -> Outcome:
    return await accounts.add_customer_or_supplier(t.session, t.sender, t.intent)


@handles(SendStatement)
async def _statement(t: Turn[SendStatement]) -> Outcome:
    if t.sender.role == "customer" and t.intent.party is not None:
        own = [party.name for _, party in t.sender.customer_of]
        if not any(reads.is_self(t.intent.party.name, name) for name in own):
            return Outcome.say(t.replies.render("refused_customer"))
    return await statements.send_statement(t.session, t.sender, t.intent, t.now)


@handles(Undo)
async def _undo(t: Turn[Undo]) -> Outcome:
    return await reads.undo(t.session, t.sender)


@handles(ExportBooks)
async def _export(t: Turn[ExportBooks]) -> Outcome:
    return await month_end.export_books(t.session, t.sender, t.intent, t.now)


@handles(TaxReport)
async def _tax(t: Turn[TaxReport]) -> Outcome:
    return await month_end.tax_report(t.session, t.sender, t.intent, t.now)
