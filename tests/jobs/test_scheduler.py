"""The scheduler keeps its jobs in the books' database: a restart neither loses nor repeats one."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent

from bot import jobs
from bot.jobs.scheduler import sync_url, timings
from ledger import Database
from tests.jobs.helpers import context

EXPECTED = {
    "purge_log",
    "purge_books",
    "end_of_day_summaries",
    "dues_reminders",
    "low_stock_alerts",
    "purge_log@start",
    "purge_books@start",
}


@pytest.fixture(autouse=True)
def _no_context() -> Iterator[None]:
    yield
    jobs.uninstall()


@pytest.mark.parametrize(
    ("url", "sync"),
    [
        ("sqlite+aiosqlite:////data/hisaab.db", "sqlite:////data/hisaab.db"),
        ("sqlite+aiosqlite:///./x.db", "sqlite:///./x.db"),
        ("postgresql+asyncpg://u:p@db:5432/hisaab", "postgresql+psycopg://u:p@db:5432/hisaab"),
        ("postgresql://u@db/hisaab", "postgresql+psycopg://u@db/hisaab"),
    ],
)
def test_the_job_store_uses_a_sync_driver_on_the_same_database(url: str, sync: str) -> None:
    assert sync_url(url) == sync


def test_every_job_has_a_timing_and_every_timing_a_job() -> None:
    assert {t.job for t in timings()} == set(jobs.JOBS)


async def test_a_second_scheduler_on_the_same_database_sees_the_jobs_once(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    first = jobs.make_scheduler(ctx)
    first.start(paused=True)
    try:
        assert {job.id for job in first.get_jobs()} >= EXPECTED
        job = first.get_job("dues_reminders")
        assert job is not None
        assert job.func_ref == "bot.jobs:run_job"
        assert job.args == ("dues_reminders",)
        assert job.coalesce is True
        assert job.max_instances == 1
        # The process goes down with a run due ten minutes ago.
        missed = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
        first.modify_job("dues_reminders", next_run_time=missed)
    finally:
        first.shutdown(wait=False)

    second = jobs.make_scheduler(ctx)
    second.start(paused=True)
    try:
        ids = [job.id for job in second.get_jobs()]
        assert sorted(set(ids)) == sorted(ids)  # no duplicates
        assert set(ids) >= EXPECTED
        kept = second.get_job("dues_reminders")
        assert kept is not None
        assert kept.next_run_time == missed  # not lost: it runs (once) when the scheduler resumes
    finally:
        second.shutdown(wait=False)


async def test_run_job_needs_an_installed_context_and_a_known_name(
    db: Database, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match="install"):
        await jobs.run_job("dues_reminders")
    jobs.install(context(db, tmp_path))
    with pytest.raises(KeyError, match="unknown job"):
        await jobs.run_job("make_coffee")


async def test_the_started_scheduler_purges_once_at_start_up_with_the_installed_context(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    scheduler = jobs.make_scheduler(ctx)
    ran: dict[str, object] = {}
    finished = asyncio.Event()

    def executed(event: JobExecutionEvent) -> None:
        ran[event.job_id] = event.exception or event.retval
        if {"purge_log@start", "purge_books@start"} <= set(ran):
            finished.set()

    scheduler.add_listener(executed, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        await asyncio.wait_for(finished.wait(), timeout=20)
    finally:
        scheduler.shutdown(wait=False)
    assert isinstance(ran["purge_log@start"], int)
    assert isinstance(ran["purge_books@start"], int)
    # Date jobs are gone once run; the recurring ones stay for the next start.
    assert {job.id for job in scheduler.get_jobs()}.isdisjoint({"purge_log@start"})
