"""Reports computed in SQL over indexed columns, in the business's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, func, literal
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .errors import NotFound
from .periods import Period, period, previous
from .tables import Business, Expense, Invoice, InvoiceLine, Party, Product
from .types import Quantity

# Products without their own reorder level count as low at or below this many units.
DEFAULT_REORDER_LEVEL = Decimal(5)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a grouped report."""

    name: str
    qty: Decimal
    total_minor: int


@dataclass(frozen=True, slots=True)
class SalesReport:
    """Sales of a period, with the period before it for comparison."""

    period: Period
    count: int
    total_minor: int
    tax_minor: int
    by_product: tuple[Row, ...]
    by_party: tuple[Row, ...]
    previous_total_minor: int
    previous_count: int
    expenses_minor: int


@dataclass(frozen=True, slots=True)
class ExpenseLine:
    """What was spent on one category in a period."""

    category: str
    count: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class ExpensesReport:
    """Posted expenses of a period, largest category first."""

    period: Period
    total_minor: int
    by_category: tuple[ExpenseLine, ...]


@dataclass(frozen=True, slots=True)
class Due:
    """A party with an open account: `balance_minor` is what they owe the shop, signed."""

    party_id: int
    name: str
    balance_minor: int
    kind: str = "customer"

    @property
    def amount_minor(self) -> int:
        """The open amount, whichever way it runs."""
        return abs(self.balance_minor)


@dataclass(frozen=True, slots=True)
class DuesReport:
    """Who owes the shop (receivables) and whom the shop owes (payables), largest first.

    A party is on one side only, by the sign of its one account: a supplier who bought more
    than the shop owes it is a receivable, a customer with credit a payable.
    """

    owe_you: tuple[Due, ...]
    owe_you_total_minor: int
    you_owe: tuple[Due, ...]
    you_owe_total_minor: int

    @property
    def all(self) -> tuple[Due, ...]:
        """Every open account."""
        return (*self.owe_you, *self.you_owe)


@dataclass(frozen=True, slots=True)
class StockLine:
    """Stock on hand of one product."""

    product_id: int
    name: str
    unit: str
    on_hand: Decimal
    reorder_level: Decimal | None


async def _business(session: AsyncSession, business_id: int) -> Business:
    row = await session.get(Business, business_id)
    if row is None:
        raise NotFound(f"no business {business_id}")
    return row


async def _totals(session: AsyncSession, business_id: int, p: Period) -> tuple[int, int, int]:
    rows = await session.execute(
        select(
            func.count(),  # count(*), not count(id): PostgreSQL then reads only the index
            func.coalesce(func.sum(Invoice.total_minor), 0),
            func.coalesce(func.sum(Invoice.tax_minor), 0),
        ).where(
            Invoice.business_id == business_id,
            Invoice.status == "posted",
            Invoice.issued_at >= p.start,
            Invoice.issued_at < p.end,
        )
    )
    count, total, tax = rows.one()
    return int(count), int(total), int(tax)


async def sales_report(
    session: AsyncSession,
    business_id: int,
    period_name: str,
    now: datetime,
    *,
    product_id: int | None = None,
    party_id: int | None = None,
    top: int = 5,
) -> SalesReport:
    """Sales totals of a period, the top products and customers, and the period before."""
    business = await _business(session, business_id)
    p = period(period_name, now, business.timezone)
    before = previous(p, business.timezone)
    if product_id is None and party_id is None:
        count, total, tax = await _totals(session, business_id, p)
        prev_count, prev_total, _ = await _totals(session, business_id, before)
    else:
        count, total, tax = await _filtered_totals(session, business_id, p, product_id, party_id)
        prev_count, prev_total, _ = await _filtered_totals(
            session, business_id, before, product_id, party_id
        )
    by_product = await _by_product(session, business_id, p, party_id, product_id, top)
    by_party = await _by_party(session, business_id, p, top) if party_id is None else ()
    spent = await spent_by_category(session, business_id, p)
    return SalesReport(
        p,
        count,
        total,
        tax,
        by_product,
        by_party,
        prev_total,
        prev_count,
        sum(line.total_minor for line in spent),
    )


