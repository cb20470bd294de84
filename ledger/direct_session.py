"""An `AsyncSession` whose calls run at once, without SQLAlchemy's greenlet per call.

`AsyncSession` runs every call of its synchronous `Session` (execute, get, flush, commit …)
inside a new greenlet, so that an async driver can hand the loop back while a statement waits
for the database. A SQLite file has nothing to wait for: the hot path's statements take tens
of microseconds, and this process's writers queue on `Database`'s write lock anyway. There the
greenlet, its frame stack (an mmap and munmap of 16 KiB in CPython 3.11) and the switches into
and out of it cost more CPU than the statement (#16; docs/benchmarks.md).

`DirectSession` keeps the `AsyncSession` interface the ledger is written against and calls the
synchronous `Session`, bound to SQLAlchemy's plain pysqlite engine, on the loop's thread. The
methods the hot path uses are overridden; any other falls back to `AsyncSession`'s own, which
still works (a greenlet around a call that never awaits). ORM results are read before the call
returns, as `AsyncSession`'s are (`prebuffer_rows`); a Core result is read as the caller reads
it, and every caller reads it at once. PostgreSQL keeps the real `AsyncSession` (asyncpg), so
the suite's PostgreSQL runs still catch a lazy load the async layer would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, util
from sqlalchemy.engine import Result, ScalarResult
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction
from sqlalchemy.orm import Session

P = ParamSpec("P")
T = TypeVar("T")
# What AsyncSession.execute adds: an ORM result's rows are read before the call returns, as
# they are through AsyncSession.
_BUFFERED = util.immutabledict({"prebuffer_rows": True})


def _options(execution_options: Any) -> Any:
    if execution_options:
        return util.immutabledict(execution_options).union(_BUFFERED)
    return _BUFFERED


class _DirectTransaction(AsyncSessionTransaction):
    """`session.begin()` / `begin_nested()` whose start and end call the Session directly."""

    async def start(self, is_ctxmanager: bool = False) -> AsyncSessionTransaction:
        sync = self.session.sync_session
        self.sync_transaction = self._assign_proxied(
            sync.begin_nested() if self.nested else sync.begin()
        )
        if is_ctxmanager:
            self.sync_transaction.__enter__()
        return self

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        self._sync_transaction().__exit__(type_, value, traceback)

    async def commit(self) -> None:
        self._sync_transaction().commit()

    async def rollback(self) -> None:
        self._sync_transaction().rollback()


class _DirectConnection:
    """What `await session.connection()` gives: the session's Connection, with the methods
    `AsyncConnection` awaits made awaitable (the rest are the Connection's own)."""

    _AWAITED = frozenset(
        {"execute", "exec_driver_sql", "scalar", "scalars", "commit", "rollback", "close"}
    )

    def __init__(self, connection: Connection) -> None:
        self.sync_connection = connection

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.sync_connection, name)
        if name not in self._AWAITED:
            return found

        async def awaited(*args: Any, **kw: Any) -> Any:
            return found(*args, **kw)

        return awaited

    async def run_sync(self, fn: Any, *args: Any, **kw: Any) -> Any:
        return fn(self.sync_connection, *args, **kw)


class DirectSession(AsyncSession):
    """`AsyncSession`'s interface over a synchronous `Session` on a synchronous engine."""

    def __init__(self, engine: Engine, **kw: Any) -> None:
        super().__init__(**kw)
        self.sync_session.bind = engine
        # The connection of the session's transaction, as `Session.connection()` last gave it
        # (its lookup cost more than a prebuilt statement's run, #16), and that transaction.
        self._held: dict[object, Connection] = {}

    def begin(self) -> AsyncSessionTransaction:
        return _DirectTransaction(self)

    def begin_nested(self) -> AsyncSessionTransaction:
        return _DirectTransaction(self, nested=True)

    async def execute(
        self,
        statement: Any,
        params: Any = None,
        *,
        execution_options: Any = util.EMPTY_DICT,
        bind_arguments: Any = None,
        **kw: Any,
    ) -> Result[Any]:
        sync = self.sync_session
        if not bind_arguments and not kw and self._core(statement):
            # The hot path's prebuilt Core statements: what Session.execute does for one (flush
            # what is pending, then run it on the transaction's connection), without the ORM
            # bookkeeping around it (3.6 % of a sale's conversation, #16)
            sync._autoflush()
            return self._connection().execute(
                statement, params, execution_options=execution_options
            )
        return sync.execute(
            statement,
            params=params,
            execution_options=_options(execution_options),
            bind_arguments=bind_arguments,
            **kw,
        )

    def _connection(self) -> Connection:
        """`Session.connection()`, looked up once a transaction. A savepoint's transaction is
        looked up on its own: its first lookup is what emits its SAVEPOINT."""
        sync = self.sync_session
        transaction = sync._transaction
        found = self._held.get(transaction) if transaction is not None else None
        if found is not None:
            return found
        connection = sync.connection()
        transaction = sync._transaction
        assert transaction is not None
        if transaction._parent is None:
            self._held = {}  # a new transaction: the last one's entries are done with
        self._held[transaction] = connection
        return connection

    def _core(self, statement: Any) -> bool:
        """Whether a statement is plain Core (no ORM entity to load or persist), and no
        `do_orm_execute` hook would want to see it."""
        plugin = getattr(statement, "_propagate_attrs", {}).get("compile_state_plugin")
        return plugin != "orm" and not self.sync_session.dispatch.do_orm_execute

    async def scalar(
        self,
        statement: Any,
        params: Any = None,
        *,
        execution_options: Any = util.EMPTY_DICT,
        bind_arguments: Any = None,
        **kw: Any,
    ) -> Any:
        return self.sync_session.scalar(
            statement,
            params=params,
            execution_options=_options(execution_options),
            bind_arguments=bind_arguments,
            **kw,
        )

    async def scalars(
        self,
        statement: Any,
        params: Any = None,
        *,
        execution_options: Any = util.EMPTY_DICT,
        bind_arguments: Any = None,
        **kw: Any,
    ) -> ScalarResult[Any]:
        result = await self.execute(
            statement,
            params=params,
            execution_options=execution_options,
            bind_arguments=bind_arguments,
            **kw,
        )
        return result.scalars()

    async def run_sync(
        self, fn: Callable[Concatenate[Session, P], T], *arg: P.args, **kw: P.kwargs
    ) -> T:
        return fn(self.sync_session, *arg, **kw)

    async def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        return self.sync_session.get(entity, ident, **kw)

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        self.sync_session.flush(objects=objects)

    async def delete(self, instance: object) -> None:
        self.sync_session.delete(instance)

    async def refresh(
        self, instance: object, attribute_names: Any = None, with_for_update: Any = None
    ) -> None:
        self.sync_session.refresh(
            instance, attribute_names=attribute_names, with_for_update=with_for_update
        )

    async def connection(
        self,
        bind_arguments: dict[str, Any] | None = None,
        execution_options: Any = None,
        **kw: Any,
    ) -> Any:
        sync = self.sync_session.connection(bind_arguments, execution_options, **kw)
        return _DirectConnection(sync)

    async def commit(self) -> None:
        self.sync_session.commit()

    async def rollback(self) -> None:
        self.sync_session.rollback()

    async def close(self) -> None:
        self.sync_session.close()


def direct_sessions(engine: Engine) -> Any:
    """A session factory like `async_sessionmaker(...)`: `async with factory() as session`."""

    def make() -> DirectSession:
        return DirectSession(engine, expire_on_commit=False, sync_session_class=Session)

    return make
