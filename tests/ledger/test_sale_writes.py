"""A sale's rows are the same whichever writer puts them in the books: the step-by-step one of
SQLite or PostgreSQL's one statement; and what differs between the two (the invoice number
made in SQL, the order of the lines) holds on both databases through `sell`."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Database, SaleItem, add_product, sell
from ledger.db import table
from ledger.sale_writes import SaleRows, Written, _write_at_once, _write_in_steps
from ledger.tables import (
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
from tests.factories import uae_shop
from tests.ledger.support import party_id, product_id

WHEN = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
# What two bookings of one sale may not share: their own ids, numbers and links, and the
# moment each operation was logged.
OWN = {"id", "seq", "number", "invoice_id", "payment_id", "created_at"}


class _Books(NamedTuple):
    shop: int
    rice: int
    milk: int
    ahmed: int


async def _books_on_postgresql(db: Database) -> _Books:
    """A Dubai shop's ids, on PostgreSQL only: the other writer is the one SQLite cannot run."""
    if db.is_sqlite:
        pytest.skip("one statement of data-modifying CTEs is PostgreSQL's (SQLite has none)")
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        milk = await product_id(s, shop.id, "Milk 1L")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
    return _Books(shop.id, rice, milk, ahmed)


def _rows(books: _Books) -> SaleRows:
    """Two lines of rice and one of milk to Ahmed, part paid by card, the rest owed."""
    shop, rice, milk, ahmed = books
    member = None
    lines = [
        (rice, "Rice 5kg", Decimal(2), "bag", 4000, 7619, 381),
        (milk, "Milk 1L", Decimal("1.5"), "bottle", 650, 929, 46),
        (rice, "Rice 5kg", Decimal(1), "bag", 3800, 3619, 181),
    ]
    return SaleRows(
        invoice={
            "business_id": shop,
            "year": 2026,
            "party_id": ahmed,
            "member_id": member,
            "issued_at": WHEN,
            "interstate": False,
            "subtotal_minor": 12167,
            "tax_minor": 608,
            "total_minor": 12775,
            "paid_minor": 5000,
        },
        lines=[
            {
                "business_id": shop,
                "product_id": pid,
                "description": name,
                "qty": qty,
                "unit": unit,
                "unit_price_minor": price,
                "tax_rate": Decimal(5),
                "net_minor": net,
                "tax_minor": tax,
                "gross_minor": net + tax,
                "issued_at": WHEN,
                "voided": False,
            }
            for pid, name, qty, unit, price, net, tax in lines
        ],
        moves=[
            {
                "business_id": shop,
                "product_id": pid,
                "qty": -qty,
                "kind": "sale",
                "reason": "",
                "moved_at": WHEN,
            }
            for pid, _, qty, *_ in lines
        ],
        taken={rice: Decimal(3), milk: Decimal("1.5")},
        payment={
            "business_id": shop,
            "party_id": ahmed,
            "direction": "in",
            "amount_minor": 5000,
            "method": "card",
            "paid_at": WHEN,
        },
        owed=(ahmed, 7775),
        operation={"business_id": shop, "member_id": member, "kind": "sale"},
    )


async def _booked(session: AsyncSession, written: Written) -> dict[str, list[dict[str, Any]]]:
    """Every row one booking wrote, table by table, without what two bookings may not share."""

    async def rows(model: type[Any], column: str, value: int) -> list[dict[str, Any]]:
        t: Table = table(model)
        found = await session.execute(select(t).where(t.c[column] == value).order_by(t.c.id))
        return [{k: v for k, v in row.items() if k not in OWN} for row in found.mappings()]

    invoice = written.invoice_id
    return {
        "invoice": await rows(Invoice, "id", invoice),
        "lines": await rows(InvoiceLine, "invoice_id", invoice),
        "moves": await rows(StockMove, "invoice_id", invoice),
        "payments": await rows(Payment, "invoice_id", invoice),
        "allocations": await rows(Allocation, "invoice_id", invoice),
        "operations": await rows(Operation, "id", written.operation_id),
    }