async def spent_by_category(
    session: AsyncSession, business_id: int, p: Period, category: str | None = None
) -> tuple[ExpenseLine, ...]:
    """Posted expenses of a period summed by category (voided ones are left out)."""
    total = func.sum(Expense.amount_minor).label("total")
    query = (
        select(col(Expense.category), func.count(), total)
        .where(
            Expense.business_id == business_id,
            Expense.status == "posted",
            Expense.spent_at >= p.start,
            Expense.spent_at < p.end,
        )
        .group_by(col(Expense.category))
        .order_by(total.desc(), col(Expense.category))
    )
    if category is not None:
        query = query.where(Expense.category == category)
    rows = await session.execute(query)
    return tuple(ExpenseLine(name, int(n), int(t)) for name, n, t in rows)


async def expenses_report(
    session: AsyncSession,
    business_id: int,
    period_name: str,
    now: datetime,
    *,
    category: str | None = None,
) -> ExpensesReport:
    """What the shop spent in a period, in all and by category (or on one category)."""
    business = await _business(session, business_id)
    p = period(period_name, now, business.timezone)
    lines = await spent_by_category(session, business_id, p, category)
    return ExpensesReport(p, sum(line.total_minor for line in lines), lines)


def _id(row_id: int | None) -> int:
    assert row_id is not None, "a row read from the database has its id"
    return row_id


def _line_filter(business_id: int, p: Period) -> list[ColumnElement[bool]]:
    return [
        col(InvoiceLine.business_id) == business_id,
        col(InvoiceLine.voided).is_(False),
        col(InvoiceLine.issued_at) >= p.start,
        col(InvoiceLine.issued_at) < p.end,
    ]


async def _filtered_totals(
    session: AsyncSession, business_id: int, p: Period, product_id: int | None, party_id: int | None
) -> tuple[int, int, int]:
    query = select(
        func.count(func.distinct(InvoiceLine.invoice_id)),
        func.coalesce(func.sum(InvoiceLine.gross_minor), 0),
        func.coalesce(func.sum(InvoiceLine.tax_minor), 0),
    ).where(*_line_filter(business_id, p))
    if product_id is not None:
        query = query.where(InvoiceLine.product_id == product_id)
    if party_id is not None:
        query = query.join(Invoice, col(Invoice.id) == InvoiceLine.invoice_id).where(
            Invoice.party_id == party_id
        )
    count, total, tax = (await session.execute(query)).one()
    return int(count), int(total), int(tax)


async def _by_product(
    session: AsyncSession,
    business_id: int,
    p: Period,
    party_id: int | None,
    product_id: int | None,
    top: int,
) -> tuple[Row, ...]:
    qty = func.sum(InvoiceLine.qty).label("qty")
    total = func.sum(InvoiceLine.gross_minor).label("total")
    # Product by product through ix_line_product_period: each group is one range of the index,
    # so a month of lines is summed without sorting it; only the top few are named after.
    shop_products = select(col(Product.id)).where(Product.business_id == business_id)
    best = (
        select(col(InvoiceLine.product_id), qty, total)
        .where(*_line_filter(business_id, p))
        .where(col(InvoiceLine.product_id).in_(shop_products))
        .group_by(col(InvoiceLine.product_id))
        .order_by(total.desc(), col(InvoiceLine.product_id))
        .limit(top)
    )
    if product_id is not None:
        best = best.where(InvoiceLine.product_id == product_id)
    if party_id is not None:
        best = best.join(Invoice, col(Invoice.id) == InvoiceLine.invoice_id).where(
            Invoice.party_id == party_id
        )
    ranked = best.subquery()
    # Products are never renamed, so the product's name is the name on its lines.
    rows = await session.execute(
        select(col(Product.name), ranked.c.qty, ranked.c.total)
        .join(ranked, ranked.c.product_id == col(Product.id))
        .order_by(ranked.c.total.desc(), col(Product.name))
    )
    return tuple(Row(name, Decimal(q), int(t)) for name, q, t in rows)


