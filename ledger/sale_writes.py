"""A sale's rows written to the books: step by step on SQLite, in one statement on PostgreSQL.

`sell` settles everything before its first write (the lines, the stock taken, the payment at
the counter, what the buyer owes) and hands it here as `SaleRows`. On SQLite, whose statements
run inside the process, eight small prebuilt statements write them (hot.py runs them on the
driver). On PostgreSQL every statement is a round trip to the server and back through the
async driver, so the same rows go in one statement of data-modifying CTEs: the year's next
invoice number, the invoice, its lines, the stock moves, the stock taken off each product,
the payment and its allocation, the buyer's balance and the operation. With `sell`'s one
joined read, a sale there is four round trips (BEGIN, the read, this write, COMMIT) instead of
twelve or thirteen (docs/benchmarks.md, "Throughput (#16) — session 14").

Both writers take the same rows and write the same columns; the ledger's tests run on both
databases, and tests/ledger/test_sale_writes.py holds every row of a sale equal between them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnDefault,
    Select,
    Text,
    Update,
    bindparam,
    cast,
    func,
    insert,
    literal,
    union_all,
    update,
)
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import Insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from .db import DialectInsert, Upsert, table
from .hot import prebuilt
from .operations import record_operation
from .tables import (
    Allocation,
    CounterRow,
    Invoice,
    InvoiceLine,
    Operation,
    Party,
    Payment,
    Product,
    StockMove,
)

# The columns `sell` fills in each row (the ids that link them are the writers' business).
INVOICE_COLUMNS = (
    "business_id",
    "year",
    "party_id",
    "member_id",
    "issued_at",
    "interstate",
    "subtotal_minor",
    "tax_minor",
    "total_minor",
    "paid_minor",
)
LINE_COLUMNS = (
    "business_id",
    "product_id",
    "description",
    "qty",
    "unit",
    "unit_price_minor",
    "tax_rate",
    "net_minor",
    "tax_minor",
    "gross_minor",
    "issued_at",
    "voided",
)
MOVE_COLUMNS = ("business_id", "product_id", "qty", "kind", "reason", "moved_at")
PAYMENT_COLUMNS = ("business_id", "party_id", "direction", "amount_minor", "method", "paid_at")
OPERATION_COLUMNS = ("business_id", "member_id", "kind")


@dataclass(frozen=True, slots=True)
class SaleRows:
    """Everything a sale writes, decided before the first write."""

    invoice: dict[str, Any]  # INVOICE_COLUMNS: its number comes from the year's counter
    lines: list[dict[str, Any]]  # LINE_COLUMNS of each line
    moves: list[dict[str, Any]]  # MOVE_COLUMNS of each line's stock leaving the shelf
    taken: dict[int, Decimal]  # product id → the quantity the sale takes off it
    payment: dict[str, Any] | None  # PAYMENT_COLUMNS of the money taken at the counter
    owed: tuple[int, int] | None  # the buyer's party id and what their account rises by
    operation: dict[str, Any]  # OPERATION_COLUMNS of the sale's entry in the operation log


class Written(NamedTuple):
    """The ids and the number the database gave a sale."""

    invoice_id: int
    number: str
    operation_id: int


def _number_prefix(year: int) -> str:
    return f"INV-{year}-"


def invoice_number(year: int, seq: int) -> str:
    """The printed number of the year's seq-th invoice: INV-2026-0007, INV-2026-12345."""
    return f"{_number_prefix(year)}{seq:04d}"


async def write_sale(session: AsyncSession, rows: SaleRows) -> Written:
    """Write a sale's rows in the caller's transaction, as the session's database does best."""
    if session.get_bind().dialect.name == "postgresql":
        return await _write_at_once(session, rows)
    return await _write_in_steps(session, rows)


# -- SQLite: one small statement per kind of row, each built once ---------------------------

ISSUE = prebuilt(insert(table(Invoice)).returning(table(Invoice).c.id))
ADD_LINES = prebuilt(insert(table(InvoiceLine)))
MOVE_STOCK = prebuilt(insert(table(StockMove)))
PAY = prebuilt(insert(table(Payment)).returning(table(Payment).c.id))
ALLOCATE = prebuilt(insert(table(Allocation)))
# Stock on hand and a customer's balance moved in SQL (no unit-of-work flush of loaded rows),
# with the names of their parameters: each writer names its own.
_PRODUCT, _PARTY = table(Product), table(Party)


def _taking(pid: str, taken: str) -> Update:
    """Take a quantity off one product's stock."""
    qty = bindparam(taken, type_=_PRODUCT.c.on_hand.type)
    return (
        update(_PRODUCT)
        .where(_PRODUCT.c.id == bindparam(pid))
        .values(on_hand=_PRODUCT.c.on_hand - qty)
    )


