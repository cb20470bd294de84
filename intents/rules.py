"""The rule engine: offline, no key, CPU only; unsure messages become `unknown`."""

from __future__ import annotations

import re

from pydantic import ValidationError

from intents.grammar import classify
from intents.matching import CatalogIndex
from intents.message import Message
from intents.models import Unknown
from intents.parser import INTENT_ADAPTER, ParseContext, ParseResult
from intents.pieces import tag
from intents.text import tokenize

ENGINE = "rules"
# A minus sign or the word "minus" before a number: "sold -5 rice" is not a sale of 5.
# "suresh - 2 kg dal" uses the dash as a separator.
_NEGATIVE = re.compile(r"(?:(?<![\w.])-\d)|\bminus\b", re.IGNORECASE)
# Writes whose amounts are never negative; a stock correction may be ("-2 milk expired").
_POSITIVE_ONLY = {"record_sale", "add_stock", "record_payment", "record_expense", "set_price"}


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
        try:
            intent, confidence = classify(msg)
        except ValidationError:  # a number out of every plausible range: never a write
            intent, confidence = Unknown(hint="out of range"), 0.2
        if getattr(intent, "intent", "") in _POSITIVE_ONLY and _NEGATIVE.search(text):
            intent, confidence = Unknown(hint="negative amount"), 0.2
        checked = INTENT_ADAPTER.validate_python(intent)
        return ParseResult(intent=checked, confidence=round(confidence, 3), engine=ENGINE)
