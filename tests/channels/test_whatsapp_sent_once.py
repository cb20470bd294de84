"""A reply reaches the customer once even when Twilio's answer is lost (audit #12, item 4).

Twilio takes no idempotency key, so a try whose outcome is unknown (the request timed out
after Twilio made the message, or the process died mid-send) is settled by reading Twilio's
list of messages to the recipient before sending again. These run the courier over the real
twilio client against the fake Twilio.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col

from bot.channels.whatsapp import BODY_LIMIT
from bot.tables import OutboxRow
from bot.transport.courier import Courier
from ledger import Database
from ledger.types import utcnow
from tests.channels.whatsapp_rig import Rig, whatsapp_rig
from tests.factories import new_phone


class OneRecipient:
    """The courier of a server that runs WhatsApp only, flushing one recipient's messages (the
    PostgreSQL test database is shared: other tests' rows must not be sent here)."""

    def __init__(self, rig: Rig, phone: str) -> None:
        self.courier = Courier(rig.db, rig.cipher, {"whatsapp": rig.adapter})
        self.phone = phone

    async def flush(self) -> int:
        return await self.courier.flush(self.phone)


def courier(rig: Rig, phone: str) -> OneRecipient:
    return OneRecipient(rig, phone)


async def row_of(rig: Rig, message_id: int) -> OutboxRow:
    async with rig.db.session() as session:
        row = await session.get(OutboxRow, message_id)
        assert row is not None
        return row


async def due_now(rig: Rig, message_id: int, **values: object) -> None:
    """Skip the backoff (and set what a test scripts, such as a crashed process's lease)."""
    async with rig.db.session() as session:
        await session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id) == message_id)
            .values(next_attempt_at=utcnow(), **values)
        )


async def test_a_send_that_times_out_after_twilio_made_it_is_not_sent_again(
    db: Database,
) -> None:
    async with whatsapp_rig(db, timeout_seconds=0.5) as rig:
        phone = new_phone()
        message = await rig.queue(phone, "✅ Sale INV-2026-0001 to Ahmed Khan: AED 80, paid.")
        rig.twilio.slow_next(1.5)  # made at once, answered after the client gave up

        await courier(rig, phone).flush()

        row = await row_of(rig, message.id)
        assert [m.form["Body"] for m in rig.twilio.sent] == [message.text]
        assert row.status == "queued" and row.unsure_since is not None  # in doubt, not failed
        await asyncio.sleep(1.2)  # the fake's late answer goes nowhere

        await due_now(rig, message.id)
        await courier(rig, phone).flush()

        row = await row_of(rig, message.id)
        assert len(rig.twilio.sent) == 1, "the reply reached the customer twice"
        assert row.status == "sent" and row.provider_id == rig.twilio.sent[0].sid
        assert row.unsure_since is None and rig.twilio.lookups == 1


async def test_a_process_that_died_mid_send_is_settled_from_twilios_list(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        message = await rig.queue(phone, "Fatima Ali paid AED 36. Nothing left to pay.")
        started = utcnow()
        await rig.adapter.send(message)  # Twilio made it; the process died before "sent"
        expired = utcnow() - timedelta(seconds=1)
        await due_now(rig, message.id, status="sending", lease_until=expired, unsure_since=started)

        await courier(rig, phone).flush()

        row = await row_of(rig, message.id)
        assert len(rig.twilio.sent) == 1
        assert (row.status, row.provider_id) == ("sent", rig.twilio.sent[0].sid)


async def test_a_try_twilio_never_got_is_sent_even_when_an_identical_reply_went_before(
    db: Database,
) -> None:
    """The same words sent a minute ago belong to the earlier row: they are not this one."""
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        first = await rig.queue(phone, "Sorry, I did not understand that.")
        await courier(rig, phone).flush()
        second = await rig.queue(phone, "Sorry, I did not understand that.")
        died = utcnow() - timedelta(seconds=1)  # died before its request left
        await due_now(rig, second.id, status="sending", lease_until=died, unsure_since=died)

        await courier(rig, phone).flush()

        rows = [await row_of(rig, first.id), await row_of(rig, second.id)]
        assert [m.form["Body"] for m in rig.twilio.sent] == [second.text, second.text]
        assert [r.provider_id for r in rows] == [m.sid for m in rig.twilio.sent]


async def test_a_long_reply_cut_off_after_its_first_part_sends_only_the_rest(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        lines = [f"Product {n}: 12 sold, AED 480.00" for n in range(120)]
        message = await rig.queue(phone, "\n".join(lines))
        rig.twilio.fail_next(500, after=1)  # the first part goes, the second meets a 500

        await courier(rig, phone).flush()
        row = await row_of(rig, message.id)
        assert len(rig.twilio.sent) == 1 and row.unsure_since is not None

        await due_now(rig, message.id)
        await courier(rig, phone).flush()

        bodies = [m.form["Body"] for m in rig.twilio.sent]
        assert len(bodies) == len(set(bodies)) > 2  # every part once
        assert "\n".join(bodies) == message.text and max(map(len, bodies)) <= BODY_LIMIT
        assert (await row_of(rig, message.id)).status == "sent"


async def test_a_refused_connection_is_no_doubt_and_needs_no_lookup(db: Database) -> None:
    async with whatsapp_rig(db, api_base_url="http://127.0.0.1:9") as rig:
        phone = new_phone()
        message = await rig.queue(phone, "Sold 1 soap")
        await courier(rig, phone).flush()
        row = await row_of(rig, message.id)
        assert row.status == "queued" and row.unsure_since is None
        assert "could not be reached" in row.error
