"""Data export: everything about the requester as a zip of JSON and CSV, built in memory."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger.rights import Rows, person_books, plain, rows_of, shop_books

from .crypto import Cipher
from .log import read
from .tables import ConsentRow

Table = Rows


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
    log = await read(
        session, cipher, business_id=business_id, now=now, retention_days=retention_days
    )
    consents = await session.execute(
        select(ConsentRow).where(ConsentRow.business_id == business_id).order_by(col(ConsentRow.id))
    )
    return {
        **await shop_books(session, business_id),
        "consents": rows_of(list(consents.scalars())),
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
    books = await person_books(session, address, business_id)
    log = await read(
        session,
        cipher,
        address=address,
        business_id=business_id,
        now=now,
        retention_days=retention_days,
    )
    where = [ConsentRow.address == address]
    if business_id is not None:
        where.append(ConsentRow.business_id == business_id)
    consents = await session.execute(select(ConsentRow).where(*where).order_by(col(ConsentRow.id)))
    return {
        **books,
        "consents": rows_of(list(consents.scalars())),
        "messages": [_message(m) for m in log],
    }


def _message(message: Any) -> dict[str, Any]:
    data = asdict(message)
    return {k: plain(v) for k, v in data.items()}
