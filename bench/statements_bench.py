"""SQL statements and transactions per message, through the pipeline production runs.

The conversation with privacy on and the server's outbox sink, on SQLite (or DATABASE_URL),
the rule engine: a text sale, a credit sale, a payment, a report and a read-back answered yes.
Every statement is counted with SQLAlchemy's `before_cursor_execute` on both engines (writer
and reader); transactions are counted by BEGIN. Prints one line per message kind and the
figures for a text sale, the number #14 and #16 track (47 statements in 9 transactions before).

    .venv/bin/python bench/statements_bench.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from bot.messages import InboundMessage
from bot.server import make_sink
from consent.crypto import Cipher
from intents import RuleParser
from ledger import Database, load_catalog, read_catalog
from voice import FakeTranscriber

CATALOG = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "catalog_ae.json"
OWNER = "+971500000001"
SCRIPTS = {
    "text sale": ["sold 2 rice to ahmed 40 each"],
    "credit sale": ["fatima took two tray eggs on credit"],
    "payment": ["fatima paid 5"],
    "sales report": ["what did I sell today"],
    "read-back + yes": ["sold 3 basmati 400 each", "yes"],
}


class Counter:
    """Statements and BEGINs seen on an engine's connections."""

    def __init__(self) -> None:
        self.statements = 0
        self.transactions = 0

    def attach(self, sync: Any) -> None:

        @event.listens_for(sync, "before_cursor_execute")
        def _count(*_: Any) -> None:
            self.statements += 1

        @event.listens_for(sync, "begin")
        def _begin(*_: Any) -> None:
            self.transactions += 1


async def main(repeat: int) -> None:
    folder = Path(tempfile.mkdtemp())
    db = Database(f"sqlite+aiosqlite:///{folder}/bench.db")
    await db.migrate()
    async with db.session() as session:
        data = read_catalog(CATALOG)
        for n, party in enumerate(data["parties"]):
            party["phone"] = f"+9715500000{n:02d}"
        await load_catalog(session, data, OWNER)
    cipher = Cipher(Fernet.generate_key())
    conv = Conversation(
        db,
        RuleParser(),
        FakeTranscriber(""),
        CoreConfig(),
        sink=make_sink(cipher, frozenset({"whatsapp"})),
        privacy=Privacy(cipher, PrivacyConfig()),
    )
    counter = Counter()
    for engine in db.sync_engines:  # SQLite has reader and quick engines of its own
        counter.attach(engine)

    async def say(text: str) -> None:
        msg = InboundMessage("whatsapp", OWNER, uuid.uuid4().hex, datetime.now(UTC), text)
        await conv.handle(msg)

    await say("hi")  # the first message carries the privacy notice: not what is measured
    print(
        f"{'message':<18} {'statements':>10} {'transactions':>12} {'CPU ms':>8}"
        f"   (median of {repeat}; CPU of this process, all threads)"
    )
    for name, lines in SCRIPTS.items():
        statements, transactions, cpu = [], [], []
        for _ in range(repeat):
            s0, t0, c0 = counter.statements, counter.transactions, time.process_time()
            for line in lines:
                await say(line)
            cpu.append((time.process_time() - c0) * 1000)
            statements.append(counter.statements - s0)
            transactions.append(counter.transactions - t0)
        print(
            f"{name:<18} {statistics.median(statements):>10.0f} "
            f"{statistics.median(transactions):>12.0f} {statistics.median(cpu):>8.1f}"
        )
    await db.dispose()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    asyncio.run(main(ap.parse_args().repeat))
