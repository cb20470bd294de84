"""The bot keeps answering while a long voice note is being transcribed."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from tests.voice.conftest import HINTS
from voice import Transcriber

pytestmark = pytest.mark.slow

TICK_S = 0.05


async def test_the_event_loop_keeps_ticking_and_a_short_note_overtakes_a_long_one(
    transcriber: Transcriber, long_note: bytes, sale_notes: dict[str, bytes]
) -> None:
    await transcriber.load()
    loop = asyncio.get_running_loop()
    ticks: list[float] = []
    finished: list[str] = []

    async def tick() -> None:
        while True:
            ticks.append(loop.time())
            await asyncio.sleep(TICK_S)

    async def transcribe(name: str, note: bytes) -> float:
        transcript = await transcriber.transcribe(note, "audio/ogg", hints=HINTS)
        finished.append(name)
        return transcript.duration_s

    ticker = asyncio.create_task(tick())
    started = loop.time()
    long_task = asyncio.create_task(transcribe("long", long_note))
    await asyncio.sleep(TICK_S)  # the long note is now in a worker
    await transcribe("short", sale_notes["ogg"])
    long_seconds = await long_task
    elapsed = loop.time() - started
    ticker.cancel()

    assert long_seconds == pytest.approx(75, abs=0.5)
    assert finished == ["short", "long"]
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # A blocked loop would show one gap as long as the transcription itself.
    assert max(gaps) < 0.5, f"the loop stalled for {max(gaps):.2f} s"
    assert len(ticks) >= 0.5 * elapsed / TICK_S
