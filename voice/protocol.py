"""The one interface the bot depends on, so tests can swap in a fake transcriber."""

from __future__ import annotations

from typing import Protocol

from voice.transcript import Transcript, TranscriptionHints


class SpeechToText(Protocol):
    """Anything that turns the bytes of a voice note into a transcript."""

    async def transcribe(
        self, audio: bytes, mime_type: str, *, hints: TranscriptionHints
    ) -> Transcript:
        """Transcribe one note, or raise a `voice.VoiceError` with a message for the user."""
        ...
