"""The database: one async engine, SQLite or PostgreSQL, migrated on start."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    Executable,
    Result,
    Table,
    create_engine,
    event,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from .direct_session import direct_sessions
from .hot import HotConnection, prebuilt, use_hot_connections
from .hot import begin as hot_begin

MIGRATIONS = Path(__file__).with_name("migrations")
# How long a statement on the loop's thread waits for another process's write to finish (a
# CLI job's; this process's writers queue on its write lock): a longer wait fails the message,
# which the inbox retries, rather than stalling every chat of this process.
WRITER_BUSY_MS = 2000
T = TypeVar("T")


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched (its cursor's rowcount, which SQLAlchemy
    types only on the cursor result an executed DML statement is)."""
    return int(cast("CursorResult[Any]", result).rowcount)


def table(model: type[Any]) -> Table:
    """A model's table, for Core statements on the hot path.

    An INSERT or UPDATE built on the table skips the ORM's bulk-statement layer that one built
    on the model goes through (about 55 against 120-190 µs of CPU a statement on SQLite;
    docs/benchmarks.md), and needs nothing of it when no object is loaded or kept.
    """
    return cast(Table, model.__table__)


# The INSERT construct with ON CONFLICT of SQLite or PostgreSQL, by the table it inserts into.
DialectInsert = Callable[[Table], sqlite.Insert | postgresql.Insert]


class Upsert:
    """An INSERT … ON CONFLICT built once per database dialect, run with its values as
    parameters: on the hot path, building a statement costs more CPU than running it.

        STORE = Upsert(lambda insert: insert(table(Row)).on_conflict_do_nothing(...))
        await session.execute(STORE(session), {"column": value, ...})
    """

    def __init__(self, build: Callable[[DialectInsert], Executable]) -> None:
        self._build = build
        self._made: dict[str, Executable] = {}

    def __call__(self, bind: AsyncSession | Connection) -> Executable:
        name = bind.dialect.name if isinstance(bind, Connection) else bind.get_bind().dialect.name
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = prebuilt(
                self._build(postgresql.insert if name == "postgresql" else sqlite.insert)
            )
        return made


