"""The Telegram channel (aiogram 3): webhook or long polling in, the Bot API out.

With a public URL, Telegram posts updates to `POST /telegram/webhook`, which checks the
secret header and answers 200 only after the update is stored. Without one, a polling task
asks `getUpdates`, stores each update and only then moves past it, so an update fetched but
not stored comes back on the next call (the inbox keeps replays out). `TELEGRAM_API_BASE_URL`
points the bot at another Bot API server: a local one, or the tests' fake.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BufferedInputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.types import (
    Update as TelegramUpdate,
)
from aiohttp import ClientError, web
from pydantic import ValidationError

from ..settings import Settings
from ..transport.intake import InboxUnavailable, Intake
from ..transport.outbox import OutgoingMessage, RetryLater, Undeliverable
from .base import MediaUnavailable
from .telegram_router import ASK_CONTACT, Reception, make_router

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message"]
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
_CHAT_ID = re.compile(r"^-?[0-9]{1,20}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token
CONTACT_BUTTON = ReplyKeyboardMarkup(
    keyboard=[[KeyboardButton(text="Share my phone number", request_contact=True)]],
    resize_keyboard=True,
    one_time_keyboard=True,
)


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    """What the adapter needs from the settings."""

    token: str
    webhook_secret: str = ""
    public_base_url: str = ""  # empty: long polling
    api_base_url: str = ""  # empty: api.telegram.org
    username: str = ""  # for t.me links; asked from Telegram (getMe) when empty
    poll_seconds: int = 25

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramConfig:
        """The Telegram part of the settings; TELEGRAM_BOT_TOKEN must be set."""
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        secret = settings.telegram_webhook_secret
        return cls(
            token=settings.telegram_bot_token.get_secret_value(),
            webhook_secret=secret.get_secret_value() if secret else "",
            public_base_url=settings.public_base_url.rstrip("/"),
            api_base_url=settings.telegram_api_base_url,
            username=settings.telegram_bot_username.lstrip("@"),
        )

    @property
    def webhook_url(self) -> str:
        """Where Telegram posts updates; empty in polling mode."""
        return self.public_base_url.rstrip("/") + WEBHOOK_PATH if self.public_base_url else ""


class TelegramAdapter:
    """The Telegram channel as the server drives it (see `channels.base.ChannelAdapter`)."""

    channel = "telegram"

    def __init__(
        self,
        config: TelegramConfig,
        intake: Intake,
        *,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        if config.webhook_url and not _SECRET.match(config.webhook_secret):
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET must be set (1-256 letters, digits, _ or -) "
                "when PUBLIC_BASE_URL is set"
            )
        self.config = config
        self.intake = intake
        session = (
            AiohttpSession(api=TelegramAPIServer.from_base(config.api_base_url))
            if config.api_base_url
            else AiohttpSession()
        )
        self.bot = Bot(config.token, session=session)
        self.reception = Reception(intake, on_queued)
        self.dispatcher = Dispatcher()
        self.dispatcher.include_router(make_router(self.reception))
        self.username = config.username
        self._stopping = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None
        self._offset: int | None = None

    @property
    def on_queued(self) -> Callable[[], None] | None:
        """Called after the channel queued an answer of its own (wake the courier)."""
        return self.reception.on_queued

    @on_queued.setter
    def on_queued(self, bell: Callable[[], None] | None) -> None:
        self.reception.on_queued = bell

    def install(self, app: web.Application) -> None:
        """Add `POST /telegram/webhook` to the server's application."""
        app.router.add_post(WEBHOOK_PATH, self.webhook)

    async def start(self) -> None:
        """Register the webhook, or (with no public URL) start long polling."""
        self._stopping.clear()
        if not self.username:
            self.username = (await self.bot.get_me()).username or ""
        if self.config.webhook_url:
            await self.bot.set_webhook(
                url=self.config.webhook_url,
                secret_token=self.config.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )
            log.info("telegram: webhook at %s", self.config.webhook_url)
            return
        await self.bot.delete_webhook(drop_pending_updates=False)  # getUpdates needs none set
        self._poller = asyncio.create_task(self._poll(), name="telegram-polling")
        log.info("telegram: long polling")

    async def stop(self) -> None:
        """Stop polling (an update being stored is finished first); the bot can still send."""
        self._stopping.set()
        if self._poller is not None:
            await self._poller
            self._poller = None
            if self._offset is not None:
                # Confirm what was stored, so the next start does not fetch it again.
                with contextlib.suppress(TelegramAPIError, ClientError, TimeoutError):
                    await self.bot.get_updates(offset=self._offset, limit=1, timeout=0)

    async def close(self) -> None:
        """Close the HTTP session; call after the courier has stopped sending."""
        await self.bot.session.close()

    async def webhook(self, request: web.Request) -> web.Response:
        """Telegram's POST: 401 without the right secret; 200 once the update is stored."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        secret = self.config.webhook_secret.encode()
        if not secret or not hmac.compare_digest(given, secret):
            return web.Response(status=401, text="unauthorized")
        try:
            update = TelegramUpdate.model_validate(await request.json(), context={"bot": self.bot})
        except (ValueError, ValidationError, RecursionError):  # RecursionError: deep nesting
            return web.Response(status=400, text="not a Telegram update")
        try:
            await self.dispatcher.feed_update(self.bot, update)
        except Exception:
            log.exception("telegram update %s not stored", update.update_id)
            return web.Response(status=500, text="try again")  # Telegram sends it again
        return web.Response(status=200)

    async def _poll(self) -> None:
        """Fetch, store, then move the offset past what was stored; until `stop`."""
        pause = 1.0
        while not self._stopping.is_set():
            try:
                updates = await self._fetch()
            except TelegramRetryAfter as exc:
                await self._sleep(exc.retry_after)
                continue
            except (TelegramAPIError, ClientError, TimeoutError) as exc:
                log.warning("telegram: getUpdates failed (%s); retrying in %.0f s", exc, pause)
                await self._sleep(pause)
                pause = min(pause * 2, 30.0)
                continue
            if updates is None:
                return
            pause = 1.0
            for update in updates:
                try:
                    await self.dispatcher.feed_update(self.bot, update)
                except (InboxUnavailable, OSError):
                    # The database is away: keep the offset, so the update comes back.
                    log.exception("telegram update %s not stored; retrying", update.update_id)
                    await self._sleep(pause)
                    break
                except Exception:
                    log.exception("telegram update %s could not be read; skipped", update.update_id)
                self._offset = update.update_id + 1

    async def _fetch(self) -> list[TelegramUpdate] | None:
        """One long poll; None if `stop` came first."""
        request = asyncio.ensure_future(
            self.bot.get_updates(
                offset=self._offset,
                timeout=self.config.poll_seconds,
                allowed_updates=ALLOWED_UPDATES,
                request_timeout=self.config.poll_seconds + 10,
            )
        )
        stopping = asyncio.ensure_future(self._stopping.wait())
        await asyncio.wait({request, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not request.done():
            request.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await request
            return None
        return request.result()

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def send(self, message: OutgoingMessage) -> str:
        """Send text (split at 4096), a document or a picture (caption when it fits); the id."""
        if not _CHAT_ID.match(message.recipient):  # a phone number is no chat id
            raise Undeliverable(f"{message.recipient} is not a Telegram chat")
        chat = int(message.recipient)
        markup = CONTACT_BUTTON if message.purpose == ASK_CONTACT else None
        text, document = message.text, message.document
        try:
            if document is None:
                sent = None
                for part in split_text(text):
                    sent = await self.bot.send_message(chat, part, reply_markup=markup)
                if sent is None:
                    raise Undeliverable("the message was empty")
                return str(sent.message_id)
            if len(text) > CAPTION_LIMIT:
                for part in split_text(text):
                    await self.bot.send_message(chat, part)
                text = ""
            upload = BufferedInputFile(document.data, filename=document.filename)
            if document.mime_type.startswith("image/"):  # a chart: shown as a picture
                photo = await self.bot.send_photo(chat, upload, caption=text or None)
                return str(photo.message_id)
            doc = await self.bot.send_document(chat, upload, caption=text or None)
            return str(doc.message_id)
        except TelegramRetryAfter as exc:
            raise RetryLater(
                f"Telegram asked to wait {exc.retry_after} s", float(exc.retry_after)
            ) from exc
        except TelegramForbiddenError as exc:
            raise Undeliverable("they blocked the bot or never started a chat with it") from exc
        except (TelegramBadRequest, TelegramNotFound) as exc:
            if "chat not found" in exc.message.lower():
                raise Undeliverable("that Telegram chat no longer exists") from exc
            raise Undeliverable(f"Telegram refused the message ({exc.message})") from exc
        except TelegramUnauthorizedError as exc:
            raise RetryLater("Telegram refused the bot's token") from exc
        except (TelegramNetworkError, TelegramServerError, ClientError, TimeoutError) as exc:
            raise RetryLater(f"Telegram could not be reached ({exc})") from exc
        except TelegramAPIError as exc:
            raise RetryLater(f"Telegram failed ({exc.message})") from exc

    async def fetch_media(self, ref: str) -> bytes:
        """Download a voice note by its file_id (getFile, then the file URL)."""
        try:
            found = await self.bot.get_file(ref)
            if not found.file_path:
                raise MediaUnavailable("Telegram gave no path for the file")
            stream = await self.bot.download_file(found.file_path)
        except (TelegramAPIError, ClientError, TimeoutError) as exc:
            raise MediaUnavailable(str(exc)) from exc
        assert stream is not None
        return stream.read()


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Text in parts Telegram takes, cut at line ends where possible."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    if text:
        parts.append(text)
    return parts


def make_telegram(
    settings: Settings, intake: Intake, *, on_queued: Callable[[], None] | None = None
) -> TelegramAdapter:
    """The Telegram adapter of a `hisaab serve` process, from the settings."""
    return TelegramAdapter(TelegramConfig.from_settings(settings), intake, on_queued=on_queued)
