"""The LLM engine's output passes the same checks as the rule engine's before it is booked.

The real conversation, with the real openai SDK talking HTTP to a fake OpenAI server on
127.0.0.1 that answers like a model which invents numbers and names.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from intents.llm import LLMParser
from ledger import Database
from tests.bot.helpers import books, conversation, greet, load_shop, on_hand, say
from tests.fakes.openai_server import FakeOpenAI, Reply


def sale(qty: str, price: str | None, party: str | None) -> str:
    return json.dumps({
        "items": [{"product": "rice", "qty": qty, "unit_price": price}],
        "party": party, "paid": None, "method": None, "date": None, "note": None,
    })  # fmt: skip


@pytest.fixture
async def llm(model: FakeOpenAI) -> AsyncIterator[LLMParser]:
    parser = LLMParser(
        api_key="test-key", base_url=model.base_url, model="fake", timeout=2, max_retries=0
    )
    yield parser
    await parser.close()


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # a quantity and a price the owner never said
        ("sold 2 rice to ahmed 40 each", sale("5", "40", "ahmed")),
        ("sold 2 rice to ahmed 40 each", sale("2", "99", "ahmed")),
        # a customer the owner never named
        ("sold 2 rice 40 each", sale("2", "40", "fatima")),
        ("sold 2 rice 40 each", sale("2", "40", "Zainab Qureshi")),
    ],
)
async def test_an_invented_number_or_name_is_asked_never_booked(
    db: Database, model: FakeOpenAI, llm: LLMParser, text: str, answer: str
) -> None:
    shop = await load_shop(db)
    conv = conversation(db, parser=llm)
    await greet(conv, shop.owner)
    before = await books(db, shop)
    model.replies.append(Reply(tool="record_sale", arguments=answer))

    reply = await say(conv, shop.owner, text)

    assert "Book it?" in reply
    assert await books(db, shop) == before
    assert await on_hand(db, shop, "Rice 5kg") == 25
    assert "cancel" in (await say(conv, shop.owner, "no")).lower()
    assert await books(db, shop) == before


async def test_a_faithful_answer_is_booked_at_once(
    db: Database, model: FakeOpenAI, llm: LLMParser
) -> None:
    shop = await load_shop(db)
    conv = conversation(db, parser=llm)
    await greet(conv, shop.owner)
    model.replies.append(Reply(tool="record_sale", arguments=sale("2", "40", "ahmed")))

    reply = await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")

    assert "INV-" in reply
    assert (await books(db, shop)).invoices == 1
