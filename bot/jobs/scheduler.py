"""APScheduler wiring: the jobs, their timings, and a job store in the books' own database.

Jobs are stored as a textual reference to `bot.jobs:run_job` and the job's name, so a restart
finds them again (and their next run time) instead of losing or repeating them; every job is
idempotent anyway (dedup keys), so a run that was interrupted is safe to run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

JOB_FUNCTION = "bot.jobs:run_job"
JOB_TABLE = "apscheduler_jobs"
HOUR = 3600


@dataclass(frozen=True, slots=True)
class Timing:
    """When one job runs, and how late a missed run may still start."""

    job: str
    trigger: Any
    grace_seconds: int


def timings() -> list[Timing]:
    """Every scheduled job: purges nightly at 03:00 UTC, summaries every 5 minutes, the rest
    hourly (each shop still gets at most one low-stock alert per local day).

    Cron triggers, not intervals: their times do not move when the process restarts.
    """
    return [
        Timing("purge_log", CronTrigger(hour=3, minute=0, timezone=UTC), 6 * HOUR),
        Timing("purge_books", CronTrigger(hour=3, minute=15, timezone=UTC), 6 * HOUR),
        Timing("end_of_day_summaries", CronTrigger(minute="*/5", timezone=UTC), 5 * 60),
        Timing("dues_reminders", CronTrigger(minute=7, timezone=UTC), HOUR),
        Timing("low_stock_alerts", CronTrigger(minute=2, timezone=UTC), HOUR),
    ]


# Run once at start-up too: the log must not outlive its age because the process was down at 3.
AT_START = ("purge_log", "purge_books")


def sync_url(url: str) -> str:
    """The synchronous driver URL of the same database, for APScheduler's job store."""
    if url.startswith("sqlite+aiosqlite:"):
        return "sqlite:" + url.removeprefix("sqlite+aiosqlite:")
    for prefix in ("postgresql+asyncpg:", "postgresql:", "postgres:"):
        if url.startswith(prefix):
            return "postgresql+psycopg:" + url.removeprefix(prefix)
    return url


def job_store(database_url: str) -> SQLAlchemyJobStore:
    """APScheduler's table in the books' database (it creates the table on first start)."""
    url = sync_url(database_url)
    options: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30}  # wait for the app's writers, never fail
    return SQLAlchemyJobStore(url=url, tablename=JOB_TABLE, engine_options=options)


def make_scheduler(database_url: str, *, now: datetime | None = None) -> AsyncIOScheduler:
    """A scheduler (not started) holding every job, stored in the database at `database_url`.

    Jobs have fixed ids. One already stored with the same trigger is kept as it is, with its
    next run time, so a run missed while the process was down still happens (once: coalesce)
    and a restart does not push the schedule back; a new or changed one replaces it. Start the
    scheduler inside the running event loop.
    """
    store = job_store(database_url)
    scheduler = AsyncIOScheduler(
        jobstores={"default": store},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=UTC,
    )
    store.start(scheduler, "default")  # creates the table, so stored jobs can be read now
    for timing in timings():
        stored = store.lookup_job(timing.job)
        if stored is not None and _same(stored, timing):
            continue
        scheduler.add_job(
            JOB_FUNCTION,
            trigger=timing.trigger,
            args=[timing.job],
            id=timing.job,
            name=timing.job,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=timing.grace_seconds,
        )
    for job in AT_START:  # replaced at every start: one run per start-up
        scheduler.add_job(
            JOB_FUNCTION,
            trigger=DateTrigger(run_date=now or datetime.now(UTC), timezone=UTC),
            args=[job],
            id=f"{job}@start",
            name=f"{job} at start-up",
            replace_existing=True,
            misfire_grace_time=HOUR,
        )
    return scheduler


def _same(job: Any, timing: Timing) -> bool:
    return (
        job.func_ref == JOB_FUNCTION
        and tuple(job.args) == (timing.job,)
        and str(job.trigger) == str(timing.trigger)
        and job.misfire_grace_time == timing.grace_seconds
    )
