"""Autogenerate an Alembic revision from the tables: `python scripts/new_migration.py "message"`."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import Connection

import bot.tables  # noqa: F401  (every package's tables on one metadata)
from ledger.db import Database, alembic_config


def _revise(connection: Connection, message: str) -> None:
    cfg = alembic_config(connection)
    command.upgrade(cfg, "head")
    command.revision(cfg, message=message, autogenerate=True)


async def main(message: str) -> None:
    """Migrate a scratch SQLite database to head, then diff it against the tables."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'scratch.db'}")
        async with db.engine.begin() as conn:
            await conn.run_sync(_revise, message)
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "change"))
