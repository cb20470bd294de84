"""The composition root: builds settings, database, parser, transcriber and conversation once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from consent.crypto import Cipher, load_key
from intents.factory import make_parser
from ledger import Database
from voice import SpeechToText, Transcriber

from . import datadir
from .conversation.core import Conversation, CoreConfig, ReplySink
from .conversation.privacy import make_privacy
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class App:
    """Everything a running Hisaab process holds."""

    settings: Settings
    db: Database
    conversation: Conversation
    cipher: Cipher

    async def close(self) -> None:
        """Release the database."""
        await self.db.dispose()


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
) -> App:
    """Wire a process from settings: migrate the database, pick the intent engine.

    `sink` queues replies in the outbox (the server); without one, `handle` only returns them.
    """
    datadir.prepare(settings)
    cipher = make_cipher(settings)
    db = Database(settings.db_url)
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
