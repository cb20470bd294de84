"""The package's public API, the fake beside it, and the file entry point."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

import voice
from voice import (
    FakeTranscriber,
    NoSpeech,
    SpeechToText,
    Transcriber,
    Transcript,
    TranscriptionHints,
    mime_type_for,
    transcribe_file,
)


def test_everything_in_all_is_importable() -> None:
    for name in voice.__all__:
        assert hasattr(voice, name), name


def test_the_real_and_the_fake_transcriber_both_fit_the_protocol() -> None:
    def as_protocol(transcriber: SpeechToText) -> SpeechToText:
        return transcriber

    # mypy checks these two lines: both classes must match SpeechToText.
    as_protocol(FakeTranscriber("hello"))
    real = Transcriber("tiny.en")
    as_protocol(real)
    real.close()


async def test_the_fake_answers_in_script_order_and_records_calls() -> None:
    fake = FakeTranscriber("Ahmed paid 100", NoSpeech(), "sold 2 bags")
    hints = TranscriptionHints(words=["Ahmed"], language="en")

    first = await fake.transcribe(b"ogg", "audio/ogg", hints=hints)
    with pytest.raises(NoSpeech):
        await fake.transcribe(b"ogg", "audio/ogg", hints=hints)
    third = await fake.transcribe(b"ogg", "audio/ogg", hints=hints)
    fourth = await fake.transcribe(b"mp3", "audio/mpeg", hints=hints)

    assert [first.text, third.text, fourth.text] == ["Ahmed paid 100", "sold 2 bags", "sold 2 bags"]
    assert [call.mime_type for call in fake.calls][-1] == "audio/mpeg"
    assert fake.calls[0].hints == hints


async def test_a_file_is_read_and_sent_with_its_mime_type(tmp_path: Path) -> None:
    note = tmp_path / "note.opus"
    note.write_bytes(b"OggS...")
    scripted = Transcript("Ahmed paid 100", "en", 0.9, 2.0, 0.3)
    fake = FakeTranscriber(scripted)

    transcript = await transcribe_file(note, fake)

    assert transcript == scripted
    assert fake.calls[0].audio == b"OggS..."
    assert fake.calls[0].mime_type == "audio/ogg"
    assert fake.calls[0].hints == TranscriptionHints()


def test_voice_note_extensions_map_to_audio_mime_types() -> None:
    assert mime_type_for("note.ogg") == "audio/ogg"
    assert mime_type_for("voice.M4A") == "audio/mp4"
    assert mime_type_for("a.mp3") == "audio/mpeg"
    assert mime_type_for("a.wav") == "audio/wav"
    assert mime_type_for("no-extension") == "application/octet-stream"


def test_transcripts_are_frozen() -> None:
    transcript = Transcript("x", "en", 1.0, 1.0, 0.1)

    with pytest.raises(FrozenInstanceError):
        transcript.__setattr__("text", "y")
