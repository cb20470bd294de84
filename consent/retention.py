"""The retention policy, as one table, and the deletion of books whose retention has ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from ledger.db import rows_changed
from ledger.tables import (
    Allocation,
    Business,
    CounterRow,
    Expense,
    Invoice,
    InvoiceLine,
    Member,
    Operation,
    Party,
    Payment,
    Product,
    Purchase,
    StockMove,
)

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


# Children before parents, so that foreign keys hold at every statement.
_BOOKS: tuple[type[SQLModel], ...] = (
    Allocation,
    Operation,
    Payment,
    StockMove,
    InvoiceLine,
    Invoice,
    Purchase,
    Expense,
    CounterRow,
    ConsentRow,
    LogEntry,
    Product,
    Party,
    Member,
)


def _cutoff(now: datetime, years: int) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


async def purge_expired_books(session: AsyncSession, *, now: datetime, years: int) -> int:
    """Delete the books of shops closed more than `years` ago, and audit rows as old; how many
    rows went.

    Stock moves may reverse each other, so the links between them are cut first.
    """
    cutoff = _cutoff(now, years)
    found = await session.execute(
        select(Business.id).where(
            col(Business.closed_at).is_not(None), col(Business.closed_at) < cutoff
        )
    )
    shops = [bid for bid in found.scalars() if bid is not None]
    count = 0
    if shops:
        await session.execute(
            update(StockMove).where(col(StockMove.business_id).in_(shops)).values(reverses_id=None)
        )
        for table in _BOOKS:
            owner = sa_inspect(table).columns["business_id"]
            done = await session.execute(delete(table).where(owner.in_(shops)))
            count += rows_changed(done)
        done = await session.execute(delete(Business).where(col(Business.id).in_(shops)))
        count += rows_changed(done)
    done = await session.execute(delete(AuditRow).where(col(AuditRow.at) < cutoff))
    return count + rows_changed(done)
