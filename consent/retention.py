"""The retention policy, as one table, and the deletion of books whose retention has ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger.db import rows_changed
from ledger.rights import closed_before, delete_books

from .tables import AuditRow, ConsentRow, LogEntry


@dataclass(frozen=True, slots=True)
class Rule:
    """How long one kind of data is kept, the setting that changes it, and why."""

    what: str
    keep: str
    setting: str
    why: str


POLICY: tuple[Rule, ...] = (
    Rule(
        "Conversation log (messages, voice transcripts, notes of documents sent)",
        "90 days, rolling",
        "LOG_RETENTION_DAYS",
        "To answer questions about recent messages; purged every night and at start-up.",
    ),
    Rule(
        "Invoices, payments, stock moves, expenses (the books)",
        "7 years",
        "BOOKS_RETENTION_YEARS",
        "Tax law: UAE VAT at least 5 years, India GST 72 months after the year's annual "
        "return; kept pseudonymised after an erasure, deleted once the period has passed "
        "since the shop closed.",
    ),
    Rule(
        "Consent records and the rights audit",
        "7 years",
        "BOOKS_RETENTION_YEARS",
        "To prove consent and that rights requests were answered; the audit names no one.",
    ),
    Rule(
        "Voice notes (audio)",
        "never stored",
        "-",
        "Transcribed on the shop's own machine, then dropped; only the transcript is logged.",
    ),
)


def policy_markdown() -> str:
    """The retention table as Markdown, for the README and docs/privacy.md."""
    lines = ["| What | Kept for (default) | Setting | Why |", "|---|---|---|---|"]
    lines += [f"| {r.what} | {r.keep} | `{r.setting}` | {r.why} |" for r in POLICY]
    return "\n".join(lines)


def _cutoff(now: datetime, years: int) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


async def purge_expired_books(session: AsyncSession, *, now: datetime, years: int) -> int:
    """Delete the books of shops closed more than `years` ago (their consents and log first),
    and audit rows as old; how many rows went."""
    cutoff = _cutoff(now, years)
    shops = await closed_before(session, cutoff)
    count = 0
    if shops:
        for table in (ConsentRow, LogEntry):  # they point at the shop: before the books
            owner = sa_inspect(table).columns["business_id"]
            count += rows_changed(await session.execute(delete(table).where(owner.in_(shops))))
        count += await delete_books(session, shops)
    done = await session.execute(delete(AuditRow).where(col(AuditRow.at) < cutoff))
    return count + rows_changed(done)
