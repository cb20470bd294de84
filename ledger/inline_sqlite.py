"""SQLite for the write path without a thread hop per statement.

aiosqlite runs each call of a connection on a thread of its own and wakes the event loop with
the result: two thread switches and a self-pipe write per statement, which cost more CPU than
the statement itself (a sale's INSERT is tens of microseconds in SQLite). The writer engine's
statements are short, and in one process they run one transaction at a time behind
`Database`'s write lock, so this connection runs them on the event loop's own thread instead:
the same aiosqlite API SQLAlchemy's dialect drives, with no thread.

What it costs: a statement blocks the loop while it runs (microseconds for the write path; the
reports and PDFs read through the reader engine, which keeps aiosqlite's thread), and a write
of another process (`hisaab jobs run`, `hisaab shop load`) makes this one wait in SQLite's
busy handler, on the loop, for as long as that transaction lasts — so the writer's busy timeout
is kept short (WRITER_BUSY_MS) and a longer wait fails the message, which is retried from the
inbox. Measured in docs/benchmarks.md (statements per message and CPU per message).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator
from queue import SimpleQueue
from typing import Any

import aiosqlite

# How long the writer waits, on the event loop, for another process's write to finish.
WRITER_BUSY_MS = 2000


class _RunNow(SimpleQueue[tuple["asyncio.Future[Any] | None", Callable[[], Any]]]):
    """Stands in for aiosqlite's queue to its thread: runs what is put at once and settles
    its future (SQLAlchemy's adapter puts work on the queue directly for isolation_level)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # handed to the awaiting caller, as aiosqlite's thread does
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's connection whose calls run at once, on the calling (event loop) thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._tx = _RunNow()

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        return self._connect().__await__()  # no worker thread to start

    async def _connect(self) -> aiosqlite.Connection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def stop(self) -> asyncio.Future[Any] | None:
        """Close the sqlite3 connection (there is no thread to stop, nothing to wait for)."""
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        return None

    async def close(self) -> None:
        """Close the connection."""
        self.stop()


def inline_creator(path: str) -> Callable[[], InlineConnection]:
    """SQLAlchemy's `async_creator` for a SQLite file opened on the event loop's thread."""

    def connector() -> sqlite3.Connection:
        # The connection is made and used on the loop's thread; SQLAlchemy's pool may hand it
        # to another event loop of this process only after the first is closed (tests).
        return sqlite3.connect(path, check_same_thread=False, isolation_level=None)

    def create() -> InlineConnection:
        return InlineConnection(connector, 64)

    return create
