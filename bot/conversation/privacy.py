"""Privacy in the conversation: the notice, consent, STOP/START, the log, and data rights.

The conversation calls a `Privacy` before it reads a message (STOP/START, the answer to a
consent or erasure question), for the rights intents once parsed (opt out/in, export,
erase), for "change my name to …", and after it has replied (log both ways, the first-message
notice, the consent question, and no business-initiated message without consent).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar, Protocol

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from consent import log as conversation_log
from consent import records
from consent.crypto import Cipher
from consent.erasure import (
    close_shop,
    erase_member,
    erase_person,
    member_phones,
    rename_member,
)
from consent.export import bundle, person_tables, shop_tables
from intents.commands import NO, RENAME, START, STOP, YES, word_of
from ledger import FORGET_WAL, InvalidInput, ask_for_name, owners, person_name
from ledger.catalog import customer_by_phone

from ..messages import Document, InboundMessage, OutboundReply
from ..replies import Replies
from ..sender import Sender
from ..tables import ContactRow, InboxRow, LinkToken, OutboxRow, PendingRow, TelegramLink
from ..transport.outbox import BUSINESS_INITIATED
from ..transport.routing import in_service_window
from . import pending as pending_store
from .outcome import Outcome
from .pipeline import Exchange, Next
from .policy import allowed
from .questions import Answering, Question

# Data rights and STOP/START once parsed: answered by `Privacy.rights`.
RIGHTS = frozenset({"opt_out", "opt_in", "export_data", "erase_data"})


@dataclass(frozen=True, slots=True)
class Erase(Question):
    """ "Erase everything the shops hold about you? yes or no"."""

    kind: ClassVar[str] = "erase"

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        # Answered by Privacy.answers (it holds the key and the audit) before any other
        # question is; only a process without privacy could reach here, and it asks none.
        return None


@dataclass(frozen=True, slots=True)
class EraseShop(Question):
    """The owner closes the shop: answered by typing its name (Privacy.answers)."""

    kind: ClassVar[str] = "erase_shop"
    shop: str = ""

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        return None  # as Erase


CHANNELS = ("console", "whatsapp", "telegram")


class PrivacySettings(Protocol):
    """The settings privacy needs (bot.settings.Settings has them)."""

    @property
    def log_retention_days(self) -> int: ...

    @property
    def books_retention_years(self) -> int: ...


@dataclass(frozen=True, slots=True)
class PrivacyConfig:
    """Retention knobs, for tests and tools that build a Privacy without Settings."""

    log_retention_days: int = 90
    books_retention_years: int = 7


@dataclass(frozen=True, slots=True)
class _Said:
    """An answer to an erasure question, and whether the exchange must leave no trace."""

    outcome: Outcome
    quiet: bool = False


class Privacy:
    """The privacy side of the conversation; built once from the log key and settings."""

    def __init__(self, cipher: Cipher, settings: PrivacySettings | None = None) -> None:
        self.cipher = cipher
        self.retention_days = settings.log_retention_days if settings else 90
        self.books_years = settings.books_retention_years if settings else 7

    # --- before the message is parsed -------------------------------------------------------

    async def answers(self, ex: Exchange, call_next: Next) -> Outcome:
        """A step of the pipeline: STOP/START, a new name, the answer to an erasure or a
        consent question; anything else goes on down the chain."""
        session, msg, sender, text = ex.session, ex.msg, ex.sender, ex.text
        word = word_of(text)
        if word in STOP:
            return await self._switch(session, msg, sender, stop=True)
        if word in START:
            return await self._switch(session, msg, sender, stop=False)
        rename = RENAME.match(text)
        if rename and sender.role is not None:
            return await self.rectify(session, msg, sender, rename.group(1))
        asked = ex.question.question if ex.question is not None else None
        if isinstance(asked, Erase | EraseShop):
            await ex.settle()
            erased = await self._answer_erase(session, msg, sender, asked, text)
            if erased is not None:
                ex.quiet = erased.quiet
                return erased.outcome
        elif sender.role == "customer" and asked is None and word in YES | NO:
            consent = await self._answer_consent(session, msg, sender, granted=word in YES)
            if consent is not None:
                return consent
        return await call_next(ex)

    async def _switch(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender, *, stop: bool
    ) -> Outcome:
        for address in await self._addresses(session, sender):
            await records.set_stopped(session, address, stop, msg.received_at)
        await records.audit(
            session,
            self.cipher,
            address=sender.address,
            action="stop" if stop else "start",
            outcome="done",
            at=msg.received_at,
            source_message_id=msg.message_id,
        )
        return Outcome.say(sender.words().render("stopped" if stop else "started"))

    async def _answer_consent(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender, *, granted: bool
    ) -> Outcome | None:
        business_id = await records.awaiting_answer(session, sender.address)
        shop = next((b for b, _ in sender.customer_of if b.id == business_id), None)
        if business_id is None or shop is None:
            return None
        status = "granted" if granted else "refused"
        await records.set_consent(
            session,
            business_id,
            sender.address,
            status,
            source_message_id=msg.message_id,
            at=msg.received_at,
        )
        await records.audit(
            session,
            self.cipher,
            address=sender.address,
            action=f"consent_{status}",
            outcome="done",
            at=msg.received_at,
            business_id=business_id,
            source_message_id=msg.message_id,
        )
        reply = Replies(sender.language).render("consent_recorded", shop=shop.name, granted=granted)
        return Outcome.say(reply)

    # --- rights, once the message is parsed -------------------------------------------------

    async def rights(self, ex: Exchange, call_next: Next) -> Outcome:
        """A step of the pipeline, after the parse: opt out, opt in, export or erase."""
        if ex.intent.intent not in RIGHTS:
            return await call_next(ex)
        return await self._right(ex.session, ex.msg, ex.sender, ex.intent.intent)

    async def _right(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender, intent: str
    ) -> Outcome:
        """Opt out, opt in, export or erase, if the sender's role allows it."""
        replies = sender.words()
        role = sender.role or "customer"
        if not allowed(role, intent):
            await self._audit(session, msg, sender, intent, "refused")
            return Outcome.say(
                replies.render("refused_customer" if role == "customer" else "refused")
            )
        if intent in ("opt_out", "opt_in"):
            return await self._switch(session, msg, sender, stop=intent == "opt_out")
        if intent == "export_data":
            return await self._export(session, msg, sender)
        business_id = sender.business.id if sender.business else None
        await self._audit(session, msg, sender, "erase", "asked")
        if sender.role == "owner" and sender.business is not None:
            shop = sender.business.name
            return Outcome.say(
                replies.render("erase_shop_confirm", shop=shop, years=self.books_years),
                pending=EraseShop(shop, business_id=business_id),
            )
        return Outcome.say(replies.render("erase_confirm"), pending=Erase())

    async def _export(self, session: AsyncSession, msg: InboundMessage, sender: Sender) -> Outcome:
        now = msg.received_at
        if sender.role == "owner" and sender.business is not None:
            tables = await shop_tables(
                session,
                self.cipher,
                sender.business.id,
                now=now,
                retention_days=self.retention_days,
            )
            title = f"Everything {sender.business.name} holds"
        else:
            tables = await person_tables(
                session,
                self.cipher,
                sender.address,
                now=now,
                retention_days=self.retention_days,
                business_id=sender.scoped_to,
            )
            title = "Everything the shops hold about you"
        data = bundle(tables, title=title, made_at=now)
        name = f"hisaab-export-{now:%Y%m%d}.zip"
        await self._audit(session, msg, sender, "export", "done", detail=f"{len(data)} bytes")
        return Outcome(
            [
                OutboundReply(
                    text=sender.words().render("export_ready"),
                    document=Document(name, "application/zip", data),
                    purpose="export",
                )
            ]
        )

    async def _answer_erase(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        question: Erase | EraseShop,
        text: str,
    ) -> _Said | None:
        replies = sender.words()
        word = word_of(text)
        if isinstance(question, EraseShop):
            if sender.role != "owner" or sender.business is None:
                return None
            same = word_of(text) == word_of(question.shop)
            if not same or question.business_id != sender.business.id:
                await self._audit(session, msg, sender, "erase", "cancelled")
                if word in NO:
                    return _Said(Outcome.say(replies.render("cancelled")))
                return _Said(Outcome.say(replies.render("erase_shop_mismatch")))
            return _Said(await self._close_shop(session, msg, sender), quiet=True)
        if word in NO:
            await self._audit(session, msg, sender, "erase", "cancelled")
            return _Said(Outcome.say(replies.render("cancelled")))
        if word not in YES:
            return None  # they moved on: read it as a new message
        if sender.role == "owner":
            return None  # an owner erases only by typing the shop's name
        return _Said(await self._erase_person(session, msg, sender), quiet=True)

    async def _erase_person(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender
    ) -> Outcome:
        addresses = await self._addresses(session, sender)
        parties = [p.id for _, p in sender.customer_of]
        if parties:
            await session.execute(delete(LinkToken).where(col(LinkToken.party_id).in_(parties)))
        await self._forget_questions_about(session, sender)
        if sender.scoped_to is None:
            erased = await erase_person(session, addresses, cipher=self.cipher)
        else:
            # A chat tied by one shop's link erases the person at that shop, and the chat.
            erased = await erase_person(
                session, [sender.address], sender.scoped_to, cipher=self.cipher
            )
        if sender.role == "staff":
            members = await erase_member(session, sender.address)
            erased = replace(erased, members=members)
        session.info[FORGET_WAL] = True  # and SQLite's write-ahead log forgets it too
        await self._clear_chats(session, addresses)
        await self._audit(session, msg, sender, "erase", "done", detail=erased.detail())
        return Outcome.say(sender.words().render("erased"))

    async def _close_shop(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender
    ) -> Outcome:
        assert sender.business is not None
        bid = sender.business.id
        phones = await member_phones(session, bid)
        await session.execute(delete(LinkToken).where(col(LinkToken.business_id) == bid))
        await session.execute(delete(OutboxRow).where(col(OutboxRow.business_id) == bid))
        await session.execute(delete(PendingRow).where(col(PendingRow.business_id) == bid))
        erased = await close_shop(session, bid, msg.received_at)
        session.info[FORGET_WAL] = True
        await self._clear_chats(session, phones)
        await conversation_log.forget(session, addresses=phones)
        await self._audit(session, msg, sender, "erase_shop", "done", detail=erased.detail())
        return Outcome.say(
            sender.words().render("shop_closed", shop=sender.business.name, years=self.books_years)
        )

    async def _clear_chats(self, session: AsyncSession, addresses: list[str]) -> None:
        """Delete the chat machinery's rows that carry these addresses."""
        if not addresses:
            return
        keys = [f"{channel}:{a}" for channel in CHANNELS for a in addresses]
        await session.execute(delete(PendingRow).where(col(PendingRow.sender_key).in_(keys)))
        await session.execute(delete(ContactRow).where(col(ContactRow.address).in_(addresses)))
        await session.execute(delete(TelegramLink).where(col(TelegramLink.phone).in_(addresses)))
        await session.execute(delete(TelegramLink).where(col(TelegramLink.chat_id).in_(addresses)))
        await session.execute(delete(OutboxRow).where(col(OutboxRow.recipient).in_(addresses)))
        await session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.notify_member).in_(addresses))
            .values(notify_member="")
        )
        # Handled inbox rows stay (they stop a replayed webhook), without the sender.
        await session.execute(
            update(InboxRow)
            .where(col(InboxRow.sender).in_(addresses), col(InboxRow.handled_at).is_not(None))
            .values(sender="erased", payload=None)
        )
        await session.flush()

    async def _forget_questions_about(self, session: AsyncSession, sender: Sender) -> None:
        """Drop the shops' open questions that name the person ("Send Fatima the invoice?")."""
        for business, party in sender.customer_of:
            found = await session.execute(
                select(PendingRow).where(col(PendingRow.business_id) == business.id)
            )
            words = [w for w in party.name.lower().split() if len(w) > 2] + [sender.address]
            for row in found.scalars():
                try:
                    text = self.cipher.open(row.payload).lower()
                except ValueError:  # sealed with another key: unreadable, so drop it anyway
                    text = sender.address
                # Any part of the name: the owner may have typed only "fatima". Losing another
                # customer's open question to a shared first name costs a retype, no more.
                if any(word in text for word in words):
                    await session.delete(row)
        await session.flush()

    async def _addresses(self, session: AsyncSession, sender: Sender) -> list[str]:
        """The sender's address and the Telegram chats tied to the same phone."""
        if not sender.has_phone:
            return [sender.address]
        if sender.scoped_to is not None:
            # A chat tied by one shop's link speaks for that chat only, not for the phone.
            return [sender.key.split(":", 1)[1]]
        found = await session.execute(
            select(TelegramLink.chat_id).where(TelegramLink.phone == sender.address)
        )
        return [sender.address, *found.scalars()]

    # --- "change my name to …" -------------------------------------------------------------

    async def rectify(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender, name: str
    ) -> Outcome:
        """Correct the sender's name: a member's in their shops at once; a customer's is asked
        of each shop's owner, who approves it (a customer must not rename themselves in the
        owner's books, nor put words of their choosing there)."""
        replies = sender.words()
        try:
            clean = person_name(name)
        except InvalidInput:
            await self._audit(session, msg, sender, "rectify", "refused", detail="invalid name")
            return Outcome.say(replies.render("name_invalid"))
        if sender.member is not None:
            count = await rename_member(session, sender.address, clean)
            await self._audit(session, msg, sender, "rectify", "done", detail=f"records={count}")
            return Outcome.say(replies.render("name_changed", name=clean))
        shops: list[str] = []
        out: list[OutboundReply] = []
        for business, party in sender.customer_of:
            await ask_for_name(session, business.id, party.id, clean)
            shops.append(business.name)
            for owner in await owners(session, business.id):
                text = Replies(owner.language).render(
                    "name_request", party=party.name, phone=party.phone, name=clean
                )
                out.append(OutboundReply(text=text, to=owner.phone, purpose="alert"))
        await self._audit(session, msg, sender, "rectify", "asked", detail=f"shops={len(shops)}")
        if not shops:
            return Outcome.say(replies.render("name_invalid"))
        said = OutboundReply(replies.render("name_requested", name=clean, shops=shops))
        return Outcome([said, *out])

    # --- after the replies are decided ------------------------------------------------------

    async def record(self, ex: Exchange, call_next: Next) -> Outcome:
        """The outermost step of the pipeline: once the rest has answered, gate what goes to
        others, add the notice and the consent question, and log both ways. An exchange that
        erased the person's data leaves no trace of itself."""
        outcome = await call_next(ex)
        if ex.quiet:
            return outcome
        replies = await self._after(ex.session, ex.msg, ex.sender, ex.text, outcome.replies)
        return Outcome(replies)

    async def _after(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        text: str,
        replies: list[OutboundReply],
    ) -> list[OutboundReply]:
        now = msg.received_at
        business_id = self._business_of(sender)
        await conversation_log.record(
            session,
            self.cipher,
            business_id=business_id,
            address=sender.address,
            channel=msg.channel,
            direction="in",
            kind="voice" if msg.audio is not None else "text",
            text=text or "[voice note not understood]",
            at=now,
        )
        out = await self._gate(session, sender, replies, now)
        question = await self._consent_question(session, msg, sender)
        if question is not None:
            out.append(OutboundReply(text=question))
        if not await records.notice_shown(session, sender.address):
            await records.mark_notice(session, sender.address, now)
            await self._audit(session, msg, sender, "notice", "done")
            # A new number's welcome (onboarding) already carries the notice.
            if not (sender.role is None and sender.has_phone):
                notice = Replies(sender.language).render("privacy_notice", days=self.retention_days)
                out.insert(0, OutboundReply(text=notice))
        for reply in out:
            note = conversation_log.document_note(reply.document.filename) if reply.document else ""
            await conversation_log.record(
                session,
                self.cipher,
                business_id=business_id,
                address=reply.to or sender.address,
                channel=msg.channel if reply.to is None else "routed",
                direction="out",
                kind="document" if reply.document else "text",
                text="\n".join(t for t in (reply.text, note) if t),
                at=now,
            )
        return out

    def _business_of(self, sender: Sender) -> int | None:
        if sender.business is not None:
            return sender.business.id
        if len(sender.customer_of) == 1:
            return sender.customer_of[0][0].id
        return None

    async def _gate(
        self, session: AsyncSession, sender: Sender, replies: list[OutboundReply], now: datetime
    ) -> list[OutboundReply]:
        """Drop business-initiated messages to people who have not agreed; tell the sender why."""
        out = list(replies)
        for reply in replies:
            if reply.to is None or reply.to == sender.address:
                continue
            if reply.purpose not in BUSINESS_INITIATED or sender.business is None:
                continue
            reason = await self._refusal(session, sender.business.id, reply.to, now)
            if reason is None:
                continue
            customer = await customer_by_phone(session, sender.business.id, reply.to)
            party = customer.name if customer is not None else reply.to
            words = sender.words()
            # The sender gets the document to hand over themselves, unless they have it already
            # (a statement's owner copy).
            held = {r.document.filename for r in out if r.to is None and r.document is not None}
            forward = None if reply.document and reply.document.filename in held else reply.document
            notice = OutboundReply(
                text=words.render("consent_missing", party=party, reason=reason),
                document=forward,
                # Never asked: an invitation lets them open a chat and be asked. Said no: none.
                invite=reply.to if reason == "none" else None,
            )
            where = out.index(reply)
            out[where] = notice
            if reply.document is not None and reply.purpose == "invoice":
                # The confirmation "sent to …" would now be untrue.
                number = reply.document.filename.removesuffix(".pdf")
                claim = words.render("invoice_sent", number=number, party=party)
                out = [r for r in out if not (r.to is None and r.text == claim)]
        return out

    async def _refusal(
        self, session: AsyncSession, business_id: int, address: str, now: datetime
    ) -> str | None:
        """Why a shop may not message a person now ("stopped", "refused", "none"), or None."""
        if await records.stopped(session, address):
            return "stopped"
        status = await records.consent_status(session, business_id, address)
        if status == "granted":
            return None
        if status in ("refused", "withdrawn"):
            return "refused"
        # Not asked or not answered yet: only inside the 24-hour window of their own message.
        return None if await in_service_window(session, address, now) else "none"

    async def _consent_question(
        self, session: AsyncSession, msg: InboundMessage, sender: Sender
    ) -> str | None:
        """Ask a customer once per shop whether it may send invoices and reminders."""
        if sender.role != "customer" or not sender.customer_of:
            return None
        if await records.stopped(session, sender.address):
            return None
        if await pending_store.load(session, sender.key, msg.received_at, self.cipher) is not None:
            return None  # they have another question to answer first
        if await records.awaiting_answer(session, sender.address) is not None:
            return None
        asked = await records.asked_shops(session, sender.address)
        for business, _party in sender.customer_of:
            if business.id not in asked:
                await records.set_consent(
                    session,
                    business.id,
                    sender.address,
                    "asked",
                    source_message_id=msg.message_id,
                    at=msg.received_at,
                )
                return Replies(sender.language).render("consent_question", shop=business.name)
        return None

    async def _audit(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        action: str,
        outcome: str,
        *,
        detail: str = "",
    ) -> None:
        await records.audit(
            session,
            self.cipher,
            address=sender.address,
            action=action,
            outcome=outcome,
            at=msg.received_at,
            business_id=sender.business.id if sender.business else None,
            source_message_id=msg.message_id,
            detail=detail,
        )


def make_privacy(cipher: Cipher, settings: PrivacySettings) -> Privacy:
    """The Privacy of a process, from its log key and settings."""
    return Privacy(cipher, settings)
