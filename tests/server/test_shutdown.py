"""SIGTERM in the middle of 200 messages: every accepted message is answered exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import func, select

from ledger import Database
from ledger.tables import Invoice
from tests.bot.helpers import Shop, load_shop
from tests.fakes.twilio_server import FakeTwilio

from .process import start_serve

pytestmark = pytest.mark.slow


async def _invoices(db: Database, shop: Shop) -> int:
    async with db.session() as session:
        found = await session.execute(
            select(func.count()).select_from(Invoice).where(Invoice.business_id == shop.business.id)
        )
        return int(found.scalar_one())


def _sales_answered(fake: FakeTwilio) -> Counter[str]:
    return Counter(m.to for m in fake.sent if "INV-" in m.form.get("Body", ""))


async def test_sigterm_mid_stream_loses_nothing_and_answers_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shops = [await load_shop(db) for _ in range(10)]
    fake = FakeTwilio()
    await fake.start()
    try:
        serving = await start_serve(database_url, tmp_path, fake)
        accepted: Counter[str] = Counter()

        async def post(shop: Shop, n: int) -> None:
            try:
                status, _, _ = await fake.inbound(
                    serving.webhook, shop.owner, "sold 1 rice", sid=f"SMterm{shop.owner[1:]}{n:03d}"
                )
            except aiohttp.ClientError:
                return  # the server had stopped listening: not accepted
            if status == 200:
                accepted[shop.owner] += 1

        messages = [(shop, n) for n in range(20) for shop in shops]

        async def produce() -> None:
            posts = []
            for shop, n in messages:
                posts.append(asyncio.create_task(post(shop, n)))
                await asyncio.sleep(0.005)
            await asyncio.gather(*posts)

        producer = asyncio.create_task(produce())
        while sum(accepted.values()) < 40:  # noqa: ASYNC110  (waits on a count the posts raise)
            await asyncio.sleep(0.01)
        serving.signal(signal.SIGTERM)  # in the middle of the stream
        await producer
        assert await serving.terminate() == 0, serving.log.read_text()
        total = sum(accepted.values())
        assert 40 <= total < 200, f"SIGTERM should land mid-stream, {total} accepted"

        restarted = await start_serve(database_url, tmp_path, fake)
        try:
            deadline = time.monotonic() + 60
            while sum(_sales_answered(fake).values()) < total:
                assert time.monotonic() < deadline, (
                    f"{sum(_sales_answered(fake).values())} of {total} answered"
                )
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.5)  # room for a duplicate, if there were one
        finally:
            assert await restarted.terminate() == 0
        assert _sales_answered(fake) == accepted
        for shop in shops:
            assert await _invoices(db, shop) == accepted[shop.owner]
    finally:
        await fake.stop()


async def test_repeated_sigterm_during_shutdown_still_exits_cleanly(
    database_url: str, tmp_path: Path
) -> None:
    """A supervisor that signals again and again gets an orderly exit, never exit -15."""
    fake = FakeTwilio()
    await fake.start()
    try:
        serving = await start_serve(database_url, tmp_path, fake)
        deadline = time.monotonic() + 60
        while serving.process.returncode is None:
            assert time.monotonic() < deadline, serving.log.read_text()
            serving.signal(signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(serving.process.wait(), 0.005)
        assert serving.process.returncode == 0, serving.log.read_text()
    finally:
        await fake.stop()
