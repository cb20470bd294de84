"""Settings from the environment and `.env`; `.env.example` lists every one."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ledger import sqlite_url

_PLACEHOLDERS = ("changeme", "your-", "xxx", "<", "placeholder")


class Settings(BaseSettings):
    """Every knob of a Hisaab process."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    hisaab_data_dir: Path = Path("./data")
    database_url: str = ""
    intent_engine: Literal["auto", "rules", "llm"] = "auto"
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = 8.0
    llm_send_names: bool = True  # False: customer and supplier names never go to the model
    whisper_model: str = "base"
    whisper_concurrency: int = Field(default_factory=lambda: max(1, (os.cpu_count() or 2) // 2))
    whisper_allow_download: bool = False
    voice_max_seconds: int = 120
    # writes above this amount (major units) ask first; unset: AED 1,000, INR 10,000, PKR 25,000
    confirm_above: Decimal | None = None
    pending_minutes: int = 10
    low_confidence: float = 0.75  # parses less sure than this are read back before booking

    # Privacy and retention (consent/).
    hisaab_log_key: SecretStr | None = None  # Fernet key; empty: a 0600 key file in the data dir
    log_retention_days: int = 90
    books_retention_years: int = 7

    # The web server (`hisaab serve`).
    public_base_url: str = ""  # https://shop.example.com: webhooks and document links
    document_link_hours: int = 24
    inbox_workers: int = 16  # messages handled at once (one sender's messages stay in order)

    # Telegram (aiogram).
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base_url: str = ""  # another Bot API server (a local one, the tests' fake)
    telegram_bot_username: str = ""  # for t.me deep links; asked from Telegram when empty

    # WhatsApp through Twilio.
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr | None = None
    twilio_whatsapp_from: str = ""  # whatsapp:+14155238886 (the sandbox) or your sender
    twilio_api_base_url: str = ""  # another Twilio API host (the tests' fake)
    # Approved templates for business-initiated messages outside the 24-hour window.
    twilio_content_sid_invoice: str = ""
    twilio_content_sid_reminder: str = ""
    twilio_content_sid_summary: str = ""
    twilio_content_sid_alert: str = ""

    @field_validator("openai_api_key")
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        secret = value.get_secret_value().lower()
        if any(marker in secret for marker in _PLACEHOLDERS):
            raise ValueError("OPENAI_API_KEY is a placeholder; set a real key or leave it empty")
        return value

    @property
    def db_url(self) -> str:
        """DATABASE_URL, defaulting to a SQLite file in the data folder."""
        return self.database_url or sqlite_url(self.hisaab_data_dir)
