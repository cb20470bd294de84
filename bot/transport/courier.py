"""The courier: sends what the outbox holds, one recipient's messages in order, with retries.

A row is taken by a conditional UPDATE (queued → sending, with a lease), so two processes
never send the same row; a process that dies mid-send leaves a lease that runs out, and the
row is tried again then. A try whose outcome is unknown (the process died, or the request
timed out after it was sent) leaves `unsure_since` set, and the next try asks the driver to
look the message up on the platform first (Twilio lists what was sent; Telegram cannot, so
there a reply can, rarely, arrive twice). A platform that says "later" (429, 5xx, network)
gets the row back with a backoff; one that says "never" marks it failed, and the member who
sent an invoice is told why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Update,
    and_,
    bindparam,
    literal_column,
    or_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import col, func, select

from consent.crypto import Cipher
from ledger import Database, LedgerError, invoice_by_number, invoice_view
from ledger.db import table
from ledger.hot import prebuilt
from ledger.types import utcnow
from pdf import render_invoice_async

from ..messages import Document
from ..replies import Replies
from ..tables import OutboxRow
from .outbox import (
    ChannelDriver,
    RetryLater,
    Undeliverable,
    enqueue,
    fill_draft,
    open_row,
)
from .outbox import (
    backoff as retry_delay,
)
from .pool import KeyedWorkerPool
from .routing import route

log = logging.getLogger(__name__)
OUTBOX = table(OutboxRow)  # for Core statements on the hot path
LEASE = timedelta(seconds=120)
# A draft older than this lost its process before its document was made (see orphaned_drafts).
DRAFT_GRACE = timedelta(minutes=2)
# Not sent yet: a draft (its document still being made) holds its recipient's later messages.
WAITING = ("drafting", "queued", "sending")


def waiting(status: ColumnElement[str] | Mapped[str]) -> ColumnElement[bool]:
    """`status IN WAITING` with the values written into the SQL, not bound: so the planner
    (SQLite's, or PostgreSQL's for a prepared statement) may use the partial index of unsent
    rows, ix_outbox_waiting, instead of walking a recipient's whole history of sent ones."""
    return status.in_([literal_column(f"'{value}'") for value in WAITING])


MAX_ATTEMPTS = 12  # about an hour of backoff for network errors; a 429 is never given up


def _claim_first() -> Update:
    """Claim a recipient's oldest unsent message if it may be tried now (a queued one that is
    due, or one whose sender's lease ran out): one UPDATE … RETURNING, so two processes never
    take the same row and a recipient's messages go out in order. Built once: constructing a
    statement costs more CPU than running it (parameters: to_channel, to_recipient, now,
    lease; a column's own name is reserved in an UPDATE).

    `unsure_since` keeps the instant of an earlier try that may have gone out unseen, or
    becomes `now`: the row then says "not sure" until this try's outcome is recorded.
    """
    earlier = OUTBOX.alias("earlier")  # not correlated with the row being updated
    now = bindparam("now", type_=OUTBOX.c.lease_until.type)
    first = (
        select(func.min(earlier.c.id))
        .where(
            earlier.c.channel == bindparam("to_channel"),
            earlier.c.recipient == bindparam("to_recipient"),
            waiting(earlier.c.status),
        )
        .scalar_subquery()
    )
    return (
        update(OUTBOX)
        .where(
            OUTBOX.c.id == first,
            or_(
                and_(OUTBOX.c.status == "queued", OUTBOX.c.next_attempt_at <= now),
                and_(OUTBOX.c.status == "sending", OUTBOX.c.lease_until < now),
            ),
        )
        .values(
            status="sending",
            lease_until=bindparam("lease", type_=OUTBOX.c.lease_until.type),
            unsure_since=func.coalesce(OUTBOX.c.unsure_since, now),
        )
        .returning(*OUTBOX.c)
    )


