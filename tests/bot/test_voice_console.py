"""A voice note sent through `hisaab chat` is read back, confirmed and only then booked."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path

import pytest

from bot.cli import main
from ledger import Database, find_party, sqlite_url
from tests.conftest import EVAL_DIR
from tests.voice.support import SALE, encode, require_model, speak

OWNER = "+971500000001"


def _run(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


async def _ahmed_balance(data: Path) -> int:
    db = Database(sqlite_url(data))
    try:
        async with db.session() as session:
            ahmed = await find_party(session, 1, "Ahmed Khan")
            assert ahmed is not None
            return ahmed.balance_minor
    finally:
        await db.dispose()


@pytest.mark.slow
def test_a_voice_note_is_read_back_and_booked_only_after_yes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WHISPER_MODEL", str(require_model()))
    monkeypatch.setenv("INTENT_ENGINE", "rules")
    note = tmp_path / "note.ogg"
    note.write_bytes(encode(speak(SALE), "ogg"))  # OGG/Opus, as WhatsApp and Telegram send
    _run(
        ["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER],
        "",
        monkeypatch,
        capsys,
    )

    heard = _run(["chat", "--as", OWNER], f"/voice {note}\n", monkeypatch, capsys)
    assert "I heard" in heard and "Book it?" in heard
    assert "Rice 5kg" in heard
    assert "Sale INV-" not in heard  # nothing is booked before the owner says yes

    booked = _run(["chat", "--as", OWNER], "yes\nwhat did I sell today\n", monkeypatch, capsys)
    assert "✅ Sale INV-2026-0001" in booked
    assert "2 × Rice 5kg @ AED 40 = AED 80" in booked
    assert "Sales today: AED 80 from 1 sale" in booked
    assert asyncio.run(_ahmed_balance(tmp_path / "data")) == 0  # paid: not on credit


@pytest.mark.slow
def test_the_note_leaves_no_audio_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WHISPER_MODEL", str(require_model()))
    note = tmp_path / "note.ogg"
    note.write_bytes(encode(speak(SALE), "ogg"))
    _run(
        ["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER],
        "",
        monkeypatch,
        capsys,
    )
    _run(["chat", "--as", OWNER], f"/voice {note}\nno\n", monkeypatch, capsys)
    audio = [
        p for p in (tmp_path / "data").rglob("*") if p.suffix in {".ogg", ".wav", ".mp3", ".m4a"}
    ]
    assert audio == []
