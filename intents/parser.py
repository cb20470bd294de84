"""The one parser interface that both engines implement, and what goes in and out of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from pydantic import TypeAdapter

from intents.catalog import Catalog
from intents.models import Intent

Role = Literal["owner", "staff", "customer"]
INTENT_ADAPTER: TypeAdapter[Intent] = TypeAdapter(Intent)


@dataclass(frozen=True, slots=True)
class ParseContext:
    """Everything besides the text that a parse may use: catalog, sender's role, clock."""

    catalog: Catalog
    role: Role
    now: datetime  # timezone-aware; relative dates resolve in its zone
    language: str | None = None

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("ParseContext.now must be timezone-aware")


@dataclass(frozen=True, slots=True)
class ParseResult:
    """One understood message: the intent, how sure the engine is (0..1), and which engine."""

    intent: Intent
    confidence: float
    engine: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must be within 0..1")


@runtime_checkable
class IntentParser(Protocol):
    """Turns a message into one typed intent; never writes anywhere."""

    async def parse(self, text: str, ctx: ParseContext) -> ParseResult:
        """Parse one message in its context."""
        ...
