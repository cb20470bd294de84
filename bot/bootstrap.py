"""The composition root: every part of a process is built here, once, and handed what it
needs through its constructor. Nothing is patched onto a part after it is built.

    settings ─> key, database (migrated), parser, transcriber, privacy ─> Conversation  (build)
    + the outbox sink, the courier, the inbox workers, the channels      ─> Server     (assemble)

The channels and the transport need each other: a webhook stores into the inbox, the inbox's
workers fetch a voice note through the channel it came from, and the courier sends through
the channels. They meet in one mapping of channel name to adapter, given to the inbox and the
courier when they are built and filled as each channel is made.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from functools import partial

from consent.crypto import Cipher, load_key
from intents.factory import make_parser
from ledger import Database
from voice import SpeechToText, Transcriber

from . import datadir
from .app import App
from .channels.base import ChannelAdapter
from .conversation.core import Conversation, CoreConfig, ReplySink
from .conversation.privacy import make_privacy
from .messages import InboundMessage
from .server import Server, apologise, make_sink
from .settings import Settings
from .transport.courier import Courier
from .transport.intake import Intake

Hook = Callable[[], Awaitable[None]]
# Makes a process's channels, given the inbox they store into and the courier's wake-up call.
ChannelMaker = Callable[[Intake, Callable[[], None]], list[ChannelAdapter]]


def make_transcriber(settings: Settings) -> SpeechToText:
    """The local faster-whisper transcriber; the model loads on the first voice note."""
    return Transcriber(
        settings.whisper_model,
        concurrency=settings.whisper_concurrency,
        max_seconds=settings.voice_max_seconds,
        download_root=settings.hisaab_data_dir / "models",
        allow_download=settings.whisper_allow_download,
    )


def make_cipher(settings: Settings) -> Cipher:
    """The key that seals message text at rest: HISAAB_LOG_KEY, else the data folder's key file."""
    configured = settings.hisaab_log_key.get_secret_value() if settings.hisaab_log_key else None
    return Cipher(load_key(configured, settings.hisaab_data_dir))


async def build(
    settings: Settings,
    *,
    transcriber: SpeechToText | None = None,
    sink: ReplySink | None = None,
    cipher: Cipher | None = None,
    db: Database | None = None,
) -> App:
    """Wire a process from settings: migrate the database, pick the intent engine.

    `sink` queues replies in the outbox (the server); without one, `handle` only returns them.
    """
    datadir.prepare(settings)
    cipher = cipher or make_cipher(settings)
    db = db or Database(settings.db_url)
    await db.migrate()
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    parser = make_parser(
        settings.intent_engine,
        openai_api_key=key,
        openai_base_url=settings.openai_base_url,
        openai_model=settings.openai_model,
        timeout=settings.openai_timeout_seconds,
        send_names=settings.llm_send_names,
    )
    config = CoreConfig(
        pending_minutes=settings.pending_minutes,
        low_confidence=settings.low_confidence,
        confirm_above=settings.confirm_above,
    )
    conversation = Conversation(
        db,
        parser,
        transcriber or make_transcriber(settings),
        config,
        sink=sink,
        privacy=make_privacy(cipher, settings),
    )
    return App(settings, db, conversation, cipher)


def wire(
    app: App,
    make_channels: ChannelMaker,
    *,
    jobs: tuple[Hook, Hook] | None = None,
    courier: Courier | None = None,
    adapters: dict[str, ChannelAdapter] | None = None,
) -> Server:
    """The server around a built App: the courier, the inbox and its workers, the channels.

    `courier` and `adapters` (the courier's drivers by channel, empty until the channels
    are made here) when the App's outbox sink was given the courier already (assemble)."""
    if adapters is None:
        adapters = {}
    if courier is None:
        courier = Courier(app.db, app.cipher, adapters)
    wake = courier.wake

    async def handle(msg: InboundMessage) -> bool:
        handled = await app.conversation.handle_stored(msg)
        if not handled:
            wake.set()  # an apology may be queued (the sink sends the replies of the rest)
        return handled

    intake = Intake(
        app.db,
        app.cipher,
        handle,
        media=adapters,
        on_failure=partial(apologise, app.cipher),
        channels=adapters.keys(),  # a process takes only the messages it can answer
        workers=app.settings.inbox_workers,
    )
    for adapter in make_channels(intake, courier.wake.set):
        adapters[adapter.channel] = adapter
    start_jobs, stop_jobs = jobs or (None, None)
    return Server(
        app, intake, courier, list(adapters.values()), jobs=start_jobs, stop_jobs=stop_jobs
    )