def _owing(pid: str, owed: str) -> Update:
    """Raise what one party owes the shop."""
    amount = bindparam(owed, type_=BigInteger())
    return (
        update(_PARTY)
        .where(_PARTY.c.id == bindparam(pid))
        .values(balance_minor=_PARTY.c.balance_minor + amount)
    )


TAKE_STOCK = prebuilt(_taking("pid", "taken"))
OWE = prebuilt(_owing("pid", "owed"))


def _next_number(insert: DialectInsert) -> ReturningInsert[Any]:
    """The year's counter moved on by one, returning the number it now stands at."""
    counter = table(CounterRow)
    return (
        insert(counter)
        .on_conflict_do_update(
            index_elements=["business_id", "year"],
            set_={"last_seq": counter.c.last_seq + 1},
        )
        .returning(counter.c.last_seq)
    )


NEXT_NUMBER = Upsert(_next_number)


async def _write_in_steps(session: AsyncSession, rows: SaleRows) -> Written:
    invoice = rows.invoice
    year = invoice["year"]
    counter = {"business_id": invoice["business_id"], "year": year, "last_seq": 1}
    seq = int((await session.execute(NEXT_NUMBER(session), counter)).scalar_one())
    number = invoice_number(year, seq)
    issued = {**invoice, "seq": seq, "number": number}
    invoice_id = int((await session.execute(ISSUE, issued)).scalar_one())
    await session.execute(ADD_LINES, [{**line, "invoice_id": invoice_id} for line in rows.lines])
    await session.execute(MOVE_STOCK, [{**move, "invoice_id": invoice_id} for move in rows.moves])
    await session.execute(TAKE_STOCK, [{"pid": pid, "taken": q} for pid, q in rows.taken.items()])
    if rows.payment is not None:
        paid = {**rows.payment, "invoice_id": invoice_id}
        payment_id = int((await session.execute(PAY, paid)).scalar_one())
        part = {
            "business_id": paid["business_id"],
            "payment_id": payment_id,
            "invoice_id": invoice_id,
            "amount_minor": paid["amount_minor"],
        }
        await session.execute(ALLOCATE, part)
    if rows.owed is not None:
        party_id, owed = rows.owed
        await session.execute(OWE, {"pid": party_id, "owed": owed})
    operation_id = await record_operation(session, **rows.operation, invoice_id=invoice_id)
    return Written(invoice_id, number, operation_id)


# -- PostgreSQL: the same rows in one statement ---------------------------------------------


async def _write_at_once(session: AsyncSession, rows: SaleRows) -> Written:
    paid, owes = rows.payment is not None, rows.owed is not None
    statement, defaults = _at_once(len(rows.lines), len(rows.taken), paid, owes)
    invoice = rows.invoice
    params: dict[str, Any] = {f"i_{c}": invoice[c] for c in INVOICE_COLUMNS}
    params["prefix"] = _number_prefix(invoice["year"])
    for i, line in enumerate(rows.lines):
        params.update({f"l{i}_{c}": line[c] for c in LINE_COLUMNS})
    for i, move in enumerate(rows.moves):
        params.update({f"m{i}_{c}": move[c] for c in MOVE_COLUMNS})
    for i, (pid, qty) in enumerate(rows.taken.items()):
        params[f"s{i}_pid"], params[f"s{i}_taken"] = pid, qty
    if rows.payment is not None:
        params.update({f"p_{c}": rows.payment[c] for c in PAYMENT_COLUMNS})
    if rows.owed is not None:
        params["o_pid"], params["o_owed"] = rows.owed
    params.update({f"op_{c}": rows.operation[c] for c in OPERATION_COLUMNS})
    params.update({name: default() for name, default in defaults})
    invoice_id, number, operation_id = (await session.execute(statement, params)).one()
    return Written(int(invoice_id), str(number), int(operation_id))


# A column's Python default, as the name of the parameter that carries it and its function.
Defaults = tuple[tuple[str, Callable[[], Any]], ...]


