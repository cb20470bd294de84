"""Slow work stays out of the write transaction (#14): a slow model for one sender does not hold
up another, and a PDF is rendered before the transaction opens. The parse runs before the write
transaction opens, so on SQLite no sender waits on another's model call for the writer lock."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime

from sqlmodel import select

from bot.messages import InboundMessage
from bot.tables import InboxRow
from intents.llm import LLMParser
from ledger import Database
from tests.bot.helpers import conversation, load_shop, say
from tests.fakes.openai_server import FakeOpenAI, Reply

# Long enough that a wait queued behind it (~SLOW) stands out from a hiccup of the model
# client in a loaded CI run (an APIConnectionError and its fallback once took 1.2 s there).
SLOW = 4.0
SALE = json.dumps({
    "items": [{"product": "rice", "qty": "2", "unit_price": "40"}],
    "party": "ahmed", "paid": None, "method": None, "date": None, "note": None,
})  # fmt: skip
SALES = json.dumps({"period": "today", "product": None, "party": None, "chart": None})


async def test_one_senders_slow_model_call_does_not_delay_another_sender(
    db: Database, model: FakeOpenAI
) -> None:
    first, second = await load_shop(db), await load_shop(db)
    parser = LLMParser(
        api_key="test-key", base_url=model.base_url, model="fake", timeout=5, max_retries=0
    )
    conv = conversation(db, parser=parser)
    model.replies.append(Reply(tool="query_sales", arguments=SALES))
    model.replies.append(Reply(tool="record_sale", arguments=SALE, delay=SLOW))
    model.replies.extend(Reply(tool="query_sales", arguments=SALES) for _ in range(5))
    try:
        # Warm up the other sender's path first (the model client's connection, the pools):
        # what is measured is waiting on the first sender, not a cold start (CI saw 0.9 s once).
        assert "Sales today" in await say(conv, second.owner, "what did I sell today")
        slow = asyncio.create_task(say(conv, first.owner, "sold 2 rice to ahmed 40 each"))
        await asyncio.sleep(0.2)  # the slow call is in flight
        waits = []
        for _ in range(5):
            started = time.perf_counter()
            reply = await say(conv, second.owner, "what did I sell today")
            waits.append(time.perf_counter() - started)
            assert "Sales today" in reply
        assert not slow.done(), "the slow call should still be running"
        assert max(waits) < SLOW / 2, waits  # not queued behind the model call (~SLOW)
        assert "INV-2026-0001" in await slow  # and the slow one is booked in the end
    finally:
        await parser.close()


async def test_an_invoice_pdf_is_rendered_before_the_write_transaction(db: Database) -> None:
    """#14: rendering a PDF (tens of milliseconds) is done on a read session; the write
    transaction then only claims the message, logs and queues what was made."""
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    msg = InboundMessage(
        "whatsapp", shop.owner, "bill-1", datetime.now(UTC), "send the bill to fatima"
    )

    prepared = await conv._prepare(msg, msg.text)

    assert prepared is not None and prepared.documents is not None
    documents = [r.document for r in prepared.documents.replies if r.document is not None]
    assert documents and documents[0].filename == "INV-2026-0001.pdf"
    async with db.read() as session:  # nothing was written: the message is not even claimed
        claimed = await session.execute(select(InboxRow).where(InboxRow.message_id == "bill-1"))
        assert claimed.first() is None
    replies = await conv.handle(msg)  # the same documents go out, claimed once
    assert [r.document.filename for r in replies if r.document] == ["INV-2026-0001.pdf"]