CLAIM_FIRST = prebuilt(_claim_first())
MARK_SENT = prebuilt(
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("row_id"))
    .values(
        status="sent",
        provider_id=bindparam("sid"),
        sent_at=bindparam("at", type_=OUTBOX.c.sent_at.type),
        lease_until=None,
        unsure_since=None,
        attempts=bindparam("tries"),
        body="",  # the text lives on only in the log, which expires
    )
)


# A claimed row, and the instant since which an earlier try may have gone out unseen (None:
# none did).
Taken = tuple[OutboxRow, datetime | None]


# A row handed over but never tried goes back to the queue (the process is stopping).
RELEASE = prebuilt(
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("row_id"), OUTBOX.c.status == "sending")
    .values(
        status="queued",
        lease_until=None,
        unsure_since=bindparam("unsure", type_=OUTBOX.c.unsure_since.type),
    )
)


def _claim_on(conn: Connection, key: tuple[str, str]) -> Taken | None:
    """Claim the recipient's oldest due message on `conn` (see `Courier._take`)."""
    now = utcnow()
    params = {"to_channel": key[0], "to_recipient": key[1], "now": now, "lease": now + LEASE}
    found = conn.execute(CLAIM_FIRST, params).first()
    if found is None:
        return None
    row = OutboxRow(**found._mapping)
    unsure = row.unsure_since
    return row, (None if unsure is None or unsure == now else unsure)


