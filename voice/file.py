"""Transcribe an audio file from disk: what `hisaab transcribe FILE` calls."""

from __future__ import annotations

import asyncio
import mimetypes
import os
from pathlib import Path

from voice.protocol import SpeechToText
from voice.transcript import Transcript, TranscriptionHints

# Voice-note extensions that the mimetypes table lacks or gets wrong on some systems.
_MIME_TYPES = {
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
}


def mime_type_for(path: str | os.PathLike[str]) -> str:
    """Best guess at an audio file's mime type from its name."""
    suffix = Path(path).suffix.lower()
    guessed, _ = mimetypes.guess_type(Path(path).name)
    return _MIME_TYPES.get(suffix) or guessed or "application/octet-stream"


async def transcribe_file(
    path: str | os.PathLike[str],
    transcriber: SpeechToText,
    *,
    hints: TranscriptionHints | None = None,
) -> Transcript:
    """Read the file (off the event loop) and transcribe it; the file itself is left alone."""
    audio = await asyncio.to_thread(Path(path).read_bytes)
    return await transcriber.transcribe(
        audio, mime_type_for(path), hints=hints or TranscriptionHints()
    )
