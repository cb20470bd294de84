"""Encryption at rest of message text: Fernet with a key from HISAAB_LOG_KEY or a key file."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

KEY_FILE = "log.key"


class Cipher:
    """Encrypts and decrypts message text and documents with one Fernet key."""

    def __init__(self, key: bytes | str) -> None:
        raw = key.encode() if isinstance(key, str) else key
        self._fernet = Fernet(raw)
        # A separate key for pseudonyms, derived so that one secret still does everything.
        self._pepper = hashlib.sha256(b"hisaab-pseudonym:" + raw.strip()).digest()

    def seal(self, text: str) -> str:
        """Text to an opaque token safe to store."""
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        """The text a token was sealed from; raises ValueError if the token is not ours."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise ValueError("this record was sealed with another key") from exc

    def pseudonym(self, address: str) -> str:
        """A keyed hash of an address: the same person maps to the same value, irreversibly."""
        digest = hmac.new(self._pepper, address.encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()[:32]

    def seal_bytes(self, data: bytes) -> bytes:
        """Bytes (a document) to an opaque token."""
        return self._fernet.encrypt(data)

    def open_bytes(self, token: bytes) -> bytes:
        """The bytes a token was sealed from."""
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise ValueError("this record was sealed with another key") from exc


def load_key(configured: str | None, data_dir: Path) -> bytes:
    """HISAAB_LOG_KEY if set, else the key file in the data folder, created once with 0600."""
    if configured:
        key = configured.strip().encode("ascii")
        Fernet(key)  # refuses a malformed key now, not at the first message
        return key
    path = data_dir / KEY_FILE
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # only the owner may enter
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    return key
