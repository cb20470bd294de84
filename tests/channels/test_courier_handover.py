"""A message's own transaction claims its replies for the courier of its process (#16): the
courier sends them once it commits, without a write transaction of its own to take them, and
order, leases and shutdown hold as they did."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from bot.messages import InboundMessage
from bot.server import make_sink
from bot.tables import OutboxRow
from bot.transport.courier import Courier
from bot.transport.outbox import enqueue
from intents import RuleParser
from ledger import Database
from ledger.types import utcnow
from tests.bot.helpers import load_shop
from tests.channels.whatsapp_rig import Rig, whatsapp_rig
from tests.factories import new_phone
from tests.waiting import until, until_async
from voice import FakeTranscriber


def _transactions(db: Database) -> tuple[list[list[str]], Callable[[], None]]:
    """Every statement of the database's engines, grouped by the transaction that committed
    it (a list per commit); and a function that stops listening."""
    done: list[list[str]] = []
    current: list[str] = []

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        current.append(" ".join(sql.split()))

    def commit(_conn: object) -> None:
        done.append(list(current))
        current.clear()

    engines = set(db.sync_engines)
    for engine in engines:
        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "commit", commit)

    def stop() -> None:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", statement)
            event.remove(engine, "commit", commit)

    return done, stop


def _claims(sql: str) -> bool:
    return sql.startswith("UPDATE outbox SET status=") and "RETURNING" in sql


async def test_a_reply_is_claimed_in_its_messages_transaction_and_sent_after_it(
    db: Database,
) -> None:
    shop = await load_shop(db)
    async with whatsapp_rig(db) as rig:
        await rig.wrote_at(shop.owner, utcnow())
        courier = Courier(db, rig.cipher, {"whatsapp": rig.adapter})
        conv = Conversation(
            db,
            RuleParser(),
            FakeTranscriber(""),
            CoreConfig(),
            sink=make_sink(rig.cipher, frozenset({"whatsapp"}), courier=courier),
            privacy=Privacy(rig.cipher, PrivacyConfig()),
        )

        async def say(text: str) -> None:
            when = datetime.now(UTC)
            await conv.handle(InboundMessage("whatsapp", shop.owner, uuid.uuid4().hex, when, text))

        async def all_sent() -> bool:
            return all(row.status == "sent" for row in await rig.outbox(shop.owner))

        await say("hi")  # the notice and the first rows
        await until_async(all_sent, "the first replies", 30)
        transactions, stop = _transactions(db)
        try:
            await say("sold 1 rice")
            await until_async(all_sent, "the sale's reply", 30)
        finally:
            stop()
        assert "INV-" in rig.twilio.sent[-1].form["Body"]
        with_claims = [t for t in transactions if any(_claims(s) for s in t)]
        # the sale's transaction (it queues the reply and claims it), then the one that
        # records it sent and looks for the next; no transaction only to take it
        assert len(with_claims) == 2, with_claims
        booking, sent = with_claims
        assert any(s.startswith("INSERT INTO outbox") for s in booking)
        assert any(s.startswith("UPDATE outbox SET status=") and "provider_id" in s for s in sent)
        assert all(not (len(t) == 1 and _claims(t[0])) for t in transactions)


async def _queue_on(session: AsyncSession, rig: Rig, phone: str, text: str) -> None:
    """Queue a reply to `phone` in `session`, as a message's transaction does."""
    await enqueue(
        session,
        rig.cipher,
        dedup_key=f"handover:{uuid.uuid4().hex}",
        channel="whatsapp",
        recipient=phone,
        text=text,
        purpose="reply",
    )


async def _queued(rig: Rig, phone: str, text: str) -> int:
    async with rig.db.session() as session:
        await _queue_on(session, rig, phone, text)
    rows = await rig.outbox(phone)
    assert rows[-1].id is not None
    return rows[-1].id


async def test_an_older_message_held_back_keeps_the_new_one_unclaimed(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        await rig.wrote_at(phone, utcnow())
        older = await _queued(rig, phone, "older")
        async with db.session() as session:  # it waits out a backoff
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == older)
                .values(next_attempt_at=utcnow().replace(year=2100))
            )
        courier = Courier(db, rig.cipher, {"whatsapp": rig.adapter})
        async with db.session() as session:
            await _queue_on(session, rig, phone, "newer")
            taken = await courier.claim(session, "whatsapp", phone)
        assert taken is None  # the newer one must not overtake it
        courier.deliver_to("whatsapp", phone, taken)
        await asyncio.sleep(0.2)
        assert rig.twilio.sent == []
        assert [r.status for r in await rig.outbox(phone)] == ["queued", "queued"]


async def test_a_row_handed_over_as_the_process_stops_goes_back_to_the_queue(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        busy, later = new_phone(), new_phone()
        for phone in (busy, later):
            await rig.wrote_at(phone, utcnow())
        courier = Courier(db, rig.cipher, {"whatsapp": rig.adapter})
        await _queued(rig, busy, "in flight")
        rig.twilio.slow_next(0.5)
        courier.deliver_to("whatsapp", busy)
        await until(lambda: len(rig.twilio.sent) == 1, "the send in flight to reach Twilio")
        async with db.session() as session:  # a message's transaction, just before the stop
            await _queue_on(session, rig, later, "claimed, not sent")
            taken = await courier.claim(session, "whatsapp", later)
        assert taken is not None
        stopping = asyncio.create_task(courier.stop())
        await asyncio.sleep(0.05)  # the stop waits for the send in flight
        courier.deliver_to("whatsapp", later, taken)  # it committed as the stop began
        await stopping
        row = (await rig.outbox(later))[0]
        assert (row.status, row.lease_until, row.unsure_since) == ("queued", None, None)
        assert [m.to for m in rig.twilio.sent] == [busy]

        again = Courier(db, rig.cipher, {"whatsapp": rig.adapter})  # the next start
        assert await again.flush(later) == 1
        assert [m.form["Body"] for m in rig.twilio.sent][-1] == "claimed, not sent"


async def test_a_row_whose_lease_ran_half_out_before_a_worker_was_free_is_claimed_afresh(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        await rig.wrote_at(phone, utcnow())
        courier = Courier(db, rig.cipher, {"whatsapp": rig.adapter})
        await _queued(rig, phone, "waited long")
        async with db.session() as session:
            taken = await courier.claim(session, "whatsapp", phone)
        assert taken is not None
        row, unsure = taken
        # as if the pool had been busy for a minute and a half since the claim
        late = row.model_copy(update={"lease_until": utcnow() + timedelta(seconds=30)})
        transactions, stop = _transactions(db)
        try:
            courier.deliver_to("whatsapp", phone, (late, unsure))
            await until_async(
                lambda: _statuses(rig, phone, ["sent"]), "the row sent after a fresh claim", 30
            )
        finally:
            stop()
        claims = [s for t in transactions for s in t if _claims(s)]
        assert len(claims) == 2  # claimed afresh, then the look for the next after sending
        assert [m.form["Body"] for m in rig.twilio.sent] == ["waited long"]
        sent = (await rig.outbox(phone))[0]
        assert sent.attempts == 1 and sent.unsure_since is None


async def _statuses(rig: Rig, phone: str, want: list[str]) -> bool:
    return [r.status for r in await rig.outbox(phone)] == want