async def _stock_and_balance(session: AsyncSession, books: _Books) -> list[Any]:
    """Rice and milk on hand, then what Ahmed owes."""
    product, party = table(Product), table(Party)
    stock = await session.execute(
        select(product.c.on_hand)
        .where(product.c.id.in_([books.rice, books.milk]))
        .order_by(product.c.id)  # rice was added first
    )
    owed = await session.execute(select(party.c.balance_minor).where(party.c.id == books.ahmed))
    return [*stock.scalars(), owed.scalar_one()]


async def test_both_writers_book_the_same_rows_and_move_stock_and_balance_alike(
    db: Database,
) -> None:
    books = await _books_on_postgresql(db)
    booked, moved = [], []
    for write in (_write_in_steps, _write_at_once):
        async with db.session() as s:
            before = await _stock_and_balance(s, books)
            written = await write(s, _rows(books))
        async with db.session() as s:
            booked.append(await _booked(s, written))
            after = await _stock_and_balance(s, books)
        moved.append([b - a for a, b in zip(before, after, strict=True)])
    steps, at_once = booked
    assert at_once == steps
    assert [len(rows) for rows in steps.values()] == [1, 3, 3, 1, 1, 1]
    assert [line["description"] for line in at_once["lines"]] == ["Rice 5kg", "Milk 1L", "Rice 5kg"]
    assert moved[0] == moved[1] == [Decimal(-3), Decimal("-1.5"), 7775]


async def test_the_one_statement_gives_the_next_number_of_the_year_and_links_every_row(
    db: Database,
) -> None:
    books = await _books_on_postgresql(db)
    async with db.session() as s:
        first = await _write_in_steps(s, _rows(books))
        second = await _write_at_once(s, _rows(books))
    assert (first.number, second.number) == ("INV-2026-0001", "INV-2026-0002")
    async with db.session() as s:
        invoice = table(Invoice)
        seq = await s.execute(select(invoice.c.seq).where(invoice.c.id == second.invoice_id))
        assert seq.scalar_one() == 2
        payment = table(Payment)
        paid = await s.execute(
            select(payment.c.id).where(payment.c.invoice_id == second.invoice_id)
        )
        allocation = table(Allocation)
        allocated = await s.execute(
            select(allocation.c.payment_id).where(allocation.c.invoice_id == second.invoice_id)
        )
        assert allocated.scalar_one() == paid.scalar_one()
        operation = table(Operation)
        logged = await s.execute(
            select(operation.c.invoice_id).where(operation.c.id == second.operation_id)
        )
        assert logged.scalar_one() == second.invoice_id


async def test_numbers_grow_past_four_digits_as_the_year_counts_on(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=WHEN)
        counter = table(CounterRow)
        await s.execute(
            update(counter).where(counter.c.business_id == shop.id).values(last_seq=9998)
        )
    numbers = []
    for _ in range(2):
        async with db.session() as s:
            sold = await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=WHEN)
            numbers.append(sold.number)
    assert numbers == ["INV-2026-9999", "INV-2026-10000"]


async def test_the_lines_of_a_long_sale_keep_the_order_they_were_said_in(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        names = [f"Item {c}" for c in "QWERTYUIOP"]  # added in this order, so ids rise with it
        ids = [
            await add_product(s, shop.id, name=name, price_minor=100, opening_stock=Decimal(9))
            for name in names
        ]
    said = [ids[i].id for i in (7, 2, 9, 0, 5, 1, 8, 3, 6, 4)]
    async with db.session() as s:
        sold = await sell(s, shop.id, [SaleItem(pid, Decimal(1)) for pid in said])
    async with db.session() as s:
        for model in (InvoiceLine, StockMove):  # the lines, and the stock moves beside them
            rows = table(model)
            stored = await s.execute(
                select(rows.c.product_id)
                .where(rows.c.invoice_id == sold.invoice_id)
                .order_by(rows.c.id)
            )
            assert list(stored.scalars()) == said, model
    assert [view.product for view in sold.lines] == [
        names[i] for i in (7, 2, 9, 0, 5, 1, 8, 3, 6, 4)
    ]
