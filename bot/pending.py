"""Questions the bot asked and is waiting on, one per sender, expiring after a while.

A question holds what it would book (names, amounts, a stranger's onboarding answers), so its
payload is sealed with the log key like every message text at rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from consent.crypto import Cipher

from .tables import PendingRow


@dataclass(frozen=True, slots=True)
class Pending:
    """A question awaiting the sender's answer."""

    # onboarding | confirm | choose_party | new_product | ask_price | negative_stock | erase
    kind: str
    payload: dict[str, Any]
    business_id: int | None


async def load(session: AsyncSession, key: str, now: datetime, cipher: Cipher) -> Pending | None:
    """The sender's open question, or None if there is none, it has expired, or it was sealed
    with another key (it is dropped then: a question is only minutes old)."""
    absent = session.info.setdefault("pending_absent", set())
    if key in absent:
        return None  # looked up in this transaction already (the identity map forgets misses)
    row = await session.get(PendingRow, key)
    if row is None:
        absent.add(key)
        return None
    try:
        payload = json.loads(cipher.open(row.payload)) if row.expires_at > now else None
    except ValueError:
        payload = None
    if payload is None:
        await session.delete(row)
        return None
    return Pending(row.kind, payload, row.business_id)


async def save(
    session: AsyncSession,
    key: str,
    pending: Pending,
    now: datetime,
    minutes: int,
    cipher: Cipher,
) -> None:
    """Ask a question: replaces any earlier one of the same sender."""
    session.info.setdefault("pending_absent", set()).discard(key)
    row = await session.get(PendingRow, key)
    payload = cipher.seal(json.dumps(pending.payload, ensure_ascii=False))
    expires = now + timedelta(minutes=minutes)
    if row is None:
        session.add(
            PendingRow(
                sender_key=key,
                business_id=pending.business_id,
                kind=pending.kind,
                payload=payload,
                expires_at=expires,
            )
        )
    else:
        row.kind, row.payload, row.expires_at = pending.kind, payload, expires
        row.business_id = pending.business_id
    await session.flush()


async def clear(session: AsyncSession, key: str) -> None:
    """Forget the sender's open question."""
    row = await session.get(PendingRow, key)
    if row is not None:
        await session.delete(row)
        await session.flush()
