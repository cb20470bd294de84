"""The hot path's prebuilt statements run on the SQLite driver's cursor (#16).

A statement built once at import (`prebuilt`) is run many times a second with new values. On
a SQLite file, SQLAlchemy's execution of such a statement (its cache key, an execution
context, parameter processing, events, a cursor result with its metadata) costs about 50 µs of
CPU, and the driver's `execute` about 8: in a sale of ~25 statements that is a third of the
message (docs/benchmarks.md, "Throughput (#16) — session 13").

`HotConnection.execute` runs a prebuilt statement the first time through SQLAlchemy, keeps
what that compiled (the SQL, the order of its parameters, the type processors of its values
and of its result's columns, the Python defaults an INSERT fills in) as a `Plan`, and from
then on runs the plan on the DBAPI cursor of the connection's transaction. The result is a
`HotResult`: the rows already read, with the part of `CursorResult`'s interface the hot path
uses (first, one, all, scalar…, scalars, mappings, rowcount, lastrowid).

The plain path is kept whenever the short one could differ: a statement not marked prebuilt,
execution options, a connection outside a transaction, a listener of the statement events
(the statement counters of the tests and `bench/statements_bench.py` see every statement), a
compiled form this module does not reproduce (expanding IN, a callable bind value, a bind
left to its default by a required parameter, RETURNING with many rows of values, a result
column name a tuple cannot carry), and any dialect but pysqlite. A driver error is raised as
SQLAlchemy raises it (`IntegrityError`, `OperationalError` …).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar, cast

from sqlalchemy import Connection, exc, util
from sqlalchemy.engine import CursorResult
from sqlalchemy.engine.interfaces import CoreExecuteOptionsParameter, Dialect, _CoreAnyExecuteParams
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import (
    ReleaseSavepointClause,
    RollbackToSavepointClause,
    SavepointClause,
)

E = TypeVar("E", bound=Executable)

PREBUILT = "hisaab_prebuilt"  # the execution option that marks a statement built once
_NO_PLAN = object()  # a statement (with these parameter names) the short path cannot run


def prebuilt(statement: E) -> E:
    """Mark a statement built once and run often: on SQLite it runs on the driver's cursor."""
    return statement.execution_options(**{PREBUILT: True})


