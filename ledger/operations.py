"""The operation log behind "undo": one row per thing a member did."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from .tables import Operation


async def record_operation(
    session: AsyncSession,
    business_id: int,
    member_id: int | None,
    kind: str,
    **refs: int | None,
) -> int:
    """Log an operation and return its id."""
    row = Operation(business_id=business_id, member_id=member_id, kind=kind)
    for name, value in refs.items():
        setattr(row, name, value)
    session.add(row)
    await session.flush()
    assert row.id is not None
    return row.id
