"""The courier takes a recipient's oldest unsent message in one statement, in order, at the
same cost whatever the recipient's history (#16): the partial index of unsent rows."""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlmodel import col

from bot.tables import WAITING_SQL, OutboxRow
from bot.transport.courier import CLAIM_FIRST, WAITING, Courier
from ledger import Database
from ledger.db import table
from ledger.types import utcnow
from tests.channels.whatsapp_rig import whatsapp_rig
from tests.factories import new_phone


async def _history(db: Database, phone: str, count: int) -> None:
    """`count` messages sent to `phone` long ago, as 90 days of a busy owner leave."""
    now = utcnow()
    sent = {
        "channel": "whatsapp",
        "recipient": phone,
        "purpose": "reply",
        "body": "",
        "status": "sent",
        "attempts": 1,
        "next_attempt_at": now,
        "provider_id": "",
        "error": "",
        "notify_member": "",
        "document_name": "",
        "document_mime": "",
        "created_at": now,
    }
    async with db.session() as session:
        rows = [{**sent, "dedup_key": f"old:{phone}:{n}"} for n in range(count)]
        await session.execute(insert(table(OutboxRow)), rows)


async def test_a_recipients_messages_go_out_oldest_first_past_a_long_history(
    db: Database,
) -> None:
    async with whatsapp_rig(db) as rig:
        phone = new_phone()
        await _history(db, phone, 300)
        first = await rig.queue(phone, "first")
        second = await rig.queue(phone, "second")
        third = await rig.queue(phone, "third")
        # The second waits out a backoff: the third must not overtake it.
        async with db.session() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == second.id)
                .values(next_attempt_at=utcnow().replace(year=2100))
            )
        courier = Courier(rig.db, rig.cipher, {"whatsapp": rig.adapter})

        await courier.flush(phone)
        assert [m.form["Body"] for m in rig.twilio.sent] == ["first"]

        async with db.session() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == second.id)
                .values(next_attempt_at=utcnow())
            )
        await courier.flush(phone)
        assert [m.form["Body"] for m in rig.twilio.sent] == ["first", "second", "third"]
        assert first.id < second.id < third.id


async def test_the_claim_reads_the_index_of_unsent_rows_not_the_history(db: Database) -> None:
    assert f"status IN ({', '.join(repr(v) for v in WAITING)})" == WAITING_SQL
    if not db.is_sqlite:
        return  # PostgreSQL's plan depends on its statistics; the SQL is the same
    now = utcnow()
    async with db.session() as session:
        compiled = CLAIM_FIRST.compile(dialect=session.get_bind().dialect)
        params = compiled.construct_params(
            {"to_channel": "whatsapp", "to_recipient": "+971500000000", "now": now, "lease": now}
        )
        # the plan does not depend on the values: instants go in as text
        args = [str(params[name]) for name in compiled.positiontup or []]
        conn = await session.connection()
        found = await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", tuple(args))
        steps = " / ".join(str(row[-1]) for row in found.all())
    assert "ix_outbox_waiting" in steps, steps
