"""A spoken sale comes back as text with its key words, whatever format the phone used."""

from __future__ import annotations

import re

import pytest

from tests.voice.conftest import HINTS
from tests.voice.support import FORMATS
from voice import Transcriber, TranscriptionHints

pytestmark = pytest.mark.slow


def key_words_heard(text: str) -> dict[str, bool]:
    """Which of the sale's key words are in the text."""
    lowered = text.lower()
    return {
        "rice": "rice" in lowered,
        "Ahmed": "ahmed" in lowered,
        "forty": re.search(r"\b(forty|40)\b", lowered) is not None,
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
async def test_a_voice_note_of_a_sale_is_transcribed_with_its_key_words(
    transcriber: Transcriber, sale_notes: dict[str, bytes], fmt: str
) -> None:
    transcript = await transcriber.transcribe(sale_notes[fmt], FORMATS[fmt].mime_type, hints=HINTS)

    assert all(key_words_heard(transcript.text).values()), transcript.text
    assert transcript.language == "en"
    assert 0.3 < transcript.confidence <= 1.0
    assert 2.0 < transcript.duration_s < 6.0
    assert 0 < transcript.elapsed_s < 10 * transcript.duration_s


async def test_an_english_only_model_ignores_another_language_hint(
    transcriber: Transcriber, sale_notes: dict[str, bytes]
) -> None:
    hints = TranscriptionHints(words=HINTS.words, language="hi")

    transcript = await transcriber.transcribe(sale_notes["ogg"], "audio/ogg", hints=hints)

    assert transcript.language == "en"
    assert "rice" in transcript.text.lower()
