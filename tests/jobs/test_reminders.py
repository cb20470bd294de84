"""Dues reminders: only to consenting customers who owe, on the shop's ladder of days after the
oldest unpaid invoice, with a pay link, never after STOP or payment, and never twice when a run
is killed half-way and run again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlmodel import select

from bot import jobs
from consent.tables import ConsentRow
from ledger import Database, record_payment
from ledger.tables import Business
from tests.jobs.helpers import context, customer, open_shop, outbox, per_recipient, say_stop

START = datetime(2031, 3, 2, 6, 0, tzinfo=UTC)  # 10:00 in Dubai


@pytest.fixture(autouse=True)
def _no_context() -> Iterator[None]:
    yield
    jobs.uninstall()


async def _remind_at(when: datetime) -> int:
    with time_machine.travel(when, tick=False):
        return await jobs.run_job("dues_reminders")


async def test_only_consenting_customers_who_owe_are_reminded(db: Database, tmp_path: Path) -> None:
    ctx = context(db, tmp_path)
    jobs.install(ctx)
    shop = await open_shop(db)
    _, owing = await customer(db, shop, owes=4500)
    _, paid_up = await customer(db, shop, owes=0)
    _, refused = await customer(db, shop, owes=3000, consent="refused")
    _, never_asked = await customer(db, shop, owes=3000, consent=None)
    _, withdrawn = await customer(db, shop, owes=3000, consent="withdrawn")

    assert await _remind_at(START) >= 1
    rows = await outbox(db, shop.id, "reminder")
    assert per_recipient(rows) == {owing: 1}
    assert {paid_up, refused, never_asked, withdrawn}.isdisjoint(per_recipient(rows))
    text = ctx.cipher.open(rows[0].body)
    assert "Jobs Grocery" in text
    assert "AED 45" in text
    assert "STOP" in text
    assert rows[0].channel == "whatsapp"


async def test_reminders_follow_the_shops_ladder_of_days(db: Database, tmp_path: Path) -> None:
    jobs.install(context(db, tmp_path))
    shop = await open_shop(db)
    _, phone = await customer(db, shop, owes=4500, at=START)  # the ladder is 3, 7, 15 days

    def sent() -> int:
        return per_recipient(rows).get(phone, 0)

    expected = {
        timedelta(0): 0,
        timedelta(days=2, hours=12): 0,  # 22:00 in Dubai on the second day
        timedelta(days=3): 1,
        timedelta(days=3, hours=5): 1,
        timedelta(days=6): 1,
        timedelta(days=7): 2,
        timedelta(days=8): 2,
        timedelta(days=15): 3,
        timedelta(days=40): 3,  # the ladder ends; a new debt starts it again
    }
    for later, count in expected.items():
        await _remind_at(START + later)
        rows = await outbox(db, shop.id, "reminder")
        assert sent() == count, later
    async with db.session() as session:
        found = await session.execute(
            select(ConsentRow).where(ConsentRow.business_id == shop.id, ConsentRow.address == phone)
        )
        consent = found.scalar_one()
    assert consent.last_reminded_at == START + timedelta(days=15)


async def test_each_shop_sets_its_own_ladder_or_none(db: Database, tmp_path: Path) -> None:
    jobs.install(context(db, tmp_path))
    quick, silent = await open_shop(db), await open_shop(db)
    await set_ladder(db, quick.id, "1,2")
    await set_ladder(db, silent.id, "")
    _, fast = await customer(db, quick, owes=4500, at=START)
    _, quiet = await customer(db, silent, owes=4500, at=START)
    for day in range(5):
        await _remind_at(START + timedelta(days=day))
    assert per_recipient(await outbox(db, quick.id, "reminder")) == {fast: 2}
    assert per_recipient(await outbox(db, silent.id, "reminder")) == {}
    assert quiet


async def test_the_reminder_carries_a_upi_link_in_india_and_the_shops_link_elsewhere(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    jobs.install(ctx)
    india = await open_shop(db, currency="INR")
    dubai = await open_shop(db)
    async with db.session() as session:
        row = await session.get(Business, india.id)
        assert row is not None
        row.country, row.upi_id, row.name = "IN", "sharma@okaxis", "Sharma Kirana"
        other = await session.get(Business, dubai.id)
        assert other is not None
        other.payment_link = "https://pay.example.ae/jobs?amount={amount}"
    await customer(db, india, owes=12550)
    await customer(db, dubai, owes=4500)
    await _remind_at(START)
    upi = ctx.cipher.open((await outbox(db, india.id, "reminder"))[0].body)
    assert "upi://pay?pa=sharma%40okaxis&pn=Sharma%20Kirana&am=125.50&cu=INR&tn=Customer%20" in upi
    link = ctx.cipher.open((await outbox(db, dubai.id, "reminder"))[0].body)
    assert "https://pay.example.ae/jobs?amount=45" in link


async def set_ladder(db: Database, business_id: int, days: str) -> None:
    async with db.session() as session:
        row = await session.get(Business, business_id)
        assert row is not None
        row.reminder_days = days


async def test_reminders_stop_once_the_dues_are_paid(db: Database, tmp_path: Path) -> None:
    jobs.install(context(db, tmp_path))
    shop = await open_shop(db)
    party_id, phone = await customer(db, shop, owes=4500)
    await _remind_at(START)
    async with db.session() as session:
        await record_payment(session, shop.id, party_id=party_id, amount_minor=4500, direction="in")
    await _remind_at(START + timedelta(days=30))
    assert per_recipient(await outbox(db, shop.id, "reminder")) == {phone: 1}


async def test_stop_stops_a_due_reminder(db: Database, tmp_path: Path) -> None:
    jobs.install(context(db, tmp_path))
    shop = await open_shop(db)
    _, stopped = await customer(db, shop, owes=4500)
    _, other = await customer(db, shop, owes=2000)
    await say_stop(db, stopped)
    await _remind_at(START)
    assert per_recipient(await outbox(db, shop.id, "reminder")) == {other: 1}


async def test_a_closed_shop_sends_no_reminders(db: Database, tmp_path: Path) -> None:
    jobs.install(context(db, tmp_path))
    shop = await open_shop(db)
    await customer(db, shop, owes=4500)
    async with db.session() as session:
        row = await session.get(Business, shop.id)
        assert row is not None
        row.closed_at = START - timedelta(days=1)
    await _remind_at(START)
    assert await outbox(db, shop.id, "reminder") == []


async def test_a_run_killed_half_way_and_run_again_reminds_nobody_twice(
    db: Database, tmp_path: Path
) -> None:
    jobs.install(context(db, tmp_path))
    shop = await open_shop(db)
    customers = [await customer(db, shop, owes=1000 * n) for n in (1, 2, 3)]
    victim = customers[1][1]

    def note_victim(session: Session, _context: object) -> None:
        for row in session.dirty:
            if isinstance(row, ConsentRow) and row.address == victim:
                session.info["victim"] = True

    def crash_before_commit(session: Session) -> None:
        # The process dies after queueing the second customer's reminder, before its commit.
        if session.info.pop("victim", False):
            raise RuntimeError("killed")

    event.listen(Session, "after_flush", note_victim)
    event.listen(Session, "before_commit", crash_before_commit)
    try:
        with pytest.raises(RuntimeError, match="killed"):
            await _remind_at(START)
    finally:
        event.remove(Session, "before_commit", crash_before_commit)
        event.remove(Session, "after_flush", note_victim)
    assert per_recipient(await outbox(db, shop.id, "reminder")) == {customers[0][1]: 1}

    await _remind_at(START + timedelta(minutes=5))  # restarted
    await _remind_at(START + timedelta(hours=1))
    assert per_recipient(await outbox(db, shop.id, "reminder")) == {
        phone: 1 for _, phone in customers
    }
