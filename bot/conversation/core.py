"""The conversation loop: one InboundMessage in, the replies out, whatever the channel."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from consent.crypto import Cipher
from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.commands import (
    LANGUAGE,
    NAME_DECISION,
    NO,
    RENAME,
    YES,
    delivery_terms,
    is_command,
    word_of,
)
from intents.models import Amend, QuerySales
from intents.parser import INTENT_ADAPTER, IntentParser, ParseContext, ParseResult, Role
from ledger import (
    BusinessView,
    Database,
    LedgerError,
    add_product,
    parties,
    products,
    to_major,
    to_minor,
)
from ledger.db import upsert_insert
from ledger.shop import set_member_language
from voice import SpeechToText, TranscriptionHints, VoiceError
from voice.prompt import shop_words

from ..messages import InboundMessage, OutboundReply
from ..replies import Replies
from ..sender import Sender, resolve
from ..tables import InboxRow
from . import corrections, onboarding
from . import pending as pending_store
from .accounts import decide_name
from .dispatch import execute, summary, verdict
from .outcome import Outcome
from .pending import Pending
from .policy import allowed
from .preferences import preference_command
from .shop_settings import apply_setting, parse_setting

if TYPE_CHECKING:
    from .privacy import Privacy

log = logging.getLogger(__name__)
NO_PHONE = (
    "I can only set up a shop for a phone number, and this chat does not tell me yours. "
    "Please message me on WhatsApp to register your shop."
)
# Shops whose parser catalog a process keeps (500 products: about 1 MB with the index).
CATALOG_CACHE_SIZE = 512
# Reads that render a document: done before the write transaction (Conversation._prepare).
DOCUMENT_READS = frozenset({"send_invoice", "send_statement", "export_books", "tax_report"})
# Data rights and STOP/START once parsed: answered by the privacy hook when there is one.
RIGHTS = frozenset({"opt_out", "opt_in", "export_data", "erase_data"})


# Queues a message's replies in the transaction that handles it (the server's outbox).
ReplySink = Callable[[AsyncSession, InboundMessage, Sender, list[OutboundReply]], Awaitable[None]]


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
        # The notice, consent, log and data rights (bot.privacy); None: none of them.
        self.privacy = privacy
        # Seals open questions at rest: the log key (the privacy hook's); without either, a key
        # of this process only, so questions do not outlive it.
        self.cipher = cipher or (privacy.cipher if privacy else Cipher(Fernet.generate_key()))
        # Each shop's parser catalog at the catalog version it was built from (see _catalog).
        self._catalogs: dict[int, tuple[int, Catalog]] = {}

    async def handle(self, msg: InboundMessage) -> list[OutboundReply]:
        """Replies to one message; never raises, and books nothing twice."""
        try:
            return await self._handle(msg)
        except Exception:
            log.exception("failed to handle %s message %s", msg.channel, msg.message_id)
            return [OutboundReply(text=Replies().render("oops"))]

    async def handle_stored(self, msg: InboundMessage) -> bool:
        """Handle a message the inbox stored; whether it is handled now.

        Its replies go to the sink in the transaction that marks it handled. False: it failed,
        nothing was booked, and the inbox tries it again.
        """
        try:
            await self._handle(msg)
        except Exception:
            log.exception("failed to handle %s message %s", msg.channel, msg.message_id)
            return False
        return True

    async def _handle(self, msg: InboundMessage) -> list[OutboundReply]:
        text, via_voice, voice_problem = msg.text, False, ""
        if msg.audio is not None:
            # Transcribing is slow, so skip known duplicates first and hold no write transaction
            # while it runs; the claim below still settles a duplicate that races in meanwhile.
            async with self.db.session() as session:
                if await self._seen(session, msg):
                    return []
                words = await self._hint_words(session, await resolve(session, msg))
            text, voice_problem = await self._transcribe(msg, words)
            via_voice = True
        prepared = None
        if not voice_problem and not (msg.too_long and not via_voice):
            # The parse (a model call with the LLM engine, seconds) runs before the write
            # transaction: on SQLite that holds the one writer lock every sender waits on.
            prepared = await self._prepare(msg, text)
        async with self.db.session() as session:
            if not await self._claim(session, msg):
                return []  # already handled
            # Who wrote was read a moment ago, before the parse; a stranger is read again.
            sender = prepared.sender if prepared is not None else await resolve(session, msg)
            if voice_problem:
                replies = [
                    OutboundReply(
                        text=Replies(sender.language).render("voice_problem", message=voice_problem)
                    )
                ]
            elif msg.too_long and not via_voice:
                # Not parsed: half a message could book the wrong thing.
                replies = [OutboundReply(text=Replies(sender.language).render("too_long"))]
            else:
                outcome = None
                if self.privacy is not None:
                    outcome = await self.privacy.before(session, msg, sender, text)
                if outcome is None:
                    outcome = await self._converse(
                        session, sender, text, msg.received_at, via_voice, msg, prepared
                    )
                replies = await self._queue_question(session, sender, outcome, msg.received_at)
            if self.privacy is not None:
                replies = await self.privacy.after(session, msg, sender, text, replies)
            if self.sink is not None:
                # Queued in this transaction: the message is answered exactly when it is booked.
                await self.sink(session, msg, sender, replies)
            return replies

    async def _queue_question(
        self, session: AsyncSession, sender: Sender, outcome: Outcome, now: datetime
    ) -> list[OutboundReply]:
        """Save the outcome's question in the sender's queue, and say where the queue stands:
        the question still open, or the next one once an answer took the last."""
        replies = list(outcome.replies)
        words = Replies(sender.language)
        before = await pending_store.waiting(session, sender.key, now, self.cipher)
        if outcome.pending is not None:
            prompt = next((r.text for r in reversed(replies) if r.to is None), "")
            question = replace(outcome.pending, prompt=prompt)
            saved = await pending_store.save(
                session, sender.key, question, now, self.config.pending_minutes, self.cipher
            )
            if not saved:
                return [OutboundReply(words.render("questions_full", prompt=before[0].prompt))]
            queue = await pending_store.waiting(session, sender.key, now, self.cipher)
            if queue[0].id != queue[-1].id and queue[-1].prompt == prompt:
                # One question at a time: the new one is not asked now (its "yes or no" would
                # read as the answer to the first); it is asked when its turn comes.
                kept = [r for r in replies if r.to is not None or r.text != prompt]
                queued = words.render("question_queued", first=queue[0].prompt)
                return [*kept, OutboundReply(queued)]
            return replies
        if not before:
            return replies
        if pending_store.answered(session, sender.key):
            replies.append(OutboundReply(words.render("question_next", prompt=before[0].prompt)))
        else:
            replies.append(OutboundReply(words.render("still_waiting", prompt=before[0].prompt)))
        return replies

    async def _prepare(self, msg: InboundMessage, text: str) -> Prepared | None:
        """Parse the message against the shop's catalog with no write transaction open; None
        when it needs no parse (a duplicate, a stranger's onboarding, a one-word answer or a
        command answered before parsing), and the conversation parses inline if it must."""
        word = word_of(text)
        if not word or word in YES | NO or _number(word) is not None or is_command(text):
            return None
        async with self.db.read() as session:
            if await self._seen(session, msg):
                return None
            sender = await resolve(session, msg)
            if sender.role is None:
                return None
            context = await self._context(session, sender, msg.received_at)
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
        upsert = upsert_insert(session)
        now = msg.received_at
        stmt = upsert(InboxRow).values(
            channel=msg.channel,
            message_id=msg.message_id,
            sender=msg.sender,
            received_at=msg.received_at,
            handled_at=now,
            attempts=0,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["channel", "message_id"],
            set_={"handled_at": now, "payload": None},
            where=col(InboxRow.handled_at).is_(None),
        ).returning(col(InboxRow.id))
        return (await session.execute(stmt)).first() is not None

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

    async def _converse(
        self,
        session: AsyncSession,
        sender: Sender,
        text: str,
        now: datetime,
        via_voice: bool,
        msg: InboundMessage | None = None,
        prepared: Prepared | None = None,
    ) -> Outcome:
        open_question = await pending_store.load(session, sender.key, now, self.cipher)
        if sender.role is None:
            if not sender.has_phone:
                # A shop's owner is a phone number; a Telegram chat id alone cannot own one.
                return Outcome.say(Replies().render("problem", message=NO_PHONE))
            if open_question is None or open_question.kind != "onboarding":
                reply, question = onboarding.start()
                return Outcome.say(reply, pending=question)
            await pending_store.clear(session, sender.key)
            reply, next_question = await onboarding.answer(
                session, open_question, text, sender.address
            )
            return Outcome.say(reply, pending=next_question)
        language = LANGUAGE.match(text)
        if language and sender.member is not None:
            return await self._set_language(session, sender, language.group(1).lower())
        rename = RENAME.match(text)
        if rename and self.privacy is not None and msg is not None:
            return await self.privacy.rectify(session, msg, sender, rename.group(1))
        decision = NAME_DECISION.match(text)
        if decision and sender.role == "owner":
            approve = decision.group(1).lower() in ("approve", "accept", "allow")
            return await decide_name(session, sender, decision.group(2), approve=approve)
        if sender.member is not None:
            preference = await preference_command(session, sender, text)
            if preference is not None:
                return preference
            setting = parse_setting(text) if sender.business is not None else None
            if setting is not None:
                catalog = (
                    prepared.context if prepared else await self._context(session, sender, now)
                ).catalog
                return await apply_setting(session, sender, setting, catalog)
        if open_question is not None:
            answered = await self._answer(session, sender, open_question, text, now)
            if answered is not None:
                await pending_store.clear(session, sender.key, open_question)
                return answered
            # Not an answer: the question stays open, and the reply says so (_queue_question).
        elif word_of(text) in YES | NO:
            gone = pending_store.expired(session, sender.key)
            if gone:
                return Outcome.say(
                    Replies(sender.language).render(
                        "question_expired", prompt=gone[-1], minutes=self.config.pending_minutes
                    )
                )
        if prepared is not None and prepared.sender.key == sender.key and prepared.text == text:
            context, result = prepared.context, prepared.result
            if prepared.documents is not None:
                return prepared.documents
        else:
            context = await self._context(session, sender, now)
            result = await self.parser.parse(text, context)
        intent = result.intent
        if intent.intent in ("confirm", "cancel"):
            if open_question is not None:  # "ok" or "cancel it" in words the answer did not take
                return Outcome()
            return Outcome.say(Replies(sender.language).render("nothing_pending"))
        if via_voice and intent.intent == "unknown":
            # Say what was heard: the owner sees whether the recording or the wording failed.
            return Outcome.say(
                Replies(sender.language).render("voice_not_understood", transcript=text[:300])
            )
        if intent.intent in RIGHTS and self.privacy is not None and msg is not None:
            return await self.privacy.rights(session, msg, sender, intent.intent)
        if isinstance(intent, Amend) and allowed(sender.role or "customer", "amend"):
            if open_question is not None and open_question.kind == "confirm" and not intent.invoice:
                return await corrections.change_question(session, sender, open_question, intent)
            return await corrections.correct(session, sender, intent)
        doubt = await verdict(
            session, sender, text, result, context.catalog, via_voice, self.config
        )
        if doubt.ask:
            question = Pending(
                "confirm",
                {"intent": intent.model_dump_json()},
                sender.business.id if sender.business else None,
            )
            replies = Replies(
                sender.language, sender.business.currency if sender.business else "AED"
            )
            line = await summary(session, sender, intent)
            if via_voice:
                return Outcome.say(
                    replies.render("voice_readback", transcript=text, summary=line),
                    pending=question,
                )
            return Outcome.say(replies.render("confirm_question", summary=line), pending=question)
        return await self._execute(session, sender, intent, now)

    async def _execute(
        self,
        session: AsyncSession,
        sender: Sender,
        intent: object,
        now: datetime,
        *,
        allow_negative: bool = False,
        new_products: frozenset[str] = frozenset(),
    ) -> Outcome:
        """Run an intent; a ledger refusal becomes a friendly reply and books nothing."""
        try:
            async with session.begin_nested():
                return await execute(
                    session,
                    sender,
                    intent,
                    now,
                    allow_negative=allow_negative,
                    new_products=new_products,
                )
        except LedgerError as exc:
            reason = str(exc).rstrip(".")
            return Outcome.say(Replies(sender.language).render("not_booked", message=reason))

    async def _answer(
        self, session: AsyncSession, sender: Sender, question: Pending, text: str, now: datetime
    ) -> Outcome | None:
        """Read a message as the answer to the bot's own question; None if it is not one."""
        word = word_of(text)
        replies = Replies(sender.language)
        if question.kind in ("confirm", "negative_stock", "new_product", "erase", "amend"):
            if word in NO:
                return Outcome.say(replies.render("cancelled"))
            if word not in YES:
                return None  # they moved on: read it as a new message
            if question.kind == "erase":
                return Outcome.say(replies.render("not_yet", what="erasing data by chat"))
            if question.kind == "amend":
                return await corrections.book(session, sender, question, now)
            intent = INTENT_ADAPTER.validate_json(question.payload["intent"])
            added: frozenset[str] = frozenset()
            if question.kind == "new_product":
                added = frozenset({await self._add_new_product(session, sender, question)})
            return await self._execute(
                session,
                sender,
                intent,
                now,
                allow_negative=question.kind == "negative_stock",
                new_products=added,
            )
        if question.kind == "purchase_terms":
            if word in NO:
                return Outcome.say(replies.render("cancelled"))
            terms = delivery_terms(word)
            if terms is None:
                return None
            paid, method = terms
            intent = INTENT_ADAPTER.validate_json(question.payload["intent"])
            data = intent.model_dump()
            data["paid"] = paid
            if method and not data.get("method"):
                data["method"] = method
            return await self._execute(session, sender, INTENT_ADAPTER.validate_python(data), now)
        if question.kind == "ask_price":
            if word in NO:
                return Outcome.say(replies.render("cancelled"))
            price = _number(word)
            if price is None:
                return None
            currency = sender.business.currency if sender.business else "AED"
            payload = dict(question.payload, price_minor=to_minor(price, currency))
            name = await self._add_new_product(
                session, sender, Pending("new_product", payload, question.business_id)
            )
            if not question.payload.get("intent"):
                return Outcome.say(
                    Replies(sender.language, currency).render(
                        "product_added",
                        product=payload["product"],
                        price=payload["price_minor"],
                        unit=payload.get("unit", "piece"),
                    )
                )
            intent = INTENT_ADAPTER.validate_json(question.payload["intent"])
            return await self._execute(session, sender, intent, now, new_products=frozenset({name}))
        if question.kind == "choose_party":
            if word in NO:
                return Outcome.say(replies.render("cancelled"))
            candidates: list[str] = question.payload["candidates"]
            choice = _number(word)
            if choice is None or not 1 <= choice <= len(candidates) or choice != int(choice):
                named = [c for c in candidates if word and word in c.lower()]
                if len(named) != 1:
                    return None
                picked = named[0]
            else:
                picked = candidates[int(choice) - 1]
            data = INTENT_ADAPTER.validate_json(question.payload["intent"]).model_dump()
            data["party"] = {"name": picked, "matched": True, "score": 1.0}
            return await self._execute(session, sender, INTENT_ADAPTER.validate_python(data), now)
        return None

    async def _add_new_product(
        self, session: AsyncSession, sender: Sender, question: Pending
    ) -> str:
        """Add the product the question was about; its name as the books now spell it."""
        assert sender.business is not None
        product = await add_product(
            session,
            sender.business.id,
            name=question.payload["product"],
            price_minor=question.payload["price_minor"],
            unit=question.payload.get("unit", "piece"),
            member_id=sender.member.id if sender.member else None,
        )
        return product.name

    async def _set_language(self, session: AsyncSession, sender: Sender, word: str) -> Outcome:
        assert sender.member is not None
        code = {"english": "en", "hinglish": "hi", "hindi": "hi", "arabic": "ar"}[word]
        await set_member_language(session, sender.member.id, code)
        return Outcome.say(Replies(code).render("language_set"))

    async def _context(self, session: AsyncSession, sender: Sender, now: datetime) -> ParseContext:
        role: Role = (
            "owner" if sender.role == "owner" else "staff" if sender.role == "staff" else "customer"
        )
        business = sender.business or (sender.customer_of[0][0] if sender.customer_of else None)
        if business is None:
            return ParseContext(Catalog(), role, now.astimezone(sender.zone))
        catalog = await self._catalog(session, business)
        if sender.role == "customer":  # a customer's words never name other customers
            catalog = self._without_parties(business, catalog)
        return ParseContext(catalog, role, now.astimezone(sender.zone), sender.language)

    async def _catalog(self, session: AsyncSession, business: BusinessView) -> Catalog:
        """The shop's catalog for the parser, from this process's cache while the version read
        with the sender (in this transaction) is the one it was built at."""
        cached = self._catalogs.get(business.id)
        if cached is not None and cached[0] == business.catalog_version:
            return cached[1]
        catalog = Catalog(
            products=tuple(
                CatalogProduct(
                    p.name, p.aliases, p.unit, to_major(p.price_minor, business.currency)
                )
                for p in await products(session, business.id)
            ),
            parties=tuple(
                CatalogParty(p.name, "supplier" if p.kind == "supplier" else "customer", p.aliases)
                for p in await parties(session, business.id)
            ),
            currency=business.currency,
            country=business.country,
        )
        if len(self._catalogs) >= CATALOG_CACHE_SIZE:
            self._catalogs.pop(next(iter(self._catalogs)))  # the oldest shop seen
        self._catalogs[business.id] = (business.catalog_version, catalog)
        return catalog

    def _without_parties(self, business: BusinessView, catalog: Catalog) -> Catalog:
        key = -business.id  # the customers' view of a shop, cached beside the full one
        cached = self._catalogs.get(key)
        if cached is not None and cached[0] == business.catalog_version:
            return cached[1]
        view = Catalog(
            products=catalog.products, currency=catalog.currency, country=catalog.country
        )
        self._catalogs[key] = (business.catalog_version, view)
        return view


def _number(word: str) -> Decimal | None:
    try:
        value = Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None
