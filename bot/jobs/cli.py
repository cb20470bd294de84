"""`hisaab jobs run NAME` and `hisaab jobs list`: the scheduled jobs, by hand."""

from __future__ import annotations

import sys

from ledger import Database
from ledger.types import utcnow

from .. import datadir
from ..bootstrap import make_cipher
from ..settings import Settings
from . import JOBS, JobContext
from .scheduler import timings

DONE = {
    "purge_log": "old log, inbox and outbox rows deleted",
    "purge_books": "expired rows of closed shops deleted",
    "end_of_day_summaries": "end-of-day summaries queued",
    "dues_reminders": "dues reminders queued",
    "low_stock_alerts": "low-stock alerts queued",
}


def channels_of(settings: Settings) -> frozenset[str]:
    """The channels a message can be queued for: those configured, else the console."""
    from ..bootstrap import configured_channels  # which credentials make a channel

    return configured_channels(settings) or frozenset({"console"})


async def run_now(settings: Settings, name: str) -> int:
    """Run one job now against the configured database and say what it did."""
    job = JOBS.get(name)
    if job is None:
        print(f"hisaab: no job {name!r}; try `hisaab jobs list`", file=sys.stderr)
        return 2
    datadir.prepare(settings)
    db = Database(settings.db_url)
    try:
        await db.migrate()
        ctx = JobContext(db, make_cipher(settings), settings, channels_of(settings))
        done = await job(ctx, utcnow())
    finally:
        await db.dispose()
    print(f"{name}: {done} {DONE.get(name, 'done')}")
    return 0


def list_jobs() -> int:
    """Print every job and when the scheduler runs it."""
    for timing in timings():
        print(f"{timing.job:<22} {timing.trigger}")
    return 0