class Courier:
    """Delivers the outbox through the channel drivers of this process."""

    def __init__(
        self,
        db: Database,
        cipher: Cipher,
        drivers: Mapping[str, ChannelDriver],
        *,
        concurrency: int = 16,
        poll_seconds: float = 1.0,
    ) -> None:
        self.db = db
        self.cipher = cipher
        self.drivers = drivers
        self.poll_seconds = poll_seconds
        self.wake = asyncio.Event()
        # One delivery per recipient, in order; a recipient seen due while theirs is busy
        # makes it look again, or (if it was ending) makes the loop look now.
        self.pool: KeyedWorkerPool[tuple[str, str]] = KeyedWorkerPool(
            concurrency, self._deliver, name="outbox", on_more=self._more
        )
        # Rows a message's own transaction claimed for this process to send (`claim`): at
        # most one a recipient, since a claimed row holds the recipient's later ones back.
        self._handed: dict[tuple[str, str], Taken] = {}
        self._stopping = False

    def _more(self, key: tuple[str, str]) -> None:
        # Poked while its worker was letting go: a row handed over is sent by a new worker
        # (the outbox scan would not find it: it is claimed); anything else the scan finds.
        if key in self._handed:
            self.pool.poke(key)
        else:
            self.wake.set()

    async def claim(self, session: AsyncSession, channel: str, recipient: str) -> Taken | None:
        """In a message's own transaction, claim the recipient's oldest due message for this
        process to send once it commits (`deliver_to(…, taken)`): the statement the courier's
        own claim runs, without a transaction of its own. None: this process does not send on
        the channel, or nothing of theirs may be tried now (one is on its way, or a draft's
        document is still being made, and holds the rest back)."""
        if channel not in self.drivers or self._stopping:
            return None
        return await session.run_sync(lambda s: _claim_on(s.connection(), (channel, recipient)))

    def deliver_to(self, channel: str, recipient: str, taken: Taken | None = None) -> None:
        """Send a recipient's due messages now (a message's replies just committed): their
        worker looks them up, without a scan of the whole outbox; `taken`, the row that
        transaction claimed (`claim`), is sent first without another claim."""
        if channel not in self.drivers:
            return
        if taken is not None:
            self._handed[(channel, recipient)] = taken
        self.pool.poke((channel, recipient))

    async def run(self) -> None:
        """Send due messages until `stop`."""
        drafts_looked = 0.0
        while not self._stopping:
            self.wake.clear()
            try:
                if time.monotonic() - drafts_looked > DRAFT_GRACE.total_seconds() / 4:
                    drafts_looked = time.monotonic()
                    await self.orphaned_drafts()
                for key in await self._due(utcnow()):
                    self.pool.poke(key)
            except Exception:
                log.exception("could not look for messages to send")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.poll_seconds)

    async def orphaned_drafts(self, now: datetime | None = None) -> int:
        """Drafts whose process stopped between its commit and making the document (made a
        moment after the commit, so one DRAFT_GRACE old was left): an invoice is made again
        from the books; anything else is failed, and its member told. How many were settled."""
        cutoff = (now or utcnow()) - DRAFT_GRACE
        async with self.db.read() as session:
            found = await session.execute(
                select(OutboxRow)
                .where(col(OutboxRow.status) == "drafting", col(OutboxRow.created_at) < cutoff)
                .order_by(col(OutboxRow.id))
                .limit(20)
            )
            drafts = list(found.scalars())
        for row in drafts:
            document = await _invoice_again(self.db, row.business_id, row.document_name)
            async with self.db.session() as session:
                if document is not None:
                    await fill_draft(session, self.cipher, row.dedup_key, document)
                    continue
                await session.execute(
                    update(OutboxRow)
                    .where(col(OutboxRow.id) == row.id, col(OutboxRow.status) == "drafting")
                    .values(status="failed", error="its document could not be made", body="")
                )
                reason = "its document could not be made"
                await report_failure(session, self.cipher, row, reason, frozenset(self.drivers))
        return len(drafts)

    async def stop(self) -> None:
        """Start nothing new and finish the sends in flight."""
        self._stopping = True
        self.wake.set()
        await self.pool.stop()
        # Handed over but not sent: queued again at once, as no try of theirs began.
        handed, self._handed = list(self._handed.values()), {}
        await self._release(handed)

    async def _release(self, handed: list[Taken]) -> None:
        """Put rows handed over and never tried back in the queue, as they were before their
        claim (`RELEASE`)."""
        said = [{"row_id": row.id, "unsure": unsure} for row, unsure in handed]
        if said:
            await self.db.quick(lambda conn: conn.execute(RELEASE, said))

    async def flush(self, recipient: str | None = None) -> int:
        """Send everything due now (to one recipient, if given), once (tests and `hisaab jobs
        run`); how many were tried."""
        due = await self._due(utcnow(), recipient)
        for key in due:
            await self._deliver(key)
        return len(due)

    async def _due(self, now: datetime, recipient: str | None = None) -> list[tuple[str, str]]:
        """Each recipient whose first unsent message may be tried now, oldest first."""
        earlier = aliased(OutboxRow)
        first = (
            select(func.min(earlier.id))
            .where(
                earlier.channel == OutboxRow.channel,
                earlier.recipient == OutboxRow.recipient,
                waiting(col(earlier.status)),
            )
            .scalar_subquery()
        )
        stmt = (
            select(OutboxRow.channel, OutboxRow.recipient)
            .where(
                col(OutboxRow.channel).in_(tuple(self.drivers)),
                col(OutboxRow.id) == first,
                or_(
                    and_(col(OutboxRow.status) == "queued", col(OutboxRow.next_attempt_at) <= now),
                    and_(col(OutboxRow.status) == "sending", col(OutboxRow.lease_until) < now),
                ),
            )
            .order_by(col(OutboxRow.id))
            .limit(200)
        )
        if recipient is not None:
            stmt = stmt.where(col(OutboxRow.recipient) == recipient)
        async with self.db.glance() as session:
            return [(c, r) for c, r in (await session.execute(stmt)).all()]

    async def _deliver(self, key: tuple[str, str]) -> None:
        """Send the recipient's due messages in order, oldest first, until none is due.

        Each message costs two short write transactions: one takes it (finding the
        recipient's oldest unsent message and claiming it, in one statement), one records
        it sent and takes the next, if one is due. A row handed over by the transaction that
        queued it (`claim`) needs only the second.
        """
        try:
            taken = await self._handed_over(key)
            if taken is None:
                taken = await self._next(key)
            else:
                # Pokes until now are answered: its transaction's claim looked, and the one
                # that records it sent looks again.
                self.pool.looked(key)
            while taken is not None:
                taken = await self._send_one(key, *taken)
                if taken is None and not self._stopping:
                    taken = await self._handed_over(key)  # handed over while this one was sent
        except Exception:
            log.exception("delivery to %s stopped", key[0])

    async def _handed_over(self, key: tuple[str, str]) -> Taken | None:
        """The row a message's transaction claimed for the recipient, if its lease has time to
        run. One that waited for a free worker until half its lease was gone goes back to the
        queue instead (and is claimed afresh): sent on a lease about to run out, another
        process could take it too."""
        taken = self._handed.pop(key, None)
        if taken is None:
            return None
        lease = taken[0].lease_until
        if lease is not None and lease - utcnow() > LEASE / 2:
            return taken
        await self._release([taken])
        return None

    async def _take(self, key: tuple[str, str]) -> tuple[OutboxRow, datetime | None] | None:
        """Claim the recipient's next message (None: none is due, or another process has
        it), with the instant since which an earlier try may have gone out unseen (None:
        none did), in a transaction of its own."""
        return await self.db.quick(lambda conn: _claim_on(conn, key))

    async def _send_one(
        self, key: tuple[str, str], row: OutboxRow, unsure_since: datetime | None
    ) -> tuple[OutboxRow, datetime | None] | None:
        """Send a claimed row and record the outcome; the recipient's next message, claimed
        in the transaction that records a sent one (None: nothing more is due now)."""
        assert row.id is not None
        driver = self.drivers[row.channel]
        try:
            message = replace(open_row(row, self.cipher), unsure_since=unsure_since)
        except ValueError:
            # Retrying cannot help: another process sealed it with a different HISAAB_LOG_KEY.
            log.error("outbox row %s cannot be opened with this process's key", row.id)
            await self._give_up(row, "it was sealed with another key (HISAAB_LOG_KEY differs)")
            return await self._next(key)
        try:
            provider_id = await driver.send(message)
        except RetryLater as exc:
            await self._retry(row, exc)
            return None  # the recipient's later messages wait behind this one
        except Undeliverable as exc:
            await self._give_up(row, exc.reason)
            return await self._next(key)
        except Exception as exc:
            log.exception("sending outbox row %s failed", row.id)
            await self._retry(row, RetryLater(type(exc).__name__))
            return None
        sent = {"row_id": row.id, "sid": provider_id, "at": utcnow(), "tries": row.attempts + 1}
        if self._stopping:
            await self.db.quick(lambda conn: conn.execute(MARK_SENT, sent))
            return None
        self.pool.looked(key)  # pokes for the recipient until now are answered by this look

        def mark_and_take(conn: Connection) -> tuple[OutboxRow, datetime | None] | None:
            conn.execute(MARK_SENT, sent)
            return _claim_on(conn, key)

        return await self.db.quick(mark_and_take)

    async def _next(self, key: tuple[str, str]) -> tuple[OutboxRow, datetime | None] | None:
        """The recipient's next message, claimed (None when stopping or none is due). Pokes
        for the recipient until now are answered by this look."""
        if self._stopping:
            return None
        self.pool.looked(key)
        return await self._take(key)

    async def _retry(self, row: OutboxRow, exc: RetryLater) -> None:
        attempts = row.attempts + 1
        rate_limited = exc.after_seconds is not None
        if attempts >= MAX_ATTEMPTS and not rate_limited:
            await self._give_up(row, f"the platform kept failing ({exc.reason})")
            return
        async with self.db.session() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row.id)
                .values(
                    status="queued",
                    attempts=attempts,
                    lease_until=None,
                    # A clear "not taken" ends the doubt; a lost answer keeps it for the next try.
                    **({} if exc.maybe_sent else {"unsure_since": None}),
                    error=exc.reason[:500],
                    next_attempt_at=utcnow() + retry_delay(attempts, exc.after_seconds),
                )
            )
        log.info("outbox row %s: retry %s (%s)", row.id, attempts, exc.reason)

    async def _give_up(self, row: OutboxRow, reason: str) -> None:
        async with self.db.session() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row.id)
                .values(status="failed", lease_until=None, error=reason[:500], body="")
            )
            await report_failure(session, self.cipher, row, reason, frozenset(self.drivers))
        log.warning("outbox row %s not delivered: %s", row.id, reason)


