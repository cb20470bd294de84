"""Signed document links: unguessable, tamper-proof, expiring, serving the sealed document."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet
from sqlmodel import select

from bot.channels.links import DocumentLinks, LinkExpired, derive_secret, sign, verify
from bot.messages import Document
from bot.tables import OutboxRow
from bot.transport.outbox import enqueue
from consent.crypto import Cipher
from ledger import Database
from ledger.types import utcnow
from tests.channels.whatsapp_rig import PDF
from tests.factories import new_phone

SECRET = derive_secret(Fernet.generate_key())


def test_a_link_verifies_until_it_expires() -> None:
    now = utcnow()
    path = sign(42, now + timedelta(hours=24), SECRET, "INV 1.pdf")
    _, _, row_id, expires, signature, filename = path.split("/")
    assert (row_id, filename) == ("42", "INV%201.pdf")
    assert len(signature) == 43  # 256 bits: not guessable
    assert verify(row_id, expires, signature, SECRET, now) == 42
    try:
        verify(row_id, expires, signature, SECRET, now + timedelta(hours=25))
    except LinkExpired:
        pass
    else:
        raise AssertionError("an expired link was accepted")


def test_a_changed_id_expiry_or_secret_is_refused() -> None:
    now = utcnow()
    _, _, row_id, expires, signature, _ = sign(7, now + timedelta(hours=1), SECRET).split("/")
    other_secret = derive_secret(Fernet.generate_key())
    for args in (
        ("8", expires, signature, SECRET),
        (row_id, str(int(expires) + 86400), signature, SECRET),
        (row_id, expires, signature, other_secret),
        (row_id, expires, signature[:-1] + ("A" if signature[-1] != "A" else "B"), SECRET),
        ("7; drop", expires, signature, SECRET),
    ):
        try:
            verify(*args, now)
        except ValueError:
            continue
        raise AssertionError(f"a tampered link was accepted: {args}")


def test_the_secret_is_derived_from_the_key_not_the_key_itself() -> None:
    key = Fernet.generate_key()
    assert derive_secret(key) == derive_secret(key)
    assert derive_secret(key) not in (key, derive_secret(Fernet.generate_key()))


async def queued_document(
    db: Database, cipher: Cipher, document: Document, purpose: str = "invoice"
) -> int:
    """An outbox row holding a sealed document; its id."""
    key = f"links-test:{new_phone()}"
    async with db.session() as session:
        await enqueue(
            session,
            cipher,
            dedup_key=key,
            channel="whatsapp",
            recipient=new_phone(),
            document=document,
            purpose=purpose,
        )
        found = await session.execute(select(OutboxRow).where(OutboxRow.dedup_key == key))
        row = found.scalar_one()
    assert row.id is not None and row.document is not None
    assert document.data not in row.document  # stored sealed
    return row.id


async def test_the_route_serves_the_decrypted_document_until_the_link_expires(
    db: Database,
) -> None:
    cipher = Cipher(Fernet.generate_key())
    links = DocumentLinks(db, cipher, SECRET, "https://shop.example.com", hours=24)
    app = web.Application()
    links.install(app)
    row_id = await queued_document(db, cipher, Document("INV-1.pdf", "application/pdf", PDF))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        url = links.url_for(row_id, "INV-1.pdf")
        assert url.startswith("https://shop.example.com/documents/")
        path = url.removeprefix("https://shop.example.com")
        response = await client.get(path)
        assert response.status == 200
        assert response.content_type == "application/pdf"
        assert await response.read() == PDF
        assert "no-store" in response.headers["Cache-Control"]

        stale = links.url_for(row_id, "INV-1.pdf", utcnow() - timedelta(hours=24, seconds=1))
        assert (await client.get(stale.removeprefix("https://shop.example.com"))).status == 410
        forged = path.replace(path.split("/")[4], "A" * 43)
        assert (await client.get(forged)).status == 404
        missing = links.url_for(10**9, "x.pdf").removeprefix("https://shop.example.com")
        assert (await client.get(missing)).status == 404
        assert (await client.get("/documents/1/2/3/x.pdf")).status == 404


async def test_a_data_export_link_lasts_an_hour_and_serves_once(db: Database) -> None:
    """The audit: the owner's export (the whole shop) sat behind a 24-hour link that anyone
    holding it could fetch again and again."""
    cipher = Cipher(Fernet.generate_key())
    links = DocumentLinks(db, cipher, SECRET, "https://shop.example.com", hours=24)
    app = web.Application()
    links.install(app)
    export = Document("hisaab-export.zip", "application/zip", b"PK\x03\x04 the whole shop")
    row_id = await queued_document(db, cipher, export, purpose="export")
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        url = links.url_for(row_id, export.filename, purpose="export")
        expires = int(url.split("/")[-3])
        assert expires - utcnow().timestamp() <= 3600
        path = url.removeprefix("https://shop.example.com")
        first = await client.get(path)
        assert first.status == 200 and await first.read() == export.data
        assert (await client.get(path)).status == 404  # fetched once: gone
        late = links.url_for(row_id, export.filename, utcnow() - timedelta(hours=1, seconds=1),
                             purpose="export")  # fmt: skip
        assert (await client.get(late.removeprefix("https://shop.example.com"))).status == 410
