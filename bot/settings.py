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
    whisper_model: str = "base"
    whisper_concurrency: int = Field(default_factory=lambda: max(1, (os.cpu_count() or 2) // 2))
    whisper_allow_download: bool = False
    voice_max_seconds: int = 120
    confirm_above: Decimal = Decimal(1000)  # writes above this amount (major units) ask first
    pending_minutes: int = 10
    low_confidence: float = 0.75  # parses less sure than this are read back before booking

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
