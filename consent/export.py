"""Data export: everything about the requester as a zip of JSON and CSV, built in memory."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from ledger.tables import (
    Business,
    Expense,
    Invoice,
    InvoiceLine,
    Member,
    Party,
    Payment,
    Product,
    Purchase,
    StockMove,
)

from .crypto import Cipher
from .log import read
from .tables import ConsentRow

Table = list[dict[str, Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(items: Sequence[SQLModel], *, drop: tuple[str, ...] = ()) -> Table:
    return [{k: _plain(v) for k, v in item.model_dump().items() if k not in drop} for item in items]


async def _all(session: AsyncSession, table: type[SQLModel], *where: Any) -> list[Any]:
    key = sa_inspect(table).columns["id"]  # every table here has an integer id
    found = await session.execute(select(table).where(*where).order_by(key))
    return list(found.scalars())


def bundle(tables: dict[str, Table], *, title: str, made_at: datetime) -> bytes:
    """A zip with `data.json` (every table) and one CSV per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = {"title": title, "exported_at": made_at.isoformat(), "tables": tables}
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2))
        for name, rows in tables.items():
            text = io.StringIO()
            columns = list(rows[0]) if rows else []
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()


async def shop_tables(
    session: AsyncSession, cipher: Cipher, business_id: int, *, now: datetime, retention_days: int
) -> dict[str, Table]:
    """Everything a shop holds: its books, members, consents and log."""
    mine = business_id
    invoices = await _all(session, Invoice, Invoice.business_id == mine)
    log = await read(session, cipher, business_id=mine, now=now, retention_days=retention_days)
    return {
        "shop": _rows(await _all(session, Business, Business.id == mine)),
        "members": _rows(await _all(session, Member, Member.business_id == mine)),
        "products": _rows(await _all(session, Product, Product.business_id == mine)),
        "parties": _rows(await _all(session, Party, Party.business_id == mine)),
        "invoices": _rows(invoices),
        "invoice_lines": _rows(await _all(session, InvoiceLine, InvoiceLine.business_id == mine)),
        "payments": _rows(await _all(session, Payment, Payment.business_id == mine)),
        "purchases": _rows(await _all(session, Purchase, Purchase.business_id == mine)),
        "expenses": _rows(await _all(session, Expense, Expense.business_id == mine)),
        "stock_moves": _rows(await _all(session, StockMove, StockMove.business_id == mine)),
        "consents": _rows(await _all(session, ConsentRow, ConsentRow.business_id == mine)),
        "messages": [_message(m) for m in log],
    }


async def person_tables(
    session: AsyncSession,
    cipher: Cipher,
    address: str,
    *,
    now: datetime,
    retention_days: int,
    business_id: int | None = None,
) -> dict[str, Table]:
    """What every shop (or the one shop `business_id`) holds about one customer: their own
    accounts, invoices, payments, consents and messages, and nothing of anyone else."""
    where = [Party.phone == address, col(Party.pseudonymised).is_(False)]
    if business_id is not None:
        where.append(Party.business_id == business_id)
    parties = await _all(session, Party, *where)
    shops: Table = []
    invoices: list[Invoice] = []
    lines: list[InvoiceLine] = []
    payments: list[Payment] = []
    for party in parties:
        business = await session.get(Business, party.business_id)
        assert business is not None
        shops.append({"shop_id": business.id, "shop": business.name, "currency": business.currency})
        own = await _all(
            session,
            Invoice,
            Invoice.business_id == party.business_id,
            Invoice.party_id == party.id,
        )
        invoices += own
        lines += await _all(
            session,
            InvoiceLine,
            InvoiceLine.business_id == party.business_id,
            col(InvoiceLine.invoice_id).in_([i.id for i in own]),
        )
        payments += await _all(
            session,
            Payment,
            Payment.business_id == party.business_id,
            Payment.party_id == party.id,
        )
    log = await read(
        session,
        cipher,
        address=address,
        business_id=business_id,
        now=now,
        retention_days=retention_days,
    )
    consents = [ConsentRow.address == address]
    if business_id is not None:
        consents.append(ConsentRow.business_id == business_id)
    return {
        "shops": shops,
        "accounts": _rows(parties, drop=("aliases",)),
        "invoices": _rows(invoices, drop=("member_id",)),
        "invoice_lines": _rows(lines),
        "payments": _rows(payments),
        "consents": _rows(await _all(session, ConsentRow, *consents)),
        "messages": [_message(m) for m in log],
    }


def _message(message: Any) -> dict[str, Any]:
    data = asdict(message)
    return {k: _plain(v) for k, v in data.items()}
