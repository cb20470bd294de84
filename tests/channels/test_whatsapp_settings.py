"""The WhatsApp channel built from settings, as `hisaab serve` builds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.channels.base import ChannelAdapter
from bot.channels.links import secret_from_settings
from bot.channels.whatsapp import TwilioConfig, WhatsAppAdapter
from bot.settings import Settings
from bot.transport.intake import Intake
from consent.crypto import Cipher, load_key
from ledger import Database


def settings(tmp_path: Path, **values: Any) -> Settings:
    """Settings from values alone (no .env), with the data folder in tmp_path."""
    return Settings(_env_file=None, hisaab_data_dir=tmp_path, **values)


def test_missing_twilio_settings_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as raised:
        TwilioConfig.from_settings(settings(tmp_path, twilio_account_sid="AC1"))
    assert str(raised.value) == (
        "WhatsApp needs TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM, PUBLIC_BASE_URL"
    )


async def test_the_adapter_is_built_from_settings_and_installs_its_routes(
    tmp_path: Path, db: Database
) -> None:
    configured = settings(
        tmp_path,
        twilio_account_sid="AC1",
        twilio_auth_token=SecretStr("token"),
        twilio_whatsapp_from="+14155238886",
        public_base_url="https://shop.example.com/",
        twilio_content_sid_invoice="HX1",
        document_link_hours=6,
    )
    cipher = Cipher(load_key(None, tmp_path))
    adapter: ChannelAdapter = WhatsAppAdapter.from_settings(
        configured, db, cipher, Intake(db, cipher), channels=frozenset({"whatsapp", "telegram"})
    )
    assert isinstance(adapter, WhatsAppAdapter)
    assert adapter.config.whatsapp_from == "whatsapp:+14155238886"
    assert adapter.config.public_base_url == "https://shop.example.com"
    assert adapter.config.content_sids == {"invoice": "HX1"}
    assert adapter.links.hours == 6
    # The links' secret comes from the data folder's key, the same one the cipher uses.
    assert adapter.links.secret == secret_from_settings(configured)
    app = web.Application()
    adapter.install(app)
    routes = {(r.method, r.resource.canonical) for r in app.router.routes() if r.resource}
    assert routes >= {
        ("POST", "/twilio/whatsapp"),
        ("POST", "/twilio/status"),
        ("GET", "/documents/{id}/{expires}/{signature}/{filename}"),
    }
