"""The conversation log: sealed at rest, unreadable past its retention, purged after it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from cryptography.fernet import Fernet
from sqlalchemy import func, select, text
from sqlmodel import col

from consent.crypto import Cipher
from consent.log import document_note, purge, read, record
from consent.tables import LogEntry
from ledger import Database
from tests.bot.helpers import load_shop, say, send
from tests.consent.helpers import private_conversation, raw_sqlite
from tests.factories import new_phone

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SECRET = "remember the zebra code 7731 for the back door"


async def _rows_of(db: Database, address: str) -> int:
    async with db.session() as session:
        found = await session.execute(
            select(func.count()).select_from(LogEntry).where(col(LogEntry.address) == address)
        )
        return int(found.scalar_one())


async def test_messages_older_than_90_days_are_unreadable_before_the_purge_and_gone_after(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv, privacy = private_conversation(db)
    with time_machine.travel(START, tick=False):
        await say(conv, shop.owner, "what did I sell today")
    with time_machine.travel(START + timedelta(days=60), tick=False):
        await say(conv, shop.owner, "how much milk is left")
    # In, the privacy notice and the answer; then in and the answer.
    assert await _rows_of(db, shop.owner) == 5

    with time_machine.travel(START + timedelta(days=91), tick=False):
        now = datetime.now(UTC)
        async with db.session() as session:
            readable = await read(
                session, privacy.cipher, address=shop.owner, now=now, retention_days=90
            )
        assert [m.text for m in readable if m.direction == "in"] == ["how much milk is left"]
        assert all(m.at >= now - timedelta(days=90) for m in readable)
        assert await _rows_of(db, shop.owner) == 5  # still stored: the job has not run

        async with db.session() as session:
            purged = await purge(session, before=now - timedelta(days=90))
        assert purged >= 3
        assert await _rows_of(db, shop.owner) == 2
        async with db.session() as session:
            kept = await read(
                session, privacy.cipher, address=shop.owner, now=now, retention_days=90
            )
        assert [m.text for m in kept] == [m.text for m in readable]


async def test_a_shops_log_is_read_by_business_and_never_everyones(db: Database) -> None:
    cipher = Cipher(Fernet.generate_key())
    mine, other = new_phone(), new_phone()
    now = datetime.now(UTC)
    async with db.session() as session:
        for business_id, address in ((None, mine), (None, other)):
            await record(
                session,
                cipher,
                business_id=business_id,
                address=address,
                channel="console",
                direction="out",
                kind="document",
                text=document_note("INV-2026-0001.pdf"),
                at=now,
            )
    async with db.session() as session:
        found = await read(session, cipher, address=mine, now=now, retention_days=90)
        try:
            await read(session, cipher, now=now, retention_days=90)
        except ValueError as exc:
            refused = str(exc)
    assert [(m.address, m.kind, m.text) for m in found] == [
        (mine, "document", "[document INV-2026-0001.pdf]")
    ]
    assert "not everyone's" in refused


async def test_no_message_text_is_stored_in_clear(db: Database) -> None:
    shop = await load_shop(db)
    conv, privacy = private_conversation(db, SECRET)
    typed = await say(conv, shop.owner, SECRET)
    spoken = await send(conv, shop.owner, audio=b"OggS-fake-voice-note")
    assert typed and spoken

    async with db.session() as session:
        opened = await read(
            session,
            privacy.cipher,
            address=shop.owner,
            now=datetime.now(UTC),
            retention_days=90,
        )
        bodies = await session.execute(
            text("SELECT body FROM conversation_log WHERE address = :a"), {"a": shop.owner}
        )
        stored = [row[0] for row in bodies]
    assert [(m.kind, m.text) for m in opened if m.direction == "in"] == [
        ("text", SECRET),
        ("voice", SECRET),  # the transcript, never the audio
    ]
    assert stored and all("zebra" not in body for body in stored)
    if db.is_sqlite:
        raw = await raw_sqlite(db)
        assert b"zebra" not in raw
        assert b"OggS-fake-voice-note" not in raw
        assert shop.owner.encode() in raw  # the file was read: addresses are stored as they are
