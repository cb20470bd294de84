"""While one owner's long voice note is transcribed, another sender's text is answered."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.conversation.core import Conversation
from intents.rules import RuleParser
from ledger import Database
from tests.bot.helpers import load_shop, say, send
from tests.voice.support import SALE, encode, require_model, speak, stretch_to
from voice import Transcriber


@pytest.mark.slow
async def test_a_text_is_answered_while_a_long_note_is_transcribed(db: Database) -> None:
    shop = await load_shop(db)
    customer = shop.phones["Fatima Ali"]
    transcriber = Transcriber(require_model(), concurrency=1)
    try:
        conv = Conversation(db, RuleParser(), transcriber)
        await say(conv, shop.owner, "fatima took two tray eggs on credit")
        note = encode(stretch_to(speak(SALE), 30.0), "ogg")
        finished: dict[str, float] = {}

        async def voice() -> None:
            await send(conv, shop.owner, audio=note)
            finished["voice"] = time.perf_counter()

        async def text() -> str:
            await asyncio.sleep(0.05)  # the note is already being decoded and transcribed
            reply = await say(conv, customer, "how much do I owe")
            finished["text"] = time.perf_counter()
            return reply

        _, reply = await asyncio.gather(voice(), text())
    finally:
        transcriber.close()
    assert "You owe" in reply and "AED 36" in reply
    assert finished["text"] < finished["voice"]
