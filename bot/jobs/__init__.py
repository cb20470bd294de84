"""Scheduled jobs: log purge, expired books purge, end-of-day summaries, dues reminders and
low-stock alerts.

A job is a plain `async def job(ctx, now) -> int` (how much it did). The scheduler stores only
`run_job` and a job's name in the database, and `run_job` finds the process's `JobContext` in
a module-level registry that the server fills at start (`install`, or `make_scheduler`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from ledger.types import utcnow

from ..transport.housekeeping import purge_transport
from . import scheduler as jobs_scheduler
from .context import JobContext
from .messages import dues_reminders, end_of_day_summaries, low_stock_alerts

log = logging.getLogger(__name__)

JobFunction = Callable[[JobContext, datetime], Awaitable[int]]

__all__ = [
    "JOBS",
    "JobContext",
    "JobFunction",
    "dues_reminders",
    "end_of_day_summaries",
    "install",
    "low_stock_alerts",
    "make_scheduler",
    "purge_books",
    "purge_log",
    "run_job",
    "uninstall",
]


async def purge_log(ctx: JobContext, now: datetime) -> int:
    """Delete conversation log entries older than LOG_RETENTION_DAYS, with the inbox and
    outbox rows of that age (and sent documents whose links have expired)."""
    from consent.log import purge  # consent/ owns the log; imported here, at run time

    before = now - timedelta(days=ctx.settings.log_retention_days)
    async with ctx.db.session() as session:
        done = await purge(session, before=before)
        documents_before = now - timedelta(hours=ctx.settings.document_link_hours)
        return done + await purge_transport(
            session, before=before, documents_before=documents_before, now=now
        )


async def purge_books(ctx: JobContext, now: datetime) -> int:
    """Delete the books of closed shops whose legal retention period has ended."""
    from consent.retention import purge_expired_books

    async with ctx.db.session() as session:
        return await purge_expired_books(session, now=now, years=ctx.settings.books_retention_years)


JOBS: dict[str, JobFunction] = {
    "purge_log": purge_log,
    "purge_books": purge_books,
    "end_of_day_summaries": end_of_day_summaries,
    "dues_reminders": dues_reminders,
    "low_stock_alerts": low_stock_alerts,
}

_running: list[JobContext] = []  # the context of this process, once the server installed it


def install(ctx: JobContext) -> None:
    """Make `ctx` the context that scheduled jobs of this process run with."""
    _running[:] = [ctx]


def uninstall() -> None:
    """Forget the installed context (the server is stopping)."""
    _running.clear()


async def run_job(name: str) -> int:
    """Run one job by name now, with the installed context; what the scheduler calls."""
    if not _running:
        raise RuntimeError("no job context installed; call bot.jobs.install(ctx) first")
    job = JOBS.get(name)
    if job is None:
        raise KeyError(f"unknown job {name!r}; known: {', '.join(sorted(JOBS))}")
    done = await job(_running[0], utcnow())
    log.info("job %s: %d", name, done)
    return done


def make_scheduler(ctx: JobContext) -> AsyncIOScheduler:
    """Install `ctx` and build the scheduler with every job, stored in ctx's database.

    Start it inside the running loop (`scheduler.start()`); `scheduler.shutdown()` on exit.
    """
    install(ctx)
    return jobs_scheduler.make_scheduler(ctx.db.url)