async def _by_party(
    session: AsyncSession, business_id: int, p: Period, top: int
) -> tuple[Row, ...]:
    # Sum by party id inside the covering ix_invoice_period, then name only the top few:
    # no Party lookup per invoice, and two customers who share a name stay apart.
    total = func.sum(Invoice.total_minor).label("total")
    best = (
        select(col(Invoice.party_id), func.count().label("count"), total)
        .where(
            Invoice.business_id == business_id,
            Invoice.status == "posted",
            Invoice.issued_at >= p.start,
            Invoice.issued_at < p.end,
        )
        .group_by(col(Invoice.party_id))
        # Walk-ins (no party) left out by an expression, not "party_id IS NOT NULL": SQLite
        # takes that for an index range and walks every invoice with a party
        # (ix_invoice_business_party: 160 ms for today at 300,000 invoices) instead of the
        # period's (the covering ix_invoice_period: a few ms).
        .having(func.coalesce(col(Invoice.party_id), 0) > 0)
        .order_by(total.desc(), col(Invoice.party_id))
        .limit(top)
        .subquery()
    )
    rows = await session.execute(
        select(col(Party.name), best.c.count, best.c.total)
        .join(best, best.c.party_id == col(Party.id))
        .where(Party.business_id == business_id)
        .order_by(best.c.total.desc(), col(Party.name), col(Party.id))
    )
    return tuple(Row(name, Decimal(n), int(t)) for name, n, t in rows)


async def dues_report(
    session: AsyncSession, business_id: int, party_id: int | None = None
) -> DuesReport:
    """Who owes the shop, and whom the shop owes, largest first (one party with `party_id`)."""
    # Plain columns, not Party objects: a shop may have thousands of customers with dues.
    query = select(col(Party.id), col(Party.kind), col(Party.name), col(Party.balance_minor))
    if party_id is None:
        query = query.where(Party.business_id == business_id, Party.balance_minor != 0)
    else:
        query = query.where(Party.business_id == business_id, Party.id == party_id)
    rows = await session.execute(query.order_by(col(Party.name), col(Party.id)))
    dues = [Due(pid, name, balance, kind) for pid, kind, name, balance in rows if pid is not None]
    owe_you = sorted((d for d in dues if d.balance_minor > 0), key=lambda d: -d.amount_minor)
    you_owe = sorted((d for d in dues if d.balance_minor < 0), key=lambda d: -d.amount_minor)
    return DuesReport(
        tuple(owe_you),
        sum(d.amount_minor for d in owe_you),
        tuple(you_owe),
        sum(d.amount_minor for d in you_owe),
    )


async def stock_report(
    session: AsyncSession,
    business_id: int,
    *,
    product_id: int | None = None,
    low_only: bool = False,
) -> tuple[StockLine, ...]:
    """Stock on hand; low_only keeps products at or below their reorder level."""
    query = select(Product).where(Product.business_id == business_id, col(Product.active).is_(True))
    if product_id is not None:
        query = query.where(Product.id == product_id)
    if low_only:
        level = func.coalesce(Product.reorder_level, literal(DEFAULT_REORDER_LEVEL, Quantity()))
        query = query.where(Product.on_hand <= level)
    rows = await session.execute(query.order_by(col(Product.name)))
    return tuple(
        StockLine(_id(p.id), p.name, p.unit, p.on_hand, p.reorder_level) for p in rows.scalars()
    )


async def stock_value(session: AsyncSession, business_id: int) -> tuple[int, int]:
    """Stock on hand valued at (cost where known else price, list price), in minor units."""
    rows = await session.execute(
        select(col(Product.on_hand), col(Product.price_minor), col(Product.cost_minor)).where(
            Product.business_id == business_id, col(Product.active).is_(True), Product.on_hand > 0
        )
    )
    at_cost = at_price = 0
    for on_hand, price, cost in rows:
        at_price += int(on_hand * price)
        at_cost += int(on_hand * (cost if cost is not None else price))
    return at_cost, at_price
