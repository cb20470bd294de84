"""The data folder and the SQLite files in it: readable by the user who runs Hisaab, no one else.

The folder holds the key that seals the logs and, on SQLite, the books themselves (names,
phone numbers, amounts in plain text), so it is made 0700 and the database files 0600. SQLite
gives its -wal and -shm files the mode of the database file, so making that one first is enough.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

from consent.crypto import KEY_FILE

from .settings import Settings

log = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_SQLITE_FILES = ("", "-wal", "-shm", "-journal")


def private_folder(path: Path) -> None:
    """Create a folder only its owner may enter; take others' access away from an existing one."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_FOLDER)


def prepare(settings: Settings) -> None:
    """Make the data folder private, and the SQLite database file (created empty) with it."""
    private_folder(settings.hisaab_data_dir)
    _tighten(settings.hisaab_data_dir / KEY_FILE, PRIVATE_FILE)
    path = sqlite_path(settings.db_url)
    if path is None:
        return
    if not path.parent.exists():
        private_folder(path.parent)
    # SQLite takes an empty file for an empty database; made here, it is 0600 from the start.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for suffix in _SQLITE_FILES:
        _tighten(path.with_name(path.name + suffix), PRIVATE_FILE)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    name = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or name in ("", ":memory:"):
        return None
    if name.startswith("file:"):
        return None  # a URI filename: SQLite's to interpret
    return Path(name)


def _tighten(path: Path, mode: int) -> None:
    """Take group and others' access away from an existing file or folder of ours."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current & 0o077:
        try:
            path.chmod(current & mode)
        except PermissionError:
            log.warning("%s is open to other users (%o) and not ours to change", path, current)
