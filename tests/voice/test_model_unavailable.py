"""Without a usable model the transcriber says which setting to fix, and never goes online."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.voice.conftest import HINTS
from voice import ModelUnavailable, Transcriber


async def test_a_bad_model_path_names_the_setting(
    tmp_path: Path, network_attempts: list[Any]
) -> None:
    transcriber = Transcriber(tmp_path / "no-such-model")

    with pytest.raises(ModelUnavailable) as raised:
        await transcriber.load()

    assert "WHISPER_MODEL" in str(raised.value)
    assert "no-such-model" in str(raised.value)
    assert "WHISPER_MODEL" not in raised.value.message  # the owner gets a plain apology
    assert network_attempts == []
    transcriber.close()


async def test_a_size_name_not_downloaded_is_unavailable_when_downloads_are_off(
    tmp_path: Path, network_attempts: list[Any]
) -> None:
    transcriber = Transcriber("base", download_root=tmp_path / "models", allow_download=False)

    with pytest.raises(ModelUnavailable) as raised:
        await transcriber.load()

    assert "WHISPER_MODEL" in str(raised.value)
    assert "not in the local cache" in str(raised.value)
    assert network_attempts == []
    transcriber.close()


async def test_a_folder_without_model_files_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    transcriber = Transcriber(tmp_path)

    with pytest.raises(ModelUnavailable, match=r"lacks model\.bin, tokenizer\.json"):
        await transcriber.load()
    transcriber.close()


async def test_an_unknown_size_name_is_unavailable() -> None:
    transcriber = Transcriber("bsae")

    with pytest.raises(ModelUnavailable, match="neither a whisper model folder nor a"):
        await transcriber.load()
    transcriber.close()


async def test_a_note_sent_while_the_model_is_missing_gets_the_same_error(
    tmp_path: Path, sale_notes: dict[str, bytes], network_attempts: list[Any]
) -> None:
    transcriber = Transcriber(tmp_path / "missing")

    with pytest.raises(ModelUnavailable, match="WHISPER_MODEL"):
        await transcriber.transcribe(sale_notes["ogg"], "audio/ogg", hints=HINTS)

    assert network_attempts == []
    transcriber.close()
