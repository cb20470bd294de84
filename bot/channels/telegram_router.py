"""The aiogram Router of the Telegram channel: messages in, `intake.Update`s stored.

Text, voice notes and audio files of a linked chat are stored for the conversation, which
answers them like any channel's. What only Telegram has is answered here: `/start`, the
`/start <token>` deep link, a shared contact, and a chat that has not said who it is yet. Such
an answer is written in one transaction with the inbox row (stored already handled, so a
replayed update is answered once) and the link it made, and goes out through the outbox.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware, F, Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message, TelegramObject

from ledger import InvalidInput, normalize_phone
from ledger.types import utcnow

from ..transport.intake import Decision, Intake, Update
from ..transport.telegram_links import link_phone, linked_phone, redeem

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

ASK_CONTACT = "ask_contact"  # an outbox purpose: send() adds the "share my phone" button
MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API's getFile limit
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what a /start parameter may hold

WELCOME = (
    "Welcome to Hisaab, a shop's books in a chat. So that I know who you are, please tap "
    "“Share my phone number” below."
)
WELCOME_BACK = "This chat is linked to {phone}. Type a message or send a voice note."
LINKED_CONTACT = "Thank you: this chat is now linked to {phone}. Send me a message to carry on."
LINKED_SHOP = (
    "Linked: your invoices from {shop} will come to this chat. "
    "You can ask me “how much do I owe” at any time."
)
BAD_LINK = (
    "This link has expired or was already used. Ask the shop for a new one, or share your "
    "phone number with the button below."
)
NOT_OWN_CONTACT = (
    "Please share your own phone number with the button below; I can only link the number "
    "of the person writing."
)
BAD_CONTACT = "I could not read a phone number with a country code in that contact."
NOT_SUPPORTED = "I can read text messages and voice notes. Please type or record your message."
TOO_BIG = "That recording is too large for me to fetch. Please send a shorter voice note."


@dataclass(slots=True)
class Reception:
    """What the handlers reach through the middleware: the inbox and the outbox's bell
    (`on_queued`, the courier's wake-up call)."""

    intake: Intake
    on_queued: Callable[[], None] | None = None

    async def forward(self, update: Update) -> None:
        """Store an update for the conversation; returns once it is durable."""
        await self.intake.accept(update)

    async def answer(self, update: Update, decide: Decision) -> None:
        """Answer an update here, not in the conversation (see Intake.answer)."""
        if await self.intake.answer(update, decide) and self.on_queued is not None:
            self.on_queued()

    async def say(self, update: Update, text: str, purpose: str = "reply") -> None:
        """Answer with a fixed text."""

        async def fixed(session: object) -> tuple[str, str]:
            return text, purpose

        await self.answer(update, fixed)


class ReceptionMiddleware(BaseMiddleware):
    """Gives every message handler the `reception` and the chat's linked `phone` (or None)."""

    def __init__(self, reception: Reception) -> None:
        self.reception = reception

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """Look the chat up once, before the filters and the handler run."""
        data["reception"] = self.reception
        if isinstance(event, Message):
            data["phone"] = await linked_phone(self.reception.intake.db, str(event.chat.id))
        return await handler(event, data)


def make_router(reception: Reception) -> Router:
    """A fresh Router (a Router has one parent) for one adapter's dispatcher."""
    router = Router(name="hisaab-telegram")
    router.message.outer_middleware(ReceptionMiddleware(reception))
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.message.register(on_start_link, CommandStart(deep_link=True))
    router.message.register(on_start, CommandStart())
    router.message.register(on_contact, F.contact)
    router.message.register(on_audio, F.voice | F.audio | F.document.mime_type.startswith("audio/"))
    router.message.register(on_text, F.text)
    router.message.register(on_other)
    return router


def inbound(message: Message, text: str = "", media: str = "", mime: str = "") -> Update:
    """The stored form of a Telegram message; the chat id is the sender."""
    when = message.date
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    chat = str(message.chat.id)
    return Update("telegram", f"{chat}:{message.message_id}", chat, when, text, media, mime)


async def on_start_link(message: Message, command: CommandObject, reception: Reception) -> None:
    """`/start <token>`: the customer opened the link from an invoice."""
    token, chat, now = command.args or "", str(message.chat.id), utcnow()

    async def link(session: AsyncSession) -> tuple[str, str]:
        # Only a token we could have made is looked up (a NUL byte is not even a key).
        linked = await redeem(session, token, chat, now) if _TOKEN.fullmatch(token) else None
        if linked is None:
            return BAD_LINK, ASK_CONTACT
        return LINKED_SHOP.format(shop=linked.shop), "reply"

    await reception.answer(inbound(message, "/start"), link)


async def on_start(message: Message, reception: Reception, phone: str | None) -> None:
    """`/start`: greet, and ask for the phone number if the chat has none yet."""
    if phone is None:
        await reception.say(inbound(message, "/start"), WELCOME, ASK_CONTACT)
    else:
        await reception.say(inbound(message, "/start"), WELCOME_BACK.format(phone=phone))


async def on_contact(message: Message, reception: Reception) -> None:
    """A shared contact links the chat, but only the writer's own (Telegram vouches for it)."""
    contact = message.contact
    assert contact is not None
    update = inbound(message, "(contact)")
    if message.from_user is None or contact.user_id != message.from_user.id:
        await reception.say(update, NOT_OWN_CONTACT, ASK_CONTACT)
        return
    raw = contact.phone_number.strip()
    try:
        # Telegram sends the number with its country code but usually without the "+".
        phone = normalize_phone(raw if raw.startswith("+") else "+" + raw)
    except InvalidInput:
        await reception.say(update, BAD_CONTACT, ASK_CONTACT)
        return
    chat, now = str(message.chat.id), utcnow()

    async def link(session: AsyncSession) -> tuple[str, str]:
        await link_phone(session, chat, phone, now)
        return LINKED_CONTACT.format(phone=phone), "reply"

    await reception.answer(update, link)


async def on_audio(message: Message, reception: Reception, phone: str | None) -> None:
    """A voice note or an audio file: stored by reference, fetched when it is handled."""
    if phone is None:
        await reception.say(inbound(message), WELCOME, ASK_CONTACT)
        return
    if message.voice is not None:
        ref, mime, size = message.voice.file_id, message.voice.mime_type, message.voice.file_size
    elif message.audio is not None:
        ref, mime, size = message.audio.file_id, message.audio.mime_type, message.audio.file_size
    else:
        assert message.document is not None
        doc = message.document
        ref, mime, size = doc.file_id, doc.mime_type, doc.file_size
    if size is not None and size > MAX_DOWNLOAD:
        await reception.say(inbound(message), TOO_BIG)
        return
    await reception.forward(inbound(message, message.caption or "", ref, mime or "audio/ogg"))


async def on_text(message: Message, reception: Reception, phone: str | None) -> None:
    """A text message of a linked chat goes to the conversation."""
    if phone is None:
        await reception.say(inbound(message), WELCOME, ASK_CONTACT)
        return
    await reception.forward(inbound(message, message.text or ""))


async def on_other(message: Message, reception: Reception, phone: str | None) -> None:
    """Photos, stickers, locations: say what the bot can read."""
    if phone is None:
        await reception.say(inbound(message), WELCOME, ASK_CONTACT)
        return
    await reception.say(inbound(message), NOT_SUPPORTED)
