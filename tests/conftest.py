"""Shared fixtures: every database test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from ledger import Database
from tests.fakes.openai_server import FakeOpenAI

PG_ADMIN_DSN = os.environ.get("HISAAB_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = [
    b.strip() for b in os.environ.get("HISAAB_TEST_DATABASES", "sqlite,postgres").split(",")
]
EVAL_DIR = Path(os.environ.get("HISAAB_EVAL_DIR", Path(__file__).parents[2] / "shared" / "eval"))


async def _pg(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    name = f"hisaab_test_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_pg(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_DSN} ({exc}); start it, or run with "
            "HISAAB_TEST_DATABASES=sqlite"
        )
    host = PG_ADMIN_DSN.split("://", 1)[1].rsplit("/", 1)[0]
    yield f"postgresql+asyncpg://{host}/{name}"
    asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL: a fresh SQLite file per test, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'hisaab.db'}"
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    raise ValueError(f"unknown test database {request.param!r}")


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated database. Tests isolate themselves by creating their own businesses."""
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def model() -> AsyncIterator[FakeOpenAI]:
    """A fake OpenAI-compatible server on 127.0.0.1, its replies scripted by the test."""
    fake = FakeOpenAI()
    await fake.start()
    yield fake
    await fake.stop()
