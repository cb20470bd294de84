"""The inbox workers and the courier, through a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import ClientSession
from cryptography.fernet import Fernet
from sqlmodel import col, func, select

from bot.bootstrap import make_cipher
from bot.tables import InboxRow, OutboxRow
from bot.transport.intake import Intake, Update, store
from bot.transport.outbox import enqueue
from consent.crypto import Cipher
from ledger import Database
from ledger.tables import Invoice
from tests.bot.helpers import load_shop
from tests.waiting import until

from .support import running_server, settings_for


async def _invoices(db: Database, business_id: int) -> int:
    async with db.session() as session:
        found = await session.execute(
            select(func.count()).select_from(Invoice).where(Invoice.business_id == business_id)
        )
        return int(found.scalar_one())


async def test_one_senders_messages_are_handled_in_the_order_received(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        await run.post(http, f"order-{shop.owner}-0", shop.owner, "add 500 rice to stock")
        for n in range(1, 21):
            await run.post(http, f"order-{shop.owner}-{n}", shop.owner, f"sold {n} rice")
        await until(lambda: len(run.channel.sales) >= 20, "replies", seconds=20)
    quantities = [m.text.split("×")[0].split()[-1] for m in run.channel.sales]
    assert len(run.channel.sales) == 20
    assert [int(q) for q in quantities] == list(range(1, 21)), [m.text for m in run.channel.sent]


async def test_messages_that_arrive_while_the_sender_is_busy_need_no_poll(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    """A worker and a delivery take what came in while they worked before they end."""
    shop = await load_shop(db)
    hour = 3600.0  # the workers' and the courier's own look: never, within this test
    async with (
        running_server(database_url, tmp_path, poll_seconds=hour) as run,
        ClientSession() as http,
    ):
        await run.post(http, f"busy-{shop.owner}-0", shop.owner, "add 500 rice to stock")
        for burst in range(3):
            posts = [
                run.post(http, f"busy-{shop.owner}-{burst}-{n}", shop.owner, f"sold {n + 1} rice")
                for n in range(5)
            ]
            for post in posts:  # in order, each while the previous may still be handled
                await post
                await asyncio.sleep(0.005 * burst)
        await until(lambda: len(run.channel.sales) >= 15, "replies without a poll", seconds=30)
    quantities = [int(m.text.split("×")[0].split()[-1]) for m in run.channel.sales]
    assert quantities == list(range(1, 6)) * 3
    assert await _invoices(db, shop.business.id) == 15


async def test_a_replayed_update_is_booked_once_and_answered_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        for _ in range(3):
            await run.post(http, f"dup-{shop.owner}", shop.owner, "sold 2 rice")
        await until(lambda: len(run.channel.sales) >= 1, "replies", seconds=20)
        await asyncio.sleep(0.3)  # room for a second reply, if there were one
    assert len(run.channel.sales) == 1
    assert await _invoices(db, shop.business.id) == 1


async def test_different_senders_do_not_wait_for_each_other(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shops = [await load_shop(db) for _ in range(4)]
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        await asyncio.gather(
            *(
                run.post(http, f"conc-{s.owner}-{n}", s.owner, "sold 1 rice")
                for s in shops
                for n in range(5)
            )
        )
        await until(lambda: len(run.channel.sales) >= 20, "replies", seconds=20)
    for shop in shops:
        assert await _invoices(db, shop.business.id) == 5
    assert {m.recipient for m in run.channel.sent} == {s.owner for s in shops}


async def test_a_send_the_platform_refuses_for_now_is_retried_and_sent_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        run.channel.fail_next = 3
        await run.post(http, f"retry-{shop.owner}", shop.owner, "sold 1 rice")
        await until(lambda: len(run.channel.sales) >= 1, "replies", seconds=20)
        await asyncio.sleep(0.3)
    assert len(run.channel.sales) == 1
    async with db.session() as session:
        row = (
            await session.execute(
                select(OutboxRow)
                .where(OutboxRow.recipient == shop.owner)
                .order_by(col(OutboxRow.id))
                .limit(1)
            )
        ).scalar_one()
    assert row.status == "sent"
    assert row.attempts == 4
    assert row.body == ""  # the text is not kept once sent


async def test_updates_stored_while_no_worker_ran_are_handled_at_start(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    cipher = make_cipher(settings_for(database_url, tmp_path))
    stored = Intake(db, cipher)

    for n in range(5):
        await stored.accept(
            Update(
                "console", f"boot-{shop.owner}-{n}", shop.owner, datetime.now(UTC), "sold 1 rice"
            )
        )
    async with running_server(database_url, tmp_path) as run:
        await until(lambda: len(run.channel.sales) >= 5, "replies", seconds=20)
    assert await _invoices(db, shop.business.id) == 5
    async with db.session() as session:
        left = await session.execute(
            select(func.count())
            .select_from(InboxRow)
            .where(InboxRow.sender == shop.owner, col(InboxRow.handled_at).is_(None))
        )
        assert left.scalar_one() == 0


async def test_healthz(db: Database, database_url: str, tmp_path: Path) -> None:
    async with (
        running_server(database_url, tmp_path) as run,
        ClientSession() as http,
        http.get(f"{run.url}/healthz") as response,
    ):
        assert response.status == 200
        assert (await response.json())["ok"] is True


async def test_a_voice_note_that_cannot_be_fetched_gets_an_apology_after_three_tries(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        async with http.post(
            f"{run.url}/loopback",
            json={"id": f"gone-{shop.owner}", "sender": shop.owner, "media": "note-1"},
        ) as response:
            assert response.status == 200
        await until(
            lambda: any("voice note" in m.text for m in run.channel.sent), "replies", seconds=20
        )
    assert run.channel.fetches == 3
    async with db.session() as session:
        row = (
            await session.execute(
                select(InboxRow).where(InboxRow.message_id == f"gone-{shop.owner}")
            )
        ).scalar_one()
    assert row.handled_at is not None and row.attempts == 3 and row.payload is None
    assert await _invoices(db, shop.business.id) == 0


async def test_a_voice_note_over_the_limit_is_refused_at_once_with_a_clear_reply(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        async with http.post(
            f"{run.url}/loopback",
            json={"id": f"huge-{shop.owner}", "sender": shop.owner, "media": "huge-1"},
        ) as response:
            assert response.status == 200
        await until(lambda: any("too long" in m.text for m in run.channel.sent), "the refusal")
    assert run.channel.fetches == 1  # trying again cannot make it smaller


async def test_rows_sealed_with_another_key_are_set_aside_and_the_rest_goes_on(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    stranger = Cipher(Fernet.generate_key())  # another process's HISAAB_LOG_KEY
    async with db.session() as session:
        await store(
            session,
            stranger,
            Update("console", f"alien-{shop.owner}", shop.owner, datetime.now(UTC), "sold 1 rice"),
        )
        await enqueue(
            session,
            stranger,
            dedup_key=f"alien-out-{shop.owner}",
            channel="console",
            recipient=shop.owner,
            text="sealed elsewhere",
        )
    async with running_server(database_url, tmp_path) as run, ClientSession() as http:
        await run.post(http, f"after-{shop.owner}", shop.owner, "sold 1 rice")
        await until(lambda: len(run.channel.sales) >= 1, "replies", seconds=20)
    assert await _invoices(db, shop.business.id) == 1  # the unreadable message booked nothing
    async with db.session() as session:
        alien = (
            await session.execute(
                select(InboxRow).where(InboxRow.message_id == f"alien-{shop.owner}")
            )
        ).scalar_one()
        out = (
            await session.execute(
                select(OutboxRow).where(OutboxRow.dedup_key == f"alien-out-{shop.owner}")
            )
        ).scalar_one()
    assert alien.handled_at is not None and alien.payload is None
    assert out.status == "failed" and "another key" in out.error
