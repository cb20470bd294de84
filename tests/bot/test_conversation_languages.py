"""The corrections and accounts of #15, spoken to an owner in English, Hinglish and Arabic,
through the pipeline production runs (privacy included): each reply is the template of the
owner's language, filled with the books' own figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.replies import Replies
from ledger import Database
from tests.bot.helpers import load_shop, say
from tests.consent.helpers import private_conversation

MARK = "§"


def fragments(words: Replies, name: str, **context: Any) -> list[str]:
    """The fixed words of a reply around the parts marked §, to find in what was said."""
    return [p.strip() for p in words.render(name, **context).split(MARK) if p.strip()]


def said(reply: str, words: Replies, name: str, **context: Any) -> bool:
    return all(part in reply for part in fragments(words, name, **context))


@pytest.mark.parametrize(
    ("word", "code"), [("english", "en"), ("hinglish", "hi"), ("arabic", "ar")]
)
async def test_corrections_suppliers_voids_and_statements_in_the_owners_language(
    db: Database, word: str, code: str
) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    owner = shop.owner
    words = Replies(code, "AED")
    await say(conv, owner, f"language {word}")

    asked = await say(conv, owner, "received 10 milk from gulf dairy at 4 each")
    assert asked.endswith(words.render("ask_purchase_terms", supplier="Gulf Dairy", last=""))
    received = await say(conv, owner, "credit")
    assert received == words.render(
        "stock_received",
        levels=[("Milk 1L", Decimal(50))],
        cost=4000,
        supplier="Gulf Dairy",
        balance=-4000,
        kind="supplier",
    )
    assert (await say(conv, owner, "how much do I owe gulf dairy")) == words.render(
        "party_due", party="Gulf Dairy", balance=-4000, kind="supplier"
    )

    await say(conv, owner, "sold 2 rice to ahmed 40 each")
    correcting = await say(conv, owner, "no, I meant 3")
    assert said(correcting, words, "amend_question", old="INV-2026-0001", summary=MARK)
    corrected = await say(conv, owner, "yes")
    assert corrected.startswith(words.render("amend_done", old="INV-2026-0001"))

    first = await say(conv, owner, "sold 5 basmati 210 each")  # over AED 1,000: read back
    second = await say(conv, owner, "paid electricity bill 1500")
    assert second == words.render("question_queued", first=first)
    booked = await say(conv, owner, "yes")
    assert said(booked, words, "question_next", prompt=MARK)
    await say(conv, owner, "no")

    await say(conv, owner, "cancel invoice INV-2026-0002")
    voided = await say(conv, owner, "yes")
    assert voided == words.render(
        "invoice_voided",
        number="INV-2026-0002",
        party="Ahmed Khan",
        balance=0,
        kind="customer",
        refunded=12000,
        credited=0,
    )

    statement = await say(conv, owner, "send gulf dairy his statement")
    assert statement.startswith(
        words.render("statement_here", party="Gulf Dairy", period="this month")
    )
