"""`hisaab serve`'s server in this process with both webhooks, and fakes of Twilio and Telegram.

Twilio's webhook and Telegram's (webhook mode: a public URL and a secret) are served by the
real aiohttp application on 127.0.0.1; the workers and the courier run, and send to the fakes.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession

from bot.bootstrap import assemble
from bot.server import Server
from bot.settings import Settings
from ledger import Database
from tests.fakes.telegram_server import TOKEN, FakeTelegram
from tests.fakes.twilio_server import SANDBOX_FROM, FakeTwilio
from voice import FakeTranscriber

from .process import free_port

SECRET = "live-webhook_secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Live:
    """A started server, its fakes, and an HTTP client to post to it as the platforms do."""

    server: Server
    twilio: FakeTwilio
    telegram: FakeTelegram
    http: ClientSession
    url: str

    @property
    def db(self) -> Database:
        """The server's database."""
        return self.server.app.db

    @property
    def whatsapp_hook(self) -> str:
        """Where Twilio posts messages (and the URL it signs)."""
        return f"{self.url}/twilio/whatsapp"

    async def post_form(
        self, params: dict[str, str], *, path: str = "/twilio/whatsapp", sign: bool = True
    ) -> tuple[int, str]:
        """POST a form to a Twilio webhook, encoded and signed as Twilio does; (status, body)."""
        url = self.url + path
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if sign:
            headers["X-Twilio-Signature"] = self.twilio.sign(url, params)
        body = io.BytesIO(urlencode(params).encode())  # aiohttp warns of large raw bytes
        async with self.http.post(url, data=body, headers=headers) as response:
            return response.status, await response.text()

    async def post_bytes(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        """POST raw bytes; the status."""
        data = io.BytesIO(body)
        async with self.http.post(self.url + path, data=data, headers=headers) as response:
            await response.read()
            return response.status

    async def post_update(self, update: Any) -> int:
        """POST JSON to the Telegram webhook with the right secret; the status."""
        headers = {SECRET_HEADER: SECRET}
        async with self.http.post(
            f"{self.url}/telegram/webhook", json=update, headers=headers
        ) as response:
            await response.read()
            return response.status


def live_settings(
    database_url: str, data_dir: Path, port: int, twilio: FakeTwilio, telegram: FakeTelegram
) -> Settings:
    """Both channels configured against the fakes; rules; the given database."""
    return Settings(
        hisaab_data_dir=data_dir,
        database_url=database_url,
        intent_engine="rules",
        public_base_url=f"http://127.0.0.1:{port}",
        twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token,
        twilio_whatsapp_from=SANDBOX_FROM,
        twilio_api_base_url=twilio.base_url,
        telegram_bot_token=TOKEN,
        telegram_webhook_secret=SECRET,
        telegram_api_base_url=telegram.base_url,
        _env_file=None,
    )


@asynccontextmanager
async def live_server(database_url: str, data_dir: Path) -> AsyncIterator[Live]:
    """The server of `hisaab serve` (no jobs), started on a free port and stopped after."""
    twilio, telegram = FakeTwilio(), FakeTelegram()
    await twilio.start()
    await telegram.start()
    port = free_port()
    settings = live_settings(database_url, data_dir, port, twilio, telegram)
    try:
        server = await assemble(settings, jobs=False, transcriber=FakeTranscriber(""))
        await server.start("127.0.0.1", port)
        try:
            async with ClientSession() as http:
                yield Live(server, twilio, telegram, http, f"http://127.0.0.1:{port}")
        finally:
            await server.stop()
    finally:
        await telegram.stop()
        await twilio.stop()
