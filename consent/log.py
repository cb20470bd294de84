"""The conversation log: every message in and out, sealed, readable only inside its retention."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger.db import rows_changed, table
from ledger.hot import prebuilt

from .crypto import Cipher
from .tables import LogEntry

KINDS = frozenset({"text", "voice", "document"})
RECORD = prebuilt(insert(table(LogEntry)))  # built once: two a message, on the hot path


@dataclass(frozen=True, slots=True)
class LoggedMessage:
    """One log entry, opened."""

    id: int
    business_id: int | None
    address: str
    channel: str
    direction: str
    kind: str
    text: str
    at: datetime


def document_note(filename: str) -> str:
    """What the log keeps of a document sent: its name, never its bytes."""
    return f"[document {filename}]"


async def record(
    session: AsyncSession,
    cipher: Cipher,
    *,
    business_id: int | None,
    address: str,
    channel: str,
    direction: str,
    kind: str,
    text: str,
    at: datetime,
) -> None:
    """Log one message (a transcript for voice, a note for a document), sealed."""
    if direction not in ("in", "out"):
        raise ValueError(f"direction must be 'in' or 'out', not {direction!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
    row = {
        "business_id": business_id,
        "address": address,
        "channel": channel,
        "direction": direction,
        "kind": kind,
        "body": cipher.seal(text),
        "created_at": at,
    }
    await session.execute(RECORD, row)


async def read(
    session: AsyncSession,
    cipher: Cipher,
    *,
    address: str | None = None,
    business_id: int | None = None,
    now: datetime,
    retention_days: int,
) -> list[LoggedMessage]:
    """A person's or a shop's messages, oldest first; never one older than the retention.

    The age is filtered in SQL, so a row the nightly purge has not reached yet is unreadable.
    """
    if address is None and business_id is None:
        raise ValueError("read the log of one person or one shop, not everyone's")
    query = select(LogEntry).where(col(LogEntry.created_at) >= now - timedelta(days=retention_days))
    if address is not None:
        query = query.where(LogEntry.address == address)
    if business_id is not None:
        query = query.where(LogEntry.business_id == business_id)
    rows = await session.execute(query.order_by(col(LogEntry.created_at), col(LogEntry.id)))
    found = []
    for row in rows.scalars():
        assert row.id is not None
        found.append(
            LoggedMessage(
                row.id,
                row.business_id,
                row.address,
                row.channel,
                row.direction,
                row.kind,
                cipher.open(row.body),
                row.created_at,
            )
        )
    return found


async def redact(
    session: AsyncSession, cipher: Cipher, business_id: int, words: dict[str, str]
) -> int:
    """Replace each of `words` (a name, a phone) by its stand-in in every message of one shop's
    log that mentions it, the other members' chats included; how many entries changed.

    Whole words only, any letter case: "Fatima Ali paid 100" becomes "Customer #7 paid 100".
    """
    if not words:
        return 0
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)),
        re.IGNORECASE,
    )
    lowered = {w.casefold(): stand_in for w, stand_in in words.items()}
    rows = await session.execute(select(LogEntry).where(LogEntry.business_id == business_id))
    changed = 0
    for row in rows.scalars():
        text = cipher.open(row.body)
        redacted = pattern.sub(lambda m: lowered[m.group(0).casefold()], text)
        if redacted != text:
            row.body = cipher.seal(redacted)
            changed += 1
    await session.flush()
    return changed


async def purge(session: AsyncSession, *, before: datetime) -> int:
    """Delete every log entry written before `before`; how many went."""
    done = await session.execute(delete(LogEntry).where(col(LogEntry.created_at) < before))
    return rows_changed(done)


async def forget(
    session: AsyncSession, *, addresses: list[str], business_id: int | None = None
) -> int:
    """Delete the log entries of these people (in one shop, or everywhere); how many went."""
    if not addresses and business_id is None:
        return 0
    query = delete(LogEntry)
    if addresses:
        query = query.where(col(LogEntry.address).in_(addresses))
    if business_id is not None:
        query = query.where(col(LogEntry.business_id) == business_id)
    done = await session.execute(query)
    return rows_changed(done)
