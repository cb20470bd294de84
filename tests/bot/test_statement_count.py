"""What one text sale costs the database through the production conversation (privacy on, the
outbox sink): counted with a statement listener on both engines, so that the count only falls.
Today: the read before the write (inbox check, sender, shop: the catalog is cached) and one
write transaction (claim, question queue, the sale's rows, the reply's lines, log, outbox)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from cryptography.fernet import Fernet
from sqlalchemy import event

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from bot.messages import InboundMessage
from bot.server import make_sink
from consent.crypto import Cipher
from intents import RuleParser
from ledger import Database
from tests.bot.helpers import load_shop
from voice import FakeTranscriber

# Statements of "sold 1 milk" (SQLite's BEGIN, SAVEPOINT and RELEASE included); 47 statements
# in 9 transactions when #14 was filed, 30 before the catalog cache, 28 before the sale's own
# shop read came from the one the confirmation threshold had loaded, 27 before the sale's reply
# printed the lines `sell` returns instead of reading them back, 26 before the sale's own
# savepoint went (`sell` refuses before it writes; 22 on PostgreSQL). On PostgreSQL a sale's
# rows are one statement and its reads another (ledger/sale_writes.py): 15 there.
MOST = {"sqlite": 24, "postgresql": 15}


async def test_a_text_sale_costs_at_most_so_many_statements(db: Database) -> None:
    shop = await load_shop(db)
    cipher = Cipher(Fernet.generate_key())
    conv = Conversation(
        db,
        RuleParser(),
        FakeTranscriber(""),
        CoreConfig(),
        sink=make_sink(cipher, frozenset({"whatsapp"})),
        privacy=Privacy(cipher, PrivacyConfig()),
    )

    async def say(text: str) -> None:
        when = datetime.now(UTC)
        await conv.handle(InboundMessage("whatsapp", shop.owner, uuid.uuid4().hex, when, text))

    await say("hi")  # the notice, the first rows
    await say("sold 1 rice")  # the catalog cached
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    engines = set(db.sync_engines)  # the quick engines too
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        await say("sold 1 milk")
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
    assert not any("FROM product" in s and "ORDER BY product.name" in s for s in seen)
    most = MOST["sqlite" if db.is_sqlite else "postgresql"]
    assert len(seen) <= most, "\n".join(seen)
