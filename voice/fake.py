"""A scripted stand-in for the transcriber, for the bot's tests."""

from __future__ import annotations

from dataclasses import dataclass

from voice.errors import VoiceError
from voice.transcript import Transcript, TranscriptionHints


@dataclass(frozen=True, slots=True)
class FakeCall:
    """One call the fake received."""

    audio: bytes
    mime_type: str
    hints: TranscriptionHints


class FakeTranscriber:
    """Answers each call with the next scripted result; the last one repeats."""

    def __init__(self, *results: str | Transcript | VoiceError) -> None:
        if not results:
            raise ValueError("script at least one result: a text, a Transcript or a VoiceError")
        self._results = list(results)
        self.calls: list[FakeCall] = []

    async def transcribe(
        self, audio: bytes, mime_type: str, *, hints: TranscriptionHints
    ) -> Transcript:
        """Record the call and return (or raise) the next scripted result."""
        self.calls.append(FakeCall(audio=audio, mime_type=mime_type, hints=hints))
        result = self._results.pop(0) if len(self._results) > 1 else self._results[0]
        if isinstance(result, VoiceError):
            raise result
        if isinstance(result, str):
            return Transcript(
                text=result, language="en", confidence=1.0, duration_s=1.0, elapsed_s=0.0
            )
        return result
