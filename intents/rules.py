"""The rule engine: offline, no key, CPU only; unsure messages become `unknown`."""

from __future__ import annotations

from intents.grammar import classify
from intents.matching import CatalogIndex
from intents.message import Message
from intents.parser import INTENT_ADAPTER, ParseContext, ParseResult
from intents.pieces import tag
from intents.text import tokenize

ENGINE = "rules"


class RuleParser:
    """Grammar, number words, dates and fuzzy catalog matching; no network, no writes."""

    engine = ENGINE

    async def parse(self, text: str, ctx: ParseContext) -> ParseResult:
        """Parse one message (the work is CPU-only and fast, so it runs inline)."""
        return self.parse_sync(text, ctx)

    def parse_sync(self, text: str, ctx: ParseContext) -> ParseResult:
        """Parse one message synchronously."""
        toks = tokenize(text)
        index = CatalogIndex.of(ctx.catalog)
        msg = Message(text, toks, tag(toks, index), index, ctx)
        intent, confidence = classify(msg)
        checked = INTENT_ADAPTER.validate_python(intent)
        return ParseResult(intent=checked, confidence=round(confidence, 3), engine=ENGINE)
