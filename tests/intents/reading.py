"""A message read as the conversation reads it: the rule engine's intent, and whether the
doubt check would read it back before booking (the blind sets' class tests share this)."""

from __future__ import annotations

from datetime import UTC, datetime

from intents import RuleParser
from intents.catalog import Catalog
from intents.doubt import judge
from intents.parser import ParseContext

NOW = datetime(2026, 11, 29, 10, tzinfo=UTC)


def read(text: str, catalog: Catalog, *, now: datetime = NOW) -> tuple[object, bool]:
    """The rule engine's intent for `text` in a shop with `catalog`, and whether the
    conversation would read it back first."""
    result = RuleParser().parse_sync(text, ParseContext(catalog, "owner", now))
    return result.intent, judge(text, result.intent, catalog, result.confidence).ask
