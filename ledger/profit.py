"""Profit of a period: sales net of tax, less the cost of what was sold, less expenses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from .errors import NotFound
from .money import round_half_up
from .periods import Period, period
from .reports import spent_by_category
from .tables import Business, Invoice, InvoiceLine, Product, Purchase, StockMove
from .types import QTY_SCALE


@dataclass(frozen=True, slots=True)
class ProfitReport:
    """A period's profit; sales whose cost is not known are counted apart, never guessed."""

    period: Period
    sales_minor: int  # net of tax, lines of invoices that are not void
    cost_minor: int  # cost of the goods sold whose unit cost is known
    expenses_minor: int  # posted expenses
    uncosted_sales_minor: int  # the part of sales_minor with no known cost (none taken off)
    uncosted: tuple[str, ...]  # the products sold with no known cost, by name

    @property
    def profit_minor(self) -> int:
        """Sales less the known cost of goods and the expenses."""
        return self.sales_minor - self.cost_minor - self.expenses_minor


def _unit_cost(business_id: int) -> ColumnElement[Any]:
    """A sold line's unit cost: that of the newest standing receipt of its product at or
    before the sale, else the product's latest cost, else NULL (unknown)."""
    received = aliased(StockMove)
    at_sale = (
        select(col(received.unit_cost_minor))
        .join(Purchase, col(Purchase.id) == received.purchase_id)
        .where(
            col(received.business_id) == business_id,
            col(received.product_id) == col(InvoiceLine.product_id),
            col(received.kind) == "purchase",
            col(received.unit_cost_minor).is_not(None),
            col(Purchase.status) == "posted",
            col(received.moved_at) <= col(InvoiceLine.issued_at),
        )
        .order_by(col(received.moved_at).desc(), col(received.id).desc())
        .limit(1)
        .correlate(InvoiceLine)
        .scalar_subquery()
    )
    return func.coalesce(at_sale, col(Product.cost_minor))


async def profit_report(
    session: AsyncSession, business_id: int, period_name: str, now: datetime
) -> ProfitReport:
    """Sales, cost of goods sold and expenses of a period, summed in SQL product by product."""
    business = await session.get(Business, business_id)
    if business is None:
        raise NotFound(f"no business {business_id}")
    p = period(period_name, now, business.timezone)
    # Per line: product, net, quantity in stored thousandths (exact integer arithmetic), cost.
    lines = (
        select(
            col(InvoiceLine.product_id).label("product_id"),
            col(Product.name).label("name"),
            col(InvoiceLine.description).label("description"),
            col(InvoiceLine.net_minor).label("net"),
            type_coerce(col(InvoiceLine.qty), BigInteger()).label("milli_qty"),
            _unit_cost(business_id).label("unit_cost"),
        )
        .outerjoin(
            Product,
            and_(
                col(Product.id) == InvoiceLine.product_id, col(Product.business_id) == business_id
            ),
        )
        # The period's invoices first (ix_invoice_period), then their lines (ix_line_invoice):
        # no index has a period's lines of every product, and PostgreSQL scanned all of them.
        .join(Invoice, col(Invoice.id) == InvoiceLine.invoice_id)
        .where(
            col(Invoice.business_id) == business_id,
            col(Invoice.issued_at) >= p.start,
            col(Invoice.issued_at) < p.end,
            col(InvoiceLine.business_id) == business_id,
            col(InvoiceLine.voided).is_(False),
            col(InvoiceLine.issued_at) >= p.start,
            col(InvoiceLine.issued_at) < p.end,
        )
        .subquery()
    )
    unknown = lines.c.unit_cost.is_(None)
    name = func.coalesce(lines.c.name, lines.c.description)
    rows = await session.execute(
        select(
            name,
            func.max(case((unknown, 1), else_=0)),
            func.coalesce(func.sum(lines.c.net), 0),
            func.coalesce(func.sum(case((unknown, lines.c.net), else_=0)), 0),
            func.coalesce(func.sum(lines.c.milli_qty * func.coalesce(lines.c.unit_cost, 0)), 0),
        )
        .group_by(lines.c.product_id, name)
        .order_by(name)
    )
    sales = uncosted_sales = 0
    milli_cost = 0  # thousandths of a minor unit, rounded once below
    uncosted: list[str] = []
    for product, any_unknown, net, unknown_net, cost in rows:
        sales += int(net)
        uncosted_sales += int(unknown_net)
        milli_cost += int(cost)
        if any_unknown:
            uncosted.append(product)
    spent = await spent_by_category(session, business_id, p)
    return ProfitReport(
        p,
        sales,
        round_half_up(Decimal(milli_cost) / QTY_SCALE),
        sum(line.total_minor for line in spent),
        uncosted_sales,
        tuple(dict.fromkeys(uncosted)),
    )
