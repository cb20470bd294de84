"""`hisaab serve`: one aiohttp application with the channels' webhooks, the inbox workers,
the outbox courier, `/healthz` and (in one process of a deployment) the scheduled jobs.

Shutting down (SIGTERM, Ctrl-C) goes in order: the channels stop taking updates, the web
server stops listening and lets requests in flight finish (their updates are stored before
they are acknowledged), the workers finish the messages they are handling, the courier
finishes the sends in flight. What is stored and not yet handled or sent waits in the
database for the next start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from consent.crypto import Cipher
from ledger.catalog import customer_by_phone

from .app import App
from .channels.base import ChannelAdapter
from .channels.links import redact
from .messages import Document, InboundMessage, OutboundReply
from .replies import Replies
from .sender import Sender
from .transport.courier import Courier, Taken
from .transport.intake import Intake
from .transport.outbox import enqueue, fill_draft
from .transport.routing import linked_chat, route
from .transport.telegram_links import deep_link

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


class OutboxSink:
    """Queues a message's replies in the outbox, in the transaction that handles the message;
    a document made after that transaction (`Document.make`) is filled in by `fill`.

    `telegram_bot` gives the Telegram bot's username once known: a customer no chat reaches
    yet is then offered to the sender as a t.me invitation link to forward.
    """

    def __init__(
        self,
        cipher: Cipher,
        channels: frozenset[str],
        telegram_bot: Callable[[], str] | None = None,
        courier: Courier | None = None,
    ) -> None:
        self.cipher = cipher
        self.channels = channels
        self.telegram_bot = telegram_bot
        # The courier of this process: the transaction that queues a message's replies also
        # claims them for it, and once that commits they are sent; None: a courier elsewhere
        # finds them on its own.
        self.courier = courier
        # (channel, message id) -> each (channel, recipient) its replies were queued for, and
        # the row of theirs that transaction claimed to send
        self._queued: dict[tuple[str, str], dict[tuple[str, str], Taken | None]] = {}

    @staticmethod
    def _key(msg: InboundMessage, n: int) -> str:
        return f"{msg.channel}:{msg.message_id}:{n}"

    async def __call__(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        replies: list[OutboundReply],
    ) -> None:
        business_id = sender.business.id if sender.business else None
        for n, reply in enumerate(replies):
            channel: str = msg.channel
            recipient, notify = msg.sender, ""
            # the sender's own data export keeps its purpose: its link is short and one-use
            purpose = "export" if reply.purpose == "export" else "reply"
            if reply.to is not None and reply.to != sender.address:
                where = await route(session, reply.to, self.channels, business_id)
                if where is None:
                    reason = Replies(sender.language).render(
                        "delivery_failed", recipient=reply.to, reason="no chat reaches them here"
                    )
                    # The sender gets the document to hand over themselves.
                    reply = OutboundReply(text=reason, document=reply.document, invite=reply.to)
                else:
                    channel, recipient = where
                    purpose = reply.purpose
                    notify = sender.address if sender.member is not None else ""
            # Only the owner is handed a link to forward: it makes the opener the customer.
            owner = sender.member is not None and sender.member.role == "owner"
            bot = self.telegram_bot
            if reply.invite is not None and bot is not None and owner and business_id:
                link = await _invitation(session, business_id, reply.invite, bot())
                if link:
                    words = Replies(sender.language).render("telegram_invite", link=link)
                    reply = OutboundReply(text=f"{reply.text}\n\n{words}", document=reply.document)
            self._queued.setdefault((msg.channel, msg.message_id), {})[(channel, recipient)] = None
            await enqueue(
                session,
                self.cipher,
                dedup_key=self._key(msg, n),
                channel=channel,
                recipient=recipient,
                text=reply.text,
                document=reply.document,
                purpose=purpose,
                business_id=business_id,
                notify_member=notify,
            )
        if self.courier is not None:
            # The courier's claim, in this transaction rather than one of its own once it
            # commits (the same statement: the recipient's oldest due row, so order holds).
            queued = self._queued.get((msg.channel, msg.message_id), {})
            for channel, recipient in sorted(queued):
                queued[(channel, recipient)] = await self.courier.claim(session, channel, recipient)

    async def fill(
        self, session: AsyncSession, msg: InboundMessage, n: int, document: Document
    ) -> None:
        """The bytes of reply `n`'s document, made after its transaction committed."""
        await fill_draft(session, self.cipher, self._key(msg, n), document)

    def committed(self, msg: InboundMessage, *, done: bool = True) -> None:
        """The message's transaction is over: send what it queued (if it committed)."""
        queued = self._queued.pop((msg.channel, msg.message_id), {})
        if done and self.courier is not None:
            for (channel, recipient), taken in sorted(queued.items(), key=lambda kv: kv[0]):
                self.courier.deliver_to(channel, recipient, taken)


