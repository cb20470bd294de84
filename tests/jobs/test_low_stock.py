"""Low-stock alerts: once a local day to the owner, listing exactly the products that are low."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from bot.jobs import low_stock_alerts
from ledger import Database, adjust_stock
from tests.jobs.helpers import context, open_shop, outbox

NINE_IN_DUBAI = datetime(2031, 3, 2, 5, 0, tzinfo=UTC)


async def test_the_alert_lists_exactly_the_low_products_once_a_day(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db)
    async with db.session() as session:
        # Milk reorders at 10, rice at the default 5; soap stays well stocked.
        await adjust_stock(session, shop.id, shop.products["Milk 1L"], set_to=Decimal(10))
        await adjust_stock(session, shop.id, shop.products["Rice 5kg"], set_to=Decimal(3))
        await adjust_stock(session, shop.id, shop.products["Soap"], set_to=Decimal(6))

    await low_stock_alerts(ctx, NINE_IN_DUBAI)
    await low_stock_alerts(ctx, NINE_IN_DUBAI + timedelta(hours=1))
    rows = await outbox(db, shop.id, "alert")
    assert [row.recipient for row in rows] == [shop.owner]
    lines = ctx.cipher.open(rows[0].body).splitlines()
    assert lines == [
        "⚠️ Low stock at Jobs Grocery:",
        "• Milk 1L: 10 piece left (reorder at 10)",
        "• Rice 5kg: 3 piece left",
    ]

    await low_stock_alerts(ctx, NINE_IN_DUBAI + timedelta(days=1))
    assert len(await outbox(db, shop.id, "alert")) == 2


async def test_no_alert_before_the_shops_morning_or_when_nothing_is_low(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    stocked = await open_shop(db)
    low = await open_shop(db)
    async with db.session() as session:
        await adjust_stock(session, low.id, low.products["Soap"], set_to=Decimal(1))

    await low_stock_alerts(ctx, NINE_IN_DUBAI - timedelta(hours=2))  # 07:00 in Dubai
    assert await outbox(db, low.id, "alert") == []
    await low_stock_alerts(ctx, NINE_IN_DUBAI)
    assert len(await outbox(db, low.id, "alert")) == 1
    assert await outbox(db, stocked.id, "alert") == []
