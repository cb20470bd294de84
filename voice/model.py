"""The one module that wraps faster-whisper: find and load the model once, run it, run VAD."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faster_whisper import WhisperModel
from faster_whisper.utils import available_models
from faster_whisper.vad import VadOptions, get_speech_timestamps

from voice.decode import SAMPLE_RATE, Samples
from voice.errors import ModelUnavailable

# Files a converted model folder needs; without tokenizer.json faster-whisper would fetch one
# from the Hugging Face Hub, and nothing may leave the machine.
_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")

# Our decoding settings; bench/voice_bench.py compares them with faster-whisper's defaults.
DECODE_OPTIONS: dict[str, Any] = {
    "beam_size": 5,
    "vad_filter": True,
    # Timestamps are never shown to the owner; skipping them saves decoding steps.
    "without_timestamps": True,
    # Voice notes are short; a bad first window should not steer the rest into a loop.
    "condition_on_previous_text": False,
}


@dataclass(frozen=True, slots=True)
class Segment:
    """One decoded stretch of speech and the model's own scores for it."""

    text: str
    seconds: float
    avg_logprob: float
    no_speech_prob: float


@dataclass(frozen=True, slots=True)
class Heard:
    """Everything faster-whisper returned for one note, fully consumed."""

    segments: list[Segment]
    language: str


class WhisperEngine:
    """A faster-whisper model on the CPU (int8), loaded on first use and shared by threads."""

    def __init__(
        self,
        model: str,
        *,
        workers: int,
        cpu_threads: int,
        download_root: Path | None = None,
        allow_download: bool = False,
    ) -> None:
        self.model = model
        self._workers = workers
        self._cpu_threads = cpu_threads
        self._download_root = download_root
        self._allow_download = allow_download
        self._lock = threading.Lock()
        self._whisper: Any = None

    def load(self) -> None:
        """Load the model unless it is loaded; safe to call from several threads at once."""
        if self._whisper is not None:
            return
        with self._lock:
            if self._whisper is None:
                self._whisper = self._open()

    @property
    def multilingual(self) -> bool:
        """Whether the model knows languages other than English (".en" models do not)."""
        self.load()
        return bool(self._whisper.model.is_multilingual)

    @property
    def languages(self) -> frozenset[str]:
        """Language codes the loaded model can be told to expect."""
        self.load()
        return frozenset(self._whisper.supported_languages)

    def transcribe(
        self, samples: Samples, *, language: str | None, prompt: str | None, hotwords: str | None
    ) -> Heard:
        """Run the model and consume its lazy segment generator here, in the calling thread."""
        self.load()
        segments, info = self._whisper.transcribe(
            samples,
            language=language,
            initial_prompt=prompt,
            hotwords=hotwords,
            **DECODE_OPTIONS,
        )
        heard = [
            Segment(
                text=segment.text,
                seconds=max(0.0, float(segment.end) - float(segment.start)),
                avg_logprob=float(segment.avg_logprob),
                no_speech_prob=float(segment.no_speech_prob),
            )
            for segment in segments
        ]
        return Heard(segments=heard, language=str(info.language))

    def _open(self) -> Any:
        path = self._locate()
        try:
            return WhisperModel(
                path,
                device="cpu",
                compute_type="int8",
                cpu_threads=self._cpu_threads,
                # One CTranslate2 worker per pool thread, so concurrent notes really run at once.
                num_workers=self._workers,
                download_root=None if self._download_root is None else str(self._download_root),
                local_files_only=not self._allow_download,
            )
        except Exception as exc:  # any failure here means "no usable model", whatever raised it
            if Path(path).is_dir() or self._allow_download:
                problem = f"whisper model {self.model!r} failed to load"
            else:
                problem = (
                    f"whisper model {self.model!r} is not in the local cache and downloads are off"
                )
            raise ModelUnavailable(f"{problem} ({type(exc).__name__})") from exc

    def _locate(self) -> str:
        """A model folder, or a size name that faster-whisper resolves through the HF cache."""
        folder = Path(self.model).expanduser()
        if folder.is_dir():
            missing = [name for name in _REQUIRED_FILES if not (folder / name).is_file()]
            if missing:
                raise ModelUnavailable(
                    f"whisper model folder {str(folder)!r} lacks {', '.join(missing)}"
                )
            return str(folder)
        if self.model in available_models():
            return self.model
        if os.sep in self.model or self.model.startswith((".", "~")):
            raise ModelUnavailable(f"there is no whisper model folder at {str(folder)!r}")
        raise ModelUnavailable(
            f"{self.model!r} is neither a whisper model folder nor a faster-whisper size name "
            "(tiny, base, small, medium, large-v3 ...)"
        )


def speech_seconds(samples: Samples) -> float:
    """Seconds of speech that Silero VAD (faster-whisper's own) finds in the samples."""
    chunks = get_speech_timestamps(samples, VadOptions())
    return sum(int(chunk["end"]) - int(chunk["start"]) for chunk in chunks) / SAMPLE_RATE
