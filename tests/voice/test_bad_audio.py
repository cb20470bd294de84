"""Unusable notes raise a typed error with a message for the owner; the next note still works."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from tests.voice.conftest import HINTS
from tests.voice.support import encode, join_wav, silence_wav
from voice import (
    AudioTooLong,
    EmptyAudio,
    NoSpeech,
    Transcriber,
    UndecodableAudio,
    VoiceError,
)

pytestmark = pytest.mark.slow


def corrupt() -> bytes:
    """Bytes that start like an OGG page and then are noise, as from a broken download."""
    return b"OggS" + os.urandom(4_000)


BAD_NOTES: list[tuple[str, Callable[[], bytes], type[VoiceError], str]] = [
    ("corrupt bytes", corrupt, UndecodableAudio, "couldn't play"),
    ("zero-length file", lambda: b"", EmptyAudio, "empty"),
    ("header without samples", lambda: silence_wav(0), EmptyAudio, "empty"),
    ("3 s of silence", lambda: encode(silence_wav(3.0), "ogg"), NoSpeech, "any words"),
]


@pytest.mark.parametrize(
    ("make_note", "error", "says"), [c[1:] for c in BAD_NOTES], ids=[c[0] for c in BAD_NOTES]
)
async def test_an_unusable_note_raises_its_error_with_a_message_for_the_owner(
    transcriber: Transcriber, make_note: Callable[[], bytes], error: type[VoiceError], says: str
) -> None:
    with pytest.raises(error) as raised:
        await transcriber.transcribe(make_note(), "audio/ogg", hints=HINTS)

    assert says in raised.value.message
    assert len(raised.value.message) < 160


async def test_a_note_over_the_limit_is_refused_with_the_limit_in_words(
    transcriber: Transcriber, sale_wav: bytes
) -> None:
    too_long = join_wav(sale_wav, silence_wav(transcriber.max_seconds + 5))

    with pytest.raises(AudioTooLong) as raised:
        await transcriber.transcribe(too_long, "audio/wav", hints=HINTS)

    assert raised.value.max_seconds == 120
    assert "longer than 2 minutes" in raised.value.message
    assert "VOICE_MAX_SECONDS" in str(raised.value)


async def test_the_transcriber_still_works_after_every_kind_of_bad_note(
    transcriber: Transcriber, sale_wav: bytes, sale_notes: dict[str, bytes]
) -> None:
    bad = [make() for _, make, _, _ in BAD_NOTES]
    bad.append(join_wav(sale_wav, silence_wav(transcriber.max_seconds + 5)))
    for note in bad:
        with pytest.raises(VoiceError):
            await transcriber.transcribe(note, "audio/ogg", hints=HINTS)

    after = await transcriber.transcribe(sale_notes["ogg"], "audio/ogg", hints=HINTS)

    assert "rice" in after.text.lower()


def test_messages_for_the_owner_carry_no_technical_detail() -> None:
    errors = [
        EmptyAudio(detail="zero bytes"),
        UndecodableAudio(detail="InvalidDataError: [Errno 1094995529]"),
        NoSpeech(detail="voice activity detection found no speech"),
        AudioTooLong(90, seconds=95.2),
    ]

    for error in errors:
        assert error.message.endswith("."), error.message
        assert "Errno" not in error.message
        assert "voice activity" not in error.message
    assert "90 seconds" in AudioTooLong(90).message
