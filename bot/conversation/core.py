"""The conversation loop: one InboundMessage in, the replies out, whatever the channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Protocol

from cryptography.fernet import Fernet
from sqlalchemy import Executable
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from consent.crypto import Cipher
from intents.commands import NO, YES, is_command, word_of
from intents.models import QuerySales
from intents.parser import IntentParser, ParseContext, ParseResult
from ledger import (
    Database,
    InvalidInput,
    LedgerError,
    member_and_shop,
    normalize_phone,
    parties,
    products,
)
from ledger.db import DialectInsert, Upsert, table
from voice import SpeechToText, TranscriptionHints, VoiceError
from voice.prompt import shop_words

from ..messages import Document, InboundMessage, OutboundReply
from ..replies import Replies
from ..sender import Sender, resolve
from ..tables import InboxRow
from .catalogs import Catalogs
from .dispatch import execute
from .outcome import Outcome
from .pipeline import (
    Commands,
    Corrections,
    Exchange,
    OpenQuestion,
    Parse,
    Policy,
    QuestionQueue,
    ReadBack,
    Step,
    Strangers,
    Unreadable,
    book,
    chain,
)
from .questions import number

if TYPE_CHECKING:
    from .privacy import Privacy

log = logging.getLogger(__name__)
# Reads that render a document: done before the write transaction (Conversation._prepare).
DOCUMENT_READS = frozenset({"send_invoice", "send_statement", "export_books", "tax_report"})


def _claim(insert: DialectInsert) -> Executable:
    inbox = table(InboxRow)
    stmt = insert(inbox)
    return stmt.on_conflict_do_update(
        index_elements=["channel", "message_id"],
        set_={"handled_at": stmt.excluded.handled_at, "payload": None},
        where=inbox.c.handled_at.is_(None),
    ).returning(inbox.c.id)


CLAIM = Upsert(_claim)  # a message marked handled, stored by the inbox or not (the console)


class ReplySink(Protocol):
    """Queues a message's replies in the transaction that handles it (the server's outbox)."""

    async def __call__(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        replies: list[OutboundReply],
    ) -> None: ...

    async def fill(
        self, session: AsyncSession, msg: InboundMessage, n: int, document: Document
    ) -> None:
        """Put in the bytes of reply `n`'s document, made after the transaction committed."""
        ...

    def committed(self, msg: InboundMessage, *, done: bool = True) -> None:
        """The message's transaction is over (`done`: it committed, its documents are made)."""
        ...


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message parsed before its write transaction opened (see Conversation._prepare)."""

    sender: Sender
    text: str
    context: ParseContext
    result: ParseResult
    documents: Outcome | None = None  # a document read (invoice, statement), rendered already


@dataclass(frozen=True, slots=True)
class CoreConfig:
    """Policy knobs of the conversation."""

    pending_minutes: int = 10
    low_confidence: float = 0.75
    confirm_above: Decimal | None = None  # None: by currency (intents.doubt.THRESHOLDS)


class Conversation:
    """Handles one message at a time per sender; the channels call `handle`."""

    def __init__(
        self,
        db: Database,
        parser: IntentParser,
        transcriber: SpeechToText | None = None,
        config: CoreConfig | None = None,
        sink: ReplySink | None = None,
        privacy: Privacy | None = None,
        cipher: Cipher | None = None,
    ) -> None:
        self.db = db
        self.parser = parser
        self.transcriber = transcriber
        self.config = config or CoreConfig()
        self.sink = sink
        # Seals open questions at rest: the log key (the privacy hook's); without either, a key
        # of this process only, so questions do not outlive it.
        self.cipher = cipher or (privacy.cipher if privacy else Cipher(Fernet.generate_key()))
        self.catalogs = Catalogs()
        minutes = self.config.pending_minutes
        # The pipeline (pipeline.py). `privacy` (privacy.py: the notice, consent, log and data
        # rights) is left out only by tests of the conversation alone; production has it.
        steps: list[Step | None] = [
            privacy.record if privacy else None,
            Unreadable(),
            QuestionQueue(self.cipher, minutes),
            privacy.answers if privacy else None,
            Strangers(),
            Commands(self.catalogs),
            OpenQuestion(minutes),
            Parse(parser, self.catalogs),
            privacy.rights if privacy else None,
            Policy(),
            Corrections(),
            ReadBack(self.config),
        ]
        self._pipeline = chain([s for s in steps if s is not None], book)

    async def handle(self, msg: InboundMessage) -> list[OutboundReply]:
        """Replies to one message; never raises, and books nothing twice."""
        try:
            return await self._handle(msg)
        except Exception:
            log.exception("failed to handle %s message %s", msg.channel, msg.message_id)
            if self.sink is not None:
                self.sink.committed(msg, done=False)
            return [OutboundReply(text=Replies().render("oops"))]

    async def handle_stored(self, msg: InboundMessage) -> bool:
        """Handle a message the inbox stored; whether it is handled now.

        Its replies go to the sink in the transaction that marks it handled. False: it failed,
        nothing was booked, and the inbox tries it again.
        """
        try:
            # The inbox read it unhandled a moment ago: no need to look before parsing (the
            # claim in the write transaction still settles a race with another process).
            await self._handle(msg, unseen=True)
        except Exception:
            log.exception("failed to handle %s message %s", msg.channel, msg.message_id)
            if self.sink is not None:
                self.sink.committed(msg, done=False)
            return False
        return True

    async def _handle(self, msg: InboundMessage, *, unseen: bool = False) -> list[OutboundReply]:
        text, via_voice, unreadable = msg.text, False, ""
        if msg.audio is not None:
            # Transcribing is slow, so skip known duplicates first and hold no write transaction
            # while it runs; the claim below still settles a duplicate that races in meanwhile.
            async with self.db.session() as session:
                if await self._seen(session, msg):
                    return []
                words = await self._hint_words(session, await resolve(session, msg))
            text, unreadable = await self._transcribe(msg, words)
            via_voice = True
        prepared = None
        if not unreadable and not (msg.too_long and not via_voice):
            # The parse (a model call with the LLM engine, seconds) runs before the write
            # transaction: on SQLite that holds the one writer lock every sender waits on.
            prepared = await self._prepare(msg, text, unseen=unseen)
        async with self.db.session() as session:
            if not await self._claim(session, msg):
                return []  # already handled
            # Who wrote was read a moment ago, before the parse; a stranger is read again.
            sender = prepared.sender if prepared is not None else await resolve(session, msg)
            if unreadable:
                unreadable = sender.words().render("voice_problem", message=unreadable)
            elif msg.too_long and not via_voice:
                # Not parsed: half a message could book the wrong thing.
                unreadable = sender.words().render("too_long")
            exchange = Exchange(msg, session, sender, text, via_voice, prepared, unreadable)
            replies = (await self._pipeline(exchange)).replies
            if self.sink is not None:
                # Queued in this transaction: the message is answered exactly when it is booked.
                await self.sink(session, msg, sender, replies)
        made = await self._made(msg, replies)
        if self.sink is not None:
            self.sink.committed(msg)
        return made

    async def _made(self, msg: InboundMessage, replies: list[OutboundReply]) -> list[OutboundReply]:
        """Make the documents left to after the commit (a VOID copy: rendering takes tens of
        milliseconds that SQLite's one writer lock must not wait for), and let them go."""
        out = list(replies)
        for n, reply in enumerate(replies):
            document = reply.document
            if document is None or document.make is None:
                continue
            made = Document(document.filename, document.mime_type, await document.make())
            out[n] = replace(reply, document=made)
            if self.sink is not None:
                async with self.db.session() as session:
                    await self.sink.fill(session, msg, n, made)
        return out

    async def _prepare(
        self, msg: InboundMessage, text: str, *, unseen: bool = False
    ) -> Prepared | None:
        """Parse the message against the shop's catalog with no write transaction open; None
        when it needs no parse (a duplicate, a stranger's onboarding, a one-word answer or a
        command answered before parsing), and the conversation parses inline if it must.
        `unseen`: the message is known unhandled (the inbox just read it so), not looked up."""
        word = word_of(text)
        if not word or word in YES | NO or number(word) is not None or is_command(text):
            return None
        quick = await self._member_quickly(msg) if unseen else None
        if quick is not None:
            sender, context = quick
        else:
            async with self.db.glance() as session:
                if not unseen and await self._seen(session, msg):
                    return None
                sender = await resolve(session, msg)
                if sender.role is None:
                    return None
                context = await self.catalogs.context(session, sender, msg.received_at)
        result = await self.parser.parse(text, context)
        documents = None
        chart = isinstance(result.intent, QuerySales) and result.intent.chart
        if result.intent.intent in DOCUMENT_READS or chart:
            # Rendering a PDF takes tens of milliseconds: do it here, on a read session, and
            # let the write transaction only log and queue what was made.
            try:
                async with self.db.read() as session:
                    documents = await execute(
                        session, sender, result.intent, msg.received_at, allow_negative=False
                    )
            except LedgerError:
                documents = None  # said in the write transaction, as any refusal is
        return Prepared(sender, text, context, result, documents)

    async def _member_quickly(self, msg: InboundMessage) -> tuple[Sender, ParseContext] | None:
        """A shop member's sender and parse context in one short read of prebuilt statements
        (`Database.quick`), when their shop's catalog is cached at its version; None for
        anyone else (a Telegram chat, a customer, a stranger, a catalog to build), whom
        `resolve` reads in full. The hot path's read before the write: see #16."""
        if msg.channel == "telegram":
            return None
        try:
            found = await self.db.quick(partial(member_and_shop, phone=msg.sender), write=False)
        except InvalidInput:
            return None  # not a phone number: `resolve` says so
        if found is None:
            return None
        member, business = found
        sender = Sender.of_member(msg, normalize_phone(msg.sender), member, business)
        context = self.catalogs.cached_context(sender, msg.received_at)
        return None if context is None else (sender, context)

    async def _seen(self, session: AsyncSession, msg: InboundMessage) -> bool:
        found = await session.execute(
            select(InboxRow.id).where(
                InboxRow.channel == msg.channel,
                InboxRow.message_id == msg.message_id,
                col(InboxRow.handled_at).is_not(None),
            )
        )
        return found.first() is not None

    async def _claim(self, session: AsyncSession, msg: InboundMessage) -> bool:
        """Mark the message handled in the same transaction as whatever it books.

        A channel that stored the message first (the webhook inbox) has a row with no
        `handled_at`; the console has none yet. Either way exactly one claim succeeds.
        """
        row = {
            "channel": msg.channel,
            "message_id": msg.message_id,
            "sender": msg.sender,
            "received_at": msg.received_at,
            "handled_at": msg.received_at,
            "attempts": 0,
        }
        return (await session.execute(CLAIM(session), row)).first() is not None

    async def _hint_words(self, session: AsyncSession, sender: Sender) -> list[str]:
        """The shop's product and party names, to bias recognition of a voice note."""
        if sender.business is None:
            return []
        goods = await products(session, sender.business.id)
        names = [p.name for p in goods] + [
            p.name for p in await parties(session, sender.business.id)
        ]
        return shop_words(names, sender.business.currency, [p.unit for p in goods])

    async def _transcribe(self, msg: InboundMessage, words: list[str]) -> tuple[str, str]:
        """(transcript, problem): exactly one of them is empty."""
        assert msg.audio is not None
        if self.transcriber is None:
            return "", VoiceError(
                "Voice notes are switched off on this shop's computer. Please type your message."
            ).message
        try:
            transcript = await self.transcriber.transcribe(
                msg.audio,
                msg.audio_mime,
                hints=TranscriptionHints(words=words, language=None),
            )
        except VoiceError as exc:
            log.warning(
                "voice note %s not transcribed: %s", msg.message_id, exc.detail or exc.message
            )
            return "", exc.message
        return transcript.text, ""
