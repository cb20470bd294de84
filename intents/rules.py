"""The rule engine: offline, no key, CPU only; unsure messages become `unknown`."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import ValidationError

from intents.amend import apply
from intents.containers import unpacked
from intents.grammar import classify
from intents.matching import CatalogIndex
from intents.message import Message
from intents.models import AddStock, AdjustStock, Amend, Intent, RecordSale, Unknown
from intents.packs import in_packs, pack_size, says_pack
from intents.parser import INTENT_ADAPTER, ParseContext, ParseResult
from intents.pieces import tagged
from intents.slots import ItemSlot

ENGINE = "rules"
# A minus sign or the word "minus" before a number: "sold -5 rice" is not a sale of 5.
# "suresh - 2 kg dal" uses the dash as a separator.
_NEGATIVE = re.compile(r"(?:(?<![\w.])-\d)|\bminus\b", re.IGNORECASE)
# Writes whose amounts are never negative; a stock correction may be ("-2 milk expired").
_POSITIVE_ONLY = {"record_sale", "add_stock", "record_payment", "record_expense", "set_price"}
# "sold 1 oil to priya, no wait, 2 oil": a write corrected within the message itself.
_SELF_FIX = re.compile(
    r"[,;.!]?\s*(?:\b(?:no\s*,?\s*wait|sorry|i\s+mean[t]?|nahi\s+nahi|matlab|actually|oops"
    r"|correction)\b|\.{2,}|[,;]\s*no\b(?=\s*[0-9])|،?\s*لا(?=\s*[0-9٠-٩]))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CORRECTABLE = {
    "record_sale", "add_stock", "record_payment", "record_expense", "adjust_stock", "add_party",
}  # fmt: skip
SELF_FIX_CONFIDENCE = 0.6


class RuleParser:
    """Grammar, number words, dates and fuzzy catalog matching; no network, no writes."""

    engine = ENGINE

    async def parse(self, text: str, ctx: ParseContext) -> ParseResult:
        """Parse one message (the work is CPU-only and fast, so it runs inline)."""
        return self.parse_sync(text, ctx)

    def parse_sync(self, text: str, ctx: ParseContext) -> ParseResult:
        """Parse one message synchronously."""
        counted = unpacked(text)
        if counted != text:
            # "3 crates tomatos 10kg each" is 30 kg of tomatoes: read as that, and read back
            # (the 30 was never said; intents.containers)
            return self.parse_sync(counted, ctx)
        renumbered = _renumbered(text)
        # "maine 2 nahi 3 coke becha tha": a count of a sale said in the past is corrected
        # (an amendment), not taken back in the message that says it
        if renumbered != text and not _PAST.search(text):
            # "3 no wait 4 eggs": the number taken back is gone, and what was said is read
            # back (two figures were said for one thing).
            result = self.parse_sync(renumbered, ctx)
            if result.intent.intent in _CORRECTABLE:  # "arre 5 nahi 4 packet the" amends
                confidence = min(result.confidence, SELF_FIX_CONFIDENCE)
                return ParseResult(intent=result.intent, confidence=confidence, engine=ENGINE)
        aside = list(_ASIDE.finditer(text))
        if aside and text[aside[-1].end() :].strip():
            # "fridge leak kar raha hai... anyway Ayesha ne 2 darjan kele liye": what comes
            # after "anyway" is the message; what came before was set aside by the writer
            tail = self.parse_sync(text[aside[-1].end() :], ctx)
            if tail.intent.intent != "unknown":
                return tail
        fixed = self._self_corrected(text, ctx)
        if fixed is not None:
            return fixed
        return self._parse_one(text, ctx)

    def _self_corrected(self, text: str, ctx: ParseContext) -> ParseResult | None:
        """A write and its correction in one message, as the write corrected (read back, as
        its confidence is an amendment's); None when the message is not that."""
        cut = next((m for m in _SELF_FIX.finditer(text) if m.start() > 0), None)
        if cut is None:
            return None
        head = self._parse_one(text[: cut.start()], ctx)
        if head.intent.intent not in _CORRECTABLE:
            return None
        tail = self._parse_one("no wait " + text[cut.end() :], ctx)
        change = tail.intent
        if isinstance(change, Amend):
            change = _aimed(change, head.intent, text[: cut.start()])
        corrected = apply(head.intent, change) if isinstance(change, Amend) else None
        if corrected is None:
            # A write that takes itself back in a way not understood: the message as a whole,
            # read back whatever it says (it holds two values for one thing).
            whole = self._parse_one(text, ctx)
            confidence = min(whole.confidence, SELF_FIX_CONFIDENCE)
            return ParseResult(intent=whole.intent, confidence=confidence, engine=ENGINE)
        # Two values were said for one thing: always read back which one is booked.
        confidence = min(head.confidence, tail.confidence, SELF_FIX_CONFIDENCE)
        return ParseResult(intent=corrected, confidence=round(confidence, 3), engine=ENGINE)

    def _parse_one(self, text: str, ctx: ParseContext) -> ParseResult:
        index = CatalogIndex.of(ctx.catalog)
        toks, pieces = tagged(text, index)  # the doubt check reads the same message again
        msg = Message(text, list(toks), list(pieces), index, ctx)
        try:
            intent, confidence = classify(msg)
        except ValidationError:  # a number out of every plausible range: never a write
            intent, confidence = Unknown(hint="out of range"), 0.2
        if getattr(intent, "intent", "") in _POSITIVE_ONLY and _NEGATIVE.search(text):
            intent, confidence = Unknown(hint="negative amount"), 0.2
        checked = _packs(INTENT_ADAPTER.validate_python(intent), text, ctx)
        return ParseResult(intent=checked, confidence=round(confidence, 3), engine=ENGINE)


# A writer setting aside what they said before: "anyway", "whatever", "khair"
_ASIDE = re.compile(r"\b(?:anyway|anyways|anyhow|whatever|khair|khayr)\b[\s,.…!]*", re.IGNORECASE)
_PAST = re.compile(r"\b(tha|thi|was|were)\b", re.IGNORECASE)
# A number taken back at once: "3 no wait 4", "5.. no 6", "70.. sorry 75", "4 nahi 5"
_TAKEN_BACK = re.compile(
    r"\b\d+(?:\.\d+)?(?:\s*\.{2,}\s*|\s*,\s*|\s+)(?:(?:no|nahi|nahin|sorry)\s*,?\s*)?"
    r"(?:no\s*,?\s*wait|no\s+no|nahi\s+nahi|sorry|i\s+mean[t]?|matlab|wait|no|nahi|nahin)"
    r"\s*,?\s*(?=\d)",
    re.IGNORECASE,
)
# A bare number that corrects the last one said, a few words back: "4 milkpak liye, nahi
# nahi 5, aur 2 double roti" (the number stands alone: no goods or unit follow it)
_LATER_FIX = re.compile(
    r"[,;]?\s*\b(?:no\s*,?\s*wait|no\s+no|nahi\s+nahi|sorry|i\s+mean[t]?|matlab)\s*,?\s*"
    r"(?P<new>\d+(?:\.\d+)?)\s*(?=[,;.!]|$|\b(?:aur|and|or)\b)",
    re.IGNORECASE,
)


def _renumbered(text: str) -> str:
    """The message with a number the writer took back replaced by the one they meant."""
    fixed = _TAKEN_BACK.sub("", text)
    found = _LATER_FIX.search(fixed)
    if found is not None:
        before = list(_NUMBER.finditer(fixed[: found.start()]))
        if before:
            last = before[-1]
            fixed = (
                fixed[: last.start()]
                + found["new"]
                + fixed[last.end() : found.start()]
                + fixed[found.end() :]
            )
    return fixed


def _aimed(change: Amend, head: object, said: str) -> Amend:
    """ "38 rupay kilo, sorry 36": a bare number corrects the last figure said before it, which
    may be a price or a cost rather than a quantity."""
    if change.qty is None or change.product is not None or change.unit_price is not None:
        return change
    figures = _NUMBER.findall(said)
    if not figures or not isinstance(head, RecordSale | AddStock):
        return change
    last = Decimal(figures[-1])
    for item in head.items:
        price = item.unit_price if isinstance(item, ItemSlot) else item.unit_cost
        if price is not None and price == last and item.qty != last:
            return change.model_copy(update={"unit_price": change.qty, "qty": None})
    return change


def _packs(intent: Intent, text: str, ctx: ParseContext) -> Intent:
    """Pieces counted where the catalog counts packs, in packs (intents.packs)."""
    units = {p.name: (p.unit, pack_size(p.name, p.unit)) for p in ctx.catalog.products}

    def convert(name: str, count: Decimal | None) -> Decimal | None:
        unit, size = units.get(name, ("", None))
        if count is None or size is None or says_pack(text, unit):
            return None
        return in_packs(count, size, text)

    if isinstance(intent, RecordSale | AddStock):
        items = []
        for item in intent.items:
            packs = convert(item.product, item.qty)
            if packs is None or not packs:
                items.append(item)
                continue
            # a price per piece becomes a price per pack: "24 ande 168 rs" is 2 dozen at 84
            field = "unit_price" if isinstance(item, ItemSlot) else "unit_cost"
            changes: dict[str, object] = {"qty": packs}
            price = getattr(item, field)
            if price is not None:
                changes[field] = (price * item.qty / packs).quantize(Decimal("0.0001")).normalize()
            items.append(item.model_copy(update=changes))
        return intent.model_copy(update={"items": tuple(items)})
    if isinstance(intent, AdjustStock):
        qty = convert(intent.product.name, intent.qty)
        set_to = convert(intent.product.name, intent.set_to)
        update = {k: v for k, v in (("qty", qty), ("set_to", set_to)) if v is not None}
        return intent.model_copy(update=update) if update else intent
    return intent
