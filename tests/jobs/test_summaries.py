"""End-of-day summaries: once per shop and local day, at or after closing time in its zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from bot.jobs import end_of_day_summaries
from ledger import Database, SaleItem, add_member, members_by_phone, sell
from ledger.shop import set_member_flags
from tests.factories import new_phone
from tests.jobs.helpers import context, customer, open_shop, outbox, set_summary

# 21:30 in Kolkata (UTC+05:30) on 2031-03-02 is 16:00 UTC.
CLOSING_UTC = datetime(2031, 3, 2, 16, 0, tzinfo=UTC)


async def test_the_summary_goes_out_once_after_closing_time_and_not_before(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db, timezone="Asia/Kolkata", closing="21:30", summary=True)

    await end_of_day_summaries(ctx, CLOSING_UTC - timedelta(minutes=1))
    assert await outbox(db, shop.id, "summary") == []

    for later in (timedelta(0), timedelta(minutes=5), timedelta(hours=2)):
        await end_of_day_summaries(ctx, CLOSING_UTC + later)
    rows = await outbox(db, shop.id, "summary")
    assert [row.recipient for row in rows] == [shop.owner]

    # The next local day starts at 18:30 UTC; its summary waits for its own closing time.
    await end_of_day_summaries(ctx, CLOSING_UTC + timedelta(hours=12))
    assert len(await outbox(db, shop.id, "summary")) == 1
    await end_of_day_summaries(ctx, CLOSING_UTC + timedelta(days=1))
    assert len(await outbox(db, shop.id, "summary")) == 2


async def test_the_summary_holds_the_days_figures_in_the_owners_language(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db, timezone="Asia/Kolkata", closing="21:30", summary=True)
    morning = CLOSING_UTC - timedelta(hours=8)
    await customer(db, shop, owes=2500, at=morning)  # on credit
    async with db.session() as session:
        await sell(session, shop.id, [SaleItem(shop.products["Rice 5kg"], Decimal(2))], at=morning)
        # Yesterday's sale is not today's.
        await sell(
            session,
            shop.id,
            [SaleItem(shop.products["Soap"], Decimal(1))],
            at=morning - timedelta(days=1),
        )
        hindi = await add_member(session, shop.id, phone=new_phone(), role="owner", language="hi")
        await set_summary(session, hindi.id, True)
        staff = await add_member(session, shop.id, phone=new_phone(), role="staff")
        await set_summary(session, staff.id, True)  # staff never see the shop's figures

    assert await end_of_day_summaries(ctx, CLOSING_UTC) >= 2
    rows = await outbox(db, shop.id, "summary")
    by_phone = {row.recipient: ctx.cipher.open(row.body) for row in rows}
    assert set(by_phone) == {shop.owner, hindi.phone}
    english = by_phone[shop.owner]
    assert "Jobs Grocery, 2031-03-02" in english
    assert "Sales: AED 45 in 2 invoices (AED 20 paid, AED 25 on credit)" in english
    assert "Dues outstanding: AED 25" in english
    assert "low on stock" not in english
    assert "Aaj ki sale: AED 45, 2 invoice" in by_phone[hindi.phone]


async def test_no_summary_for_owners_who_did_not_opt_in(db: Database, tmp_path: Path) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db, timezone="Asia/Dubai", closing="20:00", summary=False)
    await end_of_day_summaries(ctx, datetime(2031, 3, 2, 17, 0, tzinfo=UTC))  # 21:00 in Dubai
    assert await outbox(db, shop.id, "summary") == []


async def test_an_owner_who_said_daily_chart_on_gets_the_weeks_chart_with_the_summary(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db, timezone="Asia/Kolkata", closing="21:30", summary=True)
    async with db.session() as session:
        await sell(
            session,
            shop.id,
            [SaleItem(shop.products["Rice 5kg"], Decimal(2))],
            at=CLOSING_UTC - timedelta(hours=3),
        )
        plain = await add_member(session, shop.id, phone=new_phone(), role="owner")
        await set_summary(session, plain.id, True)
        (owner,) = [
            m for m in await members_by_phone(session, shop.owner) if m.business_id == shop.id
        ]
        await set_member_flags(session, owner.id, daily_chart=True)

    await end_of_day_summaries(ctx, CLOSING_UTC)
    rows = {row.recipient: row for row in await outbox(db, shop.id, "summary")}
    with_chart, without = rows[shop.owner], rows[plain.phone]
    assert with_chart.document_mime == "image/png" and with_chart.document is not None
    assert ctx.cipher.open_bytes(with_chart.document).startswith(b"\x89PNG")
    assert with_chart.document_name.endswith(".png")
    assert without.document is None and without.document_name == ""
