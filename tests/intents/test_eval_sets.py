"""The labelled sets, graded with the shared scorer's rules, with floors that only rise."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from intents import RuleParser
from intents.batch import run_batch
from tests.intents.conftest import DATA, eval_dir

DEV_INTENT_FLOOR = 1.0
DEV_FRAME_FLOOR = 1.0
EXTRA_INTENT_FLOOR = 1.0
EXTRA_FRAME_FLOOR = 1.0


def grade(cases_path: Path, catalogs: Path) -> tuple[float, float, list[str]]:
    """Intent and frame accuracy over a labelled file, plus the failing ids."""
    scorer = _scorer()
    lines = cases_path.read_text("utf-8").splitlines()
    blind = [json.dumps({k: v for k, v in json.loads(x).items() if k != "expect"}) for x in lines]
    out = io.StringIO()
    run_batch(blind, out, catalogs, RuleParser())
    preds = {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}
    intent_ok = frame_ok = 0
    failures: list[str] = []
    for line in lines:
        case = json.loads(line)
        want, got = case["expect"], preds[case["id"]]
        if got["intent"] == want["intent"]:
            intent_ok += 1
            if scorer.norm_slots(got["slots"]) == scorer.norm_slots(want["slots"]):
                frame_ok += 1
                continue
        failures.append(f"{case['id']}: {case['text']} -> {got}")
    return intent_ok / len(lines), frame_ok / len(lines), failures


def _scorer() -> Any:
    import importlib.util

    path = eval_dir() / "score.py"
    spec = importlib.util.spec_from_file_location("hisaab_eval_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shared_eval() -> Path:
    folder = eval_dir()
    if not (folder / "dev.jsonl").is_file():
        pytest.fail(f"eval set not found in {folder}: set HISAAB_EVAL_DIR to shared/eval")
    return folder


def test_dev_set_meets_its_floor(shared_eval: Path) -> None:
    intent, frame, failures = grade(shared_eval / "dev.jsonl", shared_eval)
    assert intent >= DEV_INTENT_FLOOR, failures
    assert frame >= DEV_FRAME_FLOOR, failures


def test_our_own_extra_set_meets_its_floor(shared_eval: Path) -> None:
    intent, frame, failures = grade(DATA / "extra.jsonl", DATA)
    assert len(failures) == 0 or intent >= EXTRA_INTENT_FLOOR, failures
    assert frame >= EXTRA_FRAME_FLOOR, failures


def test_batch_never_reads_expect(tmp_path: Path, shared_eval: Path) -> None:
    case = {"id": "t-1", "shop": "ae", "role": "owner", "text": "undo", "expect": "poison"}
    out = io.StringIO()
    assert run_batch([json.dumps(case)], out, shared_eval, RuleParser()) == 1
    # The prediction says whether the conversation would ask first (an undo can be undone).
    assert json.loads(out.getvalue()) == {"id": "t-1", "intent": "undo", "slots": {}, "ask": False}
