"""The inbox: a platform update is stored durably before the platform gets its 200.

`Intake.accept` stores an update (a replay of the same (channel, message id) is stored once)
and wakes the workers; the workers hand stored updates to the conversation, one sender's in
the order received, different senders at once. On start-up, anything stored and not yet
handled is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, Executable, bindparam, func, text
from sqlalchemy import select as sa_select
from sqlalchemy import update as update_rows
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlmodel import col, select

from consent.crypto import Cipher
from ledger.db import Database, DialectInsert, Upsert, table
from ledger.hot import prebuilt
from ledger.types import utcnow

from ..channels.base import MediaTooLarge, MediaUnavailable
from ..messages import Channel, InboundMessage, capped
from ..tables import ContactRow, InboxRow
from .outbox import enqueue
from .pool import KeyedWorkerPool

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Update:
    """A platform message as stored: text, or a reference to fetch its voice note later."""

    channel: Channel
    message_id: str  # the platform's id (Twilio MessageSid, Telegram chat:message id)
    sender: str  # E.164 phone (WhatsApp) or the Telegram chat id
    received_at: datetime
    text: str = ""
    media: str = ""  # a platform reference (Twilio MediaUrl0, Telegram file_id); never bytes
    media_mime: str = ""
    too_long: bool = False  # the text was longer than TEXT_LIMIT: only its start is kept

    def __post_init__(self) -> None:
        # Every channel's text passes here before it is stored: the one place it is capped.
        text, too_long = capped(self.text, self.too_long)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "too_long", too_long)

    def seal(self, cipher: Cipher) -> str:
        """The payload column: text and media reference, encrypted."""
        data: dict[str, str | bool] = {
            "text": self.text,
            "media": self.media,
            "media_mime": self.media_mime,
        }
        if self.too_long:
            data["too_long"] = True
        return cipher.seal(json.dumps(data))

    def message(self, audio: bytes | None = None) -> InboundMessage:
        """The message the core handles, with the voice note's bytes once fetched."""
        return InboundMessage(
            self.channel,
            self.sender,
            self.message_id,
            self.received_at,
            text=self.text,
            audio=audio,
            audio_mime=self.media_mime if audio is not None else "",
            too_long=self.too_long,
        )

    @classmethod
    def open(cls, row: Stored, cipher: Cipher) -> Update:
        """The update a stored row holds."""
        data = json.loads(cipher.open(row.payload)) if row.payload else {}
        channel = CHANNELS[row.channel]
        return cls(
            channel,
            row.message_id,
            row.sender,
            row.received_at,
            data.get("text", ""),
            data.get("media", ""),
            data.get("media_mime", ""),
            bool(data.get("too_long", False)),
        )


def _contact(insert: DialectInsert) -> Executable:
    stmt = insert(table(ContactRow))
    return stmt.on_conflict_do_update(
        index_elements=["channel", "address"],
        set_={"last_inbound_at": stmt.excluded.last_inbound_at},
    )


STORE = Upsert(
    lambda insert: (
        insert(table(InboxRow))
        .on_conflict_do_nothing(index_elements=["channel", "message_id"])
        .returning(table(InboxRow).c.id)
    )
)
CONTACT = Upsert(_contact)


async def store(session: AsyncSession, cipher: Cipher, update: Update) -> bool:
    """Store an update and note the contact's last message, in the session's transaction;
    False if it was already stored."""
    return await session.run_sync(lambda s: store_on(s.connection(), cipher, update))


def store_on(conn: Connection, cipher: Cipher, update: Update) -> bool:
    """`store` on a synchronous connection (`Database.quick`: the webhook's own transaction)."""
    row = {
        "channel": update.channel,
        "message_id": update.message_id,
        "sender": update.sender,
        "received_at": update.received_at,
        "payload": update.seal(cipher),
        "handled_at": None,
        "attempts": 0,
    }
    fresh = conn.execute(STORE(conn), row).first() is not None
    if fresh:
        contact = {
            "channel": update.channel,
            "address": update.sender,
            "last_inbound_at": update.received_at,
        }
        conn.execute(CONTACT(conn), contact)
    return fresh


CHANNELS: dict[str, Channel] = {
    "console": "console",
    "whatsapp": "whatsapp",
    "telegram": "telegram",
}


class MediaSource(Protocol):
    """A channel that can fetch a voice note by the reference its update carried."""

    async def fetch_media(self, ref: str) -> bytes: ...


# Handles a stored message, marking it handled in the transaction that books it; whether it
# is handled now (False: it failed and is tried again).
Handler = Callable[[InboundMessage], Awaitable[bool]]
MAX_ATTEMPTS = 3  # a message that fails this often is answered with an apology, not retried
BATCH = 20  # messages of one sender a worker takes per look


class Stored(Protocol):
    """What a worker reads of a stored update: an inbox row's columns, ORM object or not."""

    id: int | None
    channel: str
    message_id: str
    sender: str
    received_at: datetime
    payload: str | None