def upsert_insert(session: AsyncSession) -> Any:
    """The INSERT construct with ON CONFLICT support for the session's database."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def keep(session: AsyncSession, row: object) -> None:
    """Hold a loaded row until the session ends, so `session.get` finds it again without a query.

    SQLAlchemy's identity map holds rows weakly: once a read model has been built from a row
    and the row dropped, the next `get` of the same key asks the database again.
    """
    session.info.setdefault("kept", []).append(row)


def sqlite_url(data_dir: Path) -> str:
    """The default database: a SQLite file in the data folder."""
    return f"sqlite+aiosqlite:///{(data_dir / 'hisaab.db').resolve()}"


def _tune_sqlite(
    engine: AsyncEngine | Engine, *, immediate: bool = True, busy_ms: int = 30000
) -> None:
    """WAL, foreign keys, a busy timeout, and BEGIN IMMEDIATE so writers queue, never deadlock."""
    sync = engine.sync_engine if isinstance(engine, AsyncEngine) else engine

    @event.listens_for(sync, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN instead of the driver's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Erased personal data is overwritten on disk, not left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        # A savepoint's journal of old pages (and any sort's scratch) stays in memory: not a
        # file created, written and unlinked in /var/tmp for a message's savepoint, and no
        # copy of a row's old contents outside the data folder.
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(sync, "begin")
    def _on_begin(conn: Connection) -> None:
        if isinstance(conn, HotConnection):
            hot_begin(conn, "BEGIN IMMEDIATE" if immediate else "BEGIN")  # on the driver
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# Set `session.info[FORGET_WAL] = True` in a transaction that erases personal data: once it
# commits, SQLite's write-ahead log is checkpointed and truncated (PostgreSQL: nothing to do).
FORGET_WAL = "hisaab.forget_wal"


class Database:
    """Owns the engine and hands out sessions; one per process."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        path = url.split("///", 1)[-1] if self.is_sqlite else ""
        on_file = self.is_sqlite and bool(path) and path != ":memory:"
        if on_file:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            # SQLite has one writer; a small pool keeps BEGIN IMMEDIATE queues short.
            kwargs["pool_size"] = 4
            kwargs["max_overflow"] = 4
            kwargs["pool_timeout"] = 60
        else:
            kwargs["pool_size"] = 10
            kwargs["max_overflow"] = 20
        # Migrations, a checkpoint, and the writer wherever the synchronous one is not used.
        self.engine = create_async_engine(url, **kwargs)
        self._reader = self.engine
        if self.is_sqlite:
            _tune_sqlite(self.engine)
            # Readers need no lock under WAL: a second engine whose transactions BEGIN DEFERRED.
            self._reader = create_async_engine(url, **kwargs)
            _tune_sqlite(self._reader, immediate=False)
        self._sessions: Callable[[], AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )
        self._reads = async_sessionmaker(self._reader, expire_on_commit=False)
        self._glances: Callable[[], AsyncSession] = self._reads
        # On a SQLite file the hot path (the writer's transactions, the short reads of
        # `glance`, `quick`'s prebuilt statements) runs on SQLAlchemy's plain, synchronous
        # engine on the loop's thread, without the async layer's greenlet per call: a
        # transaction of one statement cost about 150 µs of CPU through it and 40 without, and
        # a sale's transaction half its CPU (direct_session, docs/benchmarks.md). A statement
        # blocks the loop while it runs (tens of microseconds on this path); reports, exports
        # and documents read through `read`, on aiosqlite's thread. One pooled connection
        # serves the writer and `quick` alike, so its page cache stays warm between the two;
        # a pool never makes the loop's thread wait for a connection (it would wait forever).
        self._quick_writer: Engine | None = None
        self._quick_reader: Engine | None = None
        if on_file:
            self._quick_writer = create_engine(f"sqlite:///{path}", pool_size=1, max_overflow=-1)
            _tune_sqlite(self._quick_writer, busy_ms=WRITER_BUSY_MS)
            self._quick_reader = create_engine(f"sqlite:///{path}", pool_size=2, max_overflow=-1)
            _tune_sqlite(self._quick_reader, immediate=False, busy_ms=WRITER_BUSY_MS)
            # their prebuilt statements run on the driver's cursor (hot.py)
            use_hot_connections(self._quick_writer)
            use_hot_connections(self._quick_reader)
            self._sessions = direct_sessions(self._quick_writer)
            self._glances = direct_sessions(self._quick_reader)
        # SQLite has one writer: writers of this process queue here, in asyncio, rather than
        # in SQLite's busy handler, which sleeps up to 100 ms between tries.
        self._write_lock: asyncio.Lock | None = None
        self._write_lock_loop: asyncio.AbstractEventLoop | None = None  # the loop it belongs to
        self._writer: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        if not self.is_sqlite or self._writer is asyncio.current_task():
            async with self._sessions() as session, session.begin():
                yield session
            return
        async with self._lock():
            self._writer = asyncio.current_task()
            try:
                async with self._sessions() as session, session.begin():
                    yield session
                if session.info.get(FORGET_WAL):
                    await self._checkpoint()
            finally:
                self._writer = None

    async def _checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it, so that what a transaction
        erased does not linger in `-wal` (SQLite keeps old pages there until a checkpoint)."""
        async with self.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def quick(self, work: Callable[[Connection], T], *, write: bool = True) -> T:
        """Run `work` in one short transaction and return what it returns: prebuilt Core
        statements on a synchronous Connection, committed on success, rolled back on error.

        For the hot path's small transactions that need no ORM object (the inbox's store, a
        worker's look at its sender's messages, the courier's claims). A write queues on this
        process's write lock like `session`; `write=False` reads without it (WAL). `work`
        must not await: on a SQLite file it runs on the loop's thread, and on PostgreSQL in
        SQLAlchemy's `run_sync`.
        """
        if self._quick_writer is None or self._quick_reader is None:
            engine = self.engine if write else self._reader
            async with engine.begin() as conn:
                return await conn.run_sync(work)
        if not write:
            with self._quick_reader.begin() as conn:
                return work(conn)
        if self._writer is asyncio.current_task():
            raise RuntimeError("quick() inside this task's session would wait on itself")
        async with self._lock():
            with self._quick_writer.begin() as conn:
                return work(conn)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for reading only: on SQLite it neither takes nor waits for the write lock."""
        async with self._reads() as session, session.begin():
            yield session

    @property
    def engines(self) -> list[AsyncEngine]:
        """Every engine of this database: the writer, then the readers SQLite has."""
        found: list[AsyncEngine] = []
        for engine in (self.engine, self._reader):
            if engine not in found:
                found.append(engine)
        return found

    @asynccontextmanager
    async def glance(self) -> AsyncIterator[AsyncSession]:
        """A session for a short read on the hot path (a point lookup, a few rows by index).

        On a SQLite file its statements run on the event loop's thread, as the writer's do:
        under WAL a reader never waits for a lock, and a hop to aiosqlite's thread costs more
        CPU than such a read (a transaction of three lookups: 1.3 ms through the thread, 0.3
        inline; docs/benchmarks.md). Anything that scans (reports, exports, documents) uses
        `read`, whose statements may take long without holding up the loop.
        """
        async with self._glances() as session, session.begin():
            yield session

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._write_lock is None or self._write_lock_loop is not loop:
            self._write_lock = asyncio.Lock()
            self._write_lock_loop = loop
        return self._write_lock

    async def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade)

    @property
    def sync_engines(self) -> list[Engine]:
        """Every engine's synchronous side, the quick engines included (statement counters)."""
        found = [engine.sync_engine for engine in self.engines]
        return found + [e for e in (self._quick_writer, self._quick_reader) if e is not None]

    async def dispose(self) -> None:
        """Close every pooled connection."""
        for engine in self.engines:
            await engine.dispose()
        for quick in (self._quick_writer, self._quick_reader):
            if quick is not None:
                quick.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration without an ini file."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def null_pool_engine(url: str) -> AsyncEngine:
    """An engine without pooling, for one-off tools such as migration autogeneration."""
    return create_async_engine(url, poolclass=NullPool)