async def report_failure(
    session: AsyncSession, cipher: Cipher, row: OutboxRow, reason: str, channels: frozenset[str]
) -> bool:
    """Tell the member who sent an invoice that it did not reach the customer (once)."""
    if not row.notify_member or row.purpose == "reply":
        return False
    where = await route(session, row.notify_member, channels)
    if where is None:
        return False
    text = Replies().render("delivery_failed", recipient=row.recipient, reason=reason)
    return await enqueue(
        session,
        cipher,
        dedup_key=f"delivery-failed:{row.id}",
        channel=where[0],
        recipient=where[1],
        text=text,
        purpose="reply",
        business_id=row.business_id,
    )


# A delivery status may replace only those before it ("failed" is final).
EARLIER = {
    "sent": ("queued", "sending"),
    "delivered": ("queued", "sending", "sent"),
    "read": ("queued", "sending", "sent", "delivered"),
    "failed": ("queued", "sending", "sent", "delivered"),
}


async def record_delivery(
    db: Database,
    cipher: Cipher,
    channel: str,
    provider_id: str,
    status: str,
    reason: str,
    channels: frozenset[str],
) -> bool:
    """Record what the platform says became of a sent message (sent, delivered, read,
    failed) on its outbox row; True if a failure report to the member was queued.

    Reports may repeat and come out of order, so a row only moves forward; a failed invoice
    is reported to the member who sent it once.
    """
    async with db.session() as session:
        values: dict[str, str] = {"status": status}
        if reason:
            values["error"] = reason
        moved = await session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.provider_id) == provider_id,
                col(OutboxRow.channel) == channel,
                col(OutboxRow.status).in_(EARLIER[status]),
            )
            .values(**values)
            .returning(col(OutboxRow.id))
        )
        if not moved.all():
            log.info(
                "status %s for %s: no row moved (repeat, late or unknown)", status, provider_id
            )
            return False
        if status != "failed":
            return False
        found = await session.execute(
            select(OutboxRow).where(
                col(OutboxRow.provider_id) == provider_id, col(OutboxRow.channel) == channel
            )
        )
        queued = False
        for row in found.scalars():
            queued = await report_failure(session, cipher, row, reason, channels) or queued
        log.warning("%s message %s failed: %s", channel, provider_id, reason)
        return queued


async def known_provider_ids(db: Database, ids: list[str]) -> set[str]:
    """Which of these platform message ids the outbox has recorded as sent."""
    async with db.glance() as session:
        found = await session.execute(
            select(OutboxRow.provider_id).where(col(OutboxRow.provider_id).in_(ids))
        )
        return {str(sid) for sid in found.scalars()}


async def _invoice_again(db: Database, business_id: int | None, filename: str) -> Document | None:
    """An invoice's PDF made again from the books by its file name ("INV-2026-0012.pdf")."""
    if business_id is None or not filename.endswith(".pdf"):
        return None
    try:
        async with db.read() as session:
            invoice = await invoice_by_number(session, business_id, filename.removesuffix(".pdf"))
            assert invoice.id is not None
            view = await invoice_view(session, business_id, invoice.id)
    except LedgerError:
        return None
    return Document(filename, "application/pdf", await render_invoice_async(view))
