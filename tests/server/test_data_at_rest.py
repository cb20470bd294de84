"""What `hisaab serve` leaves on disk and in its log: a private data folder, private SQLite
files, and document links in the access log without the signature that opens them."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.messages import Document
from bot.transport.outbox import enqueue
from tests.factories import new_phone
from tests.waiting import until

from .live import live_server

PDF = b"%PDF-1.4\n% an invoice\n%%EOF\n"


def mode(path: Path) -> int:
    """The permission bits of a file or folder."""
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask of most servers (022): files are world-readable unless made otherwise."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


@pytest.mark.usefixtures("usual_umask")
async def test_a_new_data_folder_is_0700_and_the_sqlite_files_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    async with live_server("", data) as live:  # the default: SQLite in the data folder
        phone = new_phone()
        await live.twilio.inbound(live.whatsapp_hook, phone, "hi")
        await until(lambda: any(m.to == phone for m in live.twilio.sent), "the welcome")
        files = {p.name: mode(p) for p in data.iterdir() if p.is_file()}
        assert mode(data) == 0o700
        assert {"hisaab.db", "hisaab.db-wal", "hisaab.db-shm", "log.key"} <= set(files)
        assert files == dict.fromkeys(files, 0o600)


@pytest.mark.usefixtures("usual_umask")
async def test_an_existing_open_data_folder_and_database_are_made_private(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "hisaab.db").touch(mode=0o644)
    async with live_server("", data) as live:
        assert live.server.adapters  # started on the old files
        assert mode(data) == 0o700
        assert mode(data / "hisaab.db") == 0o600
        assert mode(data / "hisaab.db-wal") == 0o600


async def test_the_access_log_names_a_document_link_without_its_signature(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    async with live_server("", tmp_path / "data") as live:
        phone = new_phone()
        async with live.db.session() as session:
            await enqueue(
                session,
                live.server.cipher,
                dedup_key=f"test:{phone}",
                channel="whatsapp",
                recipient=phone,
                text="Your invoice",
                document=Document("INV-2026-0001.pdf", "application/pdf", PDF),
            )
        live.server.courier.wake.set()
        # The fake Twilio fetches the link as Twilio does, through our server.
        await until(lambda: any(m.to == phone and m.media for m in live.twilio.sent), "sent")
    (sent,) = [m for m in live.twilio.sent if m.to == phone]
    assert sent.media[0][:2] == (200, "application/pdf")
    (url,) = sent.media_urls
    path = url.removeprefix(live.url)
    _, _, row, expires, signature, name = path.split("/")
    access = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert any(f"/documents/{row}/{expires}/-/{name}" in line for line in access), access
    assert signature not in caplog.text
