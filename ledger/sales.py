"""Selling: invoices with gapless numbers, paid, part-paid or on credit; and voiding them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Select, bindparam, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import col, select

from .catalog import lock_products
from .catalog import party as get_party
from .catalog import product as get_product
from .db import table
from .errors import AlreadyVoid, InsufficientStock, InvalidInput, NotFound
from .hot import prebuilt
from .operations import record_operation
from .payments import METHODS, release_allocations
from .places import gst_place
from .sale_writes import SaleRows, write_sale
from .shop import ShopTerms, remember_terms
from .tables import (
    Business,
    Invoice,
    InvoiceLine,
    Operation,
    Party,
    Payment,
    Product,
    StockMove,
)
from .tax import line_amounts
from .types import qty_to_int, utcnow
from .views import InvoiceLineView

Paid = Literal["full", "credit"] | int


@dataclass(frozen=True, slots=True)
class SaleItem:
    """One thing sold: a catalog product, how many, and the price if not the list price."""

    product_id: int
    qty: Decimal
    unit_price_minor: int | None = None


@dataclass(frozen=True, slots=True)
class SaleResult:
    """What a sale booked."""

    invoice_id: int
    number: str
    operation_id: int
    total_minor: int
    paid_minor: int
    due_minor: int  # unpaid part of this invoice
    party_name: str
    party_balance_minor: int  # the buyer's account after: what they owe the shop (<0: owed)
    low_stock: tuple[str, ...]  # products now at or below their reorder level
    party_kind: str = "customer"
    lines: tuple[InvoiceLineView, ...] = ()  # as printed: the reply needs no read-back of them


_PRODUCT, _PARTY, _BUSINESS = table(Product), table(Party), table(Business)
_PRODUCT_COLUMNS = (
    _PRODUCT.c.id,
    _PRODUCT.c.name,
    _PRODUCT.c.unit,
    _PRODUCT.c.price_minor,
    _PRODUCT.c.tax_rate,
    _PRODUCT.c.on_hand,
    _PRODUCT.c.reorder_level,
    _PRODUCT.c.hsn,
)
_TERMS_COLUMNS = tuple(_BUSINESS.c[name] for name in ShopTerms.__dataclass_fields__)
_BUYER_COLUMNS = (
    _PARTY.c.id,
    _PARTY.c.kind,
    _PARTY.c.name,
    _PARTY.c.state,
    _PARTY.c.tax_id,
    _PARTY.c.balance_minor,
)
_TERMS_AT = slice(len(_PRODUCT_COLUMNS), len(_PRODUCT_COLUMNS) + len(_TERMS_COLUMNS))
_BUYER_AT = slice(_TERMS_AT.stop, None)


class _Buyer(NamedTuple):
    """What a sale needs of its buyer."""

    id: int
    kind: str
    name: str
    state: str
    tax_id: str
    balance_minor: int


@lru_cache(maxsize=64)
def _sale_reads(products: int, buyer: bool) -> Select[Any]:
    """What a sale reads before it writes, in one statement: each product sold (locked, in id
    order: the lock order of the books, catalog.lock_products), the shop's terms beside each,
    and the buyer (locked before their balance moves) when there is one. One round trip, not
    three: on PostgreSQL each is one (docs/benchmarks.md). Core rows, not ORM objects: loading
    a product as an object was the costliest statement of a sale (#16).

    Built once per count of products, with a parameter each (`p0`, `p1` …) rather than a list
    that SQLAlchemy expands into SQL at every call: the statement is the same each time, so it
    runs as a plan on SQLite (hot.py) and as one prepared statement on PostgreSQL."""
    wanted: list[BindParameter[Any]] = [bindparam(f"p{i}") for i in range(products)]
    chosen = _PRODUCT.c.id == wanted[0] if products == 1 else _PRODUCT.c.id.in_(wanted)
    columns = _PRODUCT_COLUMNS + _TERMS_COLUMNS + (_BUYER_COLUMNS if buyer else ())
    joined = _PRODUCT.join(_BUSINESS, _BUSINESS.c.id == _PRODUCT.c.business_id)
    if buyer:  # the shop's own party only: no row at all when it is not
        joined = joined.join(
            _PARTY,
            (_PARTY.c.id == bindparam("party")) & (_PARTY.c.business_id == _PRODUCT.c.business_id),
        )
    statement = (
        sa_select(*columns)
        .select_from(joined)
        .where(_PRODUCT.c.business_id == bindparam("bid"), chosen)
        .order_by(_PRODUCT.c.id)
        .with_for_update(of=[_PRODUCT, _PARTY] if buyer else [_PRODUCT])
    )
    return prebuilt(statement)


# Only when a sale's read found nothing: which of its names is not the shop's.
_PARTY_OF = prebuilt(
    sa_select(_PARTY.c.id).where(
        _PARTY.c.id == bindparam("pid"), _PARTY.c.business_id == bindparam("bid")
    )
)


def _settle(paid: Paid, total: int) -> int:
    if paid == "full":
        return total
    if paid == "credit":
        return 0
    if not isinstance(paid, int) or paid < 0:
        raise InvalidInput("the amount paid must be zero or more")
    if paid > total:
        raise InvalidInput("the amount paid is more than the bill")
    return paid


def _interstate(business: ShopTerms, party: _Buyer | None) -> bool:
    """Whether GST on this sale is IGST: the buyer's place is known and is another state.
    Places compare by GST state code, so "MH", "27" and "Maharashtra" are one state; outside
    India the stored texts are compared as they are (no tax depends on it)."""
    if party is None or (not party.state.strip() and not party.tax_id):
        return False
    if business.country.upper() != "IN":
        return bool(party.state and business.state and party.state != business.state)
    shop, buyer = gst_place(business.state, business.tax_id), gst_place(party.state, party.tax_id)
    return bool(shop and buyer and shop != buyer)


def _tell_held(
    session: AsyncSession, model: type[Product | Party], row_id: int, column: str, value: object
) -> None:
    """A row this transaction holds as an object (added a moment ago for this sale) is told
    the value an UPDATE just wrote, as committed: no flush writes it again."""
    held = session.sync_session.identity_map.get(identity_key(model, row_id))
    if held is not None:
        set_committed_value(held, column, value)


async def sell(
    session: AsyncSession,
    business_id: int,
    items: list[SaleItem],
    *,
    party_id: int | None = None,
    paid: Paid = "full",
    method: str = "",
    member_id: int | None = None,
    at: datetime | None = None,
    allow_negative_stock: bool = False,
) -> SaleResult:
    """Book a sale: invoice, lines, stock moves and any payment, in the caller's transaction.

    Every refusal (InvalidInput, InsufficientStock, NotFound) comes before the first write, so
    a caller may try again with other terms without a savepoint (the conversation's sale does).
    """
    if not items:
        raise InvalidInput("a sale needs at least one item")
    if method not in METHODS:
        raise InvalidInput(f"method must be one of {', '.join(m for m in METHODS if m)}")
    if party_id is None and paid != "full":
        raise InvalidInput("a sale on credit needs a customer name")
    when = at or utcnow()
    ids = sorted({item.product_id for item in items})
    buyer = party_id is not None
    params = {"bid": business_id, "party": party_id} | {f"p{i}": pid for i, pid in enumerate(ids)}
    found = (await session.execute(_sale_reads(len(ids), buyer), params)).all()
    if not found:
        if buyer:
            known = {"pid": party_id, "bid": business_id}
            if (await session.execute(_PARTY_OF, known)).first() is None:
                raise NotFound(f"no party {party_id}")
        raise NotFound(f"no product {ids[0]}")  # (never another shop's)
    locked = {row.id: row for row in found}
    business = ShopTerms(*found[0][_TERMS_AT])
    remember_terms(session, business_id, business)
    party = _Buyer(*found[0][_BUYER_AT]) if buyer else None
    interstate = _interstate(business, party)
    products = []
    shortages = []
    for item in items:
        if item.qty <= 0:
            raise InvalidInput("quantities must be more than zero")
        qty_to_int(item.qty)  # refuse more than 3 decimals before anything is written
        if item.unit_price_minor is not None and item.unit_price_minor < 0:
            raise InvalidInput("a price cannot be negative")
        product = locked.get(item.product_id)
        if product is None:
            raise NotFound(f"no product {item.product_id}")  # (never another shop's)
        products.append(product)
        wanted = sum((i.qty for i in items if i.product_id == item.product_id), Decimal(0))
        if product.on_hand < wanted and not allow_negative_stock:
            shortages.append((product.name, product.on_hand, wanted))
    if shortages:
        raise InsufficientStock(list(dict.fromkeys(shortages)))

    lines = []
    for item, product in zip(items, products, strict=True):
        price = product.price_minor if item.unit_price_minor is None else item.unit_price_minor
        rate = business.tax_rate if product.tax_rate is None else product.tax_rate
        amounts = line_amounts(item.qty, price, rate, inclusive=business.prices_include_tax)
        lines.append((item, product, price, rate, amounts))
    total = sum(amounts.gross_minor for *_, amounts in lines)
    paid_minor = _settle(paid, total)

    year = when.astimezone(ZoneInfo(business.timezone)).year
    taken: dict[int, Decimal] = {}
    for item, product in zip(items, products, strict=True):
        taken[product.id] = taken.get(product.id, Decimal(0)) + item.qty
    owed = total - paid_minor
    rows = SaleRows(
        invoice={
            "business_id": business_id,
            "year": year,
            "party_id": party_id,
            "member_id": member_id,
            "issued_at": when,
            "interstate": interstate,
            "subtotal_minor": sum(amounts.net_minor for *_, amounts in lines),
            "tax_minor": sum(amounts.tax_minor for *_, amounts in lines),
            "total_minor": total,
            "paid_minor": paid_minor,  # the payment below and its allocation
        },
        lines=[
            {
                "business_id": business_id,
                "product_id": product.id,
                "description": product.name,
                "qty": item.qty,
                "unit": product.unit,
                "unit_price_minor": price,
                "tax_rate": rate,
                "net_minor": amounts.net_minor,
                "tax_minor": amounts.tax_minor,
                "gross_minor": amounts.gross_minor,
                "issued_at": when,
                "voided": False,
            }
            for item, product, price, rate, amounts in lines
        ],
        moves=[
            {
                "business_id": business_id,
                "product_id": product.id,
                "qty": -item.qty,
                "kind": "sale",
                "reason": "",
                "moved_at": when,
            }
            for item, product, *_ in lines
        ],
        taken=taken,
        payment=None
        if not paid_minor
        else {
            "business_id": business_id,
            "party_id": party_id,
            "direction": "in",
            "amount_minor": paid_minor,
            "method": method,
            "paid_at": when,
        },
        owed=(party.id, owed) if party is not None and owed else None,
        operation={"business_id": business_id, "member_id": member_id, "kind": "sale"},
    )
    invoice_id, number, operation_id = await write_sale(session, rows)
    for pid, row in locked.items():
        _tell_held(session, Product, pid, "on_hand", row.on_hand - taken[pid])
    balance = party.balance_minor + owed if party is not None else 0
    if party is not None and owed:
        _tell_held(session, Party, party.id, "balance_minor", balance)
    low = tuple(
        p.name
        for p in products
        if p.reorder_level is not None and p.on_hand - taken[p.id] <= p.reorder_level
    )
    return SaleResult(
        invoice_id=invoice_id,
        number=number,
        operation_id=operation_id,
        total_minor=total,
        paid_minor=paid_minor,
        due_minor=total - paid_minor,
        party_name=party.name if party else "",
        party_balance_minor=balance,
        low_stock=tuple(dict.fromkeys(low)),
        party_kind=party.kind if party else "customer",
        lines=tuple(
            InvoiceLineView(
                product=product.name,
                qty=item.qty,
                unit=product.unit,
                unit_price_minor=price,
                tax_rate=rate,
                net_minor=amounts.net_minor,
                tax_minor=amounts.tax_minor,
                gross_minor=amounts.gross_minor,
                hsn=product.hsn or "",
            )
            for item, product, price, rate, amounts in lines
        ),
    )


@dataclass(frozen=True, slots=True)
class Voided:
    """What voiding an invoice did with the money paid on it."""

    invoice_id: int
    number: str
    party_id: int | None
    refunded_minor: int  # paid at the sale: given back with the goods
    credited_minor: int  # paid later against it: now the party's credit


async def void_invoice(
    session: AsyncSession, business_id: int, invoice_id: int, *, reason: str = ""
) -> Voided:
    """Void an invoice: reverse its stock moves, refund what was paid at the sale, and what
    was paid on it later becomes the party's credit (their payments still stand)."""
    invoice = await session.get(Invoice, invoice_id, with_for_update=True)
    if invoice is None or invoice.business_id != business_id:
        raise NotFound(f"no invoice {invoice_id}")
    if invoice.status == "void":
        raise AlreadyVoid(f"{invoice.number} is already void")
    now = utcnow()
    invoice.status = "void"
    invoice.void_reason = reason
    invoice.voided_at = now
    await session.execute(
        update(InvoiceLine).where(col(InvoiceLine.invoice_id) == invoice_id).values(voided=True)
    )
    moves = await session.execute(
        select(StockMove).where(StockMove.invoice_id == invoice_id, StockMove.kind == "sale")
    )
    sale_moves = list(moves.scalars())
    await lock_products(session, business_id, [move.product_id for move in sale_moves])
    for move in sale_moves:
        session.add(
            StockMove(
                business_id=business_id,
                product_id=move.product_id,
                qty=-move.qty,
                kind="reversal",
                invoice_id=invoice_id,
                reverses_id=move.id,
                moved_at=now,
            )
        )
        product = await get_product(session, business_id, move.product_id)
        product.on_hand -= move.qty
    refunded = 0
    sale_payments = await session.execute(
        select(Payment).where(Payment.invoice_id == invoice_id, Payment.status == "posted")
    )
    for payment in sale_payments.scalars():
        payment.status = "void"
        refunded += payment.amount_minor
    credited = max(0, invoice.paid_minor - refunded)
    await release_allocations(session, invoice_id=invoice_id)
    if invoice.party_id is not None:
        party = await get_party(session, business_id, invoice.party_id, lock=True)
        party.balance_minor -= invoice.total_minor - refunded
    await session.flush()
    return Voided(invoice_id, invoice.number, invoice.party_id, refunded, credited)


async def last_invoice_number(session: AsyncSession, business_id: int) -> str | None:
    """The number of the shop's newest invoice not voided ("the last invoice"), or None."""
    rows = await session.execute(
        select(Invoice.number)
        .where(Invoice.business_id == business_id, Invoice.status != "void")
        .order_by(col(Invoice.id).desc())
        .limit(1)
    )
    return rows.scalars().first()


async def void_by_number(
    session: AsyncSession, business_id: int, number: str, member_id: int | None = None
) -> Voided:
    """Void a named invoice ("INV-2026-0012") or the newest one ("last"): stock comes back, the
    unpaid part leaves the customer's balance, and undo no longer offers the sale."""
    if number.lower() == "last":
        rows = await session.execute(
            select(Invoice)
            .where(Invoice.business_id == business_id, Invoice.status != "void")
            .order_by(col(Invoice.id).desc())
            .limit(1)
        )
        invoice = rows.scalars().first()
        if invoice is None:
            raise NotFound("there is no invoice to cancel")
    else:
        invoice = await invoice_by_number(session, business_id, number)
    assert invoice.id is not None
    voided = await void_invoice(session, business_id, invoice.id, reason="voided by chat")
    await session.execute(
        update(Operation)
        .where(
            col(Operation.business_id) == business_id,
            col(Operation.invoice_id) == invoice.id,
            col(Operation.undone_at).is_(None),
        )
        .values(undone_at=utcnow())
    )
    # The cancellation is itself an operation: undo re-issues the sale (see reissue).
    await record_operation(session, business_id, member_id, "void", invoice_id=invoice.id)
    return voided


async def reissue(
    session: AsyncSession, business_id: int, invoice_id: int, member_id: int | None
) -> SaleResult:
    """Book a cancelled invoice's sale again, as a new invoice that replaces it (numbers are
    never reused): the same lines and customer; what was paid at the sale, paid again."""
    old = await session.get(Invoice, invoice_id)
    if old is None or old.business_id != business_id or old.status != "void":
        raise NotFound("that cancellation cannot be undone")
    lines = await session.execute(
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id == invoice_id)
        .order_by(col(InvoiceLine.id))
    )
    items = [
        SaleItem(line.product_id, line.qty, line.unit_price_minor)
        for line in lines.scalars()
        if line.product_id is not None
    ]
    refunded = await session.execute(
        select(Payment.amount_minor, Payment.method).where(Payment.invoice_id == invoice_id)
    )
    paid_rows = refunded.all()
    paid_back = sum(amount for amount, _ in paid_rows)
    method = next((how for _, how in paid_rows if how), "")
    paid: Paid = "full" if paid_back >= old.total_minor else paid_back or "credit"
    if old.party_id is None:
        paid = "full"
    result = await sell(
        session,
        business_id,
        items,
        party_id=old.party_id,
        paid=paid,
        method=method,
        member_id=member_id,
        allow_negative_stock=True,
    )
    await session.execute(
        update(Invoice).where(col(Invoice.id) == result.invoice_id).values(replaces_id=invoice_id)
    )
    return result


async def invoice_by_number(session: AsyncSession, business_id: int, number: str) -> Invoice:
    """An invoice of this business by its number (case-insensitive)."""
    rows = await session.execute(
        select(Invoice).where(Invoice.business_id == business_id, Invoice.number == number.upper())
    )
    invoice = rows.scalars().first()
    if invoice is None:
        raise NotFound(f"no invoice {number}")
    return invoice
