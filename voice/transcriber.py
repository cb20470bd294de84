"""The faster-whisper transcriber: decode, check, transcribe, all in a bounded thread pool."""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from voice.decode import decode, duration_s
from voice.errors import NoSpeech
from voice.model import Segment, WhisperEngine, speech_seconds
from voice.prompt import bias, echoes
from voice.transcript import Transcript, TranscriptionHints

DEFAULT_MAX_SECONDS = 120.0


def available_cpus() -> int:
    """CPUs this process may use (the container's share, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_concurrency() -> int:
    """Half the CPUs: each note gets two cores, and text replies keep the rest."""
    return max(1, available_cpus() // 2)


class Transcriber:
    """Voice notes to text with faster-whisper on the local CPU, off the event loop."""

    def __init__(
        self,
        model: str | os.PathLike[str],
        *,
        concurrency: int | None = None,
        max_seconds: float = DEFAULT_MAX_SECONDS,
        download_root: str | os.PathLike[str] | None = None,
        allow_download: bool = False,
    ) -> None:
        self.concurrency = default_concurrency() if concurrency is None else concurrency
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {self.concurrency}")
        if max_seconds <= 0:
            raise ValueError(f"max_seconds must be positive, got {max_seconds}")
        self.max_seconds = max_seconds
        self._engine = WhisperEngine(
            os.fspath(model),
            workers=self.concurrency,
            # Split the cores between parallel notes instead of oversubscribing them.
            cpu_threads=max(1, available_cpus() // self.concurrency),
            download_root=None if download_root is None else Path(download_root),
            allow_download=allow_download,
        )
        self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="voice")

    async def load(self) -> None:
        """Load the model now (e.g. at start-up) instead of on the first note."""
        await asyncio.get_running_loop().run_in_executor(self._pool, self._engine.load)

    async def transcribe(
        self, audio: bytes, mime_type: str, *, hints: TranscriptionHints
    ) -> Transcript:
        """Transcribe one note in the pool; raises a `VoiceError` subclass for unusable audio."""
        # mime_type is not needed to decode: PyAV sniffs the container, and chat apps mislabel.
        del mime_type
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.transcribe_blocking, audio, hints)

    def transcribe_blocking(self, audio: bytes, hints: TranscriptionHints) -> Transcript:
        """The whole job, synchronously; runs in a pool thread (or a script)."""
        started = time.perf_counter()
        # Decoding first is cheap and rejects bad notes before the model is even loaded.
        samples = decode(audio, max_seconds=self.max_seconds)
        if speech_seconds(samples) == 0:
            raise NoSpeech(detail="voice activity detection found no speech")
        loading = time.perf_counter()
        self._engine.load()
        # The one-off model load is not this note's work; report it apart (see load()).
        loading = time.perf_counter() - loading
        language = self._language(hints.language)
        words = bias(hints.words, language=language)
        heard = self._engine.transcribe(
            samples, language=language, prompt=words.prompt, hotwords=words.hotwords
        )
        text = " ".join(part for part in (s.text.strip() for s in heard.segments) if part)
        if not text:
            raise NoSpeech(detail="the model heard no words")
        if echoes(text, hints.words):
            raise NoSpeech(detail="the model only repeated the shop's words")
        return Transcript(
            text=text,
            language=heard.language,
            confidence=confidence(heard.segments),
            duration_s=round(duration_s(samples), 3),
            elapsed_s=round(time.perf_counter() - started - loading, 3),
        )

    def close(self) -> None:
        """Stop the worker threads; notes still queued are cancelled."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _language(self, wanted: str | None) -> str | None:
        """The language to force, or None to let the model detect it."""
        if not self._engine.multilingual:
            return "en"  # ".en" models only know English; detection would be wasted work
        if wanted:
            code = wanted.replace("_", "-").split("-")[0].lower()
            if code in self._engine.languages:
                return code
        return None


def confidence(segments: Sequence[Segment]) -> float:
    """0..1: each segment's mean token probability times its chance of being speech."""
    if not segments:
        return 0.0
    weights = [max(segment.seconds, 0.01) for segment in segments]
    scores = [
        math.exp(min(0.0, segment.avg_logprob)) * (1.0 - segment.no_speech_prob)
        for segment in segments
    ]
    value = sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)
    return round(min(1.0, max(0.0, value)), 3)
