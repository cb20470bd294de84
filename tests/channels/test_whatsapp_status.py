"""Status callbacks: delivery is recorded, and a failed invoice is reported to its sender once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col

from bot.channels.whatsapp_api import REASONS
from bot.tables import OutboxRow
from ledger import Database
from ledger.types import utcnow
from tests.channels.test_whatsapp_send import INVOICE
from tests.channels.whatsapp_rig import Rig, whatsapp_rig
from tests.factories import new_phone


async def send_invoice(rig: Rig, customer: str, owner: str) -> tuple[int, str]:
    """An invoice queued by `owner` and sent as the courier does; (row id, MessageSid)."""
    await rig.wrote_at(customer, utcnow() - timedelta(minutes=5))
    message = await rig.queue(
        customer, "Invoice INV-2026-0007", purpose="invoice", document=INVOICE, notify_member=owner
    )
    sid = await rig.adapter.send(message)
    async with rig.db.session() as session:  # what the courier records after a send
        await session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id) == message.id)
            .values(status="sent", provider_id=sid, sent_at=utcnow())
        )
    return message.id, sid


async def test_a_failed_invoice_is_marked_and_reported_to_the_owner_once(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        customer, owner = new_phone(), new_phone()
        row_id, sid = await send_invoice(rig, customer, owner)
        for _ in range(3):  # Twilio may repeat a callback
            status, _, body = await rig.twilio.report_status(sid, "undelivered", error_code="63024")
            assert status == 200 and body.endswith("<Response/>")
        [row] = await rig.outbox(customer)
        assert row.id == row_id
        assert (row.status, row.error) == ("failed", REASONS[63024])
        [report] = await rig.outbox(owner)
        assert report.dedup_key == f"delivery-failed:{row_id}"
        assert (report.channel, report.purpose, report.status) == ("whatsapp", "reply", "queued")
        text = rig.cipher.open(report.body)
        assert customer in text and "not on WhatsApp" in text
        assert rig.queued == [1]  # the courier was woken once


async def test_delivered_and_read_move_forward_and_a_late_sent_does_not_undo_them(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        customer, owner = new_phone(), new_phone()
        _, sid = await send_invoice(rig, customer, owner)
        await rig.twilio.report_status(sid, "delivered")
        assert [r.status for r in await rig.outbox(customer)] == ["delivered"]
        await rig.twilio.report_status(sid, "sent")
        assert [r.status for r in await rig.outbox(customer)] == ["delivered"]
        await rig.twilio.report_status(sid, "read")
        await rig.twilio.report_status(sid, "failed", error_code="30008")
        assert [(r.status, r.error) for r in await rig.outbox(customer)] == [("read", "")]
        assert await rig.outbox(owner) == []


async def test_a_failed_reply_is_recorded_without_telling_anyone(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        customer = new_phone()
        message = await rig.queue(customer, "Your balance is AED 40.00")
        sid = await rig.adapter.send(message)
        async with db.session() as session:
            await session.execute(
                update(OutboxRow).where(col(OutboxRow.id) == message.id).values(provider_id=sid)
            )
        await rig.twilio.report_status(sid, "failed", error_code="99999")
        [row] = await rig.outbox(customer)
        assert (row.status, row.error) == ("failed", "WhatsApp refused it (Twilio error 99999)")
        assert rig.queued == []


async def test_an_unsigned_status_callback_changes_nothing(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        customer, owner = new_phone(), new_phone()
        _, sid = await send_invoice(rig, customer, owner)
        params = {"MessageSid": sid, "MessageStatus": "failed", "ErrorCode": "30003"}
        url = rig.public_url + "/twilio/status"
        status, _, _ = await rig.twilio.post_signed(url, params, signature="forged")
        assert status == 403
        assert [r.status for r in await rig.outbox(customer)] == ["sent"]
        assert await rig.outbox(owner) == []


async def test_a_callback_for_an_unknown_message_is_acknowledged(db: Database) -> None:
    async with whatsapp_rig(db) as rig:
        params = {"MessageSid": "SM" + "9" * 32, "MessageStatus": "failed", "ErrorCode": "30003"}
        status, _, _ = await rig.twilio.post_signed(rig.public_url + "/twilio/status", params)
        assert status == 200
        assert rig.queued == []
