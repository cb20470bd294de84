"""`Database.glance` and `Database.session` on a SQLite file: the hot path's reads and writes
on the event loop's thread, with no greenlet per call (ledger/direct_session.py).

A glance runs on the loop's thread, so if it ever had to wait for the writer it would stall the
loop that the writer needs to finish: it must read, at once, while a write transaction is open.
"""

from __future__ import annotations

import time

from sqlalchemy import event, text
from sqlalchemy.util.concurrency import in_greenlet

from ledger import Database
from ledger.direct_session import DirectSession
from ledger.tables import Business
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


async def test_on_a_sqlite_file_statements_run_without_a_greenlet(db: Database) -> None:
    """Every statement of a write transaction (the ORM's flush and get included) and of a
    glance runs on the loop's own greenlet; on PostgreSQL each runs in one SQLAlchemy spawned
    for it, as the async driver needs."""
    spawned: list[bool] = []

    def note(*_: object) -> None:
        spawned.append(in_greenlet())

    engines = set(db.sync_engines)
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        async with db.session() as session:
            shop = await uae_shop(session)  # ORM adds and a flush
            assert shop.id is not None
            await session.get(Business, shop.id, populate_existing=True)
        async with db.glance() as reader:
            await reader.execute(NAME, {"id": shop.id})
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
    assert len(spawned) >= 4
    if db.is_sqlite:
        assert not any(spawned)
        async with db.session() as session, db.glance() as reader:
            assert isinstance(session, DirectSession) and isinstance(reader, DirectSession)
    else:
        assert all(spawned)


async def test_a_core_statement_sees_what_the_session_holds_unflushed(db: Database) -> None:
    """A Core statement through the writer (on SQLite it skips Session.execute's ORM
    bookkeeping) still flushes what the session holds first, as Session.execute does: a name
    changed on the object is what the statement reads, in the same transaction."""
    async with db.session() as session:
        shop = await uae_shop(session)
        held = await session.get(Business, shop.id)
        assert held is not None
        held.name = "Changed, not flushed"
        name = (await session.execute(NAME, {"id": shop.id})).scalar_one()
        assert name == "Changed, not flushed"
        count = (await session.execute(text("SELECT count(*) FROM business"))).scalar_one()
        assert count >= 1
