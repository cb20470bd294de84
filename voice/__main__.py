"""`python -m voice FILE [--model M]`: transcribe one audio file and show the timing."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time

from voice.errors import VoiceError
from voice.file import transcribe_file
from voice.transcriber import DEFAULT_MAX_SECONDS, Transcriber
from voice.transcript import TranscriptionHints


def main(argv: list[str] | None = None) -> int:
    """Transcribe FILE and print the text, then language, confidence and timing."""
    parser = argparse.ArgumentParser(prog="python -m voice", description=main.__doc__)
    parser.add_argument("file", help="an audio file: .ogg/.opus, .mp3, .m4a, .wav ...")
    parser.add_argument(
        "--model",
        default=os.environ.get("WHISPER_MODEL", "base"),
        help="a faster-whisper size name or a converted model folder (default: $WHISPER_MODEL "
        "or base)",
    )
    parser.add_argument("--word", action="append", default=[], help="a name to listen for")
    parser.add_argument("--language", help="language code such as en, hi, ur, ar")
    parser.add_argument("--max-seconds", type=float, default=DEFAULT_MAX_SECONDS)
    parser.add_argument(
        "--allow-download", action="store_true", help="fetch a size name from the HF Hub once"
    )
    args = parser.parse_args(argv)
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    transcriber = Transcriber(
        args.model, max_seconds=args.max_seconds, allow_download=args.allow_download
    )
    try:
        started = time.perf_counter()
        await transcriber.load()
        loaded = time.perf_counter() - started
        hints = TranscriptionHints(words=args.word, language=args.language)
        transcript = await transcribe_file(args.file, transcriber, hints=hints)
    except VoiceError as exc:
        print(f"{exc.message}\n({exc})", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        transcriber.close()
    print(transcript.text)
    print(
        f"[{transcript.language}, confidence {transcript.confidence:.2f}, "
        f"{transcript.duration_s:.1f} s of audio in {transcript.elapsed_s:.2f} s "
        f"(real-time factor {transcript.elapsed_s / transcript.duration_s:.3f}), "
        f"model load {loaded:.2f} s]",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