def make_sink(
    cipher: Cipher,
    channels: frozenset[str],
    telegram_bot: Callable[[], str] | None = None,
    courier: Courier | None = None,
) -> OutboxSink:
    """The outbox sink of a process (see OutboxSink)."""
    return OutboxSink(cipher, channels, telegram_bot, courier)


async def _invitation(session: AsyncSession, business_id: int, phone: str, bot: str) -> str:
    """A t.me link that ties the opener's chat to the shop's customer at `phone`; "" if none.

    Empty for someone whose chat is already linked (they are reached on Telegram), who is not
    a party of the shop, or while the bot's username is not known yet.
    """
    if not bot or await linked_chat(session, phone, business_id) is not None:
        return ""
    customer = await customer_by_phone(session, business_id, phone)
    if customer is None:
        return ""
    return await deep_link(session, business_id, customer.id, bot)


async def apologise(
    cipher: Cipher, session: AsyncSession, msg: InboundMessage, reason: str
) -> None:
    """The reply to a message that could not be handled after several tries."""
    await enqueue(
        session,
        cipher,
        dedup_key=f"{msg.channel}:{msg.message_id}:failed",
        channel=msg.channel,
        recipient=msg.sender,
        text=Replies().render(reason if reason.startswith("voice_") else "oops"),
    )


class AccessLog(AbstractAccessLogger):
    """The web server's access log, without what a log must not keep: a document link's
    signature (anyone holding it may fetch the invoice), the query and the client's headers."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        """One line per request."""
        self.logger.info(
            '%s "%s %s" %s %s %.3fs',
            request.remote,
            request.method,
            redact(request.rel_url.raw_path),
            response.status,
            response.body_length,
            time,
        )


class Server:
    """A running `hisaab serve`: the web app, the workers, the courier and the jobs."""

    def __init__(
        self,
        app: App,
        intake: Intake,
        courier: Courier,
        adapters: list[ChannelAdapter],
        *,
        jobs: Callable[[], Awaitable[Any]] | None = None,
        stop_jobs: Callable[[], Awaitable[Any]] | None = None,
    ) -> None:
        """The parts, built and wired already (bootstrap.wire)."""
        self.app = app
        self.cipher = app.cipher
        self.adapters = adapters
        self.courier = courier
        self.intake = intake
        self._jobs, self._stop_jobs = jobs, stop_jobs
        self._tasks: list[asyncio.Task[None]] = []
        self._runner: web.AppRunner | None = None
        self.web = self._web_app()

    def _web_app(self) -> web.Application:
        web_app = web.Application(client_max_size=2 * 1024 * 1024)
        web_app.router.add_get("/healthz", self._healthz)
        for adapter in self.adapters:
            adapter.install(web_app)
        return web_app

    async def _healthz(self, request: web.Request) -> web.Response:
        try:
            async with self.app.db.session() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:
            return web.json_response({"ok": False, "database": type(exc).__name__}, status=503)
        return web.json_response({"ok": True, "channels": [a.channel for a in self.adapters]})

    async def start(self, host: str, port: int) -> int:
        """Listen, start the workers and the channels; the port actually bound."""
        self._tasks = [
            asyncio.create_task(self.intake.run(), name="intake"),
            asyncio.create_task(self.courier.run(), name="courier"),
        ]
        self._runner = web.AppRunner(
            self.web, shutdown_timeout=10, handle_signals=False, access_log_class=AccessLog
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        for adapter in self.adapters:
            await adapter.start()
        if self._jobs is not None:
            await self._jobs()
        sockets = self._runner.addresses
        return int(sockets[0][1]) if sockets else port

    async def stop(self) -> None:
        """Stop taking updates, finish what is in flight, lose nothing."""
        if self._stop_jobs is not None:
            await self._stop_jobs()
        if self._runner is not None:
            await self._runner.cleanup()  # stops listening; requests in flight finish
        for adapter in self.adapters:
            await self._quietly(adapter.stop, adapter.channel)  # e.g. Telegram's long polling
        await self.intake.stop()
        await self.courier.stop()
        # Their loops end at their next look; one cancelled inside a query leaves the
        # connection pool a traceback to log.
        _, late = await asyncio.wait(self._tasks, timeout=5) if self._tasks else ((), ())
        for task in late:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for adapter in self.adapters:  # last: the courier needed their clients to send
            await self._quietly(adapter.close, adapter.channel)
        await self.app.close()

    @staticmethod
    async def _quietly(step: Callable[[], Awaitable[None]], channel: str) -> None:
        try:
            await step()
        except Exception:
            log.exception("stopping the %s channel failed", channel)
