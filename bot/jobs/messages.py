"""The jobs that write to people: end-of-day summaries, dues reminders and low-stock alerts.

Each message has a dedup key with the shop's local date in it, so a job that runs twice, or
is restarted after a crash, queues it once. Reminders also stamp the consent row in the same
transaction as the message, one customer per transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from consent.records import granted, may_message
from consent.tables import ConsentRow
from ledger import MemberView, NotFound, dues_report, get_business, sales_report, stock_report
from ledger.catalog import party as party_row
from ledger.catalog import party_view
from ledger.dues import collected_at_sale, customers_owing, due_rung, oldest_open_invoice, pay_link
from ledger.periods import last_days, previous
from ledger.series import sales_chart_data
from ledger.shop import open_shops, owners

from ..messages import Document
from ..replies import Replies
from ..tables import OutboxRow
from .context import JobContext, clock_time, local_date, notify, zone_of

log = logging.getLogger(__name__)

DEFAULT_CLOSING = time(21, 0)
# Low-stock alerts go out once a day, in the shop's morning, before the day's selling.
LOW_STOCK_AT = time(8, 0)


async def _open_shops(ctx: JobContext) -> list[tuple[int, str, str]]:
    """(id, time zone, closing time) of every shop that is not closed."""
    async with ctx.db.read() as session:
        return await open_shops(session)


async def _owners(session: AsyncSession, business_id: int, *, summary: bool) -> list[MemberView]:
    """The shop's active owners (only those who opted in to the summary, with `summary`)."""
    found = await owners(session, business_id)
    return [m for m in found if m.daily_summary] if summary else found


async def _queued(session: AsyncSession, keys: list[str]) -> set[str]:
    """Which of these dedup keys are already in the outbox."""
    if not keys:
        return set()
    rows = await session.execute(
        select(col(OutboxRow.dedup_key)).where(col(OutboxRow.dedup_key).in_(keys))
    )
    return set(rows.scalars())


async def end_of_day_summaries(ctx: JobContext, now: datetime) -> int:
    """Send today's figures to opted-in owners of shops whose closing time has passed today."""
    sent = 0
    for business_id, timezone, closing in await _open_shops(ctx):
        local = now.astimezone(zone_of(timezone))
        if local.time() < clock_time(closing, DEFAULT_CLOSING):
            continue
        day = local.date().isoformat()
        # The chart (tens of milliseconds) is drawn before the write transaction opens.
        chart = await _week_chart(ctx, business_id, now, day)
        async with ctx.db.session() as session:
            sent += await _summarize(session, ctx, business_id, now, day, chart)
    return sent


async def _week_chart(
    ctx: JobContext, business_id: int, now: datetime, day: str
) -> Document | None:
    """The last seven days' sales as a picture, if an owner due a summary asked for it."""
    # matplotlib takes a second to import: only a process that draws a chart pays it.
    from pdf.chart import render_sales_chart_async

    async with ctx.db.read() as session:
        owners = _keyed(
            await _owners(session, business_id, summary=True), f"summary:{business_id}:{day}"
        )
        done = await _queued(session, list(owners))
        if not any(m.daily_chart for key, m in owners.items() if key not in done):
            return None
        shop = await get_business(session, business_id)
        week = last_days(7, now, shop.timezone)
        data = await sales_chart_data(session, business_id, week, previous(week, shop.timezone))
    language = next((m.language for m in owners.values() if m.daily_chart), "en")
    png = await render_sales_chart_async(data, language=language)
    return Document(f"Sales-{week.first_day.isoformat()}-{day}.png", "image/png", png)


async def _summarize(
    session: AsyncSession,
    ctx: JobContext,
    business_id: int,
    now: datetime,
    day: str,
    chart: Document | None = None,
) -> int:
    business = await get_business(session, business_id)
    to = _keyed(await _owners(session, business_id, summary=True), f"summary:{business_id}:{day}")
    done = await _queued(session, list(to))
    to = {key: member for key, member in to.items() if key not in done}
    if not to:
        return 0  # checked before the report: the job runs every few minutes all evening
    report = await sales_report(session, business_id, "today", now, top=0)
    paid_minor = await collected_at_sale(
        session, business_id, report.period.start, report.period.end
    )
    dues = await dues_report(session, business_id)
    low = await stock_report(session, business_id, low_only=True)
    sent = 0
    for key, member in to.items():
        text = Replies(member.language, business.currency).render(
            "day_summary",
            shop=business.name,
            day=day,
            total=report.total_minor,
            count=report.count,
            paid=paid_minor,
            credit=report.total_minor - paid_minor,
            dues=dues.owe_you_total_minor,
            low_count=len(low),
        )
        outcome = await notify(
            session,
            ctx,
            phone=member.phone,
            text=text,
            purpose="summary",
            dedup_key=key,
            business_id=business_id,
            at=now,
            document=chart if member.daily_chart else None,
        )
        sent += outcome == "queued"
    return sent


