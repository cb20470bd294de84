"""`python -m voice FILE` prints the transcript, then the timing; failures exit 1 politely."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice.__main__ import main


@pytest.mark.slow
def test_the_command_prints_the_transcript_and_its_timing(
    model_path: Path,
    sale_notes: dict[str, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    note = tmp_path / "note.ogg"
    note.write_bytes(sale_notes["ogg"])

    status = main([str(note), "--model", str(model_path), "--word", "Ahmed", "--word", "rice"])

    out, err = capsys.readouterr()
    assert status == 0
    assert "rice" in out.lower()
    assert "real-time factor" in err
    assert "model load" in err


def test_a_missing_model_exits_1_with_the_setting_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.ogg"
    note.write_bytes(b"OggS")

    status = main([str(note), "--model", str(tmp_path / "nowhere")])

    assert status == 1
    assert "WHISPER_MODEL" in capsys.readouterr().err


@pytest.mark.slow
def test_a_missing_file_exits_1(model_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["/nonexistent/note.ogg", "--model", str(model_path)]) == 1
    assert "cannot read" in capsys.readouterr().err