class _Inserts:
    """The INSERTs of one statement's CTEs. Each row's columns are parameters named by a
    prefix (`l0_qty`, `l1_qty` …) and typed as the columns are (quantities, instants), beside
    the given links to other CTEs' ids; every other column with a Python default is filled as
    a plain INSERT fills it (SQLAlchemy does that only for the outermost statement): a
    constant in the SQL, or a function's value (the time of writing) as a parameter."""

    def __init__(self) -> None:
        self.defaults: dict[str, Callable[[], Any]] = {}

    def __call__(
        self, model: type[Any], names: tuple[str, ...], prefixes: list[str], **links: Any
    ) -> Insert:
        rows = [self._row(model, names, prefix, links) for prefix in prefixes]
        if len(rows) == 1:
            return pg_insert(table(model)).values(rows[0])
        # Many rows as one SELECT in their order, not as many VALUES (SQLAlchemy caches no
        # INSERT of those), nor as a CTE each (PostgreSQL runs CTEs in no set order): the
        # lines of an invoice take their ids, and so their printed order, as they were said.
        each = [
            sa_select(literal(i).label("pos"), *(value.label(name) for name, value in row.items()))
            for i, row in enumerate(rows)
        ]
        ordered = union_all(*each).subquery("rows")
        columns = list(rows[0])
        chosen = sa_select(*(ordered.c[name] for name in columns)).order_by(ordered.c.pos)
        return pg_insert(table(model)).from_select(columns, chosen, include_defaults=False)

    def _row(
        self, model: type[Any], names: tuple[str, ...], prefix: str, links: dict[str, Any]
    ) -> dict[str, Any]:
        columns = table(model).c
        row = {name: bindparam(f"{prefix}{name}", type_=columns[name].type) for name in names}
        row.update(links)
        for column in columns:
            default = column.default
            if column.name in row or not isinstance(default, ColumnDefault):
                continue
            if default.is_callable:
                param = f"default_{column.table.name}_{column.name}"
                self.defaults[param] = partial(default.arg, None)
                row[column.name] = bindparam(param, type_=column.type)
            else:
                row[column.name] = literal(default.arg, column.type)
        return row


@lru_cache(maxsize=64)
def _at_once(n_lines: int, n_products: int, paid: bool, owes: bool) -> tuple[Select[Any], Defaults]:
    """The one statement of a sale of this shape, built once per shape: each part a CTE that
    PostgreSQL runs exactly once, the later ones reading the new ids from the earlier ones'
    RETURNING (a CTE cannot see another's rows, only what it returns)."""
    invoice = table(Invoice)
    started: dict[str, Any] = {
        "business_id": bindparam("i_business_id"),
        "year": bindparam("i_year"),
    }
    seq_cte = _next_number(pg_insert).values(**started, last_seq=1).cte("seq")
    seq = sa_select(seq_cte.c.last_seq).scalar_subquery()
    digits = cast(seq, Text)  # zero-padded to four digits, longer as it grows (invoice_number)
    number = bindparam("prefix", type_=Text) + func.lpad(
        digits, func.greatest(4, func.length(digits)), "0"
    )
    insert_rows = _Inserts()
    issued = (
        insert_rows(Invoice, INVOICE_COLUMNS, ["i_"], seq=seq, number=number)
        .returning(invoice.c.id, invoice.c.number)
        .cte("inv")
    )
    invoice_id = sa_select(issued.c.id).scalar_subquery()
    each_line = [f"l{i}_" for i in range(n_lines)]
    each_move = [f"m{i}_" for i in range(n_lines)]
    parts = [
        insert_rows(InvoiceLine, LINE_COLUMNS, each_line, invoice_id=invoice_id).cte("lines"),
        insert_rows(StockMove, MOVE_COLUMNS, each_move, invoice_id=invoice_id).cte("moves"),
    ]
    for i in range(n_products):  # each product once: one UPDATE may not touch a row twice
        parts.append(_taking(f"s{i}_pid", f"s{i}_taken").cte(f"stock{i}"))
    if paid:
        payment = table(Payment)
        pay = (
            insert_rows(Payment, PAYMENT_COLUMNS, ["p_"], invoice_id=invoice_id)
            .returning(payment.c.id)
            .cte("pay")
        )
        payment_id = sa_select(pay.c.id).scalar_subquery()
        allocation = ("business_id", "amount_minor")  # the payment's own, all of it to this bill
        part = insert_rows(
            Allocation, allocation, ["p_"], payment_id=payment_id, invoice_id=invoice_id
        )
        parts.append(part.cte("alloc"))
    if owes:
        parts.append(_owing("o_pid", "o_owed").cte("owe"))
    operation = table(Operation)
    logged = (
        insert_rows(Operation, OPERATION_COLUMNS, ["op_"], invoice_id=invoice_id)
        .returning(operation.c.id)
        .cte("op")
    )
    operation_id = sa_select(logged.c.id).scalar_subquery()
    statement = sa_select(issued.c.id, issued.c.number, operation_id).add_cte(*parts)
    return statement, tuple(insert_rows.defaults.items())
