"""Helpers for privacy scenarios: a conversation with its Privacy, the raw database, reports."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from consent.crypto import Cipher
from intents.rules import RuleParser
from ledger import Database, dues_report, sales_report, stock_report
from voice import FakeTranscriber


def private_conversation(db: Database, *script: Any) -> tuple[Conversation, Privacy]:
    """The real conversation loop with the rule engine and a Privacy with a fresh key."""
    privacy = Privacy(Cipher(Fernet.generate_key()), PrivacyConfig())
    transcriber = FakeTranscriber(*script) if script else FakeTranscriber("")
    conv = Conversation(db, RuleParser(), transcriber, CoreConfig(), privacy=privacy)
    return conv, privacy


async def raw_sqlite(db: Database) -> bytes:
    """Every byte SQLite keeps on disk for the database (file, WAL, shared memory).

    The engine is disposed first and the WAL checkpointed into the file, so that what was
    deleted or overwritten is read where SQLite left it.
    """
    await db.dispose()
    path = Path(db.url.split("///", 1)[1])
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            data += part.read_bytes()
    return data


@dataclass(frozen=True, slots=True)
class Figures:
    """A shop's report figures that an erasure must not change (names left out)."""

    sales: tuple[int, int, int]
    by_product: tuple[tuple[str, str, int], ...]
    by_party: tuple[tuple[str, int], ...]
    dues: tuple[tuple[int, int], ...]
    dues_total: int
    stock: tuple[tuple[str, str], ...]


async def figures(db: Database, business_id: int, now: datetime) -> Figures:
    """Sales, dues and stock of a shop as its reports show them."""
    async with db.session() as session:
        sales = await sales_report(session, business_id, "this_year", now)
        dues = await dues_report(session, business_id)
        stock = await stock_report(session, business_id)
    return Figures(
        (sales.count, sales.total_minor, sales.tax_minor),
        tuple((r.name, str(r.qty), r.total_minor) for r in sales.by_product),
        tuple((str(r.qty), r.total_minor) for r in sales.by_party),
        tuple((d.party_id, d.balance_minor) for d in dues.all),
        dues.owe_you_total_minor,
        tuple((s.name, str(s.on_hand)) for s in stock),
    )


def open_zip(data: bytes) -> tuple[dict[str, Any], dict[str, str]]:
    """The JSON document and the CSV files of an export."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("data.json"))
        csvs = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".csv")}
    return document, csvs
