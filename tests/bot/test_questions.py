"""Typed questions (#14): every kind goes into the sealed queue and comes back as the same
class with the same fields; a question stored before the classes existed (the payload the
queue has always kept) is answered after the upgrade; a row of a kind no longer asked is
dropped, not a crash. And the pipeline's chain runs its steps in order, each able to answer
and stop it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import cast

import pytest
from cryptography.fernet import Fernet

from bot.conversation import pending as store
from bot.conversation.corrections import AmendEntry
from bot.conversation.onboarding import Onboarding
from bot.conversation.outcome import Outcome
from bot.conversation.pipeline import Exchange, Next, Step, chain
from bot.conversation.privacy import Erase, EraseShop
from bot.conversation.questions import (
    QUESTIONS,
    AskPrice,
    ChooseParty,
    Confirm,
    NegativeStock,
    NewProduct,
    PurchaseTerms,
    Question,
)
from bot.tables import PendingRow
from consent.crypto import Cipher
from intents.models import RecordPayment, RecordSale
from intents.slots import PartyRef
from ledger import Database, find_product
from tests.bot.helpers import books, conversation, greet, load_shop, say

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
SALE = RecordSale.model_validate(
    {"items": [{"product": "Rice 5kg", "qty": 2, "unit_price": 40}], "party": {"name": "Ahmed"}}
)
PAYMENT = RecordPayment(party=PartyRef(name="Ahmed"), amount=Decimal(100), direction="in")

EVERY_KIND: list[Question] = [
    Confirm(SALE, business_id=7),
    NegativeStock(SALE, business_id=7),
    NewProduct("Saffron", 2500, SALE, "gram", business_id=7),
    NewProduct("Saffron", 2500, business_id=7),
    AskPrice("Saffron", SALE, business_id=7),
    AskPrice("Saffron", None, "kg", business_id=7),
    ChooseParty(["Ahmed Ali", "Ahmed Khan"], PAYMENT, business_id=7),
    PurchaseTerms(SALE, business_id=7),
    AmendEntry(SALE, 41, "INV-2026-0012", 12, business_id=7),
    Onboarding("tax", "Al Noor", "AE"),
    Erase(),
    EraseShop("Al Noor", business_id=7),
]


def test_every_kind_of_question_is_covered_here() -> None:
    assert {q.kind for q in EVERY_KIND} == set(QUESTIONS)


@pytest.mark.parametrize("question", EVERY_KIND, ids=lambda q: type(q).__name__)
async def test_a_question_comes_back_from_the_sealed_queue_as_it_went_in(
    db: Database, question: Question
) -> None:
    cipher, key = Cipher(Fernet.generate_key()), f"test:{uuid.uuid4()}"
    async with db.session() as session:
        assert await store.save(session, key, question, "Asked?", NOW, 10, cipher)
    async with db.session() as session:
        [back] = await store.waiting(session, key, NOW, cipher)
    assert type(back.question) is type(question)
    assert back.question == question
    assert back.prompt == "Asked?"


async def test_a_question_stored_in_the_old_form_is_answered_after_the_upgrade(
    db: Database,
) -> None:
    """Rows written before the question classes: kind, and {"payload": {...}} sealed."""
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    cipher = conv.cipher
    payload = {"intent": SALE.model_dump_json(), "product": "Saffron", "price_minor": 2500}
    sealed = cipher.seal(json.dumps({"payload": payload, "prompt": "Add Saffron?"}))
    async with db.session() as session:
        session.add(
            PendingRow(
                sender_key=f"whatsapp:{shop.owner}",
                position=1,
                business_id=shop.business.id,
                kind="new_product",
                payload=sealed,
                expires_at=datetime.now(UTC).replace(year=2099),
            )
        )
    before = (await books(db, shop)).invoices

    reply = await say(conv, shop.owner, "yes")

    assert "INV-" in reply and "Rice 5kg" in reply, reply
    assert (await books(db, shop)).invoices == before + 1
    async with db.session() as session:
        saffron = await find_product(session, shop.business.id, "Saffron")
    assert saffron is not None and saffron.price_minor == 2500


async def test_a_stored_question_of_a_kind_no_longer_asked_is_dropped(db: Database) -> None:
    cipher, key = Cipher(Fernet.generate_key()), f"test:{uuid.uuid4()}"
    sealed = cipher.seal(json.dumps({"payload": {}, "prompt": "?"}))
    async with db.session() as session:
        session.add(
            PendingRow(
                sender_key=key, position=1, business_id=None, kind="retired_kind",
                payload=sealed, expires_at=NOW.replace(year=2099),
            )
        )  # fmt: skip
    async with db.session() as session:
        assert await store.waiting(session, key, NOW, cipher) == []
    async with db.session() as session:
        assert await store.waiting(session, key, NOW, cipher) == []  # and it is gone


NOBODY = cast(Exchange, None)  # the steps below never look at it


async def test_the_chain_runs_steps_in_order_and_a_step_may_answer_alone() -> None:
    seen: list[str] = []

    def step(name: str, answers: bool = False) -> Step:
        async def run(ex: Exchange, call_next: Next) -> Outcome:
            seen.append(name)
            if answers:
                return Outcome.say(name)
            out = await call_next(ex)
            seen.append(f"after {name}")
            return out

        return run

    async def last(ex: Exchange) -> Outcome:
        seen.append("last")
        return Outcome.say("last")

    whole = chain([step("a"), step("b"), step("c")], last)
    out = await whole(NOBODY)
    assert [r.text for r in out.replies] == ["last"]
    assert seen == ["a", "b", "c", "last", "after c", "after b", "after a"]

    seen.clear()
    short = chain([step("a"), step("b", answers=True), step("c")], last)
    out = await short(NOBODY)
    assert [r.text for r in out.replies] == ["b"]
    assert seen == ["a", "b", "after a"]