class HotResult:
    """What a prebuilt statement returned: its rows, read and typed, or the rows it changed."""

    __slots__ = ("_rows", "lastrowid", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    fetchall = all

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def one_or_none(self) -> Any:
        if len(self._rows) > 1:
            raise exc.MultipleResultsFound("Multiple rows were found when one or none was required")
        return self.first()

    def one(self) -> Any:
        if not self._rows:
            raise exc.NoResultFound("No row was found when one was required")
        return self.one_or_none()

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalar_one_or_none(self) -> Any:
        row = self.one_or_none()
        return None if row is None else row[0]

    def scalars(self) -> HotResult:
        return HotResult([row[0] for row in self._rows], self.rowcount, self.lastrowid)

    def mappings(self) -> HotResult:
        return HotResult([row._mapping for row in self._rows], self.rowcount, self.lastrowid)

    def close(self) -> None:
        self._rows = []


class HotRow(tuple[Any, ...]):
    """A result row: a tuple whose values are also read by column name (`row.name`), with
    `_mapping`, `_fields` and `_asdict`, as SQLAlchemy's Row reads (one class a statement)."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self._index[name]]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def _fields(self) -> tuple[str, ...]:
        return tuple(self._index)

    @property
    def _mapping(self) -> Mapping[str, Any]:
        return self._asdict()

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._index, self, strict=True))


def _row_type(keys: Sequence[str]) -> type[HotRow] | None:
    """The row class of a statement's result, or None when its column names are not unique
    (SQLAlchemy's Row would refuse the ambiguous name)."""
    if len(set(keys)) != len(keys) or not all(k.isidentifier() for k in keys):
        return None
    index = {key: i for i, key in enumerate(keys)}
    return type("HotRow", (HotRow,), {"__slots__": (), "_index": index})


class Plan:
    """A prebuilt statement as SQLAlchemy compiled it for one set of parameter names."""

    __slots__ = ("defaults", "processors", "row", "sql", "statement", "values")

    def __init__(
        self, statement: Executable, compiled: SQLCompiler, row: type[HotRow] | None
    ) -> None:
        self.statement = statement  # held: plans are found by the statement's id
        self.sql = compiled.string
        binds = compiled._bind_processors
        names = {name: bind for bind, name in compiled.bind_names.items()}
        # One (name, fixed value, processor) a placeholder, in the order of the SQL's "?".
        values: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
        for name in compiled.positiontup or ():
            bind = names[name]
            processor = binds.get(name)
            values.append((name, bind.value, processor if callable(processor) else None))
        self.values = tuple(values)
        # An INSERT's Python-side column defaults (a scalar, or a function of nothing).
        defaults: list[tuple[str, Any, bool | None]] = []
        for column in compiled.insert_prefetch:
            arg, _, is_callable, _ = column._default_description_tuple
            defaults.append((compiled._within_exec_param_key_getter(column), arg, is_callable))
        self.defaults = tuple(defaults)
        self.row = row  # None: the statement returns no rows
        self.processors: tuple[tuple[int, Callable[[Any], Any]], ...] = ()
        if row is not None:
            dialect = compiled.dialect
            # (column index, processor) for the columns whose values the driver's need typing
            self.processors = tuple(
                (i, process)
                for i, entry in enumerate(compiled._result_columns)
                if (process := entry.type._cached_result_processor(dialect, None)) is not None
            )

    @staticmethod
    def runnable(compiled: SQLCompiler, params: Mapping[str, Any]) -> bool:
        """Whether the cursor can run this compiled form with only what `Plan` keeps."""
        if (
            compiled.post_compile_params
            or compiled.literal_execute_params
            or compiled.escaped_bind_names
            or compiled.update_prefetch
            or compiled.positiontup is None
        ):
            return False
        for bind, name in compiled.bind_names.items():
            if name not in params and (bind.callable is not None or bind.required):
                return False
        for column in compiled.insert_prefetch:
            _, is_scalar, is_callable, is_sentinel = column._default_description_tuple
            if is_sentinel or not (is_scalar or is_callable):
                return False
        return True

    def parameters(self, params: Mapping[str, Any]) -> list[Any]:
        if self.defaults:
            params = dict(params)
            for key, arg, is_callable in self.defaults:
                if key not in params:
                    params[key] = arg(None) if is_callable else arg
        get = params.get
        return [
            get(name, fixed) if process is None else process(get(name, fixed))
            for name, fixed, process in self.values
        ]

    def run(self, conn: Connection, params: Any) -> HotResult:
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        many = isinstance(params, list)
        values: Any = [self.parameters(p) for p in params] if many else self.parameters(params)
        try:
            if many:
                cursor.executemany(self.sql, values)
            else:
                cursor.execute(self.sql, values)
            fetched = cursor.fetchall() if self.row is not None else []
        except sqlite3.Error as error:
            raise _raised(conn, self.sql, values, error) from error
        finally:
            rowcount, lastrowid = cursor.rowcount, cursor.lastrowid
            cursor.close()
        rows: list[Any] = []
        if fetched:
            processors, make = self.processors, cast(type[HotRow], self.row)
            for raw in fetched:
                if processors:
                    raw = list(raw)
                    for i, process in processors:
                        raw[i] = process(raw[i])
                rows.append(make(raw))
        return HotResult(rows, rowcount, lastrowid)


def _raised(conn: Connection, sql: str, values: Any, error: Exception) -> exc.StatementError:
    """A driver's error as SQLAlchemy raises it (IntegrityError, OperationalError …)."""
    dialect = conn.dialect
    return exc.DBAPIError.instance(sql, values, error, dialect.loaded_dbapi.Error, dialect=dialect)


def _listened(conn: Connection) -> bool:
    """Whether anyone listens to this connection's statements (the statement counters)."""
    dispatch = conn.dispatch
    return bool(
        dispatch.before_cursor_execute
        or dispatch.after_cursor_execute
        or dispatch.before_execute
        or dispatch.after_execute
    )


def _driver(conn: Connection, sql: str) -> None:
    """Run a statement without values on the connection's driver."""
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    try:
        dbapi.execute(sql)
    except sqlite3.Error as error:
        raise _raised(conn, sql, (), error) from error


def begin(conn: Connection, sql: str) -> None:
    """Open a SQLite transaction (`BEGIN IMMEDIATE` …) from the engine's "begin" event: on the
    driver's connection, or as a statement the listeners see when anyone listens."""
    if _listened(conn):
        conn.exec_driver_sql(sql)
    else:
        _driver(conn, sql)


# A nested transaction's statements, as the dialect builds them (a new object each time, named
# sa_savepoint_1, 2 … a connection): run as the SQL they compile to, compiled once a name.
_SAVEPOINTS = frozenset({SavepointClause, ReleaseSavepointClause, RollbackToSavepointClause})
_SAVEPOINT_SQL: dict[tuple[type, str], str] = {}


def _savepoint_sql(clause: Any, dialect: Dialect) -> str:
    key = (type(clause), clause.ident)
    sql = _SAVEPOINT_SQL.get(key)
    if sql is None:
        sql = _SAVEPOINT_SQL[key] = str(clause.compile(dialect=dialect))
    return sql


# (id of a prebuilt statement, its parameters' names) -> Plan, or _NO_PLAN
_PLANS: dict[tuple[int, tuple[str, ...]], Any] = {}


class HotConnection(Connection):
    """A Connection that runs prebuilt statements on the driver's cursor (the module's doc).

    Set as a pysqlite engine's connection class by `Database` (`Engine._connection_cls`).
    """

    def execute(
        self,
        statement: Executable,
        parameters: _CoreAnyExecuteParams | None = None,
        *,
        execution_options: CoreExecuteOptionsParameter | None = None,
    ) -> CursorResult[Any]:
        if type(statement) in _SAVEPOINTS and not execution_options and not _listened(self):
            # the dialect's SAVEPOINT / RELEASE / ROLLBACK TO of a nested transaction
            _driver(self, _savepoint_sql(statement, self.dialect))
            return cast("CursorResult[Any]", HotResult([], -1, None))
        options = getattr(statement, "_execution_options", util.EMPTY_DICT)
        if options.get(PREBUILT) and not execution_options and self._short(parameters):
            first: Any = parameters[0] if isinstance(parameters, list) else parameters
            names: tuple[str, ...] = tuple(first) if first else ()
            key = (id(statement), names)
            plan = _PLANS.get(key)
            if plan is None:
                result = super().execute(statement, parameters)
                _PLANS[key] = self._plan(statement, result, first or {}, parameters)
                return result
            if plan is not _NO_PLAN:
                return cast("CursorResult[Any]", plan.run(self, parameters or {}))
        return super().execute(statement, parameters, execution_options=execution_options)

    def _short(self, parameters: Any) -> bool:
        """Whether this call may take the short path: in a transaction, nobody listening to
        statements, and one dict of values or a list of them."""
        if _listened(self) or not self.in_transaction():
            return False
        if isinstance(parameters, list):
            return bool(parameters) and all(isinstance(p, dict) for p in parameters)
        return parameters is None or isinstance(parameters, dict)

    @staticmethod
    def _plan(
        statement: Executable, result: CursorResult[Any], first: Mapping[str, Any], parameters: Any
    ) -> Any:
        compiled = result.context.compiled
        if not isinstance(compiled, SQLCompiler) or result.context.dialect.driver != "pysqlite":
            return _NO_PLAN
        row = None
        if compiled._result_columns:
            if isinstance(parameters, list):
                return _NO_PLAN  # RETURNING for many rows of values: SQLAlchemy's own batching
            row = _row_type(list(result.keys()))
            if row is None:
                return _NO_PLAN
        if not Plan.runnable(compiled, first):
            return _NO_PLAN
        return Plan(statement, compiled, row)


def use_hot_connections(engine: Any) -> None:
    """Make a pysqlite engine's connections run prebuilt statements on the cursor."""
    engine._connection_cls = HotConnection
