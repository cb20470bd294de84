"""Signed document links: how WhatsApp fetches an invoice PDF from our own server.

Twilio sends a document as a `MediaUrl` that it downloads itself, so the PDF must be reachable
without credentials. A link names an outbox row and an expiry and carries an HMAC-SHA256 of
both: `/documents/<row id>/<expires, unix seconds>/<signature>/<filename>`. Without the
server's secret a link cannot be made or altered; once expired it answers 410. The secret is
derived from the key that seals the outbox (HISAAB_LOG_KEY or the data folder's key file), so
every process of a deployment verifies every other's links and no second key needs managing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from aiohttp import web

from consent.crypto import Cipher, load_key
from ledger import Database
from ledger.types import utcnow

from ..settings import Settings
from ..tables import OutboxRow

ROUTE = "/documents/{id}/{expires}/{signature}/{filename}"
EXPORT_HOURS = 1
_CONTEXT = b"hisaab document links v1"
_SIGNED = re.compile(r"^(/documents/[^/]*/[^/]*/)[^/]+")


def derive_secret(key: bytes) -> bytes:
    """The links' HMAC secret, derived from the outbox key (never the key itself)."""
    return hmac.new(key, _CONTEXT, hashlib.sha256).digest()


def secret_from_settings(settings: Settings) -> bytes:
    """The links' secret for a process: from HISAAB_LOG_KEY, else the data folder's key file."""
    configured = settings.hisaab_log_key.get_secret_value() if settings.hisaab_log_key else None
    return derive_secret(load_key(configured, settings.hisaab_data_dir))


def _signature(outbox_id: int, expires: int, secret: bytes) -> str:
    mac = hmac.new(secret, f"{outbox_id}:{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def sign(outbox_id: int, expires_at: datetime, secret: bytes, filename: str = "document") -> str:
    """The path of a link to an outbox row's document, valid until `expires_at`."""
    expires = int(expires_at.timestamp())
    signature = _signature(outbox_id, expires, secret)
    return f"/documents/{outbox_id}/{expires}/{signature}/{quote(filename or 'document', safe='')}"


def redact(path: str) -> str:
    """A request path fit for a log: a document link's signature (its whole secret) left out."""
    return _SIGNED.sub(r"\1-", path)


class LinkExpired(Exception):
    """The link was genuine but its time is over."""


def verify(outbox_id: str, expires: str, signature: str, secret: bytes, now: datetime) -> int:
    """The outbox row id a link names; ValueError if forged, LinkExpired if too old."""
    if not (outbox_id.isdigit() and expires.isdigit()):
        raise ValueError("not a document link")
    row_id, until = int(outbox_id), int(expires)
    if not hmac.compare_digest(_signature(row_id, until, secret), signature):
        raise ValueError("bad signature")
    if now >= datetime.fromtimestamp(until, UTC):
        raise LinkExpired(f"link to document {row_id} expired")
    return row_id


@dataclass(slots=True)
class DocumentLinks:
    """Makes links to outbox documents and serves them (`install` adds the route)."""

    db: Database
    cipher: Cipher
    secret: bytes
    public_base_url: str
    hours: int = 24

    def url_for(
        self, outbox_id: int, filename: str, now: datetime | None = None, purpose: str = ""
    ) -> str:
        """The full public URL of a row's document, valid for `hours` from now (a data export:
        one hour, and it can be fetched once)."""
        hours = EXPORT_HOURS if purpose == "export" else self.hours
        expires_at = (now or utcnow()) + timedelta(hours=hours)
        path = sign(outbox_id, expires_at, self.secret, filename)
        return self.public_base_url.rstrip("/") + path

    def install(self, app: web.Application) -> None:
        """Add GET /documents/… to the server's application."""
        app.router.add_get(ROUTE, self.serve)

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """The document, decrypted: 404 for a forged link or a missing row, 410 once expired."""
        info = request.match_info
        try:
            row_id = verify(info["id"], info["expires"], info["signature"], self.secret, utcnow())
        except LinkExpired:
            raise web.HTTPGone(text="This link has expired.") from None
        except ValueError:
            raise web.HTTPNotFound() from None
        async with self.db.session() as session:
            row = await session.get(OutboxRow, row_id)
            if row is None or row.document is None:
                raise web.HTTPNotFound()
            try:
                data = self.cipher.open_bytes(row.document)
            except ValueError:
                raise web.HTTPNotFound() from None
            if row.purpose == "export":
                row.document = None  # a whole shop's data: fetched once, then gone
        name = quote(row.document_name or "document", safe="")
        return web.Response(
            body=data,
            content_type=row.document_mime or "application/octet-stream",
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{name}",
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