def configured_channels(settings: Settings) -> frozenset[str]:
    """The channels whose credentials are set."""
    found = set()
    if settings.twilio_account_sid and settings.twilio_auth_token and settings.public_base_url:
        found.add("whatsapp")
    if settings.telegram_bot_token:
        found.add("telegram")
    return frozenset(found)


def channel_maker(settings: Settings, app: App) -> ChannelMaker:
    """The channels configured in the settings (Telegram with a token, WhatsApp with Twilio)."""
    channels = configured_channels(settings)

    def make(intake: Intake, on_queued: Callable[[], None]) -> list[ChannelAdapter]:
        adapters: list[ChannelAdapter] = []
        if "whatsapp" in channels:
            from .channels.whatsapp import WhatsAppAdapter

            adapters.append(
                WhatsAppAdapter.from_settings(
                    settings, app.db, app.cipher, intake, channels=channels, on_queued=on_queued
                )
            )
        if "telegram" in channels:
            from .channels.telegram import make_telegram

            adapters.append(make_telegram(settings, intake, on_queued=on_queued))
        return adapters

    return make


async def assemble(
    settings: Settings, *, jobs: bool = True, transcriber: SpeechToText | None = None
) -> Server:
    """The server of `hisaab serve`, wired from the settings and not started yet."""
    cipher = make_cipher(settings)
    channels = configured_channels(settings)
    db = Database(settings.db_url)  # connects on first use, after build has prepared the folder
    adapters: dict[str, ChannelAdapter] = {}  # by channel name; filled by wire
    courier = Courier(db, cipher, adapters)

    def telegram_bot() -> str:  # the bot's username, known once the Telegram channel started
        return getattr(adapters.get("telegram"), "username", "") or ""

    sink = make_sink(cipher, channels, telegram_bot, courier=courier)
    app = await build(settings, transcriber=transcriber, sink=sink, cipher=cipher, db=db)
    hooks = _scheduler(app, channels) if jobs else None
    return wire(app, channel_maker(settings, app), jobs=hooks, courier=courier, adapters=adapters)


def _scheduler(app: App, channels: frozenset[str]) -> tuple[Hook, Hook]:
    """Start and stop the scheduled jobs (one process of a deployment runs them)."""
    from . import jobs
    from .jobs.context import JobContext

    scheduler = jobs.make_scheduler(JobContext(app.db, app.cipher, app.settings, channels))

    async def start() -> None:
        scheduler.start()

    async def stop() -> None:
        scheduler.shutdown(wait=True)
        jobs.uninstall()

    return start, stop


async def serve(settings: Settings, host: str, port: int, *, jobs: bool = True) -> int:
    """Run until SIGTERM or SIGINT, then shut down in order."""
    server = await assemble(settings, jobs=jobs)
    adapters = server.adapters
    # Before listening: a SIGTERM that comes as soon as /healthz answers must still shut down
    # in order, not kill the process with updates half handled.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    bound = await server.start(host, port)
    names = ", ".join(a.channel for a in adapters) or "no channels (set Telegram or Twilio keys)"
    print(f"Hisaab serving on http://{host}:{bound} ({names}); jobs {'on' if jobs else 'off'}")
    await stop.wait()
    # A repeated SIGTERM (a supervisor, a script) must not kill the process halfway through its
    # shutdown, nor just after the loop closes, when asyncio puts back the default action. A second
    # Ctrl-C still aborts: that is a person at the terminal asking for it.
    loop.remove_signal_handler(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    loop.remove_signal_handler(signal.SIGINT)
    print("Hisaab shutting down: finishing messages in flight (Ctrl-C again to abort)", flush=True)
    await server.stop()
    return 0
