"""Who may be sent business-initiated messages (consent per shop, STOP across all shops),
the privacy notice, and the audit of consent changes and rights requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger.db import table
from ledger.hot import prebuilt

from .crypto import Cipher
from .tables import AuditRow, ConsentRow, NoticeRow

CONSENT_STATUSES = frozenset({"asked", "granted", "refused", "withdrawn"})


async def stopped(session: AsyncSession, address: str) -> bool:
    """Whether the person said STOP (and not START since): nothing business-initiated goes out."""
    row = await session.get(NoticeRow, address)
    return row is not None and row.stopped


async def consent_status(session: AsyncSession, business_id: int, address: str) -> str | None:
    """The person's answer to a shop's consent question, or None if never asked."""
    found = await session.execute(
        select(ConsentRow.status).where(
            ConsentRow.business_id == business_id, ConsentRow.address == address
        )
    )
    return found.scalar_one_or_none()


async def granted(session: AsyncSession) -> set[tuple[int, str]]:
    """Every (shop, address) whose person agreed to the shop's messages."""
    found = await session.execute(
        select(ConsentRow.business_id, ConsentRow.address).where(ConsentRow.status == "granted")
    )
    return {(bid, address) for bid, address in found.all()}


async def may_message(session: AsyncSession, business_id: int, address: str) -> bool:
    """A shop may send invoices and reminders to a person only with consent and no STOP."""
    if await stopped(session, address):
        return False
    return await consent_status(session, business_id, address) == "granted"


async def set_consent(
    session: AsyncSession,
    business_id: int,
    address: str,
    status: str,
    *,
    source_message_id: str,
    at: datetime,
) -> None:
    """Record a person's consent status for one shop, and the message that changed it."""
    if status not in CONSENT_STATUSES:
        raise ValueError(f"consent status must be one of {sorted(CONSENT_STATUSES)}")
    found = await session.execute(
        select(ConsentRow).where(
            ConsentRow.business_id == business_id, ConsentRow.address == address
        )
    )
    row = found.scalar_one_or_none()
    if row is None:
        row = ConsentRow(business_id=business_id, address=address, status=status)
        session.add(row)
    row.status, row.source_message_id, row.changed_at = status, source_message_id, at
    await session.flush()


async def awaiting_answer(session: AsyncSession, address: str) -> int | None:
    """The shop whose consent question the person was asked last and has not answered."""
    found = await session.execute(
        select(ConsentRow.business_id)
        .where(ConsentRow.address == address, ConsentRow.status == "asked")
        .order_by(col(ConsentRow.changed_at).desc(), col(ConsentRow.id).desc())
        .limit(1)
    )
    return found.scalar_one_or_none()


async def asked_shops(session: AsyncSession, address: str) -> set[int]:
    """Every shop that has asked the person for consent (whatever the answer)."""
    found = await session.execute(
        select(ConsentRow.business_id).where(ConsentRow.address == address)
    )
    return set(found.scalars())


async def notice_shown(session: AsyncSession, address: str) -> bool:
    """Whether the person has already been shown the privacy notice."""
    return (await session.execute(NOTICE_SHOWN, {"to": address})).first() is not None


# Built once: asked of every message (Core: one column, no object loaded).
_NOTICE = table(NoticeRow)
NOTICE_SHOWN = prebuilt(sa_select(_NOTICE.c.address).where(_NOTICE.c.address == bindparam("to")))


async def mark_notice(session: AsyncSession, address: str, at: datetime) -> None:
    """Note that the person has been shown the privacy notice."""
    if await session.get(NoticeRow, address) is None:
        session.add(NoticeRow(address=address, shown_at=at))
        await session.flush()


async def set_stopped(session: AsyncSession, address: str, stop: bool, at: datetime) -> bool:
    """STOP (True) or START (False) for every shop at once; whether anything changed."""
    row = await session.get(NoticeRow, address)
    if row is None:
        row = NoticeRow(address=address, shown_at=at, stopped=stop)
        session.add(row)
        await session.flush()
        return stop
    changed = row.stopped != stop
    row.stopped = stop
    await session.flush()
    return changed


async def audit(
    session: AsyncSession,
    cipher: Cipher,
    *,
    address: str,
    action: str,
    outcome: str,
    at: datetime,
    business_id: int | None = None,
    source_message_id: str = "",
    detail: str = "",
) -> None:
    """Write a consent change or rights request to the audit, under a pseudonym of the person."""
    session.add(
        AuditRow(
            business_id=business_id,
            subject=cipher.pseudonym(address),
            action=action,
            outcome=outcome,
            source_message_id=source_message_id,
            detail=detail,
            at=at,
        )
    )
    await session.flush()


async def audit_trail(session: AsyncSession, cipher: Cipher, address: str) -> list[AuditRow]:
    """The audit rows about a person, oldest first."""
    found = await session.execute(
        select(AuditRow)
        .where(AuditRow.subject == cipher.pseudonym(address))
        .order_by(col(AuditRow.at), col(AuditRow.id))
    )
    return list(found.scalars())