_INBOX = table(InboxRow)
# Built once: every message is read back by its sender's worker (Core: no object loaded).
UNHANDLED = prebuilt(
    sa_select(
        _INBOX.c.id,
        _INBOX.c.channel,
        _INBOX.c.message_id,
        _INBOX.c.sender,
        _INBOX.c.received_at,
        _INBOX.c.payload,
    )
    .where(
        _INBOX.c.channel == bindparam("channel"),
        _INBOX.c.sender == bindparam("sender"),
        _INBOX.c.handled_at.is_(None),
    )
    .order_by(_INBOX.c.id)
    .limit(BATCH)
)


class SenderLocks:
    """Which process handles a sender now: in-process always, across processes on PostgreSQL.

    PostgreSQL advisory locks are held on one dedicated connection per process, so the pool's
    connections stay free for the work itself. SQLite has one process by design.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: AsyncConnection | None = None
        self._mutex = asyncio.Lock()

    @staticmethod
    def _key(name: str) -> int:
        return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)

    async def try_acquire(self, name: str) -> bool:
        """Take the lock of `name` without waiting; False if another process holds it."""
        if self.db.is_sqlite:
            return True
        async with self._mutex:
            if self._conn is None:
                self._conn = await self.db.engine.connect()
            got = await self._conn.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key(name)}
            )
            await self._conn.commit()
            return bool(got.scalar())

    async def release(self, name: str) -> None:
        """Give the lock of `name` back."""
        if self.db.is_sqlite or self._conn is None:
            return
        async with self._mutex:
            await self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key(name)})
            await self._conn.commit()

    async def close(self) -> None:
        """Release every lock by closing the connection that holds them."""
        async with self._mutex:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None


class InboxUnavailable(Exception):
    """The inbox could not store an update (the database is away): do not acknowledge it."""


# What a channel's own answer decides inside its transaction: (text, outbox purpose).
Decision = Callable[[AsyncSession], Awaitable[tuple[str, str]]]


class Intake:
    """Stores updates (`accept`) and has workers handle them; one per process.

    `run` hands stored updates to the conversation: one task per sender with unhandled
    messages, at most `workers` at once, each taking its sender's messages oldest first.
    """

    def __init__(
        self,
        db: Database,
        cipher: Cipher,
        handler: Handler | None = None,
        *,
        media: Mapping[str, MediaSource] | None = None,
        on_failure: Callable[[AsyncSession, InboundMessage, str], Awaitable[None]] | None = None,
        channels: Collection[str] | None = None,
        workers: int = 16,
        poll_seconds: float = 1.0,
    ) -> None:
        self.db = db
        self.cipher = cipher
        self.handler = handler
        # Channel -> who fetches its voice notes (the channel adapters, by name).
        self.media: Mapping[str, MediaSource] = media if media is not None else {}
        self.on_failure = on_failure
        self.poll_seconds = poll_seconds
        self.wake = asyncio.Event()
        self.locks = SenderLocks(db)
        # One worker per sender; a message stored while it works makes it look again.
        self.pool: KeyedWorkerPool[tuple[str, str]] = KeyedWorkerPool(
            workers, self._work, name="inbox"
        )
        self._stopping = False
        self._running = False
        # Channels this process handles (None: all); a process only takes what it can answer.
        self.channels = channels

    async def accept(self, update: Update) -> bool:
        """Store an update durably, then wake the workers; False for a replay.

        A webhook answers the platform only after this returns, so nothing acknowledged is lost.
        Raises InboxUnavailable when it could not be stored.
        """
        try:
            fresh = await self.db.quick(lambda conn: store_on(conn, self.cipher, update))
        except SQLAlchemyError as exc:
            raise InboxUnavailable(str(exc)) from exc
        if fresh and self._running:
            self._dispatch((update.channel, update.sender))
        return fresh

    async def answer(self, update: Update, decide: Decision) -> bool:
        """Store an update as handled and queue a channel's own answer to it (Telegram's
        /start, a shared contact), in one transaction; False for a replay, which changes
        nothing and queues nothing. `decide` runs in that transaction (it may link a chat)."""
        try:
            async with self.db.session() as session:
                if not await store(session, self.cipher, replace(update, text="")):
                    return False
                text, purpose = await decide(session)
                await session.execute(
                    update_rows(InboxRow)
                    .where(
                        col(InboxRow.channel) == update.channel,
                        col(InboxRow.message_id) == update.message_id,
                    )
                    .values(handled_at=utcnow(), payload=None)
                )
                await enqueue(
                    session,
                    self.cipher,
                    dedup_key=f"{update.channel}:{update.message_id}:0",
                    channel=update.channel,
                    recipient=update.sender,
                    text=text,
                    purpose=purpose,
                )
        except SQLAlchemyError as exc:
            raise InboxUnavailable(str(exc)) from exc
        return True

    def _dispatch(self, key: tuple[str, str]) -> None:
        """Start a worker for a sender unless one runs (then it is told to look again)."""
        wanted = self.channels is None or key[0] in self.channels
        if wanted and not self._stopping:
            self.pool.poke(key)

    async def run(self) -> None:
        """Handle stored updates until `stop`; on start this picks up anything left unhandled."""
        self._running = True
        while not self._stopping:
            self.wake.clear()
            try:
                for key in await self._waiting_senders():
                    self._dispatch(key)
            except Exception:
                log.exception("could not look for waiting messages")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.poll_seconds)

    async def stop(self) -> None:
        """Take no new work, finish the messages being handled, release the locks."""
        self._stopping = True
        self.wake.set()
        await self.pool.stop()
        await self.locks.close()

    async def _waiting_senders(self) -> list[tuple[str, str]]:
        async with self.db.read() as session:
            found = await session.execute(
                select(InboxRow.channel, InboxRow.sender)
                .where(
                    col(InboxRow.handled_at).is_(None),
                    col(InboxRow.channel).in_(tuple(self.channels))
                    if self.channels is not None
                    else True,
                )
                .group_by(col(InboxRow.channel), col(InboxRow.sender))
                .order_by(func.min(InboxRow.id))
            )
            return [(channel, sender) for channel, sender in found.all()]

    async def _work(self, key: tuple[str, str]) -> None:
        """Handle one sender's stored messages, oldest first, until none is left."""
        name = f"{key[0]}:{key[1]}"
        if not await self.locks.try_acquire(name):
            return  # another process has this sender; it takes the new message too
        try:
            while not self._stopping:
                self.pool.looked(key)
                rows = await self._unhandled(key)
                for row in rows:
                    if self._stopping or not await self._handle(row):
                        break  # not handled: look again before anything newer
                else:
                    if (
                        len(rows) < BATCH
                        and not self.pool.poked(key)
                        and self.db.is_sqlite  # one process: nothing came in elsewhere
                    ):
                        break
                    if not rows:
                        break
        finally:
            await self.locks.release(name)

    async def _unhandled(self, key: tuple[str, str]) -> list[Stored]:
        """The sender's unhandled messages, oldest first (at most BATCH)."""
        said = {"channel": key[0], "sender": key[1]}
        # a Row has Stored's attributes
        return await self.db.quick(
            lambda conn: list(conn.execute(UNHANDLED, said).all()), write=False
        )

    async def _handle(self, row: Stored) -> bool:
        """Hand one stored message to the conversation; whether it is now handled."""
        try:
            update = Update.open(row, self.cipher)
        except ValueError:
            # Sealed by a process with another HISAAB_LOG_KEY: no retry can read it, and a worker
            # that kept failing on it would be started again at once, for ever.
            log.error(
                "%s message %s cannot be opened with this process's key (HISAAB_LOG_KEY "
                "differs between processes?); set aside unanswered",
                row.channel,
                row.message_id,
            )
            async with self.db.session() as session:
                await session.execute(
                    update_rows(InboxRow)
                    .where(col(InboxRow.id) == row.id, col(InboxRow.handled_at).is_(None))
                    .values(handled_at=utcnow(), payload=None)
                )
            return True
        audio: bytes | None = None
        if update.media:
            source = self.media.get(update.channel)
            try:
                if source is None:
                    raise MediaUnavailable(f"no media fetcher for {update.channel}")
                audio = await source.fetch_media(update.media)
            except MediaTooLarge as exc:
                log.warning("voice note %s refused: %s", update.message_id, exc)
                return await self._failed(row, "voice_too_large", final=True)
            except MediaUnavailable as exc:
                log.warning("voice note %s not fetched: %s", update.message_id, exc)
                # Tried again on the next look, or answered with an apology.
                return await self._failed(row, "voice_unavailable")
        assert self.handler is not None
        done = await self.handler(update.message(audio))
        return done or await self._failed(row, "oops")

    async def _failed(self, row: Stored, reason: str, final: bool = False) -> bool:
        """Count a failed try; after MAX_ATTEMPTS (or a `final` one, which trying again cannot
        mend) mark it handled and answer with an apology.

        Whether the message is handled now (given up on, or by someone else meanwhile).
        """
        async with self.db.session() as session:
            fresh = await session.get(InboxRow, row.id, with_for_update=True)
            if fresh is None or fresh.handled_at is not None:
                return True
            fresh.attempts += 1
            if fresh.attempts < MAX_ATTEMPTS and not final:
                return False
            msg = Update.open(fresh, self.cipher).message()
            fresh.handled_at = utcnow()
            fresh.payload = None
            if self.on_failure is not None:
                await self.on_failure(session, msg, reason)
            log.error("gave up on %s message %s: %s", row.channel, row.message_id, reason)
            return True
