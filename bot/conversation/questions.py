"""The questions the bot asks and waits on: one class per kind, each reading its own answer.

A question holds what it would book; the queue (`pending.py`) seals it at rest and gives it
back as the same class. `answer` takes the sender's next message: an `Outcome` when it is the
answer (yes, no, a price, a choice), None when they moved on, so the message is read as new
and the question stays open.

What a question needs to act on its answer (the session, the sender, booking an intent) comes
through `Answering`, which the pipeline supplies; so this module knows no dispatcher, and the
modules that ask questions (writes, corrections, onboarding, privacy) import it freely.
Questions of their own module's making live there (`Onboarding` in onboarding.py,
`AmendEntry` in corrections.py, the erasure questions in privacy.py); every class registers
itself by its `kind`, the name stored with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Protocol, Self

from sqlalchemy.ext.asyncio import AsyncSession

from intents.commands import NO, YES, delivery_terms, word_of
from intents.models import Intent
from intents.parser import INTENT_ADAPTER
from ledger import add_product, to_minor

from ..messages import InboundMessage
from ..sender import Sender
from .outcome import Outcome

# kind -> class, filled as each class is defined (see Question.__init_subclass__)
QUESTIONS: dict[str, type[Question]] = {}


class Answering(Protocol):
    """What a question may use to act on its answer (the pipeline's `Exchange` is one)."""

    @property
    def session(self) -> AsyncSession: ...
    @property
    def sender(self) -> Sender: ...
    @property
    def msg(self) -> InboundMessage: ...
    @property
    def now(self) -> datetime: ...

    async def book(
        self,
        intent: Intent,
        *,
        allow_negative: bool = False,
        new_products: frozenset[str] = frozenset(),
    ) -> Outcome:
        """Run an intent the sender has agreed to; a ledger refusal is a friendly reply."""
        ...

    async def run(self, intent: Intent, *, allow_negative: bool = False) -> Outcome:
        """Run an intent; a `LedgerError` propagates (a correction undoes its void on it)."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """A question awaiting the sender's answer; its fields are what it would book.

    A field named `intent` holds an Intent, stored as its JSON ("" when there is none); the
    others are JSON values. The stored form is the payload the queue has always kept, so
    questions asked before an upgrade are answered after it.
    """

    kind: ClassVar[str]
    business_id: int | None = None

    def __init_subclass__(cls) -> None:
        # (No super(): a slots dataclass is made twice, the second class replacing the first.)
        if "kind" in cls.__dict__:
            known = QUESTIONS.get(cls.kind)
            if known is not None and known.__qualname__ != cls.__qualname__:
                raise ValueError(f"two questions of kind {cls.kind!r}")
            QUESTIONS[cls.kind] = cls

    async def moot(self, session: AsyncSession) -> bool:
        """Whether what the question asks about is gone (a correction of an entry undone
        since): such a question is dropped, with a word, instead of asked again."""
        return False

    def payload(self) -> dict[str, Any]:
        """The stored form of what the question holds (the business id is stored beside it)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "business_id":
                continue
            value = getattr(self, f.name)
            if f.name == "intent":
                value = value.model_dump_json() if value is not None else ""
            out[f.name] = value
        return out

    @classmethod
    def load(cls, payload: dict[str, Any], business_id: int | None) -> Self:
        """The question from its stored form; a missing field takes its default."""
        values: dict[str, Any] = {"business_id": business_id}
        for f in dataclasses.fields(cls):
            if f.name == "business_id" or f.name not in payload:
                continue
            value = payload[f.name]
            if f.name == "intent":
                value = INTENT_ADAPTER.validate_json(value) if value else None
            values[f.name] = value
        return cls(**values)

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        """The reply to the sender's answer, or None: not an answer."""
        raise NotImplementedError


def question_from(kind: str, payload: dict[str, Any], business_id: int | None) -> Question:
    """A stored question as its class; KeyError for a kind this process does not know."""
    return QUESTIONS[kind].load(payload, business_id)


def _cancelled(turn: Answering) -> Outcome:
    return Outcome.say(turn.sender.words().render("cancelled"))


def number(word: str) -> Decimal | None:
    """A non-negative number said as one word ("40", "1,200", "2.5"), or None."""
    try:
        value = Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


@dataclass(frozen=True, slots=True, kw_only=True)
class YesNo(Question):
    """A read-back answered yes (do it) or no (cancelled)."""

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        word = word_of(text)
        if word in NO:
            return _cancelled(turn)
        if word not in YES:
            return None  # they moved on: read it as a new message
        return await self.agreed(turn)

    async def agreed(self, turn: Answering) -> Outcome:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Confirm(YesNo):
    """ "Sold 2 rice to Ahmed for 80: yes or no?": the read-back of a write in doubt."""

    kind: ClassVar[str] = "confirm"
    intent: Intent

    async def agreed(self, turn: Answering) -> Outcome:
        return await turn.book(self.intent)


@dataclass(frozen=True, slots=True)
class NegativeStock(YesNo):
    """The sale needs more than the stock on record: sell anyway?"""

    kind: ClassVar[str] = "negative_stock"
    intent: Intent

    async def agreed(self, turn: Answering) -> Outcome:
        return await turn.book(self.intent, allow_negative=True)


@dataclass(frozen=True, slots=True)
class NewProduct(YesNo):
    """A product the books do not have, with a price said: add it (and make the sale)?"""

    kind: ClassVar[str] = "new_product"
    product: str
    price_minor: int
    intent: Intent | None = None
    unit: str = "piece"

    async def agreed(self, turn: Answering) -> Outcome:
        name = await _add(turn, self.product, self.price_minor, self.unit)
        if self.intent is None:
            return _added(turn, name, self.price_minor, self.unit)
        return await turn.book(self.intent, new_products=frozenset({name}))


@dataclass(frozen=True, slots=True)
class AskPrice(Question):
    """A product the books do not have and no price was said: "what does it sell for?"."""

    kind: ClassVar[str] = "ask_price"
    product: str
    intent: Intent | None = None  # the sale waiting on it; None when adding the product only
    unit: str = "piece"

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        word = word_of(text)
        if word in NO:
            return _cancelled(turn)
        price = number(word)
        if price is None:
            return None
        business = turn.sender.business
        price_minor = to_minor(price, business.currency if business else "AED")
        name = await _add(turn, self.product, price_minor, self.unit)
        if self.intent is None:
            return _added(turn, self.product, price_minor, self.unit)
        return await turn.book(self.intent, new_products=frozenset({name}))


@dataclass(frozen=True, slots=True)
class ChooseParty(Question):
    """Two or more parties fit the name: "which one: 1 Ahmed Ali, 2 Ahmed Khan?"."""

    kind: ClassVar[str] = "choose_party"
    candidates: list[str]
    intent: Intent

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        word = word_of(text)
        if word in NO:
            return _cancelled(turn)
        choice = number(word)
        if choice is None or not 1 <= choice <= len(self.candidates) or choice != int(choice):
            named = [c for c in self.candidates if word and word in c.lower()]
            if len(named) != 1:
                return None
            picked = named[0]
        else:
            picked = self.candidates[int(choice) - 1]
        data = self.intent.model_dump()
        data["party"] = {"name": picked, "matched": True, "score": 1.0}
        return await turn.book(INTENT_ADAPTER.validate_python(data))


@dataclass(frozen=True, slots=True)
class PurchaseTerms(Question):
    """A delivery with no word of payment: "paid or on credit?"."""

    kind: ClassVar[str] = "purchase_terms"
    intent: Intent

    async def answer(self, turn: Answering, text: str) -> Outcome | None:
        word = word_of(text)
        if word in NO:
            return _cancelled(turn)
        terms = delivery_terms(word)
        if terms is None:
            return None
        paid, method = terms
        data = self.intent.model_dump()
        data["paid"] = paid
        if method and not data.get("method"):
            data["method"] = method
        return await turn.book(INTENT_ADAPTER.validate_python(data))


async def _add(turn: Answering, product: str, price_minor: int, unit: str) -> str:
    """Add the product the question was about; its name as the books now spell it."""
    sender = turn.sender
    assert sender.business is not None
    added = await add_product(
        turn.session,
        sender.business.id,
        name=product,
        price_minor=price_minor,
        unit=unit,
        member_id=sender.member.id if sender.member else None,
    )
    return added.name


def _added(turn: Answering, product: str, price_minor: int, unit: str) -> Outcome:
    return Outcome.say(
        turn.sender.words().render("product_added", product=product, price=price_minor, unit=unit)
    )
