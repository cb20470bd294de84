"""Stock in, stock adjustments and price changes; stock on hand is the sum of moves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .catalog import lock_products
from .catalog import party as get_party
from .catalog import product as get_product
from .errors import AlreadyVoid, InvalidInput, NotFound
from .money import round_half_up
from .operations import record_operation
from .payments import METHODS
from .tables import Payment, Purchase, StockMove
from .types import qty_to_int, utcnow

REASONS = ("damaged", "expired", "count", "other")


@dataclass(frozen=True, slots=True)
class ReceiveItem:
    """One product received, with the unit cost if known."""

    product_id: int
    qty: Decimal
    unit_cost_minor: int | None = None


@dataclass(frozen=True, slots=True)
class StockResult:
    """What a stock operation did."""

    operation_id: int
    on_hand: tuple[tuple[str, Decimal], ...]  # (product, new stock on hand)
    cost_minor: int  # total cost of a receipt (0 when unknown)
    supplier_balance_minor: int  # the supplier's account after: what they owe the shop (<0: owed)


async def receive_stock(
    session: AsyncSession,
    business_id: int,
    items: list[ReceiveItem],
    *,
    supplier_id: int | None = None,
    paid: Literal["full", "credit"] | int | None = None,
    method: str = "",
    member_id: int | None = None,
    at: datetime | None = None,
) -> StockResult:
    """Receive goods, optionally from a supplier at a cost (a purchase the shop may owe)."""
    if not items:
        raise InvalidInput("nothing to receive")
    if method not in METHODS:
        raise InvalidInput(f"method must be one of {', '.join(m for m in METHODS if m)}")
    when = at or utcnow()
    await lock_products(session, business_id, [item.product_id for item in items])
    supplier = (
        await get_party(session, business_id, supplier_id, lock=True) if supplier_id else None
    )
    purchase = Purchase(business_id=business_id, party_id=supplier_id, received_at=when)
    session.add(purchase)
    await session.flush()
    assert purchase.id is not None
    levels = []
    for item in items:
        if item.qty <= 0:
            raise InvalidInput("quantities must be more than zero")
        qty_to_int(item.qty)
        product = await get_product(session, business_id, item.product_id)
        if item.unit_cost_minor is not None:
            if item.unit_cost_minor < 0:
                raise InvalidInput("a cost cannot be negative")
            product.cost_minor = item.unit_cost_minor
            purchase.total_minor += round_half_up(item.qty * item.unit_cost_minor)
        session.add(
            StockMove(
                business_id=business_id,
                product_id=item.product_id,
                qty=item.qty,
                kind="purchase",
                unit_cost_minor=item.unit_cost_minor,
                purchase_id=purchase.id,
                moved_at=when,
            )
        )
        product.on_hand += item.qty
        levels.append((product.name, product.on_hand))
    if paid == "full":
        paid_minor = purchase.total_minor
    elif paid is None or paid == "credit":
        paid_minor = 0
    else:
        paid_minor = paid
    if paid_minor < 0 or paid_minor > purchase.total_minor:
        raise InvalidInput("the amount paid must be between zero and the bill")
    if supplier is not None:
        supplier.balance_minor -= purchase.total_minor - paid_minor  # the shop owes it
    if paid_minor:
        session.add(
            Payment(
                business_id=business_id,
                party_id=supplier_id,
                direction="out",
                amount_minor=paid_minor,
                method=method,
                purchase_id=purchase.id,
                paid_at=when,
            )
        )
    op = await record_operation(
        session, business_id, member_id, "stock_in", purchase_id=purchase.id
    )
    balance = supplier.balance_minor if supplier else 0
    return StockResult(op, tuple(levels), purchase.total_minor, balance)


async def void_purchase(session: AsyncSession, business_id: int, purchase_id: int) -> None:
    """Reverse a receipt: stock goes back out and the supplier is owed nothing for it."""
    purchase = await session.get(Purchase, purchase_id, with_for_update=True)
    if purchase is None or purchase.business_id != business_id:
        raise NotFound(f"no purchase {purchase_id}")
    if purchase.status == "void":
        raise AlreadyVoid("that stock receipt is already cancelled")
    purchase.status = "void"
    moves = await session.execute(
        select(StockMove).where(StockMove.purchase_id == purchase_id, StockMove.kind == "purchase")
    )
    reversed_moves = list(moves.scalars())
    await _reverse(session, business_id, reversed_moves)
    for costed in {m.product_id for m in reversed_moves if m.unit_cost_minor is not None}:
        product = await get_product(session, business_id, costed)
        product.cost_minor = await _latest_cost(session, business_id, costed)
    refunded = 0
    payments = await session.execute(
        select(Payment).where(Payment.purchase_id == purchase_id, Payment.status == "posted")
    )
    for payment in payments.scalars():
        payment.status = "void"
        refunded += payment.amount_minor
    if purchase.party_id is not None:
        supplier = await get_party(session, business_id, purchase.party_id, lock=True)
        supplier.balance_minor += purchase.total_minor - refunded
    await session.flush()


async def _latest_cost(session: AsyncSession, business_id: int, product_id: int) -> int | None:
    """The unit cost of the newest receipt of a product that still stands (None if none)."""
    rows = await session.execute(
        select(StockMove.unit_cost_minor)
        .join(Purchase, col(Purchase.id) == StockMove.purchase_id)
        .where(
            StockMove.business_id == business_id,
            StockMove.product_id == product_id,
            StockMove.kind == "purchase",
            col(StockMove.unit_cost_minor).is_not(None),
            Purchase.status == "posted",
        )
        .order_by(col(StockMove.id).desc())
        .limit(1)
    )
    return rows.scalars().first()


async def _reverse(session: AsyncSession, business_id: int, moves: list[StockMove]) -> None:
    now = utcnow()
    await lock_products(session, business_id, [move.product_id for move in moves])
    for move in moves:
        session.add(
            StockMove(
                business_id=business_id,
                product_id=move.product_id,
                qty=-move.qty,
                kind="reversal",
                purchase_id=move.purchase_id,
                reverses_id=move.id,
                moved_at=now,
            )
        )
        product = await get_product(session, business_id, move.product_id)
        product.on_hand -= move.qty
    await session.flush()


async def adjust_stock(
    session: AsyncSession,
    business_id: int,
    product_id: int,
    *,
    change: Decimal | None = None,
    set_to: Decimal | None = None,
    reason: str = "other",
    member_id: int | None = None,
) -> StockResult:
    """A loss (negative change), a find, or a count that sets stock to what is on the shelf."""
    if (change is None) == (set_to is None):
        raise InvalidInput("give either a change or a counted quantity")
    if reason not in REASONS:
        raise InvalidInput(f"reason must be one of {', '.join(REASONS)}")
    product = await get_product(session, business_id, product_id, lock=True)
    if set_to is not None:
        if set_to < 0:
            raise InvalidInput("a counted quantity cannot be negative")
        change = set_to - product.on_hand
        reason = "count" if reason == "other" else reason
    assert change is not None
    if change == 0:
        raise InvalidInput(f"{product.name} is already at {product.on_hand}")
    qty_to_int(change)
    move = StockMove(
        business_id=business_id,
        product_id=product_id,
        qty=change,
        kind="count" if reason == "count" else "loss",
        reason=reason,
    )
    session.add(move)
    product.on_hand += change
    await session.flush()
    assert move.id is not None
    op = await record_operation(
        session, business_id, member_id, "adjust", product_id=product_id, move_id=move.id
    )
    return StockResult(op, ((product.name, product.on_hand),), 0, 0)


async def void_move(session: AsyncSession, business_id: int, move_id: int) -> None:
    """Reverse one adjustment with an equal and opposite move."""
    move = await session.get(StockMove, move_id)
    if move is None or move.business_id != business_id:
        raise NotFound(f"no stock move {move_id}")
    await _reverse(session, business_id, [move])


async def set_price(
    session: AsyncSession,
    business_id: int,
    product_id: int,
    price_minor: int,
    *,
    member_id: int | None = None,
) -> int:
    """Change a product's list price; returns the operation id (undo restores the old price)."""
    if price_minor < 0:
        raise InvalidInput("a price cannot be negative")
    product = await get_product(session, business_id, product_id, lock=True)
    old = product.price_minor
    product.price_minor = price_minor
    await session.flush()
    return await record_operation(
        session, business_id, member_id, "set_price", product_id=product_id, old_price_minor=old
    )


async def usual_terms(
    session: AsyncSession, business_id: int, party_id: int
) -> Literal["full", "credit"] | None:
    """How the shop paid for its last delivery from this supplier that had a cost: in full,
    or (partly) on credit; None when there is none to go by."""
    rows = await session.execute(
        select(Purchase.id, Purchase.total_minor)
        .where(
            Purchase.business_id == business_id,
            Purchase.party_id == party_id,
            Purchase.status == "posted",
            col(Purchase.total_minor) > 0,
        )
        .order_by(col(Purchase.id).desc())
        .limit(1)
    )
    last = rows.first()
    if last is None:
        return None
    paid = await session.execute(
        select(Payment.amount_minor).where(
            Payment.purchase_id == last[0], Payment.status == "posted"
        )
    )
    return "full" if sum(paid.scalars()) >= last[1] else "credit"
