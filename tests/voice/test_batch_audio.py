"""`hisaab intents parse` grades spoken cases like typed ones: a case with "audio" is
transcribed with the shop's words as bias, parsed, and every write from voice is asked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL_DIR
from tests.voice.support import require_model, speak

pytestmark = pytest.mark.slow


def test_spoken_cases_are_heard_parsed_and_always_asked(tmp_path: Path) -> None:
    model = require_model()
    sale, silence = tmp_path / "sale.wav", tmp_path / "noise.wav"
    sale.write_bytes(speak("sold two bags of rice to Ahmed, forty dirhams each"))
    silence.write_bytes(b"RIFF....WAVEnot audio at all")
    cases = [
        {"id": "v-1", "shop": "ae", "role": "owner", "audio": str(sale)},
        {"id": "v-2", "shop": "ae", "role": "owner", "audio": str(silence)},
        {"id": "t-1", "shop": "ae", "role": "owner", "text": "sold 2 rice to ahmed 40 each"},
    ]
    env = {**os.environ, "WHISPER_MODEL": str(model), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("hisaab")),
            "intents",
            "parse",
            "--catalogs",
            str(EVAL_DIR),
        ],
        input="\n".join(json.dumps(c) for c in cases),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    spoken, broken, typed = (json.loads(line) for line in done.stdout.splitlines())
    assert "rice" in spoken["heard"].lower()
    assert spoken["intent"] == "record_sale" and spoken["ask"] is True
    assert spoken["slots"]["items"][0]["product"] == "Rice 5kg"
    assert broken == {"id": "v-2", "intent": "unknown", "slots": {}, "ask": False, "heard": ""}
    assert "noise.wav" in done.stderr
    assert typed["intent"] == "record_sale" and typed["ask"] is False and "heard" not in typed
