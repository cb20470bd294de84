"""Decode voice-note bytes (OGG/Opus, MP3, M4A/AAC, WAV ...) in memory with PyAV, no ffmpeg."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import av
import numpy as np
import numpy.typing as npt

from voice.errors import AudioTooLong, EmptyAudio, UndecodableAudio

SAMPLE_RATE = 16_000  # what whisper expects: 16 kHz mono
# Container headers can round up (MP3 duration is estimated from the bitrate), so only a
# header clearly past the limit is refused before decoding; the decoded length is exact.
_HEADER_SLACK_S = 1.0

Samples = npt.NDArray[np.float32]


def decode(audio: bytes, *, max_seconds: float) -> Samples:
    """Return 16 kHz mono float32 samples, refusing empty, undecodable or too long audio."""
    if not audio:
        raise EmptyAudio(detail="zero bytes")
    limit = int(max_seconds * SAMPLE_RATE)
    chunks: list[npt.NDArray[np.int16]] = []
    total = 0
    try:
        # BytesIO keeps the note in memory: nothing is written to disk, so nothing is left there.
        with av.open(io.BytesIO(audio), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise UndecodableAudio(detail="no audio stream in the file")
            _refuse_long_header(container, max_seconds)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in _frames(container):
                for out in resampler.resample(frame):
                    total += _append(chunks, out)
                if total > limit:
                    # Stop early: a very long file costs no more than the limit to reject.
                    raise AudioTooLong(max_seconds)
            for out in resampler.resample(None):
                total += _append(chunks, out)
    except av.FFmpegError as exc:
        raise UndecodableAudio(detail=f"{type(exc).__name__}: {exc}") from exc
    except (IndexError, EOFError) as exc:  # PyAV raises these on some truncated containers
        raise UndecodableAudio(detail=f"{type(exc).__name__}: {exc}") from exc
    if total > limit:
        raise AudioTooLong(max_seconds, seconds=total / SAMPLE_RATE)
    if total == 0:
        raise EmptyAudio(detail="no samples decoded")
    samples: Samples = np.concatenate(chunks).astype(np.float32) / 32768.0
    return samples


def duration_s(samples: Samples) -> float:
    """Length of decoded samples in seconds."""
    return len(samples) / SAMPLE_RATE


def _refuse_long_header(container: Any, max_seconds: float) -> None:
    """Refuse a file whose header already says it is too long, before decoding any of it."""
    if container.duration is not None:
        seconds = container.duration / av.time_base
        if seconds > max_seconds + _HEADER_SLACK_S:
            raise AudioTooLong(max_seconds, seconds=seconds)


def _frames(container: Any) -> Iterator[Any]:
    """Decoded audio frames, skipping damaged packets the way phones' players do."""
    packets = decoded = 0
    for packet in container.demux(container.streams.audio[0]):
        packets += packet.size > 0  # the demuxer ends with an empty flush packet
        try:
            frames = packet.decode()
        except av.InvalidDataError:
            # One bad packet in a long note should not lose the rest; wholly bad files still
            # fail below because nothing decodes.
            continue
        for frame in frames:
            decoded += 1
            yield frame
    if packets == 0:
        raise EmptyAudio(detail="the file holds no audio data")
    if decoded == 0:
        raise UndecodableAudio(detail="no audio frame could be decoded")


def _append(chunks: list[npt.NDArray[np.int16]], frame: Any) -> int:
    """Add one resampled s16 mono frame to the chunks and return its sample count."""
    array: npt.NDArray[np.int16] = frame.to_ndarray().reshape(-1)
    chunks.append(array)
    return len(array)
