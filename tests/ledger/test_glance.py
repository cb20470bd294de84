"""`Database.glance`: the hot path's short reads, on the event loop's thread for a SQLite file.

A glance runs inline, so if it ever had to wait for the writer it would stall the loop that
the writer needs to finish: it must read, at once, while a write transaction is open.
"""

from __future__ import annotations

import time

from sqlalchemy import text

from ledger import Database
from ledger.inline_sqlite import InlineConnection
from tests.factories import uae_shop

NAME = text("SELECT name FROM business WHERE id = :id")


async def test_a_glance_reads_at_once_while_a_write_is_open(db: Database) -> None:
    async with db.session() as session:
        shop = await uae_shop(session)
    async with db.session() as writer:
        await writer.execute(
            text("UPDATE business SET name = 'Renamed' WHERE id = :id"), {"id": shop.id}
        )
        started = time.monotonic()
        async with db.glance() as reader:
            name = (await reader.execute(NAME, {"id": shop.id})).scalar_one()
        assert time.monotonic() - started < 0.5  # no wait for the writer's lock
        assert name != "Renamed"  # the write is not committed yet: the glance sees before it
    async with db.glance() as reader:
        after = (await reader.execute(NAME, {"id": shop.id})).scalar_one()
    assert after == "Renamed"


async def test_a_glance_on_a_sqlite_file_needs_no_thread(db: Database) -> None:
    if not db.is_sqlite:
        return  # PostgreSQL: a glance is an ordinary read session
    async with db.glance() as reader:
        raw = await (await reader.connection()).get_raw_connection()
        assert isinstance(raw.driver_connection, InlineConnection)
