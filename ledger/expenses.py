"""Money spent running the shop."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from .errors import AlreadyVoid, InvalidInput, NotFound
from .operations import record_operation
from .tables import Expense
from .types import utcnow

CATEGORIES = ("rent", "utilities", "salary", "transport", "supplies", "other")


async def record_expense(
    session: AsyncSession,
    business_id: int,
    *,
    amount_minor: int,
    category: str,
    note: str = "",
    member_id: int | None = None,
    at: datetime | None = None,
) -> int:
    """Book an expense; returns the operation id."""
    if amount_minor <= 0:
        raise InvalidInput("an expense must be more than zero")
    if category not in CATEGORIES:
        raise InvalidInput(f"category must be one of {', '.join(CATEGORIES)}")
    row = Expense(
        business_id=business_id,
        amount_minor=amount_minor,
        category=category,
        note=note[:200],
        spent_at=at or utcnow(),
    )
    session.add(row)
    await session.flush()
    return await record_operation(session, business_id, member_id, "expense", expense_id=row.id)


async def void_expense(session: AsyncSession, business_id: int, expense_id: int) -> None:
    """Cancel an expense; the row stays, marked void."""
    row = await session.get(Expense, expense_id)
    if row is None or row.business_id != business_id:
        raise NotFound(f"no expense {expense_id}")
    if row.status == "void":
        raise AlreadyVoid("that expense is already cancelled")
    row.status = "void"
    await session.flush()
