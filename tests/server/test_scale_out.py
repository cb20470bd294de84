"""Two `hisaab serve` processes on one PostgreSQL share the work without double-booking."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlmodel import col, select

from ledger import Database
from ledger.tables import Invoice
from tests.bot.helpers import load_shop
from tests.fakes.twilio_server import FakeTwilio

from .process import start_serve

pytestmark = pytest.mark.slow


async def test_two_processes_book_every_message_once_with_gapless_numbers(
    pg_url: str, tmp_path: Path
) -> None:
    db = Database(pg_url)
    await db.migrate()
    shops = [await load_shop(db) for _ in range(8)]
    fake = FakeTwilio()
    await fake.start()
    servers = []
    try:
        key = Fernet.generate_key().decode()  # one key for the deployment (HISAAB_LOG_KEY)
        for name in ("a", "b"):
            data = tmp_path / name
            data.mkdir()
            servers.append(
                await start_serve(pg_url, data, fake, name=name, env={"HISAAB_LOG_KEY": key})
            )
        deliveries = []
        random.seed(7)
        for shop in shops:
            for n in range(10):
                sid = f"SMscale{shop.owner[1:]}{n:02d}"
                # Every message reaches both processes (a retry through the load balancer),
                # and some reach one of them twice.
                deliveries += [(servers[0], shop.owner, sid), (servers[1], shop.owner, sid)]
                if n % 3 == 0:
                    deliveries.append((random.choice(servers), shop.owner, sid))
        statuses = await asyncio.gather(
            *(
                fake.inbound(s.webhook, owner, "sold 1 rice", sid=sid)
                for s, owner, sid in deliveries
            )
        )
        assert {status for status, _, _ in statuses} == {200}
        deadline = time.monotonic() + 90

        def answered() -> Counter[str]:
            return Counter(m.to for m in fake.sent if "INV-" in m.form.get("Body", ""))

        while sum(answered().values()) < 80:
            assert time.monotonic() < deadline, f"{sum(answered().values())} of 80 answered"
            await asyncio.sleep(0.1)
        await asyncio.sleep(1)  # room for a duplicate, if there were one
        assert answered() == Counter({shop.owner: 10 for shop in shops})
        async with db.session() as session:
            for shop in shops:
                numbers = (
                    await session.execute(
                        select(Invoice.number)
                        .where(Invoice.business_id == shop.business.id)
                        .order_by(col(Invoice.number))
                    )
                ).scalars()
                year = time.gmtime().tm_year
                assert list(numbers) == [f"INV-{year}-{n:04d}" for n in range(1, 11)]
    finally:
        for server in servers:
            assert await server.terminate() == 0, server.log.read_text()
        await fake.stop()
        await db.dispose()
