"""An owner turns the end-of-day summary on and sets the closing time by chat."""

from __future__ import annotations

from sqlmodel import select

from ledger import Database
from ledger.tables import Business, Member
from tests.bot.helpers import conversation, load_shop, say


async def test_owner_sets_summary_and_closing_time_by_chat(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "daily summary on")
    await say(conv, shop.owner, "closing time 22:30")
    async with db.session() as session:
        member = (
            await session.execute(select(Member).where(Member.phone == shop.owner))
        ).scalar_one()
        business = await session.get(Business, shop.business.id)
    assert member.daily_summary is True
    assert business is not None and business.closing_time == "22:30"
    # Everything else still reads as bookkeeping.
    assert "INV-" in await say(conv, shop.owner, "sold 1 rice")
