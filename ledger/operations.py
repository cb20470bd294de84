"""The operation log behind "undo": one row per thing a member did."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .db import table
from .hot import prebuilt
from .tables import Operation

# Built once: every write of the books logs one (Core: no object is needed back, only its id).
RECORD = prebuilt(insert(table(Operation)).returning(table(Operation).c.id))


async def record_operation(
    session: AsyncSession,
    business_id: int,
    member_id: int | None,
    kind: str,
    **refs: int | None,
) -> int:
    """Log an operation and return its id."""
    row = {"business_id": business_id, "member_id": member_id, "kind": kind, **refs}
    return int((await session.execute(RECORD, row)).scalar_one())
