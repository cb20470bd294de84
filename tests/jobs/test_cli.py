"""`hisaab jobs run NAME` runs one job now against the configured database; `jobs list`."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.cli import main
from bot.jobs import JOBS
from consent.crypto import Cipher
from ledger import Database
from tests.jobs.helpers import Shop, customer, open_shop, outbox


def _run(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as done:
        main(argv)
    return int(done.value.code or 0)


async def _shop_with_a_debtor(url: str) -> tuple[Shop, str]:
    db = Database(url)
    try:
        await db.migrate()
        shop = await open_shop(db)
        # A sale on credit four days ago: the first rung of the ladder (3 days) has come.
        _, phone = await customer(db, shop, owes=4500, at=datetime.now(UTC) - timedelta(days=4))
        return shop, phone
    finally:
        await db.dispose()


async def _reminders(url: str, shop: Shop) -> list[tuple[str, str, str]]:
    db = Database(url)
    try:
        return [(r.recipient, r.channel, r.body) for r in await outbox(db, shop.id, "reminder")]
    finally:
        await db.dispose()


def test_jobs_run_dues_reminders_queues_one_reminder_however_often_it_runs(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = Fernet.generate_key()
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HISAAB_LOG_KEY", key.decode())
    shop, phone = asyncio.run(_shop_with_a_debtor(database_url))

    assert _run(["jobs", "run", "dues_reminders"]) == 0
    assert re.search(
        r"^dues_reminders: [1-9]\d* dues reminders queued$", capsys.readouterr().out, re.M
    )
    assert _run(["jobs", "run", "dues_reminders"]) == 0

    rows = asyncio.run(_reminders(database_url, shop))
    assert Counter(recipient for recipient, _, _ in rows) == {phone: 1}
    _, channel, body = rows[0]
    assert channel == "console"  # no Telegram or Twilio keys: queued for the console
    assert "AED 45" in Cipher(key).open(body)


def test_jobs_list_names_every_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    assert _run(["jobs", "list"]) == 0
    out = capsys.readouterr().out
    for name in JOBS:
        assert re.search(rf"^{name} +cron\[", out, re.M), name


def test_an_unknown_job_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    assert _run(["jobs", "run", "make_coffee"]) == 2
    err = capsys.readouterr().err
    assert "make_coffee" in err and "hisaab jobs list" in err
    assert not (tmp_path / "data").exists()  # refused before touching anything
