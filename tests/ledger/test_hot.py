"""Prebuilt statements on the SQLite driver's cursor (ledger/hot.py).

On a SQLite file a statement marked `prebuilt` runs from its second time on on the driver's cursor
with what SQLAlchemy compiled the first time; everywhere else (PostgreSQL, a listener of the
statements, no transaction) it runs the plain way. Either way a caller reads the same rows,
typed the same, the same defaults are filled in and the same errors are raised.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import bindparam, event, insert, text
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError

from consent.tables import NoticeRow
from ledger import Database, add_product
from ledger.db import table
from ledger.hot import HotResult, prebuilt
from ledger.tables import Operation, Product
from tests.factories import uae_shop

_PRODUCT = table(Product)
PLAIN_PRODUCTS = sa_select(_PRODUCT).where(_PRODUCT.c.business_id == bindparam("bid"))
HOT_PRODUCTS = prebuilt(sa_select(_PRODUCT).where(_PRODUCT.c.business_id == bindparam("bid")))
SOLD = prebuilt(
    _PRODUCT.update()
    .where(_PRODUCT.c.id == bindparam("pid"))
    .values(on_hand=_PRODUCT.c.on_hand - bindparam("taken", type_=_PRODUCT.c.on_hand.type))
)
DID = prebuilt(insert(table(Operation)).returning(table(Operation).c.id))
NOTICE = prebuilt(insert(table(NoticeRow)))
DIDS = prebuilt(
    sa_select(table(Operation).c.id, table(Operation).c.created_at).where(
        table(Operation).c.business_id == bindparam("bid")
    )
)


def _typed(rows: Sequence[Any]) -> list[dict[str, tuple[type, Any]]]:
    return [{k: (type(v), v) for k, v in row._mapping.items()} for row in rows]


async def _shop(db: Database) -> int:
    async with db.session() as session:
        shop = await uae_shop(session)
        # beside the factory's rice, milk and soap: a product with a part of a unit in stock
        await add_product(
            session, shop.id, name="Sugar", price_minor=450, opening_stock=Decimal("12.5")
        )
    return shop.id


async def test_a_prebuilt_select_reads_what_sqlalchemy_reads(db: Database) -> None:
    bid = await _shop(db)
    async with db.session() as session:
        plain = (await session.execute(PLAIN_PRODUCTS, {"bid": bid})).all()
        for _ in range(2):  # the first run compiles through SQLAlchemy, the second is short
            hot = await session.execute(HOT_PRODUCTS, {"bid": bid})
        assert isinstance(hot, HotResult) == db.is_sqlite
        rows = hot.all()
    assert len(rows) == 4
    assert _typed(rows) == _typed(plain)  # every value, and its type (Decimal, bool, aware)
    sugar = next(r for r in rows if r.name == "Sugar")
    assert sugar.on_hand == Decimal("12.5") and sugar.active is True
    assert sugar.created_at.tzinfo is not None
    assert tuple(sugar) == tuple(next(r for r in plain if r.name == "Sugar"))


async def test_an_update_counts_its_rows_and_many_values_run_in_one_call(db: Database) -> None:
    bid = await _shop(db)
    async with db.session() as session:
        before = {r.id: r for r in (await session.execute(PLAIN_PRODUCTS, {"bid": bid})).all()}
        ids = sorted(before)
        for _ in range(2):
            one = await session.execute(SOLD, {"pid": ids[0], "taken": Decimal("0.5")})
            assert one.rowcount == 1  # type: ignore[attr-defined]
        # (a driver's count of an executemany is not to be relied on: asyncpg gives -1)
        await session.execute(SOLD, [{"pid": i, "taken": Decimal(1)} for i in ids])
        missing = await session.execute(SOLD, {"pid": -1, "taken": Decimal(1)})
        assert missing.rowcount == 0  # type: ignore[attr-defined]
    async with db.glance() as reader:
        left = {r.id: r.on_hand for r in await reader.execute(PLAIN_PRODUCTS, {"bid": bid})}
    taken = {i: Decimal(2) if i == ids[0] else Decimal(1) for i in ids}
    assert left == {i: before[i].on_hand - taken[i] for i in ids}


async def test_an_insert_fills_its_python_defaults_and_returns_its_id(db: Database) -> None:
    bid = await _shop(db)
    before = datetime.now(UTC)
    async with db.session() as session:
        made = [
            (await session.execute(DID, {"business_id": bid, "kind": "sale"})).scalar_one()
            for _ in range(3)
        ]
    async with db.glance() as reader:
        for _ in range(2):
            rows = (await reader.execute(DIDS, {"bid": bid})).all()
    found = {r.id: r.created_at for r in rows}
    assert sorted(made) == sorted(found)[-3:]  # the opening stock's operations come first
    for stamp in (found[i] for i in made):
        assert before - timedelta(seconds=1) <= stamp <= datetime.now(UTC)


async def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(db: Database) -> None:
    """A duplicate key is an IntegrityError, in the short path too, and the transaction goes on
    once its savepoint is rolled back: nothing else it holds is lost."""
    bid = await _shop(db)
    address = f"+9715099{bid:05d}"
    async with db.session() as session:
        for n in range(2):
            await session.execute(NOTICE, {"address": f"{address}{n}", "stopped": False})
        with pytest.raises(IntegrityError):
            async with session.begin_nested():  # SAVEPOINT … ROLLBACK TO, on the driver too
                await session.execute(NOTICE, {"address": f"{address}2", "stopped": False})
                await session.execute(NOTICE, {"address": f"{address}0", "stopped": True})
        kept = (await session.execute(DID, {"business_id": bid, "kind": "sale"})).scalar_one()
    async with db.glance() as reader:
        rows = (await reader.execute(DIDS, {"bid": bid})).all()
        shown = await reader.execute(
            text("SELECT address FROM privacy_notice WHERE address LIKE :a"), {"a": f"{address}%"}
        )
        addresses = sorted(r.address for r in shown)
    assert kept in {r.id for r in rows}
    assert addresses == [f"{address}0", f"{address}1"]  # the savepoint's own row went with it


async def test_a_write_transaction_holds_sqlites_write_lock_from_its_start(db: Database) -> None:
    """BEGIN IMMEDIATE, run on the driver: while a write transaction is open, another writer
    of the file cannot begin (it would wait; here it is told at once)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's own lock")
    bid = await _shop(db)
    path = db.url.split("///", 1)[1]
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        async with db.session() as session:
            await session.execute(DID, {"business_id": bid, "kind": "sale"})
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free once it committed
        other.execute("ROLLBACK")
    finally:
        other.close()


async def test_a_listener_of_statements_sees_every_one(db: Database) -> None:
    """The statement counters (tests, bench/statements_bench.py) count every statement: with a
    listener attached a prebuilt statement runs the plain way, and is seen."""
    bid = await _shop(db)
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engines = db.sync_engines
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        async with db.session() as session:
            for _ in range(3):
                result = await session.execute(HOT_PRODUCTS, {"bid": bid})
                assert not isinstance(result, HotResult)
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
    assert sum("FROM product" in s for s in seen) == 3
