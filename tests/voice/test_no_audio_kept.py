"""A voice note is never written to disk: not to the temp folder, not next to the data."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.voice.conftest import HINTS
from voice import Transcriber, transcribe_file

pytestmark = pytest.mark.slow

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
_watching = threading.Event()
_written: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Audit hooks cannot be removed, so this one only records while a test is watching.
    if event == "open" and _watching.is_set():
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else flags & _WRITE_FLAGS
        if writes:
            _written.append(str(path))


sys.addaudithook(_audit)


@contextmanager
def files_opened_for_writing() -> Iterator[list[str]]:
    """Paths that Python code in any thread opens for writing inside the block."""
    _written.clear()
    _watching.set()
    try:
        yield _written
    finally:
        _watching.clear()


def listing(folder: Path) -> dict[str, int]:
    """Every file under a folder, with its size."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*")}


async def test_a_transcribed_note_leaves_nothing_on_disk(
    transcriber: Transcriber,
    sale_notes: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp, data = tmp_path / "tmp", tmp_path / "data"
    temp.mkdir()
    data.mkdir()
    note = data / "note.ogg"
    note.write_bytes(sale_notes["ogg"])
    # Anything that asks for a temp file, in Python or in C libraries, now lands in `temp`.
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    before = listing(data)

    with files_opened_for_writing() as written:
        transcript = await transcribe_file(note, transcriber, hints=HINTS)
        await transcriber.transcribe(sale_notes["m4a"], "audio/mp4", hints=HINTS)

    assert "rice" in transcript.text.lower()
    assert written == []
    assert listing(temp) == {}
    assert listing(data) == before


def test_the_watch_sees_a_file_written_from_another_thread(tmp_path: Path) -> None:
    with files_opened_for_writing() as written:
        worker = threading.Thread(target=(tmp_path / "x.ogg").write_bytes, args=(b"OggS",))
        worker.start()
        worker.join()

    assert written == [str(tmp_path / "x.ogg")]