def _keyed(members: list[MemberView], prefix: str) -> dict[str, MemberView]:
    return {f"{prefix}:{m.id}": m for m in members}


async def low_stock_alerts(ctx: JobContext, now: datetime) -> int:
    """Tell each shop's owners, once a local day, which products are at or below reorder level."""
    sent = 0
    for business_id, timezone, _closing in await _open_shops(ctx):
        local = now.astimezone(zone_of(timezone))
        if local.time() < LOW_STOCK_AT:
            continue
        async with ctx.db.session() as session:
            sent += await _alert(session, ctx, business_id, now, local.date().isoformat())
    return sent


async def _alert(
    session: AsyncSession, ctx: JobContext, business_id: int, now: datetime, day: str
) -> int:
    to = _keyed(await _owners(session, business_id, summary=False), f"lowstock:{business_id}:{day}")
    done = await _queued(session, list(to))
    to = {key: member for key, member in to.items() if key not in done}
    if not to:
        return 0
    lines = await stock_report(session, business_id, low_only=True)
    if not lines:
        return 0
    business = await get_business(session, business_id)
    sent = 0
    for key, member in to.items():
        text = Replies(member.language, business.currency).render(
            "low_stock_alert", shop=business.name, lines=list(lines)
        )
        outcome = await notify(
            session,
            ctx,
            phone=member.phone,
            text=text,
            purpose="alert",
            dedup_key=key,
            business_id=business_id,
            at=now,
        )
        sent += outcome == "queued"
    return sent


async def dues_reminders(ctx: JobContext, now: datetime) -> int:
    """Remind consenting customers who owe, on their shop's ladder of days (ledger.dues).

    Each customer is handled in its own transaction that queues the reminder and stamps
    `last_reminded_at` together: a run killed half-way and run again reminds nobody twice.
    """
    async with ctx.db.read() as session:
        agreed = await granted(session)
        owing = await customers_owing(session)
    candidates = [(bid, pid) for bid, pid, phone in owing if (bid, phone) in agreed]
    sent = 0
    for business_id, party_id in candidates:
        async with ctx.db.session() as session:
            sent += await _remind(session, ctx, business_id, party_id, now)
    return sent


async def _remind(
    session: AsyncSession,
    ctx: JobContext,
    business_id: int,
    party_id: int,
    now: datetime,
) -> bool:
    """One customer's reminder, checked again inside its own transaction."""
    try:
        party = party_view(await party_row(session, business_id, party_id))
    except NotFound:
        return False  # gone since the list was read
    if party.balance_minor <= 0:
        return False  # paid since the list was read
    found = await session.execute(
        select(ConsentRow)
        .where(ConsentRow.business_id == business_id, ConsentRow.address == party.phone)
        .with_for_update()  # two runs at once: the second waits, then finds it stamped
    )
    consent = found.scalar_one_or_none()
    owed_since = await oldest_open_invoice(session, business_id, party_id)
    if consent is None or owed_since is None:
        return False
    shop = await get_business(session, business_id)
    rung = due_rung(shop.reminder_days, owed_since, consent.last_reminded_at, now, shop.timezone)
    if rung is None or not await may_message(session, business_id, party.phone):
        return False  # not due, reminded meanwhile, consent withdrawn, or STOP
    owners = await _owners(session, business_id, summary=False)
    language = owners[0].language if owners else "en"
    text = Replies(language, shop.currency).render(
        "dues_reminder",
        shop=shop.name,
        balance=party.balance_minor,
        link=pay_link(shop, party.balance_minor, note=party.name),
    )
    outcome = await notify(
        session,
        ctx,
        phone=party.phone,
        text=text,
        purpose="reminder",
        dedup_key=f"reminder:{business_id}:{party_id}:{local_date(now, shop.timezone)}",
        business_id=business_id,
        at=now,
    )
    if outcome == "unreachable":
        return False  # not stamped: the next run tries again
    consent.last_reminded_at = now
    await session.flush()
    return outcome == "queued"
