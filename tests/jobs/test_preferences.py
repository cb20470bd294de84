"""An owner turns the daily summary on and off and sets the closing time by chat."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

import pytest
from sqlmodel import select

from bot.conversation.preferences import parse_time, preference_command
from bot.messages import InboundMessage
from bot.sender import resolve
from ledger import Database, add_member
from ledger.tables import Business, Member
from tests.factories import new_phone
from tests.jobs.helpers import customer, open_shop


async def _say(db: Database, phone: str, text: str) -> str | None:
    async with db.session() as session:
        msg = InboundMessage("whatsapp", phone, uuid.uuid4().hex, datetime.now(UTC), text=text)
        outcome = await preference_command(session, await resolve(session, msg), text)
    if outcome is None:
        return None
    return "\n".join(reply.text for reply in outcome.replies)


async def _summary_on(db: Database, phone: str) -> bool:
    async with db.session() as session:
        found = await session.execute(select(Member.daily_summary).where(Member.phone == phone))
        return found.scalar_one()


async def _closing(db: Database, business_id: int) -> str:
    async with db.session() as session:
        row = await session.get(Business, business_id)
        assert row is not None
        return row.closing_time


@pytest.mark.parametrize(
    ("on", "off"),
    [
        ("daily summary on", "Daily summary off"),
        ("summary start", "summary stop"),
        ("daily summary chalu karo", "daily summary band karo"),
        ("تشغيل الملخص اليومي", "إيقاف الملخص اليومي"),
    ],
)
async def test_the_owner_turns_the_daily_summary_on_and_off(
    db: Database, on: str, off: str
) -> None:
    shop = await open_shop(db, closing="22:30")
    reply = await _say(db, shop.owner, on)
    assert reply is not None and "22:30" in reply
    assert await _summary_on(db, shop.owner)
    assert await _say(db, shop.owner, off) is not None
    assert not await _summary_on(db, shop.owner)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("closing time 22:00", "22:00"),
        ("close at 9pm", "21:00"),
        ("we close at 9.30 pm", "21:30"),
        ("dukaan band raat 10 baje", "22:00"),
        ("وقت الإغلاق ١١ مساءً", "23:00"),
    ],
)
async def test_the_owner_sets_the_closing_time(db: Database, text: str, stored: str) -> None:
    shop = await open_shop(db)
    reply = await _say(db, shop.owner, text)
    assert reply is not None and stored in reply
    assert await _closing(db, shop.id) == stored


async def test_a_time_that_is_not_one_gets_an_example_and_changes_nothing(db: Database) -> None:
    shop = await open_shop(db, closing="21:00")
    reply = await _say(db, shop.owner, "closing time 25:00")
    assert reply is not None and "close at 9pm" in reply
    assert await _closing(db, shop.id) == "21:00"


async def test_staff_and_customers_cannot_change_the_shops_preferences(db: Database) -> None:
    shop = await open_shop(db)
    staff = new_phone()
    async with db.session() as session:
        await add_member(session, shop.id, phone=staff, role="staff")
    _, buyer = await customer(db, shop, owes=0)

    refused = await _say(db, staff, "closing time 23:00")
    assert refused is not None and "23:00" not in refused
    assert await _say(db, staff, "daily summary on") is not None
    assert not await _summary_on(db, staff)
    assert await _say(db, buyer, "closing time 23:00") is None  # left to the conversation
    assert await _closing(db, shop.id) == "21:00"


async def test_other_messages_are_left_to_the_conversation(db: Database) -> None:
    shop = await open_shop(db)
    for text in ("sold 2 rice to ahmed", "what did I sell today", "summary", "close"):
        assert await _say(db, shop.owner, text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21:00", time(21, 0)),
        ("9pm", time(21, 0)),
        ("12 am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("7", time(7, 0)),
        ("24:00", None),
        ("13pm", None),
        ("soon", None),
    ],
)
def test_times_are_read_in_the_usual_ways(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected
