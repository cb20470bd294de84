"""What goes into a transcription (hints) and what comes out (a transcript)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TranscriptionHints:
    """Shop vocabulary that biases recognition, and the language if the shop knows it."""

    # Product and party names from the shop's catalog, e.g. ["Basmati rice", "Ahmed"].
    words: list[str] = field(default_factory=list)
    # An ISO 639-1 code such as "en", "hi", "ur" or "ar"; None lets the model detect it.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """The text heard in one voice note, with how sure the model was and how long it took."""

    text: str
    language: str
    # 0..1, from the segments' average token log-probability and no-speech probability.
    confidence: float
    duration_s: float
    elapsed_s: float
