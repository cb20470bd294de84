"""What a running Hisaab process holds (wired in bootstrap.py)."""

from __future__ import annotations

from dataclasses import dataclass

from consent.crypto import Cipher
from ledger import Database

from .conversation.core import Conversation
from .settings import Settings


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
